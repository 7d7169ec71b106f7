"""The controllers' page of pending revisions: who sees it, who accepts and rejects, versions,
the link from the period overview, and a constant number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from roder.core.services import ConcurrentEditError
from roder.followup import services
from roder.followup.models import Outcome, OutcomeRevision
from roder.followup.testing import approve, follow_up, make_indicator
from roder.indicators import sources
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan
from roder.testing import PERSONAS, add_units

pytestmark = pytest.mark.django_db

# Controllers of Enhet A (inherited) decide; the sibling's manager cannot even see it.
DECIDE_A = {
    "admin": 302,
    "controller": 302,
    "manager": 403,
    "reporter": 403,
    "reader": 403,
    "outsider": 404,
}


def url(name, **kwargs):
    return reverse(f"followup:{name}", kwargs={"org": "testkommun", **kwargs})


@pytest.fixture
def survey(monkeypatch):
    monkeypatch.setitem(
        sources._registry, "survey", sources.IndicatorSource(key="survey", label="Enkät")
    )


def propose(indicator, unit, period, value, vintage=datetime.date(2026, 5, 2)):
    return services.outcome_write(
        indicator=indicator,
        unit=unit,
        period=period,
        value=Decimal(value),
        source="survey",
        vintage=vintage,
        count=40,
        by=None,
    )


@pytest.fixture
def setup(world, survey):
    indicator = make_indicator(world.unit_a, "Nöjd kund-index")
    period = make_period(world.organisation)
    services.outcome_write(
        indicator=indicator, unit=world.unit_a, period=period, value=Decimal(67), by=None
    )
    approve(world.unit_a, period)
    revision = propose(indicator, world.unit_a, period, "69")
    return {"indicator": indicator, "period": period, "revision": revision}


def decision(revision, **extra):
    return {"version": revision.version, "outcome_version": 1, **extra}


@pytest.mark.parametrize("persona", PERSONAS)
def test_controllers_see_the_pending_revisions_of_their_branch(world, client_for, setup, persona):
    response = client_for(world.personas[persona]).get(url("revisions"))
    expected = 200 if persona in ("admin", "controller") else 403
    assert response.status_code == expected
    if expected == 200:
        assert [line.revision for line in response.context["lines"]] == [setup["revision"]]


def test_the_page_needs_a_log_in_and_a_get(world, client_for, setup):
    assert client_for(None).get(url("revisions")).status_code == 302
    client = client_for(world.controller)
    assert client.post(url("revisions")).status_code == 405
    assert client.get(url("revision_accept", pk=setup["revision"].pk)).status_code == 405
    assert client.get(url("revision_reject", pk=setup["revision"].pk)).status_code == 405


def test_a_controller_sees_only_the_units_below_their_role(world, client_for, setup):
    from roder.organisation import services as org_services

    org_services.role_grant(person=world.outsider, unit=world.unit_b, kind="controller", by=None)
    response = client_for(world.outsider).get(url("revisions"))
    assert response.status_code == 200 and response.context["lines"] == []


@pytest.mark.parametrize("persona", PERSONAS)
def test_controllers_of_the_unit_accept_a_revision(world, client_for, setup, persona):
    revision = setup["revision"]
    client = client_for(world.personas[persona])
    response = client.post(url("revision_accept", pk=revision.pk), decision(revision))
    assert response.status_code == DECIDE_A[persona]
    revision.refresh_from_db()
    accepted = DECIDE_A[persona] == 302
    assert revision.status == ("accepted" if accepted else "pending")
    assert Outcome.objects.get().value == (69 if accepted else 67)


@pytest.mark.parametrize("persona", PERSONAS)
def test_controllers_of_the_unit_reject_a_revision(world, client_for, setup, persona):
    revision = setup["revision"]
    client = client_for(world.personas[persona])
    response = client.post(
        url("revision_reject", pk=revision.pk), decision(revision, reason="Fel urval")
    )
    assert response.status_code == DECIDE_A[persona]
    revision.refresh_from_db()
    assert revision.status == ("rejected" if DECIDE_A[persona] == 302 else "pending")
    assert Outcome.objects.get().value == 67


def test_a_stale_page_decides_nothing_and_says_so(world, client_for, setup):
    revision = setup["revision"]
    propose(setup["indicator"], world.unit_a, setup["period"], "70")  # read again: version 2
    client = client_for(world.controller)
    response = client.post(url("revision_accept", pk=revision.pk), decision(revision), follow=True)
    with translation.override("sv"):
        stale = ConcurrentEditError().messages[0]
    assert [str(m) for m in response.context["messages"]] == [stale]
    revision.refresh_from_db()
    assert revision.status == "pending" and Outcome.objects.get().value == 67
    response = client.post(url("revision_reject", pk=revision.pk), decision(revision, version=2))
    revision.refresh_from_db()
    assert revision.status == "pending"  # no reason given


def test_the_decision_returns_to_the_periods_list(world, client_for, setup):
    revision = setup["revision"]
    response = client_for(world.controller).post(
        url("revision_accept", pk=revision.pk), decision(revision, period=setup["period"].pk)
    )
    assert response["Location"] == f"{url('revisions')}?period={setup['period'].pk}"


def test_the_period_overview_links_controllers_to_the_revisions(world, client_for, setup):
    period = setup["period"]
    page = client_for(world.controller).get(url("overview", pk=period.pk))
    assert page.context["revisions"] == 1
    assert f"{url('revisions')}?period={period.pk}" in page.content.decode()
    listed = client_for(world.controller).get(url("revisions"), {"period": period.pk})
    assert len(listed.context["lines"]) == 1
    page = client_for(world.manager).get(url("overview", pk=period.pk))
    assert page.context["revisions"] is None
    assert url("revisions") not in page.content.decode()


def test_the_scorecard_says_where_an_outcome_came_from(world, client_for, setup):
    goal = make_goal(make_plan(world.unit_a), "Nöjda kunder")
    follow_up(goal, setup["indicator"], target="70")
    services.revision_accept(
        revision=setup["revision"], expected_version=1, outcome_version=1, by=None
    )
    page = client_for(world.reader).get(
        url("scorecard", unit_pk=world.unit_a.pk), {"period": setup["period"].pk}
    )
    with translation.override("sv"):
        provenance = Outcome.objects.get().provenance
    assert "Enkät" in provenance and "2026-05-02" in provenance and "40" in provenance
    assert f'title="{escape(provenance)}"' in page.content.decode()


def test_the_revisions_page_costs_the_same_queries_for_one_or_many(world, client_for, setup):
    client = client_for(world.controller)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("revisions")).status_code == 200
        return len(queries)

    few = count()
    units = add_units(world.unit_a, 20)
    for unit in units:
        services.outcome_write(
            indicator=setup["indicator"],
            unit=unit,
            period=setup["period"],
            value=Decimal(50),
            by=None,
        )
        approve(unit, setup["period"])
        propose(setup["indicator"], unit, setup["period"], "55")
    assert OutcomeRevision.objects.count() == 21
    assert count() == few
