"""Running a survey by clicking, with the keyboard only: a unit manager goes from the unit page
to the surveys, starts an open-link round for the unit and gets its link; a controller of the
organisation looks at a questionnaire and the import page. axe-core on every page."""

import pytest
from playwright.sync_api import Page, expect

from roder.organisation.services import role_grant
from roder.surveys.files import install_shipped
from roder.surveys.models import RoundUnit, SurveyRound
from tests.browser.conftest import axe_check, log_in, visit

pytestmark = pytest.mark.browser


def tab_to(page: Page, name: str, limit: int = 80) -> None:
    """Press Tab until the focused element has this name or text."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => [document.activeElement.name || '', document.activeElement.textContent.trim()]"
        )
        if any(name == part or (len(name) > 3 and name in part) for part in focused):
            return
    pytest.fail(f"Tab never reached {name!r}")


def enter_and_check(page: Page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page)


def test_a_unit_manager_starts_an_open_round_with_the_keyboard(new_page, world):
    install_shipped()  # the transactional test database has lost the migration's rows
    page = new_page()
    log_in(page, "manager")
    visit(page, f"/o/{world.organisation.slug}/units/{world.unit_a.pk}/")
    tab_to(page, "Enkäter")  # the unit page's link (the main menu's comes first)
    tab_to(page, "Enkäter")
    enter_and_check(page)
    expect(page.locator("h1")).to_contain_text("Enhet A")
    tab_to(page, "Ny enkätomgång")
    enter_and_check(page)
    expect(page.locator("h1")).to_have_text("Ny enkätomgång för Enhet A")
    tab_to(page, "name")
    page.keyboard.type("APT-enkät december")
    tab_to(page, "questionnaire")
    page.keyboard.type("HME")
    tab_to(page, "access")  # the checked option: personal links
    page.keyboard.press("ArrowUp")  # the open link
    tab_to(page, "Skapa omgången")
    enter_and_check(page)
    round_ = SurveyRound.objects.get(name="APT-enkät december")
    assert round_.access == "open" and round_.questionnaire.code == "hme"
    token = RoundUnit.objects.get(round=round_, unit=world.unit_a).token
    expect(page.locator("input[readonly]")).to_have_value(
        f"{page.url.split('/o/')[0]}/s/o/{token}/"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("APT-enkät december")


def test_the_questionnaire_pages_pass_axe(new_page, world):
    install_shipped()
    role_grant(person=world.controller, unit=world.municipality, kind="controller", by=None)
    page = new_page()
    log_in(page, "controller")
    visit(page, f"/o/{world.organisation.slug}/surveys/")
    tab_to(page, "Läs in en enkätfil")
    enter_and_check(page)
    expect(page.locator("h1")).to_have_text("Läs in en enkätfil")
    visit(page, f"/o/{world.organisation.slug}/surveys/rounds/new/")  # the choice of unit
    visit(page, f"/o/{world.organisation.slug}/surveys/")
    tab_to(page, "Hållbart medarbetarengagemang (HME)")
    enter_and_check(page)
    expect(page.locator("h1")).to_contain_text("HME")
    tab_to(page, "Skapa en ny version")
    enter_and_check(page)
    expect(page.get_by_role("button", name="Ta i bruk")).to_be_visible()
