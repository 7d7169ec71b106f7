"""The economy's pages cost the same number of queries for few and many units, lines and
years."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.economy.models import BudgetLine
from roder.economy.testing import install
from roder.periods.testing import make_period
from roder.testing import add_units

pytestmark = pytest.mark.django_db

PAGES = ["overview", "activity_table", "result_table", "followup", "entry", "import_upload"]


@pytest.fixture
def setup(world):
    categories, activities = install(world.organisation)
    return {
        "categories": list(categories.values()),
        "activities": list(activities.values()),
        "period": make_period(world.organisation),
    }


def grow(parent, count, setup):
    """`count` units below `parent`, each with lines of every kind over four years (bulk)."""
    units = add_units(parent, count)
    period = setup["period"]
    lines = []
    for n, unit in enumerate(units):
        for i, category in enumerate(setup["categories"]):
            activity = setup["activities"][(n + i) % len(setup["activities"])]
            amount = Decimal(1000 * (n + i + 1))
            for year in (2024, 2025, 2026, 2027):
                lines.append(
                    BudgetLine(
                        unit=unit,
                        year=year,
                        kind="budget",
                        category=category,
                        activity=activity,
                        amount=amount,
                    )
                )
                lines.append(
                    BudgetLine(
                        unit=unit, year=year, kind="outcome", category=category, amount=amount
                    )
                )
            lines.append(
                BudgetLine(
                    unit=unit,
                    year=2026,
                    kind="outcome",
                    period=period,
                    category=category,
                    amount=amount / 3,
                )
            )
            lines.append(
                BudgetLine(
                    unit=unit,
                    year=2026,
                    kind="prognosis",
                    period=period,
                    category=category,
                    amount=amount,
                )
            )
    BudgetLine.objects.bulk_create(lines)


def count(client, path, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params or {})
        assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", PAGES)
def test_it_costs_the_same_for_10_and_200_units(world, client_for, setup, page):
    client = client_for(world.admin)
    path = reverse(
        f"economy:{page}", kwargs={"org": "testkommun", "unit_pk": world.administration.pk}
    )
    params = {"period": setup["period"].pk} if page == "followup" else {"year": 2026}
    grow(world.unit_a, 10, setup)
    small = count(client, path, params)
    grow(world.unit_b, 190, setup)
    assert count(client, path, params) == small, page


def test_the_economy_start_page_costs_the_same_for_10_and_200_units(world, client_for, setup):
    client = client_for(world.reader)
    path = reverse("economy:index", kwargs={"org": "testkommun"})
    grow(world.unit_a, 10, setup)
    small = count(client, path)
    grow(world.unit_b, 190, setup)
    assert count(client, path) == small
