"""The follow-up report builder (tertial, interim and annual report): its sections' blocks for
a small world, and the same number of queries for an administration of 2 and of 30 units."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from roder.actions.models import Action
from roder.actions.testing import days, make_action
from roder.control.services import result_record
from roder.control.testing import make_control, make_control_plan, make_risk, make_year
from roder.documents.blocks import Chart, Heading, Paragraphs, Status, Table
from roder.documents.sections import Context
from roder.economy.models import BudgetLine
from roder.economy.testing import install, put
from roder.followup import services as followup_services
from roder.followup.models import Assessment, Outcome, UnitReport
from roder.followup.testing import approve, follow_up, make_indicator, report
from roder.indicators import services as indicator_services
from roder.indicators.models import GoalIndicator, Target
from roder.organisation.access import grants_for
from roder.periods import services as period_services
from roder.periods.testing import make_period
from roder.planning.models import Goal, Plan
from roder.planning.testing import YEAR, make_categories, make_goal, make_plan
from roder.reports.followup import SECTIONS
from roder.testing import add_units

pytestmark = pytest.mark.django_db

BUILD = {section.key: section.build for section in SECTIONS}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def scene(world):
    """Enhet A's plan for the year: "Nöjda kunder" (assessed fulfilled, indicator on target,
    with last year's year-end outcome for a trend) and "Budget i balans" (not assessed,
    indicator off target); the three periods of the year and last year's year-end."""
    organisation = world.organisation
    periods = make_year(organisation)
    t1 = periods["t1"]
    last_year = make_period(
        organisation,
        year=YEAR - 1,
        kind="year_end",
        name=f"Helår {YEAR - 1}",
        starts=datetime.date(YEAR - 1, 1, 1),
        ends=datetime.date(YEAR - 1, 12, 31),
    )
    categories = make_categories(organisation)
    plan = make_plan(world.unit_a)
    happy = make_goal(plan, "Nöjda kunder", category=categories["focus"])
    balance = make_goal(plan, "Budget i balans", category=categories["economy"])
    satisfied = make_indicator(world.unit_a, "Andel nöjda kunder")
    follow_up(happy, satisfied, target="80", yellow="70")
    indicator_services.comparison_set(
        indicator=satisfied, year=YEAR - 1, kind="county", value=Decimal(78), by=None
    )
    report(satisfied, world.unit_a, last_year, "75")
    report(satisfied, world.unit_a, t1, "85")
    result = make_indicator(world.unit_a, "Resultat", measure="msek", direction="higher")
    follow_up(balance, result, target="0", yellow="-1")
    report(result, world.unit_a, t1, "-3")
    followup_services.assessment_record(
        goal=happy,
        period=t1,
        level="fulfilled",
        prognosis="partly",
        analysis="Kunderna är nöjda.\n\nVi fortsätter.",
        by=world.manager,
    )
    # A document for adoption shows approved reports only (README "Who sees what").
    approve(world.unit_a, last_year)
    approve(world.unit_a, t1)
    return {"periods": periods, "t1": t1, "happy": happy, "balance": balance}


def context(world, unit, period) -> Context:
    grants = grants_for(world.admin, world.organisation)
    return Context(unit=unit, year=period.year, grants=grants, period=period, template=None)


def headings(blocks) -> list[tuple[str, str, int]]:
    return [(b.number, b.text, b.level) for b in blocks if isinstance(b, Heading)]


def texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def test_it_has_the_sections_of_a_follow_up_report():
    assert [s.key for s in SECTIONS] == [
        "summary",
        "goals",
        "economy",
        "units",
        "actions",
        "control",
        "outlook",
    ]
    assert [s.key for s in SECTIONS if s.written] == ["summary", "outlook"]
    assert str(SECTIONS[1].title) == "Goals and indicators"


def test_it_prints_the_texts_the_unit_wrote(world, scene):
    ctx = context(world, world.unit_a, scene["t1"])
    ctx.cache["texts"] = {"summary": "Ett bra tertial.\n\n- Nöjda kunder"}
    summary = BUILD["summary"](ctx, "1")
    assert len(summary) == 1
    assert summary[0].parts == [("p", ["Ett bra tertial."]), ("ul", ["Nöjda kunder"])]
    outlook = BUILD["outlook"](ctx, "7")
    assert outlook[0].text == "This section has not been written yet."


def test_it_numbers_categories_and_goals_under_the_section(world, scene):
    blocks = BUILD["goals"](context(world, world.unit_a, scene["t1"]), "3")
    assert headings(blocks) == [
        ("3.1", "Kund", 2),
        ("3.1.1", "Kunden i fokus", 3),
        ("3.1.1.1", "Nöjda kunder", 4),
        ("3.2", "Ekonomi", 2),
        ("3.2.1", "Budget i balans", 3),
    ]


