"""The wheel's pages: who sees which events (inherited below, never a sibling's), who edits
them, and the fixed number of queries of the wheel page."""

import datetime

import pytest
from django.urls import reverse

from roder.core.models import HistoryEntry
from roder.periods.testing import make_period
from roder.testing import PERSONAS, add_units
from roder.wheel import selectors
from roder.wheel.models import WheelEvent
from roder.wheel.testing import YEAR, make_event

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"wheel:{name}", kwargs={"org": "testkommun", **kwargs})


def titles(grants, **options):
    wheel = selectors.wheel_of(grants, YEAR, **options)
    return {o.title for month in wheel.months for o in month.occurrences}


def grants(world, persona):
    from roder.organisation.access import grants_for

    return grants_for(world.personas[persona], world.organisation)


def test_events_apply_below_their_unit_and_never_to_a_sibling(world):
    make_event(world.committee, "KS sammanträde")
    make_event(world.unit_a, "APT Enhet A", kind="apt")
    make_event(world.unit_b, "APT Enhet B", kind="apt")
    make_period(world.organisation, deadline=datetime.date(YEAR, 5, 15))
    reporter = titles(grants(world, "reporter"))
    assert {"KS sammanträde", "APT Enhet A"} <= reporter
    assert "APT Enhet B" not in reporter
    assert len(reporter) == 3  # and the period's due date, the organisation's
    seen = titles(grants(world, "outsider"))
    assert "APT Enhet A" not in seen
    assert {"KS sammanträde", "APT Enhet B"} <= seen
    # Filtered to Enhet A: its own and what it inherits, not its sibling's.
    assert "APT Enhet B" not in titles(grants(world, "admin"), unit=world.unit_a)
    assert "KS sammanträde" in titles(grants(world, "admin"), unit=world.unit_a)
    assert titles(grants(world, "admin"), kind="apt") == {"APT Enhet A", "APT Enhet B"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_opens_the_wheel_and_only_sees_what_they_may(world, client_for, persona):
    make_event(world.unit_a, "APT Enhet A", kind="apt")
    client = client_for(world.personas[persona])
    page = client.get(url("wheel") + f"?year={YEAR}")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'role="img"' in body and "<title" in body
    assert ("APT Enhet A" in body) == (persona != "outsider")
    edit = client.get(url("event_edit", pk=WheelEvent.objects.get().pk))
    assert edit.status_code == (404 if persona == "outsider" else 200)
    unit_page = client.get(url("wheel") + f"?unit={world.unit_a.pk}")
    assert unit_page.status_code == (404 if persona == "outsider" else 200)


EVENT = {
    "title": "Budgetdialog",
    "kind": "budget",
    "starts_on": f"{YEAR}-01-01",
    "start_time": "09:00",
    "end_time": "11:00",
    "frequency": "monthly",
    "ordinal": "3",
    "weekdays": ["TU"],
    "skip_months": ["7"],
    "exceptions": f"{YEAR}-04-21",
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_controllers_add_and_edit_events_with_history(world, client_for, persona):
    client = client_for(world.personas[persona])
    allowed = persona in {"admin", "controller"}
    response = client.post(url("event_create"), EVENT | {"unit": world.committee.pk})
    assert response.status_code == (302 if allowed else 403)
    assert WheelEvent.objects.exists() == allowed
    event = make_event(world.unit_a, "APT Enhet A", kind="apt")
    changed = client.post(
        url("event_edit", pk=event.pk),
        EVENT | {"unit": world.unit_a.pk, "version": event.version, "title": "APT"},
    )
    assert changed.status_code == {"admin": 302, "controller": 302, "outsider": 404}.get(
        persona, 403
    )
    event.refresh_from_db()
    assert (event.title == "APT") == allowed
    if allowed:
        assert event.rrule == "FREQ=MONTHLY;BYDAY=+3TU;BYMONTH=1,2,3,4,5,6,8,9,10,11,12"
        assert event.exceptions == f"{YEAR}-04-21"
        assert HistoryEntry.objects.for_object(event).count() == 2
    deleted = client.post(url("event_delete", pk=event.pk), {"version": event.version})
    assert deleted.status_code == {"admin": 302, "controller": 302, "outsider": 404}.get(
        persona, 403
    )
    assert WheelEvent.objects.filter(pk=event.pk).exists() != allowed


def test_a_stale_edit_and_a_bad_rule_write_nothing(world, client_for):
    event = make_event(world.unit_a)
    client = client_for(world.controller)
    stale = client.post(
        url("event_edit", pk=event.pk),
        EVENT | {"unit": world.unit_a.pk, "version": event.version + 1},
    )
    assert stale.status_code == 200
    bad = client.post(
        url("event_edit", pk=event.pk),
        EVENT
        | {"unit": world.unit_a.pk, "version": event.version, "frequency": "custom", "rrule": "x"},
    )
    assert bad.status_code == 200
    assert "RRULE" in bad.content.decode()
    event.refresh_from_db()
    assert event.title == "Nämndsammanträde" and event.version == 1


def test_the_wheel_page_costs_the_same_queries_at_two_sizes(
    world, client_for, django_assert_max_num_queries
):
    client = client_for(world.reporter)
    make_event(world.unit_a)
    make_period(world.organisation, deadline=datetime.date(YEAR, 5, 15))
    with django_assert_max_num_queries(30) as small:
        assert client.get(url("wheel") + f"?year={YEAR}").status_code == 200
    for unit in add_units(world.unit_a, 10):
        make_event(unit, f"APT {unit.name}", kind="apt")
    make_event(world.committee, "KS", rrule="FREQ=WEEKLY")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url("wheel") + f"?year={YEAR}").status_code == 200
