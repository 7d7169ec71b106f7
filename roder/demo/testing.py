"""The demo for tests, built once per test process and restored from a snapshot for each test.

Building the demo through the services takes seconds; restoring the rows it left takes a few
milliseconds. `restore_demo()` puts the demo into the test database as `build_demo()` would have
left it: the first call (per language, per test process, so per pytest-xdist worker) builds the
demo on the freshly migrated database inside a savepoint, copies every table's rows and rolls
the savepoint back; every call then replaces the rows of every table with that copy.

It works inside a test's transaction (pytest-django's `db`: rolled back after the test, so no
other test sees the demo) and in a committed database (`transactional_db`, `live_server`: the
flush after the test removes it), on SQLite and on PostgreSQL. Foreign keys are deferred on both
(Django creates them so), so the tables can be emptied and filled in any order.

The copy is exact: SQLite's values are read without Django's converters (`+"column"` has no
declared type), PostgreSQL's through COPY in its text format. Sequences are set past the restored
ids afterwards.
"""

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation

# The migrated database before any test wrote to it, taken once per test process
# (conftest.py's django_db_setup), and the demo built on it, per language.
_base: "Snapshot | None" = None
_demos: dict[str, "Snapshot"] = {}


class Snapshot:
    """Every table's rows, as the database holds them."""

    def __init__(self, tables: dict[str, Any]):
        self.tables = tables

    @classmethod
    def take(cls) -> "Snapshot":
        with connection.cursor() as cursor:
            names = connection.introspection.table_names(cursor)
            if connection.vendor == "postgresql":
                return cls({name: _pg_copy_out(cursor, name) for name in names})
            return cls({name: _sqlite_rows(cursor, name) for name in names})

    def restore(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            quote = connection.ops.quote_name
            for name in self.tables:
                cursor.execute(f"DELETE FROM {quote(name)}")
            for name, rows in self.tables.items():
                if connection.vendor == "postgresql":
                    _pg_copy_in(cursor, name, rows)
                else:
                    _sqlite_insert(cursor, name, rows)
            models = apps.get_models(include_auto_created=True)
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        ContentType.objects.clear_cache()


def _sqlite_rows(cursor, name: str) -> tuple[list[str], list[tuple]]:
    quote = connection.ops.quote_name
    cursor.execute(f"SELECT * FROM {quote(name)} LIMIT 0")
    columns = [column[0] for column in cursor.description]
    if not columns:
        return columns, []
    # A bare column would pass through Django's converters (text dates become date objects);
    # unary plus is SQLite's no-op that drops the declared type, so the stored value comes back.
    listed = ", ".join(f"+{quote(c)} AS {quote(c)}" for c in columns)
    cursor.execute(f"SELECT {listed} FROM {quote(name)}")
    return columns, cursor.fetchall()


def _sqlite_insert(cursor, name: str, table: tuple[list[str], list[tuple]]) -> None:
    columns, rows = table
    if not rows:
        return
    quote = connection.ops.quote_name
    listed = ", ".join(quote(c) for c in columns)
    marks = ", ".join("?" * len(columns))
    # The driver's own cursor: Django's would turn %s into ? and adapt values; these are raw.
    connection.connection.cursor().executemany(
        f"INSERT INTO {quote(name)} ({listed}) VALUES ({marks})", rows
    )


def _pg_copy_out(cursor, name: str) -> tuple[str, bytes]:
    quote = connection.ops.quote_name
    cursor.execute(f"SELECT * FROM {quote(name)} LIMIT 0")
    # Named columns: a table a migration test rebuilt may hold them in another order.
    listed = ", ".join(quote(column[0]) for column in cursor.description)
    with cursor.cursor.copy(f"COPY {quote(name)} ({listed}) TO STDOUT") as copy:
        return listed, b"".join(bytes(block) for block in copy)


def _pg_copy_in(cursor, name: str, table: tuple[str, bytes]) -> None:
    listed, data = table
    if data:
        quote = connection.ops.quote_name
        with cursor.cursor.copy(f"COPY {quote(name)} ({listed}) FROM STDIN") as copy:
            copy.write(data)


def remember_base() -> None:
    """Keep the migrated, still empty test database (called once, before any test runs)."""
    global _base
    _base = Snapshot.take()


def restore_demo() -> None:
    """The demo in the test database, as `build_demo()` leaves it in the active language."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language not in _demos:
        _demos[language] = _build()
    _demos[language].restore()


class _Discard(Exception):
    pass


def _build() -> Snapshot:
    from roder.demo.services import build_demo

    pending = len(connection.run_on_commit)
    try:
        with transaction.atomic():
            if _base is not None:
                _base.restore()
            # The hasher the tests use (conftest.py): "demo" checks out quickly.
            with override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
            ):
                build_demo()
            if len(connection.run_on_commit) != pending:
                raise AssertionError(
                    "build_demo() left work for after its commit, which a snapshot would lose"
                )
            snapshot = Snapshot.take()
            raise _Discard
    except _Discard:
        pass
    ContentType.objects.clear_cache()
    return snapshot
