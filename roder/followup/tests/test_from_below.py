"""The proposal from below: a goal that others contribute to is proposed from their statuses
and its own indicators (README, "Proposal from below")."""

import datetime

import pytest
from django.urls import reverse

from roder.followup import services
from roder.followup.from_below import Contribution, combine, propose_for_goal
from roder.followup.models import Level
from roder.followup.selectors import goal_statuses
from roder.followup.testing import follow_up, make_indicator, report
from roder.followup.visibility import Seen
from roder.periods.testing import make_period
from roder.planning.models import Goal
from roder.planning.services import goal_link
from roder.planning.testing import make_goal, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(world):
    return make_period(world.organisation)


@pytest.fixture
def chain(world):
    """Kommunstyrelsen's goal ← Förvaltningen's goal ← a goal of Enhet A and one of Enhet B."""
    top = make_goal(make_plan(world.committee), "Nöjda kunder")
    middle = make_goal(make_plan(world.administration), "Snabb återkoppling")
    goal_link(goal=middle, target=top, by=None)
    below = {}
    for unit in (world.unit_a, world.unit_b):
        goal = make_goal(make_plan(unit), f"Återkoppling {unit.code}")
        goal_link(goal=goal, target=middle, by=None)
        below[unit.code] = goal
    return top, middle, below


def lit(goal, period, value: str, *, target: str = "85"):
    """Give the goal an indicator with a target at its unit and an outcome."""
    indicator = make_indicator(goal.plan.unit, f"Nyckeltal {goal.pk}")
    follow_up(goal, indicator, target=target, yellow="80")
    report(indicator, goal.plan.unit, period, value)
    return indicator


def assess(goal, period, level, by):
    services.assessment_record(goal=goal, period=period, level=level, by=by)


def submit(unit, period):
    services.report_submit(unit=unit, period=period, by=None)


def test_it_proposes_fulfilled_when_every_contributing_goal_is(world, period, chain):
    _top, middle, below = chain
    lit(below["A"], period, "90")
    lit(below["B"], period, "88")
    proposal = propose_for_goal(goal=middle, period=period)
    assert proposal.level == Level.FULFILLED
    assert [c.goal for c in proposal.contributions] == [below["A"], below["B"]]
    assert all(c.is_proposal for c in proposal.contributions)
    assert "2 av 2 bidragande mål uppfyllda" in proposal.reason


def test_a_persons_assessment_counts_before_the_proposal_below_it(world, period, chain):
    _top, middle, below = chain
    lit(below["A"], period, "90")
    lit(below["B"], period, "90")
    assess(below["B"], period, Level.NOT_FULFILLED, world.admin)
    proposal = propose_for_goal(goal=middle, period=period)
    assert [(c.level, c.is_proposal) for c in proposal.contributions] == [
        (Level.FULFILLED, True),
        (Level.NOT_FULFILLED, False),
    ]
    assert proposal.level == Level.PARTLY
    assert "1 av 2 bidragande mål uppfyllda" in proposal.reason


@pytest.mark.parametrize(
    ("values", "level"),
    [
        (["90", "60", "60"], Level.NOT_FULFILLED),  # more than half not fulfilled
        (["90", "82", "60"], Level.PARTLY),
        (["60", "60"], Level.NOT_FULFILLED),
    ],
)
def test_it_proposes_from_a_mix(world, period, values, level):
    top = make_goal(make_plan(world.administration), "Mål")
    plan = make_plan(world.unit_a)
    for n, value in enumerate(values):
        goal = make_goal(plan, f"G{n}")
        goal_link(goal=goal, target=top, by=None)
        lit(goal, period, value)
    assert propose_for_goal(goal=top, period=period).level == level


def test_it_names_the_unit_that_has_not_reported(world, period, chain):
    _top, middle, below = chain
    lit(below["A"], period, "90")
    submit(world.unit_a, period)
    proposal = propose_for_goal(goal=middle, period=period)
    assert proposal.level == Level.FULFILLED  # the one assessable goal is fulfilled
    assert proposal.not_reported == [world.unit_b]
    assert "Enhet B" in proposal.reason
    assert "Enhet A" not in proposal.reason
    assert [c.reported for c in proposal.contributions] == [True, False]


def test_a_unit_that_submitted_without_values_is_not_assessable_but_not_missing(
    world, period, chain
):
    _top, middle, below = chain
    lit(below["A"], period, "90")
    submit(world.unit_b, period)
    proposal = propose_for_goal(goal=middle, period=period)
    assert proposal.not_reported == []
    assert [c.level for c in proposal.contributions] == [Level.FULFILLED, Level.NOT_ASSESSABLE]


