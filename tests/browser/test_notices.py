"""A controller is told of a submitted report on the start page, reads it, and turns one kind
of mail off; an administrator copies a newcomer's invitation link (axe-core on every page)."""

import re

import pytest
from playwright.sync_api import expect

from roder.followup import services as followup
from roder.notices.models import MailChoice, Notification
from roder.organisation import services as organisation
from roder.periods.testing import make_period
from roder.planning.testing import make_plan
from tests.browser.conftest import axe_check, follow, open_as

pytestmark = pytest.mark.browser


def test_it_shows_notifications_on_the_start_page_and_keeps_the_choice_of_mail(new_page, world):
    make_plan(world.unit_a)
    period = make_period(world.organisation)
    followup.report_submit(unit=world.unit_a, period=period, by=world.manager)

    page = open_as(new_page, "controller")  # the start page, checked
    panel = page.locator("section[aria-labelledby=notices-heading]")
    expect(panel.locator("li.unread")).to_have_count(1)
    expect(panel).to_contain_text("Enhet A")

    follow(page, panel.locator("a[href='/notifications/']"))
    expect(page.locator("tr.unread")).to_have_count(1)
    follow(page, page.locator("main form button.link-button"))
    expect(page.locator("tr.unread")).to_have_count(0)
    assert Notification.objects.get(recipient=world.controller).read_at is not None

    follow(page, page.locator("main a[href='/notifications/mail/']"))
    reminders = page.get_by_role(
        "checkbox", name=re.compile("(rapport ska skickas in|report is due)")
    )
    expect(reminders).to_be_checked()
    reminders.uncheck()
    follow(page, page.locator("main button[type=submit]"))
    expect(page.locator("[name=report_reminder]")).not_to_be_checked()
    choice = MailChoice.objects.get(person=world.controller, kind="report_reminder")
    assert choice.mail is False


def test_an_administrator_sees_the_invitation_link_to_copy(new_page, world):
    newcomer = organisation.person_create(
        organisation=world.organisation,
        username="nykomling",
        first_name="Nina",
        last_name="Nykomling",
        email="nina@example.se",
        by=world.admin,
    )
    page = open_as(new_page, "admin")
    page.goto(f"{page.url.rstrip('/')}/o/testkommun/people/{newcomer.pk}/")
    axe_check(page)
    field = page.locator("#invitation-link")
    expect(field).to_have_attribute("readonly", "")
    expect(field).to_have_value(re.compile(r"/accounts/reset/"))
    # Chromium in a test offers the clipboard API: the button shows (hidden without JavaScript).
    expect(page.locator("button[data-copy=invitation-link]")).to_be_visible()
