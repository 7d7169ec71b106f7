"""The internal control report builder: risk analysis with the matrix, the plan by perspective
(seed 004 section 5), results per period with counts, and a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from roder.control.documents import SECTIONS
from roder.control.models import Control, ControlResult, Risk
from roder.control.services import result_record
from roder.control.testing import make_control, make_control_plan, make_risk, make_year
from roder.documents.blocks import Chart, Heading, Paragraphs, Table
from roder.documents.sections import Context
from roder.organisation.access import grants_for
from roder.planning.testing import YEAR, make_categories

pytestmark = pytest.mark.django_db

BUILD = {section.key: section.build for section in SECTIONS}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def scene(world):
    """Kommunstyrelsen's plan on the default 4 × 4 matrix: risk 1 (economy, 2 × 3 = 6, medium)
    checked in T1 and T2 with a deviation in T1; risk 2 (customer, 4 × 4 = 16, high) checked at
    year-end; risk 3 (no perspective, 1 × 1, low) without a control."""
    periods = make_year(world.organisation)
    categories = make_categories(world.organisation)
    plan = make_control_plan(world.committee)
    bribes = make_risk(plan, category=categories["economy"], owner=world.controller)
    leaks = make_risk(
        plan,
        "Information hanteras inte rätt",
        process="Informationshantering",
        category=categories["customer"],
        probability=4,
        consequence=4,
    )
    make_risk(
        plan, "Krisplanen är okänd", process="Kris och beredskap", probability=1, consequence=1
    )
    sample = make_control(bribes, "Stickprov", planned_actions="Förebyggande information")
    make_control(leaks, "Följa hanteringsanvisning", report_in=("year_end",))
    result_record(
        control=sample,
        period=periods["t1"],
        outcome="deviation",
        comment="Två inköp utanför avtal.",
        by=world.controller,
    )
    return {"plan": plan, "periods": periods}


def context(world, unit=None, period=None, year=YEAR) -> Context:
    grants = grants_for(world.admin, world.organisation)
    return Context(unit=unit or world.committee, year=year, grants=grants, period=period)


def texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def test_it_has_the_sections_of_the_internal_control_report():
    assert [s.key for s in SECTIONS] == [
        "introduction",
        "risk_analysis",
        "controls",
        "results",
        "summary_counts",
        "assessment",
    ]
    assert [s.key for s in SECTIONS if s.written] == ["introduction", "assessment"]
    assert str(SECTIONS[-1].title) == "Assessment and measures"


def test_it_prints_the_texts_the_unit_wrote(world, scene):
    ctx = context(world)
    ctx.cache["texts"] = {"introduction": "Nämnden har följt upp planen."}
    assert [b.text for b in BUILD["introduction"](ctx, "1")] == ["Nämnden har följt upp planen."]
    assert [b.text for b in BUILD["assessment"](ctx, "6")] == [
        "This section has not been written yet."
    ]


def test_it_lists_the_risks_highest_first_with_bands_and_draws_the_matrix(world, scene):
    table, chart = BUILD["risk_analysis"](context(world), "2")
    assert table.columns == [
        "No.",
        "Process",
        "Risk",
        "Probability",
        "Consequence",
        "Risk value",
        "Risk owner",
    ]
    assert texts(table) == [
        [
            "2",
            "Informationshantering",
            "Information hanteras inte rätt",
            "4 Very high",
            "4 Very serious",
            "16 High",
            "–",
        ],
        [
            "1",
            "Inköp och avtal",
            "Mutor och bestickning",
            "2 Low",
            "3 Serious",
            "6 Medium",
            "Controller Testsson",
        ],
        [
            "3",
            "Kris och beredskap",
            "Krisplanen är okänd",
            "1 Very low",
            "1 Negligible",
            "1 Low",
            "–",
        ],
    ]
    assert [row[5].light for row in table.rows] == ["red", "yellow", "green"]
    assert [row[5].value for row in table.rows] == [16, 6, 1]
    assert isinstance(chart, Chart)
    assert chart.title == f"Risk matrix – Kommunstyrelsen {YEAR}"
    assert "Risk matrix" in chart.alt and "4 by 4" in chart.alt
    assert [row[:3] for row in texts(chart.table)] == [
        ["1", "2", "3"],
        ["2", "4", "4"],
        ["3", "1", "1"],
    ]


def test_it_groups_the_controls_by_perspective_as_in_the_plan(world, scene):
    blocks = BUILD["controls"](context(world), "5")
    assert [(b.number, b.text, b.level) for b in blocks if isinstance(b, Heading)] == [
        ("5.1", "Kund", 2),
        ("5.2", "Ekonomi", 2),
        ("5.3", "Without perspective", 2),
    ]
    tables = [b for b in blocks if isinstance(b, Table)]
    assert tables[0].columns == [
        "Process",
        "Risk",
        "Control step",
        "Reported in",
        "Planned actions",
    ]
    assert [texts(t) for t in tables] == [
        [
            [
                "Informationshantering",
                "2. Information hanteras inte rätt",
                "Följa hanteringsanvisning",
                "Year-end",
                "–",
            ]
        ],
        [
            [
                "Inköp och avtal",
                "1. Mutor och bestickning",
                "Stickprov",
                "T1, T2",
                "Förebyggande information",
            ]
        ],
        [["Kris och beredskap", "3. Krisplanen är okänd", "No control yet.", "–", "–"]],
    ]


def test_it_shows_each_periods_results_for_the_whole_year(world, scene):
    blocks = BUILD["results"](context(world), "4")
    assert [(b.number, b.text) for b in blocks if isinstance(b, Heading)] == [
        ("4.1", f"Tertial 1 {YEAR}"),
        ("4.2", f"Delår {YEAR}"),
        ("4.3", f"Helår {YEAR}"),
    ]
    t1, t2, year_end = (b for b in blocks if isinstance(b, Table))
    assert t1.columns == [
        "Process and risk",
        "Control step",
        "Result",
        "Comment",
        "Action for the deviation",
    ]
    assert texts(t1) == [
        [
            "Inköp och avtal: Mutor och bestickning",
            "Stickprov",
            "Deviation found",
            "Två inköp utanför avtal.",
            "Deviation in internal control: Inköp och avtal – Stickprov (Not started)",
        ]
    ]
    assert t1.rows[0][2].light == "yellow"
    assert [row[1:3] for row in texts(t2)] == [["Stickprov", "Not yet reported"]]
    assert [row[1:3] for row in texts(year_end)] == [
        ["Följa hanteringsanvisning", "Not yet reported"]
    ]


def test_it_shows_one_period_without_sub_headings(world, scene):
    blocks = BUILD["results"](context(world, period=scene["periods"]["t1"]), "4")
    assert [type(b) for b in blocks] == [Table]
    assert blocks[0].caption == f"Results of the internal control in Tertial 1 {YEAR}"


def test_it_counts_the_results_per_period(world, scene):
    (table,) = BUILD["summary_counts"](context(world), "5")
    assert table.columns == ["Result", f"Tertial 1 {YEAR}", f"Delår {YEAR}", f"Helår {YEAR}"]
    assert texts(table) == [
        ["Done without remark", "0", "0", "0"],
        ["Deviation found", "1", "0", "0"],
        ["Not done", "0", "0", "0"],
        ["Late", "0", "0", "0"],
        ["Not yet reported", "0", "1", "1"],
        ["Not due", "1", "1", "1"],
    ]
    assert table.rows[1][0].light == "yellow"


def test_it_uses_the_plan_above_and_says_so_once(world, scene):
    ctx = context(world, unit=world.unit_a)
    first = BUILD["risk_analysis"](ctx, "2")
    assert isinstance(first[0], Paragraphs)
    assert first[0].text == (
        "Enhet A has no internal control plan of its own; this is "
        f"Internal control plan {YEAR} – Kommunstyrelsen."
    )
    assert not any(isinstance(b, Paragraphs) for b in BUILD["controls"](ctx, "3"))


def test_it_leaves_out_a_plan_above_that_the_person_may_not_see(world, scene):
    """The manager of Enhet B holds no role on Kommunstyrelsen: B's documents must not print
    the committee's risks (the control pages give that person 404 for the plan)."""
    outsider = grants_for(world.outsider, world.organisation)
    ctx = Context(unit=world.unit_b, year=YEAR, grants=outsider)
    blocks = BUILD["risk_analysis"](ctx, "2")
    assert [b.text for b in blocks] == [f"No internal control plan for {YEAR} covers Enhet B."]
    from roder.documents.services import build_document

    plan_document = build_document(kind="plan", unit=world.unit_b, year=YEAR, grants=outsider)
    assert not any(
        "Mutor och bestickning" in cell.text
        for table in plan_document.tables
        for row in table.rows
        for cell in row
    )
    # The controller, who may see the committee, gets its plan in the same document.
    controller = grants_for(world.controller, world.organisation)
    shown = Context(unit=world.unit_b, year=YEAR, grants=controller)
    assert isinstance(BUILD["risk_analysis"](shown, "2")[1], Table)


