"""The interface language: Swedish first, English on request."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import follow, log_in, visit

pytestmark = pytest.mark.browser


def language_button(page, code: str):
    return page.locator(f"header form.language button[value={code}]")


def test_it_switches_between_swedish_and_english(page, world, live_server):
    log_in(page, "reader")
    visit(page, "/o/testkommun/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")

    follow(page, language_button(page, "en"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/o/testkommun/")  # still the same page
    expect(language_button(page, "en")).to_have_count(0)

    follow(page, language_button(page, "sv"))
    expect(page.locator("html")).to_have_attribute("lang", "sv")


def test_it_speaks_swedish_even_to_a_browser_that_asks_for_english(new_page):
    page = new_page(locale="en-GB")
    visit(page, "/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(language_button(page, "en")).to_have_text("English")
