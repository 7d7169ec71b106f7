"""Roder's database backends: Django's SQLite and PostgreSQL backends whose insert and update
statements first check every value against its field (`roder.core.validation`), so both
databases refuse the same values with the same message. DATABASE_URL picks one of them
(config/env.py); nothing else differs from Django's backends."""

from typing import TYPE_CHECKING, Any

from roder.core.validation import check_objects, check_values

if TYPE_CHECKING:
    from django.db.models.sql.compiler import SQLInsertCompiler, SQLUpdateCompiler

    InsertBase = SQLInsertCompiler
    UpdateBase = SQLUpdateCompiler
else:
    InsertBase = UpdateBase = object


class CheckedInsert(InsertBase):
    """An insert compiler that checks the values of every row it inserts."""

    def as_sql(self, *args: Any, **kwargs: Any) -> Any:
        check_objects([f for f in self.query.fields if f is not None], self.query.objs)
        return super().as_sql(*args, **kwargs)


class CheckedUpdate(UpdateBase):
    """An update compiler that checks the values it sets (literals inside expressions too)."""

    def as_sql(self, *args: Any, **kwargs: Any) -> Any:
        values: list[Any] = self.query.values  # type: ignore[attr-defined]
        check_values((field, value) for field, _model, value in values)
        return super().as_sql(*args, **kwargs)


def analyse() -> None:
    """Refresh PostgreSQL's planner statistics after a bulk load (the benchmark, tests that grow
    big trees): without them the planner takes each new table for one row and nests seq-scan
    loops over thousands. autovacuum does this in a running installation; SQLite needs none."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
