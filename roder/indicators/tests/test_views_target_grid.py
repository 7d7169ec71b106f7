"""The target grid (the year's target and each period's) when two people save it: each row
carries its version, a stale row refuses the whole save, an unchanged row is not written."""

from decimal import Decimal

import pytest
from django.urls import reverse

from roder.core.models import HistoryEntry
from roder.core.testing import logged_in, page_form, stale_message
from roder.followup.testing import follow_up, make_indicator
from roder.indicators import services
from roder.indicators.models import Target
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan
from roder.testing import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid(world):
    goal = make_goal(make_plan(world.unit_a), "Snabb återkoppling")
    indicator = make_indicator(world.unit_a, "Svar inom 8 timmar")
    follow_up(goal, indicator, target="85")
    period = make_period(world.organisation)
    path = reverse(
        "indicators:targets",
        kwargs={"org": "testkommun", "goal_pk": goal.pk, "indicator_pk": indicator.pk},
    )
    colleague = make_person(world.organisation, "kollega", role="unit_manager", unit=world.unit_a)
    return {"indicator": indicator, "period": period, "path": path, "b": colleague}


def test_it_refuses_the_second_save_of_a_target_and_keeps_the_first(world, grid):
    a, b = logged_in(world.manager), logged_in(grid["b"])
    form_a = page_form(a, grid["path"], containing="year-value")
    form_b = page_form(b, grid["path"], containing="year-value")

    form_a["year-value"] = "87"
    assert a.post(grid["path"], form_a).status_code == 302
    form_b["year-yellow_limit"] = "80"
    form_b[f"p{grid['period'].pk}-value"] = "90"  # another row of the same refused save
    history = HistoryEntry.objects.count()
    response = b.post(grid["path"], form_b)

    assert response.status_code == 200
    assert stale_message() in response.content.decode()
    target = Target.objects.get()
    assert (target.value, target.yellow_limit, target.version) == (87, None, 2)
    assert HistoryEntry.objects.count() == history


def test_it_refuses_a_period_target_someone_else_set_meanwhile(world, grid):
    a, b = logged_in(world.manager), logged_in(grid["b"])
    form_a = page_form(a, grid["path"], containing="year-value")
    form_b = page_form(b, grid["path"], containing="year-value")
    field = f"p{grid['period'].pk}-value"
    form_a[field], form_b[field] = "70", "75"

    assert a.post(grid["path"], form_a).status_code == 302
    response = b.post(grid["path"], form_b)

    assert stale_message() in response.content.decode()
    assert Target.objects.get(period=grid["period"]).value == 70


def test_it_writes_nothing_when_the_targets_are_saved_unchanged(world, grid):
    services.target_set(
        indicator=grid["indicator"],
        unit=world.unit_a,
        year=grid["period"].year,
        period=grid["period"],
        value=Decimal("84.5"),
        by=None,
    )
    client = logged_in(world.manager)
    form = page_form(client, grid["path"], containing="year-value")
    history, versions = HistoryEntry.objects.count(), list(Target.objects.values("version"))

    assert client.post(grid["path"], form).status_code == 302

    assert HistoryEntry.objects.count() == history
    assert list(Target.objects.values("version")) == versions
