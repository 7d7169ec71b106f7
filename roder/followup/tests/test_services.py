from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from roder.core.models import HistoryEntry
from roder.followup import services
from roder.followup.from_below import propose_for_goal
from roder.followup.models import Assessment, Level, Outcome, ReportStatus, UnitReport
from roder.followup.testing import follow_up, make_indicator, report
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal(world):
    return make_goal(make_plan(world.unit_a), "Snabb återkoppling")


def test_it_records_outcomes_only_in_an_open_period(world, goal):
    indicator = make_indicator(world.unit_a)
    closed = make_period(world.organisation, status="closed")
    with pytest.raises(ValidationError):
        report(indicator, world.unit_a, closed, "80")
    assert not Outcome.objects.exists()


def test_it_keeps_missing_values_missing(world):
    indicator = make_indicator(world.unit_a)
    period = make_period(world.organisation)
    assert report(indicator, world.unit_a, period, None) is None
    assert not Outcome.objects.exists()
    outcome = report(indicator, world.unit_a, period, None, comment="Mätningen gjordes inte")
    assert outcome.value is None and outcome.comment == "Mätningen gjordes inte"


def test_it_changes_and_clears_an_outcome_with_history(world):
    indicator = make_indicator(world.unit_a)
    period = make_period(world.organisation)
    report(indicator, world.unit_a, period, "80")
    report(indicator, world.unit_a, period, "82")
    report(indicator, world.unit_a, period, None)
    assert not Outcome.objects.exists()
    actions = list(
        HistoryEntry.objects.filter(unit=world.unit_a, content_type__model="outcome")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "update"]


def test_it_refuses_gender_values_for_an_indicator_not_split_by_gender(world):
    indicator = make_indicator(world.unit_a)
    with pytest.raises(ValidationError):
        report(
            indicator,
            world.unit_a,
            make_period(world.organisation),
            "80",
            value_women=Decimal("81"),
        )


def test_it_proposes_from_the_indicators(world, goal):
    period = make_period(world.organisation)
    green, yellow, red, unreported = (make_indicator(world.unit_a, f"N{n}") for n in range(4))
    for indicator in (green, yellow, red, unreported):
        follow_up(goal, indicator, target="85", yellow="80")
    report(green, world.unit_a, period, "90")
    report(yellow, world.unit_a, period, "82")
    report(red, world.unit_a, period, "60")
    proposal = propose_for_goal(goal=goal, period=period)
    assert (proposal.green, proposal.yellow, proposal.red, proposal.missing) == (1, 1, 1, 1)
    assert proposal.level == Level.PARTLY


@pytest.mark.parametrize(
    ("values", "level"),
    [
        (["90", "86"], Level.FULFILLED),
        (["60", "70"], Level.NOT_FULFILLED),
        (["90", "60", "60"], Level.NOT_FULFILLED),
        ([None, None], Level.NOT_ASSESSABLE),
    ],
)
def test_it_proposes_each_level(world, goal, values, level):
    period = make_period(world.organisation)
    for n, value in enumerate(values):
        indicator = make_indicator(world.unit_a, f"N{n}")
        follow_up(goal, indicator, target="85", yellow="80")
        report(indicator, world.unit_a, period, value)
    assert propose_for_goal(goal=goal, period=period).level == level


def test_a_period_target_replaces_the_years(world, goal):
    from roder.indicators.services import target_set

    period = make_period(world.organisation)
    indicator = make_indicator(world.unit_a)
    follow_up(goal, indicator, target="90")
    target_set(
        indicator=indicator,
        unit=world.unit_a,
        year=2026,
        period=period,
        value=Decimal("70"),
        by=None,
    )
    report(indicator, world.unit_a, period, "75")
    assert propose_for_goal(goal=goal, period=period).level == Level.FULFILLED


def test_it_keeps_both_the_judgement_and_the_proposal(world, goal):
    period = make_period(world.organisation)
    indicator = make_indicator(world.unit_a)
    follow_up(goal, indicator, target="85")
    report(indicator, world.unit_a, period, "60")
    assessment = services.assessment_record(
        goal=goal,
        period=period,
        level=Level.PARTLY,
        prognosis=Level.FULFILLED,
        analysis="Nytt system.",
        by=world.manager,
    )
    assert (assessment.level, assessment.proposed_level) == (Level.PARTLY, Level.NOT_FULFILLED)
    assert assessment.overrides_proposal
    assert "0 of 1" in assessment.proposal_reason or "0 av 1" in assessment.proposal_reason


def test_it_refuses_to_assess_in_a_closed_period(world, goal):
    period = make_period(world.organisation, status="closed")
    with pytest.raises(ValidationError):
        services.assessment_record(goal=goal, period=period, level=Level.FULFILLED, by=None)
    assert not Assessment.objects.exists()


def test_the_report_goes_draft_submitted_returned_submitted_approved(world):
    period = make_period(world.organisation)
    submitted = services.report_submit(unit=world.unit_a, period=period, by=world.manager)
    assert submitted.status == ReportStatus.SUBMITTED
    with pytest.raises(ValidationError):
        services.report_submit(unit=world.unit_a, period=period, by=world.manager)
    with pytest.raises(ValidationError):
        services.report_return(report=submitted, comment="  ", by=world.controller)
    services.report_return(report=submitted, comment="Analysen saknas.", by=world.controller)
    services.report_submit(unit=world.unit_a, period=period, by=world.manager)
    approved = services.report_approve(report=UnitReport.objects.get(), by=world.controller)
    assert approved.status == ReportStatus.APPROVED
    with pytest.raises(ValidationError):
        services.report_approve(report=approved, by=world.controller)
