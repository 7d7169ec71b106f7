"""A controller assesses Förvaltningen's goal from the goals of the units below: the assess page
lists them with their statuses and names the unit that has not reported."""

import pytest
from playwright.sync_api import expect

from roder.followup.models import Assessment, Level
from roder.followup.testing import follow_up, make_indicator, report
from roder.periods.testing import make_period
from roder.planning.services import goal_link
from roder.planning.testing import make_goal, make_plan
from tests.browser.conftest import follow, open_as, visit

pytestmark = pytest.mark.browser


def test_a_controller_confirms_a_proposal_from_below(new_page, world):
    period = make_period(world.organisation)
    middle = make_goal(make_plan(world.administration), "Snabb återkoppling")
    indicator = make_indicator(world.unit_a, "Andel besvarade")
    reached = make_goal(make_plan(world.unit_a), "Återkoppling A")
    goal_link(goal=reached, target=middle, by=None)
    follow_up(reached, indicator, target="85")
    report(indicator, world.unit_a, period, "90")
    goal_link(goal=make_goal(make_plan(world.unit_b), "Återkoppling B"), target=middle, by=None)
    page = open_as(new_page, "controller")
    visit(page, f"/o/testkommun/goals/{middle.pk}/periods/{period.pk}/assess/")
    table = page.locator("main table").last
    expect(table).to_contain_text("Återkoppling A")
    expect(table).to_contain_text("Återkoppling B")
    expect(page.locator("main")).to_contain_text("Enhet B")
    expect(page.locator(f"input[name=level][value={Level.FULFILLED}]")).to_be_checked()
    page.locator("textarea[name=analysis]").fill("Enhet A når målet; Enhet B har inte rapporterat.")
    follow(page, page.locator("main form button.primary"))
    assessment = Assessment.objects.get(goal=middle, period=period)
    assert (assessment.level, assessment.proposed_level) == (Level.FULFILLED, Level.FULFILLED)
    assert "Enhet B" in assessment.proposal_reason
