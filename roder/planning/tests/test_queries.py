"""The goal page costs the same number of queries however many indicators, actions, risks,
periods and contributing goals it shows (its sections come from other apps' panels)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.actions.testing import make_action
from roder.control.testing import make_control_plan, make_risk
from roder.followup.models import Assessment
from roder.followup.testing import follow_up, make_indicator
from roder.periods.models import PeriodKind
from roder.periods.testing import make_period
from roder.planning import services
from roder.planning.testing import YEAR, make_goal, make_plan

pytestmark = pytest.mark.django_db


def grow(world, goal, below, control_plan, start: int, count: int) -> None:
    """`count` more of everything the goal page shows, numbered from `start`."""
    for n in range(start, start + count):
        follow_up(goal, make_indicator(world.administration, f"Nyckeltal {n}"), target=n)
        action = make_action(world.unit_a, f"Åtgärd {n}")
        action.goals.add(goal)
        make_risk(control_plan, f"Risk {n}").goals.add(goal)
        period = make_period(
            world.organisation,
            kind=PeriodKind.MONTH,
            name=f"Månad {n}",
            ends=datetime.date(YEAR, 1, 1) + datetime.timedelta(days=n),
        )
        Assessment.objects.create(
            goal=goal, period=period, level="fulfilled", proposed_level="partly"
        )
        services.goal_link(goal=make_goal(below, f"Delmål {n}"), target=goal, by=None)


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["admin", "controller"])
def test_the_goal_page_costs_the_same_for_one_and_many_of_everything(world, client_for, persona):
    goal = make_goal(make_plan(world.administration), "Förvaltningens mål")
    below, control_plan = make_plan(world.unit_a), make_control_plan(world.unit_a)
    path = reverse("planning:goal_detail", kwargs={"org": "testkommun", "pk": goal.pk})
    client = client_for(world.personas[persona])
    grow(world, goal, below, control_plan, 0, 1)
    small = queries(client, path)
    grow(world, goal, below, control_plan, 1, 12)
    large = queries(client, path)
    assert large == small, (small, large)
    page = client.get(path).content.decode()
    assert "Nyckeltal 12" in page and "Åtgärd 12" in page and "Risk 12" in page
    assert "Månad 12" in page and "Delmål 12" in page
