"""Django's SQLite backend with Roder's value checks (roder/core/db/__init__.py), and the
function the search folds text with (`roder.core.search.Folded`)."""

from typing import Any

from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.backends.sqlite3 import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    compiler_module = "roder.core.db.sqlite3.compiler"
    # Model fields take their range validators (forms, admin, full_clean) from here: PostgreSQL's
    # ranges instead of SQLite's "any 64-bit number", so a form refuses the same numbers on both.
    integer_field_range = BaseDatabaseOperations.integer_field_range


def _fold(text: str | None) -> str | None:
    """RODER_FOLD(x): lower case for every letter (SQLite's LOWER() folds only A-Z, so
    "Ö" would stay "Ö"); deterministic, so SQLite may use it in indexes and optimise calls."""
    return None if text is None else str(text).lower()


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def get_new_connection(self, conn_params: Any) -> Any:
        # Registered on the connection as Django registers its own functions (REGEXP, …), so it
        # exists wherever Roder's SQLite backend runs; no signal, no migration.
        conn = super().get_new_connection(conn_params)
        conn.create_function("RODER_FOLD", 1, _fold, deterministic=True)
        return conn
