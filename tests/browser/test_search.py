"""The header's search in the demo: the controller finds "Servicegrad" from any page and opens
it; the unit manager of Väsby Direkt finds nothing of the units beside it."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from roder.demo.personas import DEMO_PASSWORD
from tests.browser.conftest import axe_check, follow, log_in, visit

pytestmark = pytest.mark.browser

VASBY = "/o/upplands-vasby/"
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def search_from_header(page: Page, term: str) -> None:
    form = page.locator("header form[role=search]")
    form.get_by_role("searchbox").fill(term)
    follow(page, form.get_by_role("button", name="Sök"))


def test_the_controller_finds_servicegrad_from_the_header(page, demo):
    log_in(page, "controller", DEMO_PASSWORD)
    visit(page, VASBY)
    search_from_header(page, "SERVICEGRAD")

    expect(page.locator("h1")).to_have_text("Sök")
    expect(page.locator("#search-page-q")).to_have_value("SERVICEGRAD")
    indicators = page.locator("section.search-group").filter(
        has=page.get_by_role("heading", name="Nyckeltal")
    )
    expect(indicators.get_by_role("link").first).to_contain_text("Servicegrad på telefon")
    page.set_viewport_size({"width": 1366, "height": 900})
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "search-controller.png", full_page=True)

    follow(page, indicators.get_by_role("link", name="Servicegrad på telefon").first)
    expect(page.locator("h1")).to_contain_text("Servicegrad på telefon")


def test_a_unit_manager_finds_only_their_own_branch(page, demo):
    log_in(page, "enhetschef", DEMO_PASSWORD)
    visit(page, VASBY)
    search_from_header(page, "stöd")
    main = page.locator("main")
    units = main.locator("section.search-group").filter(
        has=page.get_by_role("heading", name="Enheter")
    )
    # Väsby Direkt lies under Stöd & process, which the unit manager does not see.
    expect(units).to_have_count(0)
    expect(main).not_to_contain_text("Stöd & process (")
    axe_check(page)