def test_it_shows_the_assessment_analysis_indicators_and_trend_of_a_goal(world, scene):
    blocks = BUILD["goals"](context(world, world.unit_a, scene["t1"]), "3")
    start = blocks.index(next(b for b in blocks if getattr(b, "text", "") == "Nöjda kunder"))
    status, analysis, table, chart = blocks[start + 1 : start + 5]
    assert isinstance(status, Status)
    assert (status.light, status.label) == ("green", "Fulfilled")
    assert status.detail == "Year-end prognosis: Partly fulfilled"  # assessed by a person
    assert isinstance(analysis, Paragraphs)
    assert (analysis.lead, analysis.text) == ("Analysis", "Kunderna är nöjda.\n\nVi fortsätter.")
    assert table.columns == ["Indicator", "Target", "Outcome", "Status", "County average"]
    assert texts(table) == [
        ["Andel nöjda kunder", "80\u00a0%", "85\u00a0%", "On target", f"78\u00a0% ({YEAR - 1})"]
    ]
    row = table.rows[0]
    assert (row[1].value, row[2].value, row[4].value) == (80, 85, 78)
    assert row[3].light == "green"
    assert isinstance(chart, Chart)
    assert chart.title == "Andel nöjda kunder"
    assert chart.width_cm == 8
    assert "Line chart" in chart.alt and "80" in chart.alt  # the target is described
    assert texts(chart.table) == [  # earlier year-ends, then the period
        [str(YEAR - 1), "75", "80"],
        [scene["t1"].name, "85", "80"],
    ]


def test_it_shows_roders_proposal_for_a_goal_nobody_assessed(world, scene):
    blocks = BUILD["goals"](context(world, world.unit_a, scene["t1"]), "3")
    start = blocks.index(next(b for b in blocks if getattr(b, "text", "") == "Budget i balans"))
    status, table = blocks[start + 1 : start + 3]
    assert (status.light, status.label) == ("red", "Not fulfilled")
    assert status.detail.startswith("Roder's proposal: 0 of 1 indicators on target")
    assert isinstance(table, Table)  # no analysis paragraph, and one outcome: no trend chart
    assert texts(table)[0][1:4] == ["0", "-3", "Off target"]
    assert table.rows[0][3].light == "red"
    assert not any(isinstance(b, Chart) for b in blocks[start:])


def test_it_gives_no_prognosis_at_year_end(world, scene):
    year_end = scene["periods"]["year_end"]
    period_services.period_set_status(period=year_end, status="open", expected_version=1, by=None)
    year_end.refresh_from_db()
    followup_services.assessment_record(
        goal=scene["happy"], period=year_end, level="partly", prognosis="partly", by=None
    )
    approve(world.unit_a, year_end)
    blocks = BUILD["goals"](context(world, world.unit_a, year_end), "3")
    status = next(b for b in blocks if isinstance(b, Status))
    assert (status.label, status.detail) == ("Partly fulfilled", "")


def test_it_says_when_the_unit_has_no_plan(world, scene):
    blocks = BUILD["goals"](context(world, world.unit_b, scene["t1"]), "3")
    assert [b.text for b in blocks] == [f"The unit has no plan for {YEAR}."]


@pytest.fixture
def economy(world, scene):
    categories, _activities = install(world.organisation)
    t1 = scene["t1"]
    for unit, scale in ((world.unit_a, 1), (world.unit_b, 2)):
        put(unit, categories["I1"], 1_000_000 * scale)
        put(unit, categories["K5"], 800_000 * scale)
        put(unit, categories["I1"], 400_000 * scale, kind="outcome", period=t1)
        put(unit, categories["K5"], 300_000 * scale, kind="outcome", period=t1)
        put(unit, categories["I1"], 1_000_000 * scale, kind="prognosis", period=t1)
        put(unit, categories["K5"], 850_000 * scale, kind="prognosis", period=t1)
    return categories


