"""Linking to next year's goals (issue 13 part 9): a unit has made its plan for the next year
before the committee above it; the goal page says so where the choice of a higher goal would
be, the controller copies the committee's plan from there, comes back to the goal and links it.
The unit manager, who may not plan for the committee, is told whom to ask."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from roder.planning.models import GoalLink, Plan
from roder.planning.testing import make_goal, make_plan
from tests.browser.conftest import follow, open_as, visit

SHOTS = settings.BASE_DIR / "var" / "screenshots"

pytestmark = pytest.mark.browser


def test_the_controller_copies_the_missing_higher_plan_from_the_goal_and_links_to_it(
    world, new_page
):
    make_goal(make_plan(world.committee), "Nöjda kunder")
    goal = make_goal(make_plan(world.unit_a, year=2027), "Svar inom 4 timmar")
    path = f"/o/testkommun/goals/{goal.pk}/"

    manager = open_as(new_page, "manager")
    visit(manager, path)
    missing = manager.locator("ul.missing-plans")
    expect(missing).to_contain_text("Kommunstyrelsen har ingen plan för 2027 ännu.")
    expect(missing).to_contain_text("Be den som planerar för enheten")
    expect(missing.get_by_role("button")).to_have_count(0)

    page = open_as(new_page, "controller")
    visit(page, path)
    expect(page.locator("#no-link-candidates")).to_have_text(
        "Det finns inget mål för 2027 högre upp att knyta an till."
    )
    expect(page.locator("select[name=target]")).to_have_count(0)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#chain-heading").scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / "goal-link-missing-plan.png")
    follow(
        page,
        page.get_by_role("button", name="Kopiera Verksamhetsplan 2026 – Kommunstyrelsen till 2027"),
    )
    expect(page).to_have_url(f"{page.url.split('/o/')[0]}{path}")
    expect(page.locator(".messages")).to_contain_text("Planen kopierades")
    assert Plan.objects.filter(unit=world.committee, year=2027).exists()
    expect(page.locator("ul.missing-plans")).to_have_count(0)
    page.get_by_label("Knyter an till").select_option(label="Kommunstyrelsen: Nöjda kunder")
    follow(page, page.get_by_role("button", name="Koppla", exact=True))
    assert GoalLink.objects.filter(goal=goal, target__plan__year=2027).exists()
