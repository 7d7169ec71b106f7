"""The start page per persona in the demo, and moving between organisations from the header.

Screenshots go to var/screenshots/ (for the user guide; never tracked files)."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from roder.demo.personas import DEMO_PASSWORD
from tests.browser.conftest import axe_check, follow, log_in, main_nav, visit

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
    expect(main_nav(page, "/o/stockholm/")).to_be_visible()
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


PERSONAS = {
    # persona: (the first unit listed, a unit listed below it, a unit not listed)
    "admin": ("Upplands Väsby kommun", "Väsby Direkt", None),
    "controller": ("Kommunstyrelsen", "Väsby Direkt", "Upplands Väsby kommun"),
    "lasare": ("Kommunfullmäktige", "Väsby Direkt", "Upplands Väsby kommun"),
    "enhetschef": ("Väsby Direkt", None, "Stöd & process"),
}


@pytest.mark.parametrize("persona", list(PERSONAS))
def test_the_start_page_shows_each_persona_how_their_units_are_doing(page, demo, persona):
    first, below, hidden = PERSONAS[persona]
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, persona, DEMO_PASSWORD)
    table = page.locator("table.overview-table")
    unit_names = table.locator("tbody th[scope=row] > a")
    expect(unit_names.first).to_have_text(first)
    if below:
        expect(unit_names.filter(has_text=below)).to_have_count(1)
    if hidden:
        expect(unit_names.filter(has_text=hidden)).to_have_count(0)
    # The goals as a bar with its numbers, readable without the picture.
    bar = table.locator("svg.status-bar").first
    expect(bar).to_have_attribute("role", "img")
    expect(bar).to_have_attribute("aria-label", re.compile(r"\d"))
    expect(table.locator(".bar-numbers").first).to_contain_text(re.compile(r"\d"))
    # The person's own to-dos and notifications come before the overview.
    overview = page.locator("#overview-heading").bounding_box()
    assert overview is not None
    for heading in page.locator("main h2").all()[:1]:
        box = heading.bounding_box()
        assert box is not None and box["y"] <= overview["y"]
    expect(page.locator("#top-goals-heading")).to_be_visible()
    shoot(page, f"start-{persona}-1366")
    page.set_viewport_size({"width": 390, "height": 844})
    axe_check(page)
    shoot(page, f"start-{persona}-390")


def test_the_controller_drills_down_to_stod_och_process(page, demo):
    log_in(page, "controller", DEMO_PASSWORD)
    row = page.locator("table.overview-table tbody tr").filter(has_text="Stöd & process")
    follow(page, row.locator("a.drill"))
    names = page.locator("table.overview-table tbody th[scope=row] > a")
    expect(names.first).to_have_text("Stöd & process")
    expect(names.filter(has_text="Kommunstyrelsen")).to_have_count(0)
    follow(page, page.get_by_role("link", name=re.compile("Allmänna utskottet")))
    expect(names.first).to_have_text("Allmänna utskottet")


def test_the_admin_sees_stockholm_on_the_start_page(page, demo):
    log_in(page, "admin", DEMO_PASSWORD)
    visit(page, "/?org=stockholm")
    names = page.locator("table.overview-table tbody th[scope=row] > a")
    expect(names.first).to_have_text("Stockholms stad")
    shoot(page, "start-admin-stockholm")
