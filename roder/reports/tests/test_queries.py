"""The plan document costs the same number of queries for a plan of 2 goals and indicators as
for one of 40, built directly and shown as a web page."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.actions.testing import days, make_action
from roder.control.testing import make_control, make_control_plan, make_risk
from roder.documents import services
from roder.economy.testing import install, put
from roder.followup.testing import follow_up, make_indicator, report
from roder.indicators import services as indicator_services
from roder.organisation.access import grants_for
from roder.periods.models import PeriodKind
from roder.periods.testing import make_period
from roder.planning.testing import YEAR, make_categories, make_goal, make_plan

pytestmark = pytest.mark.django_db

HISTORY = (YEAR - 3, YEAR - 2, YEAR - 1)


@pytest.fixture
def scene(world):
    """The organisation's categories, economy categories and the year-end periods of the three
    years before the plan's (the outcome columns of the indicator tables)."""
    year_ends = {
        year: make_period(
            world.organisation,
            year=year,
            kind=PeriodKind.YEAR_END,
            name=f"Helår {year}",
            starts=datetime.date(year, 1, 1),
            ends=datetime.date(year, 12, 31),
        )
        for year in HISTORY
    }
    economy, _activities = install(world.organisation)
    return {
        "categories": make_categories(world.organisation),
        "economy": economy,
        "year_ends": year_ends,
    }


def fill(world, scene, unit, n: int):
    """A plan for `unit` with `n` goals (spread over the categories, one in four without one,
    every third a commitment), each with its own indicator (targets for the plan year and the
    next, every fourth a range; outcomes for three years; a county average) and an action; an
    assignment; a budget; and an internal control plan with `n` risks, each with a control."""
    # Even the small plan has goals under the economy perspective (and so its budget tables).
    categories = [scene["categories"][key] for key in ("economy", "focus", "customer")] + [None]
    plan = make_plan(unit)
    for i in range(n):
        goal = make_goal(
            plan,
            f"Mål {i}",
            category=categories[i % len(categories)],
            kind="commitment" if i % 3 == 2 else "goal",
        )
        ranged = i % 4 == 3
        indicator = make_indicator(
            unit,
            f"Nyckeltal {unit.code}-{i}",
            decimals=1,
            direction="range" if ranged else "higher",
        )
        follow_up(goal, indicator)
        for year in (YEAR, YEAR + 1):
            indicator_services.target_set(
                indicator=indicator,
                unit=unit,
                year=year,
                value=Decimal(50 + i),
                value_high=Decimal(60 + i) if ranged else None,
                yellow_limit=Decimal(5) if ranged else Decimal(40 + i),
                by=None,
            )
        for year, period in scene["year_ends"].items():
            report(indicator, unit, period, str(40 + i + year % 10))
        indicator_services.comparison_set(
            indicator=indicator, year=YEAR - 1, kind="county", value=Decimal(55), by=None
        )
        make_action(
            unit,
            f"Åtgärd {i}",
            description="Beskrivning",
            responsible=world.manager,
            due=days(30 + i),
            goals=[goal],
        )
    make_goal(plan, "Utred lokalerna", kind="assignment", responsible=world.manager)
    put(unit, scene["economy"]["I1"], 1000 * n)
    put(unit, scene["economy"]["K1"], -900 * n)
    control_plan = make_control_plan(unit)
    for i in range(n):
        make_control(make_risk(control_plan, f"Risk {i}", process=f"Process {i}"))
    return plan


def build(world, unit):
    grants = grants_for(world.reader, world.organisation)  # read before counting
    return services.build_document(kind="plan", unit=unit, year=YEAR, grants=grants)


def count_build(world, unit) -> tuple[int, object]:
    grants = grants_for(world.reader, world.organisation)
    with CaptureQueriesContext(connection) as captured:
        document = services.build_document(kind="plan", unit=unit, year=YEAR, grants=grants)
    return len(captured), document


def count_page(client, unit) -> int:
    path = reverse(
        "documents:document",
        kwargs={"org": unit.organisation.slug, "unit_pk": unit.pk, "kind": "plan"},
    )
    client.get(path, {"year": YEAR})  # warm the caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, {"year": YEAR})
        assert response.status_code == 200
    return len(captured)


def indicator_rows(document) -> int:
    """Rows of the indicator tables: one per indicator."""
    return sum(
        1
        for table in document.tables
        for row in table.rows
        if row and row[0].text.startswith("Nyckeltal")
    )


def test_it_builds_the_plan_document_with_as_many_queries_for_40_goals_as_for_2(world, scene):
    fill(world, scene, world.unit_a, 2)
    fill(world, scene, world.unit_b, 40)
    build(world, world.unit_a)  # warm the caches
    small, small_document = count_build(world, world.unit_a)
    large, large_document = count_build(world, world.unit_b)
    # The documents do carry the data whose size differs.
    assert indicator_rows(small_document) == 2
    assert indicator_rows(large_document) == 40
    assert len(large_document.blocks) > len(small_document.blocks)
    # Kund (1), Ekonomi (4) by the organisation's numbers, then the goals without one: 3.5.
    goals = str(services.default_order("plan").index("goals") + 1)
    areas = [h.number for h in large_document.headings if h.level == 2]
    assert areas == [f"{goals}.{n}" for n in (1, 4, 5)]
    assert large == small, (small, large)


def test_it_shows_the_plan_document_with_as_many_queries_for_40_goals_as_for_2(
    world, scene, client_for
):
    fill(world, scene, world.unit_a, 2)
    fill(world, scene, world.unit_b, 40)
    client = client_for(world.reader)
    small = count_page(client, world.unit_a)
    large = count_page(client, world.unit_b)
    assert large == small, (small, large)
