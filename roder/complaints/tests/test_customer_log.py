"""The kundlogg: a unit's customer contacts and meetings, counted per period; who may read and
write it; bad input writes nothing; a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.complaints import selectors, services
from roder.complaints.models import CustomerContact
from roder.testing import PERSONAS, READ_A, make_unit

pytestmark = pytest.mark.django_db

WRITE_A = {"admin": 302, "controller": 302, "manager": 302, "reporter": 302}
WRITE_A |= {"reader": 403, "outsider": 404}


def url(world, unit):
    return reverse(
        "complaints:customer_log", kwargs={"org": world.organisation.slug, "unit_pk": unit.pk}
    )


def log(unit, day, kind="meeting", count=1):
    return services.contact_add(unit=unit, day=day, kind=kind, count=count, note="Möte", by=None)


def test_counts_per_month_and_tertial_over_the_branch(world):
    below = make_unit(world.unit_a, "A1", "Enhet A1")
    log(world.unit_a, datetime.date(2025, 1, 15))
    log(below, datetime.date(2025, 4, 30), count=3)
    log(below, datetime.date(2025, 5, 2), kind="phone", count=10)
    log(world.unit_b, datetime.date(2025, 5, 2))
    log(world.unit_a, datetime.date(2024, 5, 2))  # another year
    counts = selectors.contact_counts(world.unit_a, 2025)
    assert counts.total == 14
    assert dict(counts.kinds) == {"Möte": 4, "Telefon": 10, "Besök": 0, "E-post": 0}
    assert [all for _t, _c, all in counts.tertials] == [4, 10, 0]
    assert counts.months[4] == (5, [0, 10, 0, 0], 10)
    assert selectors.contact_counts(below, 2025).total == 13


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_who_sees_the_unit_reads_the_log(world, client_for, persona):
    log(world.unit_a, datetime.date(2025, 3, 3))
    response = client_for(world.personas[persona]).get(url(world, world.unit_a), {"year": 2025})
    assert response.status_code == READ_A[persona]
    if response.status_code == 200:
        assert response.context["counts"].total == 1
        assert (response.context["form"] is not None) is (persona != "reader")


@pytest.mark.parametrize("persona", PERSONAS)
def test_reporters_and_up_log_contacts(world, client_for, persona):
    response = client_for(world.personas[persona]).post(
        url(world, world.unit_a),
        {"day": "2025-03-03", "kind": "phone", "count": 5, "note": "Frågor om fakturor"},
    )
    assert response.status_code == WRITE_A[persona]
    assert CustomerContact.objects.filter(unit=world.unit_a).exists() is (WRITE_A[persona] == 302)


@pytest.mark.parametrize(
    "data",
    [
        {"day": "2025-03-03", "kind": "phone", "count": 0},
        {"day": "2025-03-03", "kind": "fax", "count": 1},
        {"day": "2999-01-01", "kind": "phone", "count": 1},
        {"day": "igår", "kind": "phone", "count": 1},
        {"day": "2025-03-03", "kind": "phone", "count": 1, "note": "x" * 201},
    ],
)
def test_bad_input_writes_nothing(world, client_for, data):
    response = client_for(world.reporter).post(url(world, world.unit_a), data)
    assert response.status_code == 200
    assert not CustomerContact.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_reporters_and_up_remove_a_row(world, client_for, persona):
    contact = log(world.unit_a, datetime.date(2025, 3, 3))
    response = client_for(world.personas[persona]).post(
        reverse(
            "complaints:customer_contact_delete",
            kwargs={"org": world.organisation.slug, "pk": contact.pk},
        )
    )
    assert response.status_code == WRITE_A[persona]
    assert CustomerContact.objects.exists() is (WRITE_A[persona] != 302)


def _count(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, {"year": 2025}).status_code == 200
    return len(captured)


def test_the_page_costs_the_same_for_few_and_many_rows(world, client_for):
    log(world.unit_a, datetime.date(2025, 1, 2))
    client = client_for(world.manager)
    path = url(world, world.unit_a)
    few = _count(client, path)
    below = make_unit(world.unit_a, "A1", "Enhet A1")
    for n in range(40):
        log(below if n % 2 else world.unit_a, datetime.date(2025, 1 + n % 12, 3), count=n + 1)
    assert _count(client, path) == few