def test_it_shows_budget_outcome_and_prognosis_per_category(world, scene, economy):
    blocks = BUILD["economy"](context(world, world.administration, scene["t1"]), "4")
    assert headings(blocks) == [
        ("4.1", "Deviation per category", 2),
        ("4.2", "The year-end prognosis at each period", 2),
        ("4.3", "Result per unit", 2),
    ]
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.columns == [
        "Category",
        "Budget",
        "Outcome to date",
        "Share of budget",
        "Year-end prognosis",
        "Deviation",
    ]
    rows = {row[0]: row[1:] for row in texts(table)}
    assert rows["Kommunersättning"] == ["3,0", "1,2", "40\u00a0%", "3,0", "0,0"]
    assert rows["Personalkostnader"] == ["-2,4", "-0,9", "38\u00a0%", "-2,6", "-0,2"]
    assert rows["Result"] == ["0,6", "0,3", "50\u00a0%", "0,5", "-0,2"]
    assert table.rows[-1][0].bold
    assert table.rows[-1][1].value == Decimal("0.6")
    chart = next(b for b in blocks if isinstance(b, Chart))
    assert "Bar chart" in chart.alt
    assert texts(chart.table) == [
        ["Kommunersättning", "3,0", "1,2", "3,0"],
        ["Personalkostnader", "2,4", "0,9", "2,6"],
    ]
    units = [b for b in blocks if isinstance(b, Table)][-1]
    assert [row[:2] for row in texts(units)] == [["Enhet A", "0,2"], ["Enhet B", "0,4"]]


def test_it_compares_the_outcome_with_the_budget_at_year_end(world, scene, economy):
    year_end = scene["periods"]["year_end"]
    period_services.period_set_status(period=year_end, status="open", expected_version=1, by=None)
    year_end.refresh_from_db()
    put(world.unit_a, economy["K5"], 920_000, kind="outcome", period=year_end)
    blocks = BUILD["economy"](context(world, world.unit_a, year_end), "4")
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.columns == ["Category", "Budget", "Outcome", "Share of budget", "Deviation"]
    rows = {row[0]: row[1:] for row in texts(table)}
    assert rows["Personalkostnader"] == ["-0,8", "-0,9", "115\u00a0%", "-0,1"]


def test_it_says_when_there_are_no_economy_figures(world, scene):
    blocks = BUILD["economy"](context(world, world.unit_a, scene["t1"]), "4")
    assert [b.text for b in blocks] == [f"No budget, outcome or prognosis for {YEAR} yet."]


def test_it_lists_the_units_below_with_their_reports_and_goal_levels(world, scene):
    blocks = BUILD["units"](context(world, world.committee, scene["t1"]), "5")
    (table,) = blocks
    assert table.columns == [
        "Unit",
        "Report",
        "Goals",
        "Fulfilled",
        "Partly fulfilled",
        "Not fulfilled",
        "Not assessable",
    ]
    assert texts(table) == [
        ["Förvaltningen", "No plan", "0", "0", "0", "0", "0"],
        ["Enhet A", "Approved", "2", "1", "0", "1", "0"],
        ["Enhet B", "No plan", "0", "0", "0", "0", "0"],
        ["Total", "", "2", "1", "0", "1", "0"],
    ]
    assert [cell.light for cell in table.rows[1][3:]] == ["green", "", "red", ""]


def test_it_leaves_out_units_that_ended_before_the_year(world, scene):
    world.unit_b.valid_to = datetime.date(YEAR - 1, 12, 31)
    world.unit_b.save()
    (table,) = BUILD["units"](context(world, world.administration, scene["t1"]), "5")
    assert [row[0] for row in texts(table)] == ["Enhet A", "Total"]


def test_it_lists_the_actions_of_the_unit_and_below_with_counts(world, scene):
    make_action(world.unit_a, "Ny rutin", due=days(-3), status="ongoing", responsible=world.manager)
    make_action(world.unit_b, "Klar i år", due=datetime.date(YEAR, 2, 1), status="done")
    make_action(world.unit_b, "Klar i fjol", due=datetime.date(YEAR - 1, 6, 1), status="done")
    make_action(world.unit_b, "Börjar senare", starts=datetime.date(YEAR, 9, 1))
    counts, listed = BUILD["actions"](context(world, world.administration, scene["t1"]), "6")
    assert dict(row for row in texts(counts)) == {
        "Not started": "0",
        "Ongoing": "1",
        "Done": "1",
        "Postponed": "0",
        "Cancelled": "0",
        "Overdue": "1",
        "Total": "2",
    }
    assert listed.columns == ["Action", "Unit", "Responsible", "Due date", "Status"]
    rows = {row[0]: row[1:] for row in texts(listed)}
    assert set(rows) == {"Ny rutin", "Klar i år"}
    assert rows["Ny rutin"] == [
        "Enhet A",
        "Manager Testsson",
        days(-3).isoformat(),
        "Ongoing, overdue",
    ]
    assert rows["Klar i år"] == ["Enhet B", "–", f"{YEAR}-02-01", "Done"]
    overdue = next(row for row in listed.rows if row[0].text == "Ny rutin")
    assert overdue[4].light == "red"


def test_it_says_when_there_are_no_actions(world, scene):
    blocks = BUILD["actions"](context(world, world.unit_a, scene["t1"]), "6")
    assert [b.text for b in blocks] == ["No actions are linked to this unit."]