def test_it_says_when_no_plan_covers_the_unit(world, scene):
    ctx = context(world, year=YEAR + 1)
    for key in ("risk_analysis", "controls", "results", "summary_counts"):
        assert [b.text for b in BUILD[key](ctx, "2")] == [
            f"No internal control plan for {YEAR + 1} covers Kommunstyrelsen."
        ]


def grow(plan, n, *, period) -> None:
    """`n` more risks with two controls each, reported in T1 with results (bulk)."""
    start = Risk.objects.filter(plan=plan).count() + 100
    Risk.objects.bulk_create(
        Risk(
            plan=plan,
            process=f"Process {i}",
            description=f"Risk {i}",
            probability=1 + i % 4,
            consequence=1 + (i // 4) % 4,
            order=start + i,
        )
        for i in range(n)
    )
    risks = Risk.objects.filter(plan=plan, order__gte=start)
    Control.objects.bulk_create(
        Control(risk=risk, step=f"Kontroll {risk.pk}-{j}", report_t1=True)
        for risk in risks
        for j in range(2)
    )
    ControlResult.objects.bulk_create(
        ControlResult(control=control, period=period, outcome="done")
        for control in Control.objects.filter(risk__in=risks)
    )


def test_it_costs_the_same_queries_for_a_small_and_a_large_plan(world, scene):
    def measure() -> int:
        ctx = context(world)
        ctx.cache["texts"] = {}
        with CaptureQueriesContext(connection) as captured:
            for section in SECTIONS:
                section.build(ctx, "1")
        return len(captured)

    measure()  # warm Django's caches
    small = measure()
    grow(scene["plan"], 40, period=scene["periods"]["t1"])
    large = measure()
    assert large == small, (small, large)
