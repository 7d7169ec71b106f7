"""The user guides' screenshots (docs/guide/): each persona walks the pages of their year in
the demo, every page checked with axe-core, and each page's "Så här gör du" opens. The pictures
go to var/guide/ (never to tracked files); `make guide` runs this module and copies them into
docs/guide/img/."""

from pathlib import Path

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
SHOTS = Path(settings.BASE_DIR) / "var" / "guide"
SIZE = {"width": 1366, "height": 900}


def shoot(page: Page, name: str, *, open_help: bool = False) -> None:
    """The page as the person sees it, 1366 × 900 (the window, not the whole page: small)."""
    if open_help:
        help_box = page.locator("main details.page-help")
        expect(help_box).to_have_count(1)
        help_box.locator("summary").click()
        expect(help_box.locator("ol li").first).to_be_visible()
        expect(help_box.locator("a[href*='/help/']").first).to_be_visible()
        axe_check(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png")


def as_person(new_page, username: str) -> Page:
    page = new_page()
    page.set_viewport_size(SIZE)
    log_in(page, username, DEMO_PASSWORD)
    return page


def url(name: str, **kwargs) -> str:
    return reverse(name, kwargs={"org": ORG, **kwargs})


def unit(code: str) -> Unit:
    return Unit.objects.get(organisation__slug=ORG, code=code)


def interim() -> ReportingPeriod:
    """Delår 2026, the demo's open period."""
    return ReportingPeriod.objects.get(organisation__slug=ORG, kind="interim", year=2026)


def test_the_controllers_year(new_page, demo):
    page = as_person(new_page, "controller")
    shoot(page, "controller-1-start")
    visit(page, url("periods:periods"))
    shoot(page, "controller-2-periods", open_help=True)
    visit(page, url("followup:overview", pk=interim().pk))
    shoot(page, "controller-3-overview", open_help=True)
    visit(page, url("followup:strategy_map"))
    shoot(page, "controller-4-strategy-map")
    form = page.locator("header form[role=search]")
    form.locator("input[name=q]").fill("Servicegrad")
    with page.expect_navigation():
        form.locator("button").click()
    axe_check(page)
    expect(page.locator("main")).to_contain_text("Servicegrad på telefon")
    shoot(page, "controller-5-search")


def test_the_unit_managers_year(new_page, demo):
    page = as_person(new_page, "enhetschef")
    shoot(page, "enhetschef-1-start")
    vd = unit("SP-VD")
    visit(page, url("followup:scorecard", unit_pk=vd.pk))
    shoot(page, "enhetschef-2-scorecard", open_help=True)
    goal = Goal.objects.filter(plan__unit=vd, plan__year=2026).order_by("number", "pk").first()
    assert goal is not None
    visit(page, url("followup:assess", goal_pk=goal.pk, period_pk=interim().pk))
    shoot(page, "enhetschef-3-assess", open_help=True)
    visit(page, url("actions:action_list"))
    shoot(page, "enhetschef-4-actions", open_help=True)


def test_the_reporters_year(new_page, demo):
    page = as_person(new_page, "rapportor")
    shoot(page, "rapportor-1-start")
    vd = unit("SP-VD")
    visit(page, url("followup:unit_report", unit_pk=vd.pk, period_pk=interim().pk))
    shoot(page, "rapportor-2-report", open_help=True)
    visit(page, url("actions:action_list"))
    shoot(page, "rapportor-3-actions")


def test_the_readers_year(new_page, demo):
    page = as_person(new_page, "lasare")
    shoot(page, "lasare-1-start")
    visit(page, url("followup:strategy_map"))
    shoot(page, "lasare-2-strategy-map", open_help=True)
    # Allmänna utskottet's committee goals, in the approved Tertial 1.
    tertials = ReportingPeriod.objects.filter(organisation__slug=ORG, kind="tertial", year=2026)
    tertial = tertials.order_by("ends").first()
    assert tertial is not None
    visit(page, url("followup:scorecard", unit_pk=unit("AU").pk) + f"?period={tertial.pk}")
    shoot(page, "lasare-3-scorecard")


def test_the_administrators_year(new_page, demo):
    page = as_person(new_page, "admin")
    visit(page, url("organisation:tree"))
    shoot(page, "administrator-1-tree", open_help=True)
    visit(page, url("organisation:unit_detail", pk=unit("SP-VD").pk))
    shoot(page, "administrator-2-unit", open_help=True)
    visit(page, url("organisation:people"))
    shoot(page, "administrator-3-people", open_help=True)
    visit(page, url("organisation:settings"))
    shoot(page, "administrator-4-settings", open_help=True)


def test_the_guides_open_in_roder(new_page, demo):
    page = as_person(new_page, "lasare")
    visit(page, reverse("core:guides"))
    links = page.locator("main ul a[href*='/help/']")
    expect(links).to_have_count(5)
    for href in [links.nth(n).get_attribute("href") for n in range(5)]:
        assert href is not None
        visit(page, href)
        expect(page.locator("main h1")).not_to_be_empty()
        for image in page.locator("main .guide img").all():
            # Images below the fold may still be loading: wait for each (and fail if it breaks).
            image.scroll_into_view_if_needed()
            loaded = image.evaluate(
                """img => img.complete && img.naturalWidth > 0 ? true : new Promise(done => {
                    img.addEventListener("load", () => done(img.naturalWidth > 0));
                    img.addEventListener("error", () => done(false));
                })"""
            )
            assert loaded, image
