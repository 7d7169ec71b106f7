"""Scorecard, strategy map, roll-up and the assess page cost the same number of queries for 10
and 1,000 units."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.core.db import analyse
from roder.followup.models import Outcome
from roder.followup.testing import follow_up, make_indicator
from roder.indicators.models import GoalIndicator, Target
from roder.periods.testing import make_period
from roder.planning.models import Goal, GoalLink, Plan
from roder.planning.services import goal_link
from roder.planning.testing import YEAR, make_categories, make_goal, make_plan
from roder.testing import add_units

pytestmark = pytest.mark.django_db


def grow(parent, count, *, period, indicator, target_goal):
    """`count` units, each with a plan, a goal linked to `target_goal`, the indicator with a
    target, and an outcome (bulk)."""
    units = add_units(parent, count)
    Plan.objects.bulk_create(Plan(unit=u, year=YEAR, title=f"Plan {u.code}") for u in units)
    plans = Plan.objects.filter(unit__in=units)
    Goal.objects.bulk_create(Goal(plan=p, kind="goal", title=f"Mål {p.pk}") for p in plans)
    goals = list(Goal.objects.filter(plan__in=plans))
    GoalLink.objects.bulk_create(GoalLink(goal=g, target=target_goal) for g in goals)
    GoalIndicator.objects.bulk_create(GoalIndicator(goal=g, indicator=indicator) for g in goals)
    Target.objects.bulk_create(
        Target(indicator=indicator, unit=u, year=YEAR, value=Decimal(80)) for u in units
    )
    Outcome.objects.bulk_create(
        Outcome(indicator=indicator, unit=u, period=period, value=Decimal(70 + n % 20))
        for n, u in enumerate(units)
    )
    analyse()


@pytest.fixture
def tree(world):
    period = make_period(world.organisation)
    indicator = make_indicator(world.unit_a)
    top = make_goal(make_plan(world.administration), "Förvaltningens mål")
    follow_up(top, indicator)
    # Two levels of contributing goals below Kommunstyrelsen's goal.
    goal_link(goal=top, target=make_goal(make_plan(world.committee), "Nämndmål"), by=None)
    return period, indicator, top


def count(client, path, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
        assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("person", ["admin", "reader"])  # the reader's pages hide drafts
@pytest.mark.parametrize(
    "page", ["scorecard", "committee_scorecard", "strategy_map", "rollup", "assess"]
)
def test_it_costs_the_same_for_10_and_1000_units(world, client_for, tree, page, person):
    period, indicator, top = tree
    client = client_for(getattr(world, person))
    paths = {
        "scorecard": reverse(
            "followup:scorecard", kwargs={"org": "testkommun", "unit_pk": world.administration.pk}
        ),
        "committee_scorecard": reverse(
            "followup:scorecard", kwargs={"org": "testkommun", "unit_pk": world.committee.pk}
        ),
        "strategy_map": reverse("followup:strategy_map", kwargs={"org": "testkommun"}),
        "rollup": reverse("followup:rollup", kwargs={"org": "testkommun", "goal_pk": top.pk}),
        # The goal's proposal from below reads every contributing goal.
        "assess": reverse(
            "followup:assess",
            kwargs={"org": "testkommun", "goal_pk": top.pk, "period_pk": period.pk},
        ),
    }
    grow(world.unit_a, 10, period=period, indicator=indicator, target_goal=top)
    small = count(client, paths[page], {"period": period.pk})
    grow(world.unit_b, 990, period=period, indicator=indicator, target_goal=top)
    large = count(client, paths[page], {"period": period.pk})
    assert large == small, (page, small, large)


def test_the_scorecard_costs_the_same_for_few_and_many_goals(world, client_for, tree):
    period, indicator, _top = tree
    plan = make_plan(world.unit_a)
    client = client_for(world.manager)
    path = reverse("followup:scorecard", kwargs={"org": "testkommun", "unit_pk": world.unit_a.pk})

    def add_goals(n):
        for i in range(n):
            goal = make_goal(plan, f"Mål {Goal.objects.count()}-{i}")
            extra = make_indicator(world.unit_a, f"Nyckeltal {goal.pk}")
            follow_up(goal, extra, target="50")
            follow_up(goal, indicator, target="80")

    add_goals(2)
    small = count(client, path, {"period": period.pk})
    add_goals(40)
    assert count(client, path, {"period": period.pk}) == small


@pytest.mark.parametrize("person", ["admin", "reader"])
@pytest.mark.parametrize("variant", ["unfolded", "branch", "filtered"])
def test_the_strategy_map_costs_the_same_unfolded_and_per_branch(
    world, client_for, tree, variant, person
):
    """The units' goals below the administration's goal: unfolded on the page (`open`), as the
    branch fragment htmx fetches, and with a unit and a category filter."""
    period, indicator, top = tree
    committee_goal = top.contributes_to.get()
    client = client_for(getattr(world, person))
    org = {"org": "testkommun"}
    path, params, headers = reverse("followup:strategy_map", kwargs=org), {}, {}
    if variant == "unfolded":
        params = {"open": top.pk}
    elif variant == "branch":
        path = reverse("followup:strategy_branch", kwargs=org)
        params = {"path": f"{committee_goal.pk}-{top.pk}"}
        headers = {"HX-Request": "true"}
    else:
        category = make_categories(world.organisation)["customer"]
        Goal.objects.update(category=category)
        params = {"unit": world.committee.pk, "category": category.pk, "open": top.pk}

    def measure() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, {"period": period.pk, **params}, headers=headers)
            assert response.status_code == 200
        assert "Mål " in response.content.decode()  # the units' goals are drawn
        return len(captured)

    grow(world.unit_a, 10, period=period, indicator=indicator, target_goal=top)
    if variant == "filtered":
        Goal.objects.update(category=category)
    small = measure()
    grow(world.unit_b, 990, period=period, indicator=indicator, target_goal=top)
    if variant == "filtered":
        Goal.objects.update(category=category)
    assert measure() == small, (variant, small)
