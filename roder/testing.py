"""The shared test world (style.md): a small organisation tree with one person per persona.

    Testkommun (municipality)
    └── Kommunstyrelsen (committee)
        └── Förvaltningen (administration)
            ├── Enhet A (unit)
            └── Enhet B (unit)

admin: administrator on the municipality · controller: controller on the committee ·
manager: unit manager of Enhet A · reporter: reporter on Enhet A · reader: reader on the
municipality · outsider: unit manager of the sibling Enhet B. Everyone's password is PASSWORD.
PERSONAS lists them; EVERYONE and READ_A are the status tables the view tests start from.
"""

import datetime
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connections

from roder.organisation import services
from roder.organisation.models import Organisation, Unit, UnitKind

PASSWORD = "test-password-123"
START = datetime.date(2020, 1, 1)

# The personas (World's people), in the order the tests list them, and the statuses of a page
# of Enhet A as each of them gets it: everyone sees it except the outsider, who manages the
# sibling Enhet B. Tests build their other tables from these (READ_A | {"reader": 403}).
PERSONAS = ["admin", "controller", "manager", "reporter", "reader", "outsider"]
EVERYONE = dict.fromkeys(PERSONAS, 200)
READ_A = EVERYONE | {"outsider": 404}


@dataclass
class World:
    organisation: Organisation
    municipality: Unit
    committee: Unit
    administration: Unit
    unit_a: Unit
    unit_b: Unit
    admin: object
    controller: object
    manager: object
    reporter: object
    reader: object
    outsider: object

    @property
    def personas(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in PERSONAS}


def make_organisation(name: str = "Testkommun", slug: str = "testkommun") -> Organisation:
    organisation = services.organisation_create(name=name, slug=slug, root_code="K", by=None)
    Unit.objects.filter(organisation=organisation).update(valid_from=START)
    return organisation


def make_unit(parent: Unit, code: str, name: str, kind: str = UnitKind.UNIT, **extra) -> Unit:
    return services.unit_create(
        organisation=parent.organisation,
        parent=parent,
        kind=kind,
        code=code,
        name=name,
        valid_from=extra.pop("valid_from", START),
        by=extra.pop("by", None),
        **extra,
    )


def make_person(organisation: Organisation, username: str, *, role=None, unit=None, **extra):
    person = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        organisation=organisation,
        first_name=extra.pop("first_name", username.capitalize()),
        last_name=extra.pop("last_name", "Testsson"),
        email=extra.pop("email", f"{username}@example.se"),
        **extra,
    )
    if role:
        services.role_grant(person=person, unit=unit, kind=role, by=None)
    return person


def build_world() -> World:
    organisation = make_organisation()
    municipality = Unit.objects.get(organisation=organisation, parent=None)
    committee = make_unit(municipality, "KS", "Kommunstyrelsen", UnitKind.COMMITTEE)
    administration = make_unit(committee, "FV", "Förvaltningen", UnitKind.ADMINISTRATION)
    unit_a = make_unit(administration, "A", "Enhet A")
    unit_b = make_unit(administration, "B", "Enhet B")
    return World(
        organisation=organisation,
        municipality=municipality,
        committee=committee,
        administration=administration,
        unit_a=unit_a,
        unit_b=unit_b,
        admin=make_person(organisation, "admin", role="administrator", unit=municipality),
        controller=make_person(organisation, "controller", role="controller", unit=committee),
        manager=make_person(organisation, "manager", role="unit_manager", unit=unit_a),
        reporter=make_person(organisation, "reporter", role="reporter", unit=unit_a),
        reader=make_person(organisation, "reader", role="reader", unit=municipality),
        outsider=make_person(organisation, "outsider", role="unit_manager", unit=unit_b),
    )


def add_units(parent: Unit, count: int) -> list[Unit]:
    """Many units below `parent` at once (bulk, not through the service: for size tests)."""
    Unit.objects.bulk_create(
        Unit(
            organisation=parent.organisation,
            parent=parent,
            kind="unit",
            code=f"{parent.code}-{n}",
            name=f"Enhet {parent.code}-{n}",
            valid_from=parent.valid_from,
            depth=parent.depth + 1,
        )
        for n in range(count)
    )
    created = list(Unit.objects.filter(parent=parent, path=""))
    for unit in created:
        unit.path = f"{parent.path}{unit.pk}/"
    Unit.objects.bulk_update(created, ["path"])
    return created


@contextmanager
def parallel_database(models):
    """A database that threads share as web servers do, for tests of parallel writers. Yields
    `run(work, count)`: work(i) in `count` threads released at once, each on its own connection;
    returns their results (an exception counts as a result) in order.

    On PostgreSQL this is the test database (mark the test django_db(transaction=True)). On
    SQLite the test database lives in memory, where connections do not wait for each other's
    locks as they do on a file; the block and its threads then use a new file database with the
    same options, holding only the tables of `models`."""
    default = connections["default"]
    if default.vendor != "sqlite":
        yield partial(_in_threads, connect=None)
        return
    with tempfile.TemporaryDirectory() as folder:
        options = {**default.settings_dict, "NAME": str(Path(folder) / "parallel.sqlite3")}

        def connect():
            return type(default)(options, alias="default")

        connections["default"] = own = connect()
        try:
            with own.schema_editor() as editor:
                for model in models:
                    editor.create_model(model)
            yield partial(_in_threads, connect=connect)
        finally:
            own.close()
            connections["default"] = default


def _in_threads(work, count: int, *, connect) -> list:
    results: list = [None] * count
    start = threading.Barrier(count)

    def one(index: int) -> None:
        if connect is not None:
            connections["default"] = connect()
        try:
            start.wait()
            results[index] = work(index)
        except Exception as exc:  # the test looks at what each thread got
            results[index] = exc
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=one, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
