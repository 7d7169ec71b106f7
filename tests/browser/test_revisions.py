"""A source's new value for an approved report waits as a revision: the controller finds it from
the period's overview, sees it beside the outcome, and accepts it; the scorecard then shows it."""

import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from roder.followup import services
from roder.followup.models import Outcome
from roder.followup.testing import approve, follow_up, make_indicator
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan
from tests.browser.conftest import follow, open_as, visit

pytestmark = pytest.mark.browser

ORG = "/o/testkommun/"


@pytest.fixture
def pending(world):
    """Enhet A's cost per case, typed and approved; the economy then reads another figure."""
    indicator = make_indicator(world.unit_a, "Kostnad per ärende", measure="sek")
    follow_up(make_goal(make_plan(world.unit_a), "God ekonomi"), indicator, target="500")
    period = make_period(world.organisation)
    services.outcome_write(
        indicator=indicator, unit=world.unit_a, period=period, value=Decimal(480), by=None
    )
    approve(world.unit_a, period)
    revision = services.outcome_write(
        indicator=indicator,
        unit=world.unit_a,
        period=period,
        value=Decimal(520),
        source="economy",
        vintage=datetime.date(2026, 5, 2),
        by=None,
    )
    return {"indicator": indicator, "period": period, "revision": revision}


def test_a_controller_accepts_a_revised_outcome_from_the_period_overview(new_page, world, pending):
    period = pending["period"]
    page = open_as(new_page, "controller")
    visit(page, f"{ORG}periods/{period.pk}/")
    follow(page, page.locator(f"main a[href='{ORG}revisions/?period={period.pk}']"))
    row = page.locator("main tbody tr").filter(has_text="Kostnad per ärende")
    expect(row).to_contain_text("480")
    expect(row).to_contain_text("520")
    expect(row).to_contain_text("2026-05-02")
    follow(page, row.locator("button.primary"))
    expect(page).to_have_url(re.compile(rf"{ORG}revisions/\?period={period.pk}$"))
    expect(page.locator("main tbody")).not_to_contain_text("Kostnad per ärende")
    assert Outcome.objects.get(indicator=pending["indicator"]).value == 520
    visit(page, f"{ORG}units/{world.unit_a.pk}/scorecard/?period={period.pk}")
    cell = page.locator("main td[title]").filter(has_text="520")
    expect(cell).to_have_attribute("title", re.compile("2026-05-02"))