def test_it_combines_its_own_indicators_and_its_contributing_goals(world, period, chain):
    _top, middle, below = chain
    lit(below["A"], period, "90")
    lit(below["B"], period, "90")
    lit(middle, period, "60")  # its own indicator, off target
    proposal = propose_for_goal(goal=middle, period=period)
    assert (proposal.green, proposal.red) == (0, 1)  # the own indicators, as today
    assert proposal.level == Level.PARTLY  # two fulfilled goals and one red light
    assert "2 av 2 bidragande mål uppfyllda" in proposal.reason


def test_an_own_indicator_without_outcome_takes_the_units_below(world, period):
    top = make_goal(make_plan(world.administration), "Mål")
    indicator = make_indicator(world.administration, "Andel")  # aggregated by mean
    follow_up(top, indicator, target="85", yellow="80")
    for unit, value in ((world.unit_a, "90"), (world.unit_b, "60")):
        goal = make_goal(make_plan(unit), f"Mål {unit.code}")
        follow_up(goal, indicator)
        report(indicator, unit, period, value)
    proposal = propose_for_goal(goal=top, period=period)
    assert proposal.from_units_below == 1
    assert proposal.red == 1  # the mean, 75, against the target 85
    assert proposal.level == Level.NOT_FULFILLED


def test_nothing_assessable_is_not_assessable(world, period, chain):
    top, _middle, _below = chain
    proposal = propose_for_goal(goal=top, period=period)
    assert proposal.level == Level.NOT_ASSESSABLE
    assert [c.level for c in proposal.contributions] == [Level.NOT_ASSESSABLE]
    # Förvaltningen and both units have reported nothing: the units behind it are named.
    assert proposal.not_reported == [world.administration, world.unit_a, world.unit_b]


def test_it_proposes_two_levels_up(world, period, chain):
    top, middle, below = chain
    lit(below["A"], period, "90")
    lit(below["B"], period, "60")
    statuses = goal_statuses([top], period, seen=Seen.everything())
    assert statuses[top.pk].is_proposal
    assert statuses[top.pk].level == Level.PARTLY  # from the middle goal's partly
    (middle_status,) = statuses[top.pk].proposal.contributions
    assert (middle_status.goal, middle_status.level) == (middle, Level.PARTLY)
    assess(middle, period, Level.FULFILLED, world.admin)
    assert goal_statuses([top], period, seen=Seen.everything())[top.pk].level == Level.FULFILLED


def test_the_assessment_keeps_the_proposal_from_below(world, period, chain):
    _top, middle, below = chain
    lit(below["A"], period, "90")
    lit(below["B"], period, "90")
    assess(middle, period, Level.PARTLY, world.controller)
    assessment = middle.assessments.get()
    assert (assessment.level, assessment.proposed_level) == (Level.PARTLY, Level.FULFILLED)
    assert "2 av 2 bidragande mål uppfyllda" in assessment.proposal_reason


def test_the_rule_counts_goals_as_lights():
    goal = Goal(title="x")
    fulfilled = Contribution(goal, Level.FULFILLED, True)
    partly = Contribution(goal, Level.PARTLY, True)
    missing = Contribution(goal, Level.NOT_ASSESSABLE, True)
    assert combine([], [fulfilled, fulfilled, missing]).level == Level.FULFILLED
    assert combine(["green"], [partly]).level == Level.PARTLY
    assert combine(["red", "red"], [fulfilled]).level == Level.NOT_FULFILLED
    assert combine([], [missing]).level == Level.NOT_ASSESSABLE
    assert combine(["none"], []).level == Level.NOT_ASSESSABLE


def test_the_rollup_opens_on_the_latest_period_with_figures(world, client_for, period, chain):
    _top, middle, below = chain
    later = make_period(world.organisation, ends=datetime.date(2026, 8, 31), name="Delår 2026")
    make_period(world.organisation, ends=datetime.date(2026, 12, 31), name="Bokslut 2026")
    path = reverse("followup:rollup", kwargs={"org": "testkommun", "goal_pk": middle.pk})
    client = client_for(world.admin)
    # No figures anywhere: the usual default period (the open one ending last).
    assert client.get(path).context["period"].name == "Bokslut 2026"
    lit(below["A"], period, "90")
    assert client.get(path).context["period"] == period
    assess(below["B"], later, Level.PARTLY, world.admin)
    assert client.get(path).context["period"] == later
    assert client.get(path, {"period": period.pk}).context["period"] == period


def test_the_assess_page_shows_the_contributing_goals(world, client_for, period, chain):
    _top, middle, below = chain
    lit(below["A"], period, "90")
    path = reverse(
        "followup:assess",
        kwargs={"org": "testkommun", "goal_pk": middle.pk, "period_pk": period.pk},
    )
    response = client_for(world.controller).get(path)
    proposal = response.context["proposal"]
    assert [c.goal for c in proposal.contributions] == [below["A"], below["B"]]
    page = response.content.decode()
    assert below["A"].title in page and below["B"].title in page
    assert proposal.reason in page
    assert response.context["form"].initial["level"] == Level.FULFILLED
