"""Internal control services: the matrix, plans, risks, controls, results and the copy."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from roder.actions.models import Action
from roder.control import services
from roder.control.matrix import Band, default_matrix, matrix_of, matrix_save
from roder.control.models import (
    Control,
    ControlPlan,
    ControlResult,
    ControlResultAction,
    MatrixLevel,
    Risk,
    RiskMatrix,
)
from roder.control.periods import time_of, time_periods
from roder.control.testing import make_control, make_control_plan, make_risk, make_year
from roder.core.models import HistoryEntry
from roder.core.services import ConcurrentEditError
from roder.periods.models import PeriodKind, ReportingPeriod
from roder.periods.services import period_set_status
from roder.periods.testing import make_period
from roder.planning.testing import YEAR, make_categories, make_goal, make_plan
from roder.testing import make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return make_control_plan(world.unit_a)


@pytest.fixture
def periods(world):
    return make_year(world.organisation)


def save_matrix(organisation, *, size=4, bands=None, expected_version=None, **labels):
    matrix = default_matrix(size)
    return matrix_save(
        organisation=organisation,
        size=size,
        probability=labels.get("probability", matrix.probability),
        consequence=labels.get("consequence", matrix.consequence),
        bands=matrix.bands if bands is None else bands,
        expected_version=expected_version,
        by=None,
    )


# --- the matrix ----------------------------------------------------------------------------


def test_it_uses_the_default_4_by_4_matrix_until_one_is_saved(world):
    matrix = matrix_of(world.organisation)
    assert not matrix.is_stored
    assert matrix.size == 4
    assert [(b.min_value, b.max_value) for b in matrix.bands] == [(1, 3), (4, 8), (9, 16)]
    assert [matrix.band_for(v).label for v in (1, 3, 4, 8, 9, 16)] == [
        "Low",
        "Low",
        "Medium",
        "Medium",
        "High",
        "High",
    ]


def test_it_saves_labels_descriptions_and_bands_with_history(world):
    probability = [level for level in default_matrix().probability]
    probability[3] = type(probability[3])(4, "Mycket stor", "Inträffar flera gånger per år")
    bands = [
        Band(1, 4, "Låg", "#00ff00"),
        Band(5, 11, "Medel", "#FFFF00"),
        Band(12, 16, "Hög", "#ff0000"),
    ]
    stored = save_matrix(world.organisation, probability=probability, bands=bands)
    matrix = matrix_of(world.organisation)
    assert matrix.version == stored.version == 1
    assert str(matrix.level("probability", 4)) == "4 Mycket stor"
    assert matrix.level("probability", 4).description == "Inträffar flera gånger per år"
    assert matrix.band_for(12).label == "Hög" and matrix.band_for(12).colour == "#ff0000"
    assert matrix.band_for(5).colour == "#ffff00"
    entry = HistoryEntry.objects.for_object(stored).get()
    assert "Mycket stor" in entry.changes["probability"]["after"]


def test_it_changes_the_size_and_refuses_a_stale_form(world):
    first = save_matrix(world.organisation)
    five = default_matrix(5)
    save_matrix(
        world.organisation,
        size=5,
        bands=five.bands,
        expected_version=first.version,
        **{
            "probability": five.probability,
            "consequence": five.consequence,
        },
    )
    assert matrix_of(world.organisation).size == 5
    assert MatrixLevel.objects.filter(matrix=first, axis="probability").count() == 5
    with pytest.raises(ConcurrentEditError):
        save_matrix(world.organisation, expected_version=first.version)
    assert matrix_of(world.organisation).size == 5


@pytest.mark.parametrize(
    "bands, message",
    [
        ([Band(1, 3, "Låg", "#00ff00"), Band(5, 16, "Hög", "#ff0000")], "without gaps"),
        ([Band(1, 5, "Låg", "#00ff00"), Band(4, 16, "Hög", "#ff0000")], "without gaps"),
        ([Band(1, 8, "Låg", "#00ff00"), Band(9, 12, "Hög", "#ff0000")], "without gaps"),
        ([Band(1, 16, "", "#00ff00")], "label"),
        ([Band(1, 16, "Alla", "red")], "#rrggbb"),
        ([], "at least one band"),
    ],
)
def test_bands_must_cover_every_value_once(world, bands, message):
    with pytest.raises(ValidationError, match=message):
        save_matrix(world.organisation, bands=bands)
    assert not RiskMatrix.objects.exists()


def test_every_level_needs_a_label_and_the_size_a_range(world):
    probability = default_matrix().probability[:3]
    with pytest.raises(ValidationError, match="every level of probability"):
        save_matrix(world.organisation, probability=probability)
    with pytest.raises(ValidationError, match="between 2 and 6"):
        save_matrix(world.organisation, size=7)
    assert not RiskMatrix.objects.exists()


def test_the_matrix_cannot_shrink_below_the_ratings_in_use(world, plan):
    make_risk(plan, probability=4, consequence=4)
    three = default_matrix(3)
    with pytest.raises(ValidationError, match="above level 3"):
        save_matrix(
            world.organisation,
            size=3,
            bands=three.bands,
            probability=three.probability,
            consequence=three.consequence,
        )
    assert not RiskMatrix.objects.exists()


# --- periods -------------------------------------------------------------------------------


def test_t1_t2_and_year_end_map_to_tertial_1_the_interim_report_and_year_end(world, periods):
    found = time_periods(periods.values())
    assert found == periods
    monthly = make_period(
        world.organisation, kind=PeriodKind.MONTH, name="Mars", ends=datetime.date(YEAR, 3, 31)
    )
    every = [*periods.values(), monthly]
    assert time_of(monthly, every) is None
    assert time_of(periods["t2"], every) == "t2"


def test_a_second_tertial_is_t2_where_the_organisation_has_one(world, periods):
    second = make_period(world.organisation, name="Tertial 2", ends=datetime.date(YEAR, 8, 31))
    every = list(ReportingPeriod.objects.all())
    assert time_of(second, every) == "t2"
    assert time_of(periods["t2"], every) is None


# --- plans, risks and controls -------------------------------------------------------------


def test_it_creates_one_plan_per_unit_and_year(world, plan):
    assert str(plan) == f"Internal control plan {YEAR} – Enhet A"
    with pytest.raises(ValidationError, match="already has an internal control plan"):
        make_control_plan(world.unit_a)
    assert ControlPlan.objects.count() == 1
    entry = HistoryEntry.objects.for_object(plan).get()
    assert entry.unit == world.unit_a


def test_an_adopted_plan_needs_its_date(world, plan):
    with pytest.raises(ValidationError, match="date the plan was adopted"):
        services.control_plan_update(
            plan=plan, status="adopted", adopted_on=None, expected_version=1, by=None
        )
    services.control_plan_update(
        plan=plan,
        status="adopted",
        adopted_on=datetime.date(YEAR - 1, 12, 10),
        expected_version=1,
        by=world.controller,
    )
    plan.refresh_from_db()
    assert plan.status == "adopted" and plan.version == 2


def test_a_risk_has_a_value_a_band_a_perspective_and_goals(world, plan):
    categories = make_categories(world.organisation)
    own = make_goal(make_plan(world.unit_a), "Nöjda kunder")
    above = make_goal(make_plan(world.committee), "Kommunstyrelsens mål")
    risk = make_risk(
        plan,
        probability=3,
        consequence=4,
        category=categories["economy"],
        owner=world.manager,
        goals=[own, above],
    )
    assert risk.value == 12
    assert matrix_of(world.organisation).band_for(risk.value).label == "High"
    assert set(risk.goals.all()) == {own, above}
    entry = HistoryEntry.objects.for_object(risk).get()
    assert entry.unit == world.unit_a
    assert "Nöjda kunder" in entry.changes["goals"]["after"]


@pytest.mark.parametrize("field, value", [("probability", 5), ("consequence", 0)])
def test_a_rating_outside_the_matrix_is_refused(world, plan, field, value):
    with pytest.raises(ValidationError) as error:
        make_risk(plan, **{field: value})
    assert "a level of the risk matrix, from 1 to 4" in str(error.value)
    assert field in error.value.error_dict
    assert not Risk.objects.exists()


def test_a_bigger_matrix_allows_higher_ratings(world, plan):
    five = default_matrix(5)
    save_matrix(
        world.organisation,
        size=5,
        bands=five.bands,
        probability=five.probability,
        consequence=five.consequence,
    )
    assert make_risk(plan, probability=5, consequence=5).value == 25


def test_a_risk_links_only_goals_of_its_unit_or_above_in_its_year(world, plan):
    sibling = make_goal(make_plan(world.unit_b), "Enhet B:s mål")
    next_year = make_goal(make_plan(world.unit_a, YEAR + 1), "Nästa års mål")
    with pytest.raises(ValidationError, match="its own unit or of the units above"):
        make_risk(plan, goals=[sibling])
    with pytest.raises(ValidationError, match=f"is for {YEAR + 1}"):
        make_risk(plan, goals=[next_year])
    other = make_organisation("Annan kommun", "annan")
    foreign = make_categories(other)["economy"]
    with pytest.raises(ValidationError, match="another organisation"):
        make_risk(plan, category=foreign)
    assert not Risk.objects.exists()


def test_risk_updates_are_versioned(world, plan):
    risk = make_risk(plan)
    services.risk_update(risk=risk, expected_version=1, probability=4, by=world.controller)
    with pytest.raises(ConcurrentEditError):
        services.risk_update(risk=risk, expected_version=1, probability=1, by=None)
    risk.refresh_from_db()
    assert risk.probability == 4


def test_a_control_has_a_step_a_method_and_reporting_times(world, plan):
    control = make_control(
        make_risk(plan),
        step="Kontrollera leveranser",
        method="Stickprov",
        responsible=world.reporter,
        report_in=["t1", "year_end"],
        planned_actions="Förebyggande information till berörd personal",
    )
    assert control.reporting_times == ["t1", "year_end"]
    assert control.reporting_times_display == "T1, Year-end"
    assert control.is_due_in("t1") and not control.is_due_in("t2")
    with pytest.raises(ValidationError, match="Describe the control step"):
        make_control(control.risk, step=" ")
    with pytest.raises(ValidationError, match="T1, T2 or year-end"):
        make_control(control.risk, report_in=["t3"])
    assert Control.objects.count() == 1
    services.control_update(
        control=control,
        expected_version=1,
        step=control.step,
        method="",
        responsible=None,
        report_in=["t2"],
        planned_actions="",
        by=None,
    )
    control.refresh_from_db()
    assert control.reporting_times == ["t2"] and control.responsible is None


# --- results -------------------------------------------------------------------------------


@pytest.fixture
def control(world, plan):
    goal = make_goal(make_plan(world.unit_a), "Resultat i balans")
    risk = make_risk(plan, "Inköp görs utanför gällande avtal.", goals=[goal], owner=world.manager)
    return make_control(risk, responsible=world.reporter)


def record(control, period, outcome="done", comment="", **extra):
    return services.result_record(
        control=control, period=period, outcome=outcome, comment=comment, by=None, **extra
    )


def test_it_records_a_result_once_per_period(world, control, periods):
    recorded = record(control, periods["t1"], comment="20 fakturor, inga fel")
    assert recorded.action is None
    assert recorded.result.light == "green"
    again = record(control, periods["t1"], comment="20 fakturor, inga fel")
    assert again.result.version == 1  # unchanged: nothing written
    record(control, periods["t1"], "not_done", "Sjukdom", expected_version=1)
    result = ControlResult.objects.get()
    assert (result.outcome, result.version, result.light) == ("not_done", 2, "red")
    assert HistoryEntry.objects.for_object(result).count() == 2
    with pytest.raises(ConcurrentEditError):
        record(control, periods["t1"], "done", expected_version=1)


def test_a_deviation_becomes_an_action_linked_to_its_control_and_risk(world, control, periods):
    recorded = record(control, periods["t1"], "deviation", "3 inköp utanför ramavtal")
    action = recorded.action
    assert action.unit == world.unit_a
    assert action.responsible == world.reporter
    assert "Inköp och avtal" in action.title and "Stickprov" in action.title
    assert "3 inköp utanför ramavtal" in action.description
    assert [goal.title for goal in action.goals.all()] == ["Resultat i balans"]
    link = ControlResultAction.objects.get()
    assert link.result.control == control and link.result.control.risk == control.risk
    assert recorded.result.light == "yellow"
    # Recording the deviation again, or changing its comment, makes no second action.
    record(control, periods["t1"], "deviation", "3 inköp, se bilaga", expected_version=1)
    assert Action.objects.count() == 1


def test_a_result_in_a_closed_period_is_refused(world, control):
    closed = make_year(world.organisation, t1="closed")["t1"]
    with pytest.raises(ValidationError, match="not open for reporting; nothing was saved"):
        record(control, closed, "deviation", "Avvikelse")
    assert not ControlResult.objects.exists() and not Action.objects.exists()


def test_a_control_is_only_reported_in_the_periods_it_is_due(world, control, periods):
    year_end = periods["year_end"]
    period_set_status(period=year_end, status="open", expected_version=year_end.version, by=None)
    with pytest.raises(ValidationError, match="is reported in T1, T2, not in Helår"):
        record(control, year_end)
    unscheduled = make_control(control.risk, "Följa nyckeltalet NMI", report_in=[])
    with pytest.raises(ValidationError, match="not reported in any period"):
        record(unscheduled, periods["t1"])
    assert not ControlResult.objects.exists()


def test_year_end_periods_refuse_results_until_open(world, control, periods):
    services.control_update(
        control=control,
        expected_version=1,
        step=control.step,
        method="",
        responsible=None,
        report_in=["year_end"],
        planned_actions="",
        by=None,
    )
    with pytest.raises(ValidationError, match="not open"):
        record(control, periods["year_end"])


def test_a_result_belongs_to_the_plans_year(world, control, periods):
    later = make_year(world.organisation, YEAR + 1)["t1"]
    with pytest.raises(ValidationError, match=f"belongs to {YEAR + 1}"):
        record(control, later)
    assert not ControlResult.objects.exists()


@pytest.mark.parametrize(
    "outcome, message",
    [("deviation", "Describe the deviation"), ("not_done", "why the control was not done")],
)
def test_deviations_and_controls_not_done_need_a_comment(world, control, periods, outcome, message):
    with pytest.raises(ValidationError, match=message):
        record(control, periods["t1"], outcome, "  ")
    with pytest.raises(ValidationError, match="Choose done, deviation found or not done"):
        record(control, periods["t1"], "maybe")
    assert not ControlResult.objects.exists() and not Action.objects.exists()


# --- copying a year ------------------------------------------------------------------------


def test_a_new_year_starts_as_a_copy_with_last_years_results_kept(world, control, periods):
    record(control, periods["t1"], "deviation", "Avvikelse")
    old_plan = control.risk.plan
    goal = control.risk.goals.get()
    make_risk(old_plan, "Krisplanen är ej känd", process="Kris och beredskap")
    result = services.control_plan_copy(source=old_plan, year=YEAR + 1, by=world.controller)
    new = result.plan
    assert (result.risks, result.controls) == (2, 1)
    assert result.dropped_goals == [str(goal)]  # the goal has no copy in the new year
    assert new.copied_from == old_plan and new.status == "draft"
    copy = Control.objects.get(risk__plan=new)
    assert copy.copied_from == control and copy.reporting_times == ["t1", "t2"]
    assert copy.responsible == world.reporter and not copy.results.exists()
    assert ControlResult.objects.get().control == control  # last year's results stay
    assert Risk.objects.get(plan=new, copied_from=control.risk).owner == world.manager


def test_a_copy_follows_goals_copied_to_the_new_year(world, control):
    from roder.planning.services import plan_copy

    old_goal = control.risk.goals.get()
    plan_copy(source=old_goal.plan, year=YEAR + 1, by=None)
    result = services.control_plan_copy(source=control.risk.plan, year=YEAR + 1, by=None)
    risk = Risk.objects.get(plan=result.plan, copied_from=control.risk)
    assert risk.goals.get().copied_from == old_goal
    assert result.dropped_goals == []


def test_a_copy_onto_a_year_with_a_plan_is_refused(world, control):
    make_control_plan(world.unit_a, YEAR + 1)
    with pytest.raises(
        ValidationError, match=f"already has an internal control plan for {YEAR + 1}"
    ):
        services.control_plan_copy(source=control.risk.plan, year=YEAR + 1, by=None)
    assert Risk.objects.count() == 1 and Control.objects.count() == 1
