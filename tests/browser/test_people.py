"""The people page: an administrator adds a person and invites them."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from roder.core.models import HistoryAction, HistoryEntry
from roder.testing import make_person
from tests.browser.conftest import axe_check, follow, log_in, main_nav, visit

pytestmark = pytest.mark.browser

ORG = "/o/testkommun/"


def test_it_adds_an_invited_person_who_then_shows_in_the_list(page, world):
    log_in(page, "admin")
    visit(page, ORG)
    follow(page, main_nav(page, f"{ORG}people/"))
    follow(page, page.locator(f"main a[href$='{ORG}people/new/']"))
    form = page.locator("main form.stacked")
    form.locator("[name=first_name]").fill("Åsa")
    form.locator("[name=last_name]").fill("Öberg")
    form.locator("[name=username]").fill("asa.oberg")
    form.locator("[name=email]").fill("asa.oberg@testkommun.se")
    form.locator("[name=title]").fill("Enhetschef")
    expect(form.locator("[name=invite]")).to_be_checked()
    follow(page, form.locator("button[type=submit]"))

    expect(page.locator("h1")).to_have_text("Åsa Öberg")
    person = get_user_model().objects.get(username="asa.oberg")
    assert (person.organisation, person.email, person.title) == (
        world.organisation,
        "asa.oberg@testkommun.se",
        "Enhetschef",
    )
    assert not person.has_usable_password()  # until they choose one through the invitation
    actions = set(HistoryEntry.objects.filter(person=person).values_list("action", flat=True))
    assert actions == {HistoryAction.CREATE, HistoryAction.INVITE}
    history = page.locator("section[aria-labelledby=history-heading] tbody tr")
    expect(history).to_have_count(2)
    expect(history.first).to_contain_text("Admin Testsson")

    follow(page, page.locator(f"nav.breadcrumbs a[href$='{ORG}people/']"))
    expect(page.locator("#people").get_by_role("link", name="Åsa Öberg")).to_be_visible()


def test_it_finds_people_by_name_whatever_the_case_of_å_ä_ö(page, world):
    make_person(world.organisation, "asa.oberg", first_name="Åsa", last_name="Öberg")
    log_in(page, "admin")
    visit(page, f"{ORG}people/")
    rows = page.locator("#people tbody tr")

    page.locator("main input[name=q]").fill("testsson")
    expect(rows).to_have_count(6)  # the six people of the test world
    expect(page).to_have_url(re.compile(r"[?&]q=testsson"))
    axe_check(page)

    page.locator("main input[name=q]").fill("öberg")  # as typed; the name is "Öberg"
    expect(page.locator("#people").get_by_role("link", name="Åsa Öberg")).to_be_visible()
    expect(rows).to_have_count(1)
    axe_check(page)
