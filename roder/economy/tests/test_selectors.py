"""The rules the tables follow, on small data."""

from decimal import Decimal

import pytest

from roder.economy import selectors
from roder.economy.models import AccountCategory
from roder.economy.testing import install, put
from roder.periods.testing import make_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    categories, activities = install(world.organisation)
    return {"c": categories, "a": activities}


def test_a_prognosis_stated_with_the_plan_wins_over_the_periods(world, setup):
    k5 = setup["c"]["K5"]
    tertial = make_period(world.organisation)
    interim = make_period(
        world.organisation, kind="interim", name="Delår", ends=tertial.ends.replace(month=8, day=31)
    )
    put(world.unit_a, k5, 100, kind="prognosis", period=tertial)
    put(world.unit_a, k5, 120, kind="prognosis", period=interim)
    column = selectors.overview(world.unit_a, 2027, scale="kr").costs[4].cells[2]
    assert column.value == Decimal(-120)  # the latest period's
    put(world.unit_a, k5, 130, kind="prognosis")
    column = selectors.overview(world.unit_a, 2027, scale="kr").costs[4].cells[2]
    assert column.value == Decimal(-130)


def test_outcomes_at_a_period_are_not_the_final_accounts(world, setup):
    k5 = setup["c"]["K5"]
    put(world.unit_a, k5, 40, kind="outcome", period=make_period(world.organisation))
    table = selectors.overview(world.unit_a, 2028, scale="kr")
    assert table.result.cells[0].value is None  # no final accounts for 2026 yet
    rows = selectors.result_table(world.unit_a, scale="kr").rows
    assert rows == []


def test_a_category_no_longer_in_use_still_shows_its_amounts(world, setup):
    k1 = setup["c"]["K1"]
    put(world.unit_a, k1, 500)
    AccountCategory.objects.filter(pk=k1.pk).update(is_active=False)
    put(world.unit_a, setup["c"]["K5"], 1)
    table = selectors.overview(world.unit_a, 2026, scale="kr")
    assert "Buffert" in [row.label for row in table.costs]
    table = selectors.overview(world.unit_b, 2026, scale="kr")
    assert "Buffert" not in [row.label for row in table.costs]


def test_lines_without_an_activity_are_listed_as_not_allocated(world, setup):
    c, a = setup["c"], setup["a"]
    put(world.unit_a, c["I1"], 1000, activity=a["14"])
    put(world.unit_a, c["K3"], 300, activity=a["14"])
    put(world.unit_a, c["K3"], 200, activity=a["14"], activity_column="other_cost")
    put(world.unit_b, c["K5"], 50)
    table = selectors.activity_table(world.administration, 2026, "budget", scale="kr")
    assert [row.label for row in table.rows] == [
        "14 Allmän kommunadministration",
        "Ej fördelat på verksamhet",
    ]
    assert [cell.value for cell in table.rows[0].cells] == [1000, 0, 0, 1000, -300, -200, -500, 500]
    assert table.total.cells[-1].value == 450


def test_the_year_table_leaves_missing_outcomes_empty(world, setup):
    c = setup["c"]
    put(world.unit_a, c["K5"], 4_069_000, year=2006)
    put(world.unit_a, c["I6"], 889_000, year=2006)
    put(world.unit_a, c["K5"], 3_000_000, year=2007)
    put(world.unit_a, c["K5"], 3_100_000, year=2007, kind="outcome")
    (first, second) = selectors.result_table(world.unit_a).rows
    texts = [cell.text for cell in first.cells]
    assert texts == ["4\u00a0069", "\u2212889", "–", "–", "–", "–", "–"]
    assert [cell.shown for cell in second.cells] == [3000, 0, 3100, 0, -100, 0, -100]


def test_rounding_happens_once_on_the_exact_sum(world, setup):
    c = setup["c"]
    for code in ("K4", "K5", "K6"):
        put(world.unit_a, c[code], 1_040_000)  # 1,04 mkr each: 1,0 shown
    table = selectors.overview(world.unit_a, 2026)
    assert [row.cells[3].shown for row in table.costs if row.cells[3].value] == [
        Decimal("-1.0")
    ] * 3
    assert table.cost_sum.cells[3].shown == Decimal("-3.1")


def test_the_follow_up_splits_the_result_per_unit_below(world, setup):
    c = setup["c"]
    period = make_period(world.organisation)
    put(world.unit_a, c["K5"], 900, kind="prognosis", period=period)
    put(world.unit_a, c["K5"], 1000)
    put(world.unit_b, c["K5"], 500)
    put(world.unit_b, c["K5"], 450, kind="prognosis", period=period)
    data = selectors.followup(world.administration, period, scale="kr")
    assert [(row.label, row.deviation.value) for row in data.units] == [
        ("Enhet A", Decimal(100)),
        ("Enhet B", Decimal(50)),
    ]
    assert data.result.deviation.value == 150
