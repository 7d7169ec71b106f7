"""Issue 12, part 1: approved means locked. The reporter enters an outcome, the unit manager
submits, the controller approves; the reporter can no longer change it. The controller
reopens it with a reason, which the report shows; the reporter changes the outcome, the
manager submits and the controller approves again."""

import pytest
from playwright.sync_api import expect

from roder.followup.models import Outcome, ReportReopening, UnitReport
from roder.followup.testing import follow_up, make_indicator
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan
from tests.browser.conftest import follow, open_as, visit

pytestmark = pytest.mark.browser

REASON = "Utfallet för april var fel räknat."


@pytest.fixture
def report(world):
    indicator = make_indicator(world.unit_a, "Svar inom 8 timmar")
    goal = make_goal(make_plan(world.unit_a), "Snabb återkoppling")
    follow_up(goal, indicator, target="85")
    period = make_period(world.organisation)
    org = "/o/testkommun/"
    return {
        "indicator": indicator,
        "path": f"{org}units/{world.unit_a.pk}/periods/{period.pk}/",
        "assess": f"{org}goals/{goal.pk}/periods/{period.pk}/assess/",
        "texts": f"{org}units/{world.unit_a.pk}/documents/tertial/texts/"
        f"?year={period.year}&period={period.pk}",
        "field": f"input[name='i{indicator.pk}-value']",
    }


def enter(page, report, value):
    visit(page, report["path"])
    page.locator(report["field"]).fill(value)
    follow(page, page.locator("section[aria-labelledby=outcomes-heading] button.primary"))
    assert Outcome.objects.get(indicator=report["indicator"]).value == int(value)


def press(page, report, action):
    visit(page, report["path"])
    follow(page, page.locator(f"main form[action$='/{action}/'] button"))


def test_an_approved_report_is_locked_until_a_controller_reopens_it(new_page, world, report):
    reporter = open_as(new_page, "reporter")
    manager = open_as(new_page, "manager")
    controller = open_as(new_page, "controller")

    enter(reporter, report, "85")
    press(manager, report, "submit")
    visit(reporter, report["path"])  # submitted: read-only for the unit
    expect(reporter.locator(report["field"])).to_have_count(0)
    expect(reporter.locator("#report-lock")).to_be_visible()
    press(controller, report, "approve")
    assert UnitReport.objects.get().status == "approved"

    visit(reporter, report["path"])  # approved: locked, with the reason
    expect(reporter.locator(report["field"])).to_have_count(0)
    expect(reporter.locator("#report-lock")).to_be_visible()
    expect(reporter.locator("main form[action$='/reopen/']")).to_have_count(0)
    visit(reporter, report["texts"])  # the report texts too
    expect(reporter.locator("textarea")).to_have_count(0)
    expect(reporter.locator("#text-lock")).to_be_visible()
    visit(manager, report["assess"])  # and the assessment
    expect(manager.locator("[name=level]")).to_have_count(0)
    expect(manager.locator("#report-lock")).to_be_visible()

    visit(controller, report["path"])
    controller.locator("textarea[name=reason]").fill(REASON)
    follow(controller, controller.locator("main form[action$='/reopen/'] button"))
    expect(controller.locator("ul.reopenings")).to_contain_text(REASON)
    assert UnitReport.objects.get().status == "draft"

    visit(reporter, report["path"])
    expect(reporter.locator("ul.reopenings")).to_contain_text(REASON)
    expect(reporter.locator("ul.reopenings")).to_contain_text("Controller Testsson")
    enter(reporter, report, "86")
    press(manager, report, "submit")
    press(controller, report, "approve")
    assert UnitReport.objects.get().status == "approved"

    visit(reporter, report["path"])  # approved again: locked, and the reopening still shows
    expect(reporter.locator(report["field"])).to_have_count(0)
    expect(reporter.locator("ul.reopenings")).to_contain_text(REASON)
    assert ReportReopening.objects.count() == 1
