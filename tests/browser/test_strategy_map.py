"""The strategy map on the demo: a controller unfolds branches with htmx, meets a goal that
knyter an till two goals, filters, goes back after a swap, and opens the map as a PDF; a reader
walks it without JavaScript and sees no drafts. Screenshots go to var/screenshots/ (for the
user guide; never tracked files)."""

import io
import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from roder.demo.personas import DEMO_PASSWORD
from roder.planning.models import Goal
from roder.planning.services import goal_link
from tests.browser.conftest import axe_check, download, follow, log_in, main_nav, visit

pytestmark = pytest.mark.browser

ORG = "/o/upplands-vasby"
MAP = f"{ORG}/strategy-map/"
SHOTS = settings.BASE_DIR / "var" / "screenshots"


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def shared_goal() -> tuple[Goal, list[Goal]]:
    """A goal of Väsby Direkt that knyter an till two of Stöd & process's goals (the demo's
    first such goal, linked to one more through the planning service)."""
    goal = (
        Goal.objects.filter(plan__unit__code="SP-VD", plan__year=2026)
        .filter(upward_links__target__plan__unit__code="SP")
        .order_by("pk")
        .first()
    )
    assert goal is not None
    first = goal.contributes_to.get()
    second = (
        Goal.objects.filter(plan__unit__code="SP", plan__year=2026, downward_links__isnull=False)
        .exclude(pk=first.pk)
        .order_by("order", "pk")
        .first()
    )
    assert second is not None
    goal_link(goal=goal, target=second, by=None)
    return goal, sorted([first, second], key=lambda g: (g.order, g.pk))


def card(page: Page, goal: Goal):
    """Every appearance of the goal's card on the page (its list item)."""
    return page.locator(f"li.smap-node:has(> .smap-card a[href$='/goals/{goal.pk}/'])")


def unfold_link(page: Page, goal: Goal):
    return page.locator(
        f"li.smap-node:has(> .smap-card a[href$='/goals/{goal.pk}/']) > .smap-kids a.smap-open"
    ).first


def test_a_controller_unfolds_filters_goes_back_and_prints(new_page, demo, tmp_path):
    page = new_page()
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, "controller", DEMO_PASSWORD)
    visit(page, MAP)
    shared, (first, second) = shared_goal()
    tree = page.locator(".smap-tree")
    expect(tree).to_be_visible()
    # Opened down to the office (förvaltning): the unit's goals are folded.
    expect(card(page, first).first).to_be_visible()
    expect(card(page, shared)).to_have_count(0)
    # The committee's goals are proposed from below, not grey.
    expect(page.locator(".smap-card.light-green, .smap-card.light-yellow").first).to_be_visible()
    shot(page, "strategy-map-controller")

    # Unfold with htmx: no page load, the branch arrives in place, the address follows.
    unfold_link(page, first).click()
    expect(card(page, shared).first).to_be_visible()
    expect(page).to_have_url(re.compile(rf"open={first.pk}"))
    axe_check(page)
    unfold_link(page, second).click()
    expect(card(page, shared)).to_have_count(2)
    expect(page).to_have_url(re.compile(rf"open={first.pk}.*open={second.pk}"))
    axe_check(page)
    # The same goal under its second goal says so and leads to its full card.
    again = card(page, shared).locator("> .smap-card.smap-again")
    expect(again).to_have_count(1)
    expect(again.locator(".smap-same a")).to_contain_text(first.title)
    shot(page, "strategy-map-unfolded")
    follow(page, again.locator(".smap-same a"))
    expect(page.locator("li.smap-node:target")).to_have_count(1)
    expect(page.locator("li.smap-node:target > .smap-card a").first).to_have_attribute(
        "href", re.compile(rf"/goals/{shared.pk}/$")
    )

    # Swap, navigate away, go back: the whole page (header and all), as it was unfolded.
    visit(page, MAP)
    unfold_link(page, first).click()
    expect(card(page, shared).first).to_be_visible()
    follow(page, main_nav(page, "/periods/"))
    page.go_back()
    expect(page).to_have_url(re.compile(rf"strategy-map/\?.*open={first.pk}"))
    expect(page.locator("header.site-header")).to_be_visible()
    expect(page.locator("h1")).to_have_count(1)
    expect(card(page, shared).first).to_be_visible()
    axe_check(page)

    # Filter by category: only its goals remain.
    category = first.category
    assert category is not None
    page.locator("#map-category").select_option(str(category.pk))
    follow(page, page.locator(".smap-filter button[type=submit]"))
    units = page.locator(".smap-card .smap-unit")
    expect(units.first).to_be_visible()
    for text in units.all_inner_texts():
        assert category.name in text or (category.parent and category.parent.name in text)

    # The printable map and its PDF through the documents app.
    follow(page, page.locator(".smap-actions a[href*='/documents/strategy_map/']"))
    expect(page.locator(".doc-tree .doc-card").first).to_be_visible()
    shot(page, "strategy-map-document")
    # The run is produced in the request here (the tests' task backend): give it time.
    with page.expect_navigation(timeout=120_000):
        page.get_by_role("button", name="Ladda ner som PDF").click()
    axe_check(page)
    expect(page.locator("#run-progress")).to_contain_text("Klar")
    link = page.get_by_role("link", name=re.compile("Ladda ner"))
    pdf = download(page, link.first, tmp_path).read_bytes()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert first.title.split()[0] in text and "Stöd & process" in text


def test_a_reader_walks_the_map_without_javascript(browser, live_server, new_page, demo):
    """axe-core cannot run where scripts are off: each page the reader reaches is checked in a
    second browser of the reader's with scripts on, at the same address."""
    checker = new_page()
    log_in(checker, "lasare", DEMO_PASSWORD)
    context = browser.new_context(
        locale="sv-SE", bypass_csp=True, base_url=live_server.url, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.set_viewport_size({"width": 390, "height": 844})

        def go(target) -> None:
            with page.expect_navigation():
                target.click()
            visit(checker, page.url)

        page.goto("/accounts/login/")
        page.locator("input[name=username]").fill("lasare")
        page.locator("input[name=password]").fill(DEMO_PASSWORD)
        go(page.locator("form:has(input[name=password]) button[type=submit]"))
        page.goto(MAP)
        visit(checker, MAP)
        shared, (first, _second) = shared_goal()
        # The reader sees the committee's goals proposed from what was submitted: no drafts.
        expect(page.locator(".smap-tree")).to_be_visible()
        expect(page.locator(".smap-card .report-mark", has_text="utkast")).to_have_count(0)
        shot(page, "strategy-map-lasare-mobile")
        # Unfolding is a link: the page again, with the branch unfolded.
        go(unfold_link(page, first))
        expect(page).to_have_url(re.compile(rf"open={first.pk}"))
        shared_card = card(page, shared).first
        expect(shared_card).to_be_visible()
        # Folding is the branch's own disclosure, no script needed.
        summary = card(page, first).locator("> details.smap-kids > summary").first
        summary.click()
        expect(shared_card).to_be_hidden()
        summary.click()
        expect(shared_card).to_be_visible()
        # The filter is a plain form.
        unit = shared.plan.unit
        page.locator("#map-unit").select_option(str(unit.pk))
        go(page.locator(".smap-filter button[type=submit]"))
        expect(card(page, shared)).to_have_count(1)
        expect(page.locator(".smap-card .smap-unit").first).to_contain_text(unit.name)
    finally:
        context.close()
