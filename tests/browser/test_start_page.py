"""The start page per persona in the demo, and moving between organisations from the header.

Screenshots go to var/screenshots/ (for the user guide; never tracked files)."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from roder.demo.personas import DEMO_PASSWORD
from tests.browser.conftest import axe_check, follow, log_in, visit

pytestmark = pytest.mark.browser

SHOTS = settings.BASE_DIR / "var" / "screenshots"


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def test_the_admin_switches_to_stockholm_from_the_header(page, demo):
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, "admin", DEMO_PASSWORD)
    switcher = page.locator("header details.org-switcher")
    expect(switcher.locator("summary")).to_contain_text("Upplands Väsby")
    switcher.locator("summary").click()  # opens without JavaScript of Roder's own
    expect(switcher.get_by_role("link", name="Stockholms stad")).to_be_visible()
    axe_check(page)  # with the menu open
    shoot(page, "org-switcher-open")
    follow(page, switcher.get_by_role("link", name="Stockholms stad"))
    expect(page).to_have_url(re.compile(r"/\?org=stockholm$"))
    expect(page.locator("header details.org-switcher summary")).to_contain_text("Stockholms stad")
    expect(page.locator("nav.main-nav a[href='/o/stockholm/']")).to_be_visible()
    # Remembered: the start page shows Stockholm again after a visit elsewhere.
    visit(page, "/accounts/password/")
    follow(page, page.locator("a.brand"))
    expect(page.locator("header details.org-switcher summary")).to_contain_text("Stockholms stad")


def test_a_person_without_a_role_in_stockholm_is_not_offered_it(page, demo):
    log_in(page, "controller", DEMO_PASSWORD)
    expect(page.locator("header details.org-switcher")).to_have_count(0)
    expect(page.locator("header .org-name")).to_have_text("Upplands Väsby kommun")
    assert visit(page, "/?org=stockholm").status == 404
    assert visit(page, "/o/stockholm/").status == 404
