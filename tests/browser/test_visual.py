"""Looks like a product (issue 13, part 10): the main pages as the administrator of the demo at
1366 × 900 (a common office laptop) and 390 × 844 (a phone). At 390 px no page is wider than the
screen (wide tables scroll inside their `.table-wrap`), at 1366 px the main menu is one row, and
every page passes axe-core at both sizes. The header's menus open by keyboard and close with
Escape. Screenshots go to var/visual/ (never to tracked files)."""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Page, expect

from roder.demo.personas import DEMO_PASSWORD
from roder.organisation.models import Unit
from roder.periods.models import ReportingPeriod
from roder.planning.models import Goal
from tests.browser.conftest import axe_check, log_in, visit

pytestmark = pytest.mark.browser

ORG = "upplands-vasby"
SHOTS = settings.BASE_DIR / "var" / "visual"
WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def main_pages() -> dict[str, str]:
    """name: address of the main pages, with the demo's objects in them."""
    vd = Unit.objects.get(organisation__slug=ORG, code="SP-VD")
    ks = Unit.objects.get(organisation__slug=ORG, code="KS")
    interim = ReportingPeriod.objects.get(organisation__slug=ORG, kind="interim", year=2026)
    goal = Goal.objects.filter(plan__unit__organisation__slug=ORG, plan__year=2026)
    goal = goal.order_by("plan__unit__path", "number", "pk").first()
    assert goal is not None

    def url(name: str, **kwargs) -> str:
        return reverse(name, kwargs={"org": ORG, **kwargs})

    return {
        "start": reverse("home:start"),
        "tree": url("organisation:tree"),
        "strategy-map": url("followup:strategy_map"),
        "periods": url("periods:periods"),
        "period-overview": url("followup:overview", pk=interim.pk),
        "unit-report": url("followup:unit_report", unit_pk=vd.pk, period_pk=interim.pk),
        "scorecard": url("followup:scorecard", unit_pk=vd.pk),
        "scorecard-committee": url("followup:scorecard", unit_pk=ks.pk),
        "rollup": url("followup:rollup", goal_pk=goal.pk),
        "indicators": url("indicators:list"),
        "actions": url("actions:action_list"),
        "control": url("control:overview"),
        "quality": url("quality:index"),
        "economy": url("economy:index"),
        "categories": url("planning:categories"),
        "people": url("organisation:people"),
        "settings": url("organisation:settings"),
        "search": url("organisation:search") + "?q=service",
        "notifications": reverse("notices:list"),
        "wheel": url("wheel:wheel"),
        "wheel-event": url("wheel:event_create"),
    }


def shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png")


def overflow(page: Page) -> tuple[int, int]:
    return page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


def nav_rows(page: Page) -> int:
    """How many rows the main menu's top-level entries take."""
    return page.evaluate(
        "new Set([...document.querySelectorAll('nav.main-nav > ul > li')]"
        ".map(li => Math.round(li.getBoundingClientRect().top))).size"
    )


def test_no_main_page_is_wider_than_a_phone(page, demo):
    page.set_viewport_size(PHONE)
    log_in(page, "admin", DEMO_PASSWORD)
    wider = {}
    for name, address in main_pages().items():
        visit(page, address)
        scroll_width, client_width = overflow(page)
        if scroll_width > client_width:
            wider[name] = scroll_width
        shoot(page, f"{name}-390")
    assert wider == {}, f"Pages wider than {PHONE['width']} px: {wider}"


def test_the_main_menu_is_one_row_on_a_laptop(page, demo):
    page.set_viewport_size(WIDE)
    log_in(page, "admin", DEMO_PASSWORD)  # the administrator has the most entries
    for name, address in main_pages().items():
        visit(page, address)
        assert nav_rows(page) == 1, f"The main menu wraps on {name} at 1366 px"
        assert overflow(page)[0] <= WIDE["width"], name
        shoot(page, f"{name}-1366")


@pytest.mark.parametrize("size", [WIDE, PHONE], ids=["1366", "390"])
def test_a_menu_group_opens_by_keyboard_and_closes_with_escape(page, demo, size):
    page.set_viewport_size(size)
    log_in(page, "admin", DEMO_PASSWORD)
    group = page.locator("nav.main-nav details.menu", has_text="Mål och uppföljning")
    link = group.locator("a[href$='/strategy-map/']")
    expect(link).to_be_hidden()
    group.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(link).to_be_visible()
    assert overflow(page)[0] <= size["width"]  # the open menu stays on the screen
    axe_check(page)
    shoot(page, f"menu-open-{size['width']}")
    page.keyboard.press("Escape")
    expect(link).to_be_hidden()
    expect(group.locator("summary")).to_be_focused()
    # Opening the account menu closes any other header menu (one open at a time).
    group.locator("summary").click()
    account = page.locator("header details.account-menu")
    account.locator("summary").click()
    expect(account.locator("form[action$='/logout/'] button")).to_be_visible()
    expect(link).to_be_hidden()
    # A click elsewhere closes it.
    page.locator("main h1").click()
    expect(account.locator("form[action$='/logout/'] button")).to_be_hidden()


def test_the_group_of_the_current_page_is_marked(page, demo):
    page.set_viewport_size(WIDE)
    log_in(page, "admin", DEMO_PASSWORD)
    visit(page, main_pages()["strategy-map"])
    group = page.locator("nav.main-nav details.menu", has_text="Mål och uppföljning")
    expect(group.locator("a[aria-current=page]")).to_have_attribute(
        "href", f"/o/{ORG}/strategy-map/"
    )
    weight = group.locator("summary").evaluate("s => getComputedStyle(s).fontWeight")
    assert int(weight) >= 600


def test_a_status_is_told_by_its_word_and_shape_as_well_as_its_colour(page, demo):
    log_in(page, "admin", DEMO_PASSWORD)
    visit(page, main_pages()["scorecard"])
    lights = page.locator("main .light")
    expect(lights.first).to_be_visible()
    for light in lights.all():
        symbol = light.locator("span[aria-hidden=true]").inner_text()
        kind = light.get_attribute("class")
        expected = {"light-green": "●", "light-yellow": "▲", "light-red": "■", "light-none": "○"}
        assert symbol == next(v for k, v in expected.items() if k in kind), kind
        assert light.inner_text().replace(symbol, "").strip(), "a light without its word"
