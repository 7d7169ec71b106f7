"""A controller below the top unit runs the periods: sets a due date, closes a period, and
reopens it with a reason that the page then shows; a reader sees the page without the forms."""

import datetime

import pytest
from playwright.sync_api import expect

from roder.periods.models import ReportingPeriod
from roder.periods.testing import make_period
from tests.browser.conftest import follow, open_as, visit

pytestmark = pytest.mark.browser

PERIODS = "/o/testkommun/periods/"


def test_a_controller_dates_closes_and_reopens_a_period(new_page, world):
    period = make_period(world.organisation)
    page = open_as(new_page, "controller")
    visit(page, PERIODS)
    row = page.locator("main tbody tr").filter(has_text=period.name)
    row.locator("input[type=date]").fill("2026-05-20")
    follow(page, row.locator("form").first.locator("button"))
    period.refresh_from_db()
    assert period.deadline == datetime.date(2026, 5, 20)
    row = page.locator("main tbody tr").filter(has_text=period.name)
    follow(page, row.locator("button[name=status][value=closed]"))
    period.refresh_from_db()
    assert period.status == "closed"
    row = page.locator("main tbody tr").filter(has_text=period.name)
    row.locator("input[name=reason]").fill("Enhet B:s utfall kom efter stängningen")
    follow(page, row.locator("button[name=status][value=open]"))
    expect(page.locator("main tbody")).to_contain_text("Enhet B:s utfall kom efter stängningen")
    assert ReportingPeriod.objects.get(pk=period.pk).is_open


def test_a_reader_sees_the_periods_without_the_forms(new_page, world):
    make_period(world.organisation, deadline=datetime.date(2026, 5, 15))
    page = open_as(new_page, "reader")
    visit(page, PERIODS)
    expect(page.locator("main tbody")).to_contain_text("2026-05-15")
    expect(page.locator("main form")).to_have_count(0)
