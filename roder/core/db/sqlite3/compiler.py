from django.db.models.sql import compiler
from django.db.models.sql.compiler import SQLAggregateCompiler, SQLCompiler, SQLDeleteCompiler

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
