"""The public complaint form in a logged-out browser on a 390 px wide phone, with the keyboard
only: the proof of work done by the page's script (said in a live region), a mistake shown in
the error summary, the receipt with the case's number; axe-core on every page."""

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from roder.complaints import services
from roder.complaints.models import Case
from roder.complaints.testing import make_service
from roder.core.models import RateLimit
from tests.browser.conftest import axe_check, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def public_form(world):
    services.settings_save(
        organisation=world.organisation,
        expected_version=0,
        by=None,
        form_title="Synpunkt Testkommun",
        form_open=True,
        number_pattern="KS {year}/{number}",
        data_controller="Kommunstyrelsen i Testkommun",
    )
    make_service(world.organisation, "Bygglov", world.unit_a)
    return f"/synpunkter/{world.organisation.slug}/"


def _tab_to(page: Page, name: str, limit: int = 60) -> None:
    """Press Tab until the focused element has this name (or is the button with this text)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => [document.activeElement.name || '', document.activeElement.textContent.trim()]"
        )
        if name in focused:
            return
    pytest.fail(f"Tab never reached {name!r}")


def _fits(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide on a 390 px phone"


def test_a_resident_submits_with_the_keyboard_on_a_phone(new_page, world, public_form):
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    visit(page, public_form)
    expect(page.get_by_role("heading", level=1)).to_have_text("Synpunkt Testkommun")
    expect(page.locator("#challenge-status")).to_have_text(
        "Kontrollen är klar: du kan skicka formuläret.", timeout=30_000
    )
    axe_check(page)
    _fits(page)

    # The type, then send without a description: the error summary takes the focus.
    _tab_to(page, "kind")
    page.keyboard.press("Space")
    _tab_to(page, "Skicka")
    page.keyboard.press("Enter")
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Skriv vad ditt ärende handlar om.")
    axe_check(page)
    _fits(page)
    assert Case.objects.count() == 0

    # Follow the summary's link to the field, write, choose the service, give an address.
    expect(page.locator("#challenge-status")).to_have_text(
        "Kontrollen är klar: du kan skicka formuläret.", timeout=30_000
    )
    _tab_to(page, "Beskriv vad som hände eller vad du tycker: Skriv vad ditt ärende handlar om.")
    page.keyboard.press("Enter")
    expect(page.locator("#id_description")).to_be_focused()
    page.keyboard.type("Bygglovshandläggaren har inte svarat på mina mejl på en månad.")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowDown")  # the service list: Bygglov
    _tab_to(page, "name")
    page.keyboard.type("Anna Andersson")
    page.keyboard.press("Tab")
    page.keyboard.type("anna@example.se")
    _tab_to(page, "Skicka")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Tack, vi har tagit emot ditt ärende")
    axe_check(page)
    _fits(page)
    case = Case.objects.get()
    expect(page.locator(".receipt-number")).to_contain_text(case.diary_number)
    expect(page.get_by_text("Du får vårt svar senast")).to_be_visible()
    assert case.service.name == "Bygglov" and case.submitter_email == "anna@example.se"
    assert "/kvitto/" in page.url and f"/{case.pk}/" not in page.url
    # The answer to the proof of work came from the page's script, and was used.
    assert RateLimit.objects.filter(scope="complaint-challenge:once").count() == 2
    assert [m.to for m in mail.outbox] == [["anna@example.se"]]
