from django.db.backends.postgresql import compiler
from django.db.backends.postgresql.compiler import (
    SQLAggregateCompiler,
    SQLCompiler,
    SQLDeleteCompiler,
)

from roder.core.db import CheckedInsert, CheckedUpdate

__all__ = [
    "SQLAggregateCompiler",
    "SQLCompiler",
    "SQLDeleteCompiler",
    "SQLInsertCompiler",
    "SQLUpdateCompiler",
]


class SQLInsertCompiler(CheckedInsert, compiler.SQLInsertCompiler):
    pass


class SQLUpdateCompiler(CheckedUpdate, compiler.SQLUpdateCompiler):
    pass
