"""Twenty people save the same outcome grid at the same moment, each in its own thread and
database connection: one save wins, nineteen are refused, nothing is lost and nobody gets a 500
(on SQLite: no "database is locked")."""

import sqlite3
import threading
from contextlib import contextmanager

import pytest
from django.db import connections
from django.db.utils import load_backend
from django.test import Client
from django.urls import reverse
from django.utils import translation

from roder.core.models import HistoryEntry
from roder.core.services import ConcurrentEditError
from roder.core.testing import page_form
from roder.followup.models import Outcome
from roder.followup.testing import follow_up, make_indicator, report
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan
from roder.testing import make_person

WRITERS = 20


@contextmanager
def database_for_threads(tmp_path):
    """The test database as separate connections see it. pytest-django's SQLite test database
    lives in memory, where threads would share one cache with table locks instead of waiting for
    the write lock as on a real file: so on SQLite the database is copied to a file, and every
    connection (this thread's too) uses it until the block ends. The settings stay as they are
    (transaction_mode IMMEDIATE, timeout 20). PostgreSQL is used as it is."""
    memory = connections["default"]
    if memory.vendor != "sqlite":
        yield
        return
    path = tmp_path / "roder.sqlite3"
    memory.ensure_connection()
    target = sqlite3.connect(path)
    memory.connection.backup(target)
    target.close()
    shared = memory.settings_dict  # the dict new connections (other threads) are made from
    name, shared["NAME"] = shared["NAME"], str(path)
    on_file = load_backend(shared["ENGINE"]).DatabaseWrapper(dict(shared), "default")
    connections["default"] = on_file
    try:
        yield
    finally:
        on_file.close()
        shared["NAME"] = name
        connections["default"] = memory


def in_parallel(work, count: int) -> list:
    """Run work(i) in `count` threads released together; each closes its own connection."""
    start = threading.Barrier(count)
    results: list = [None] * count

    def run(i):
        start.wait()
        try:
            results[i] = work(i)
        except Exception as error:  # a crash is a result too: the test reports it
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("stored", [True, False], ids=["changing-a-row", "creating-a-row"])
def test_it_saves_one_of_twenty_parallel_saves_and_refuses_the_rest(world, tmp_path, stored):
    goal = make_goal(make_plan(world.unit_a), "Snabb återkoppling")
    indicator = make_indicator(world.unit_a, "Svar inom 8 timmar")
    follow_up(goal, indicator, target="85")
    period = make_period(world.organisation)
    if stored:
        report(indicator, world.unit_a, period, "50")
    path = reverse(
        "followup:unit_report",
        kwargs={"org": "testkommun", "unit_pk": world.unit_a.pk, "period_pk": period.pk},
    )
    clients = [Client(raise_request_exception=False) for _i in range(WRITERS)]
    for i, client in enumerate(clients):
        client.force_login(
            make_person(world.organisation, f"rapportor{i}", role="reporter", unit=world.unit_a)
        )
    shown = page_form(clients[0], path, containing=f"i{indicator.pk}-value")  # as all saw it
    field = f"i{indicator.pk}-value"
    forms = [{**shown, field: str(60 + i)} for i in range(WRITERS)]  # each types their own
    history = HistoryEntry.objects.count()
    with translation.override("sv"):
        refusal = ConcurrentEditError().messages[0]

    with database_for_threads(tmp_path):
        responses = in_parallel(lambda i: clients[i].post(path, forms[i]), WRITERS)

        crashes = [r for r in responses if not hasattr(r, "status_code") or r.status_code >= 500]
        assert crashes == []
        saved = [i for i, r in enumerate(responses) if r.status_code == 302]
        refused = [i for i, r in enumerate(responses) if refusal in r.content.decode()]
        assert (len(saved), len(refused)) == (1, WRITERS - 1)
        outcome = Outcome.objects.get()
        assert outcome.value == 60 + saved[0]  # the winner's value, not overwritten after
        assert outcome.version == (2 if stored else 1)
        assert HistoryEntry.objects.count() == history + 1