def test_it_shows_the_results_of_the_committees_control_plan(world, scene):
    plan = make_control_plan(world.committee)
    risk = make_risk(plan)
    checked = make_control(risk, "Stickprov", report_in=("t1",))
    make_control(risk, "Genomgång", report_in=("t1",))
    make_control(risk, "Bokslut", report_in=("year_end",))
    result_record(
        control=checked, period=scene["t1"], outcome="deviation", comment="Två fel.", by=None
    )
    note, counts, listed = BUILD["control"](context(world, world.unit_a, scene["t1"]), "7")
    assert note.text == (
        "Enhet A has no internal control plan of its own; this is "
        f"Internal control plan {YEAR} – Kommunstyrelsen."
    )
    assert counts.columns == ["Result", f"Tertial 1 {YEAR}"]
    assert dict(row for row in texts(counts)) == {
        "Done without remark": "0",
        "Deviation found": "1",
        "Not done": "0",
        "Late": "0",
        "Not yet reported": "1",
        "Not due": "1",
    }
    assert texts(listed) == [
        ["Inköp och avtal", "Stickprov", "Deviation found", "Två fel."],
        ["Inköp och avtal", "Genomgång", "Not yet reported", ""],
    ]
    assert [row[2].light for row in listed.rows] == ["yellow", "none"]


def test_it_says_when_no_control_plan_covers_the_unit(world, scene):
    blocks = BUILD["control"](context(world, world.unit_a, scene["t1"]), "7")
    assert [b.text for b in blocks] == [f"No internal control plan for {YEAR} covers Enhet A."]


# --- queries -------------------------------------------------------------------------------


def populate(units, *, period, indicator, category) -> None:
    """Each unit: a plan with a goal followed up by `indicator` (target, outcome, assessment),
    a submitted report, two actions and budget, outcome and prognosis lines (bulk)."""
    Plan.objects.bulk_create(Plan(unit=u, year=YEAR, title=f"Plan {u.code}") for u in units)
    plans = list(Plan.objects.filter(unit__in=units))
    Goal.objects.bulk_create(Goal(plan=p, kind="goal", title=f"Mål {p.pk}") for p in plans)
    goals = list(Goal.objects.filter(plan__in=plans))
    GoalIndicator.objects.bulk_create(GoalIndicator(goal=g, indicator=indicator) for g in goals)
    Target.objects.bulk_create(
        Target(indicator=indicator, unit=u, year=YEAR, value=Decimal(80)) for u in units
    )
    Outcome.objects.bulk_create(
        Outcome(indicator=indicator, unit=u, period=period, value=Decimal(70 + n % 20))
        for n, u in enumerate(units)
    )
    Assessment.objects.bulk_create(
        Assessment(goal=g, period=period, level="partly", proposed_level="partly") for g in goals
    )
    UnitReport.objects.bulk_create(UnitReport(unit=u, period=period) for u in units)
    Action.objects.bulk_create(
        Action(unit=u, title=f"Åtgärd {u.code}-{n}", status=status, due=days(-n))
        for u in units
        for n, status in enumerate(("ongoing", "done"))
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            unit=u,
            year=YEAR,
            kind=kind,
            period=None if kind == "budget" else period,
            category=category,
            amount=Decimal(100_000),
        )
        for u in units
        for kind in ("budget", "outcome", "prognosis")
    )


def count_queries(ctx: Context) -> int:
    with CaptureQueriesContext(connection) as captured:
        for section in SECTIONS:
            section.build(ctx, "1")
    return len(captured)


def test_it_costs_the_same_queries_for_2_and_30_units(world, scene):
    t1 = scene["t1"]
    categories, _activities = install(world.organisation)
    indicator = make_indicator(world.administration, "Sjukfrånvaro")
    follow_up(
        make_goal(make_plan(world.administration), "Frisk arbetsplats"), indicator, target="5"
    )
    plan = make_control_plan(world.committee)
    control = make_control(make_risk(plan), report_in=("t1",))
    result_record(control=control, period=t1, outcome="deviation", comment="Fel.", by=None)
    extra = {"period": t1, "indicator": indicator, "category": categories["K5"]}
    populate([world.unit_b], **extra)  # Enhet A has its plan from the scene
    make_action(world.unit_a, "Ny rutin", due=days(3))

    def measure() -> int:
        ctx = context(world, world.administration, t1)
        ctx.cache["texts"] = {}
        return count_queries(ctx)

    measure()  # warm Django's caches (content types, translations)
    small = measure()
    populate(add_units(world.administration, 28), **extra)
    large = measure()
    assert large == small, (small, large)
