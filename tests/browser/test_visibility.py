"""Who sees what: the reader's scorecard shows only what the unit has submitted, with its
mark; the reporter sees the draft, marked as one. Every page is checked with axe-core."""

import pytest
from playwright.sync_api import expect

from roder.followup import services
from roder.followup.testing import follow_up, make_indicator, report
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan
from tests.browser.conftest import follow, open_as, visit

pytestmark = pytest.mark.browser

ORG = "/o/testkommun/"


@pytest.fixture
def draft(world):
    period = make_period(world.organisation)
    indicator = make_indicator(world.unit_a, "Andel nöjda brukare")
    goal = make_goal(make_plan(world.unit_a), "Nöjda brukare")
    follow_up(goal, indicator, target="80")
    report(indicator, world.unit_a, period, "61")
    return period


def scorecard(world, period) -> str:
    return f"{ORG}units/{world.unit_a.pk}/scorecard/?period={period.pk}"


def test_the_reader_sees_only_what_was_submitted(new_page, world, draft):
    reader = open_as(new_page, "reader")
    visit(reader, scorecard(world, draft))
    cell = reader.locator("table tbody tr td").nth(1)
    expect(cell).to_contain_text("saknas")  # the draft's 61 is not shown: missing, to a reader
    expect(reader.locator(".report-legend")).to_be_visible()

    reporter = open_as(new_page, "reporter")
    visit(reporter, scorecard(world, draft))
    cell = reporter.locator("table tbody tr td").nth(1)
    expect(cell).to_contain_text("61")
    expect(cell.locator(".report-mark")).to_have_text("(utkast)")

    manager = open_as(new_page, "manager")
    visit(manager, f"{ORG}units/{world.unit_a.pk}/periods/{draft.pk}/")
    follow(manager, manager.get_by_role("button", name="Skicka in rapporten"))
    assert world.unit_a.reports.get(period=draft).status == "submitted"

    visit(reader, scorecard(world, draft))
    cell = reader.locator("table tbody tr td").nth(1)
    expect(cell).to_contain_text("61")
    expect(cell.locator(".report-mark")).to_have_text("(inskickad)")

    services.report_approve(report=world.unit_a.reports.get(period=draft), by=world.controller)
    visit(reader, scorecard(world, draft))
    cell = reader.locator("table tbody tr td").nth(1)
    expect(cell).to_contain_text("61")
    expect(cell.locator(".report-mark")).to_have_count(0)
