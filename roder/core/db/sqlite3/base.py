"""Django's SQLite backend with Roder's value checks (roder/core/db/__init__.py)."""

from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.backends.sqlite3 import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    compiler_module = "roder.core.db.sqlite3.compiler"
    # Model fields take their range validators (forms, admin, full_clean) from here: PostgreSQL's
    # ranges instead of SQLite's "any 64-bit number", so a form refuses the same numbers on both.
    integer_field_range = BaseDatabaseOperations.integer_field_range


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
