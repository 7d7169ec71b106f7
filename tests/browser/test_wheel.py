"""The annual wheel in a browser: a controller opens it from the main menu, adds the committee's
meetings on the third Tuesday of each month except July with the recurrence builder, sees them on
the circle and in the month list; a reporter filters the wheel by their unit with the keyboard
and makes their calendar address. axe-core checks every page."""

import datetime

import pytest
from playwright.sync_api import expect

from roder.periods.testing import make_period
from roder.wheel.models import FeedToken, WheelEvent
from tests.browser.conftest import account_menu, axe_check, follow, main_nav, open_as, visit

pytestmark = pytest.mark.browser


def test_a_controller_adds_a_recurring_meeting_to_the_wheel(new_page, world):
    make_period(world.organisation, deadline=datetime.date(2026, 5, 15))
    page = open_as(new_page, "controller")
    visit(page, "/o/testkommun/periods/")
    follow(page, main_nav(page, "/wheel/"))
    expect(page.locator("main svg[role=img] title")).to_contain_text("Årshjulet")
    follow(page, page.locator("main a[href$='/wheel/events/new/']").first)
    form = page.locator("main form.stacked")
    form.locator("select[name=unit]").select_option(label="Kommunstyrelsen")
    form.locator("input[name=title]").fill("KS sammanträde")
    form.locator("input[name=starts_on]").fill("2026-01-01")
    form.locator("input[name=start_time]").fill("13:00")
    form.locator("input[name=end_time]").fill("16:00")
    form.locator("select[name=frequency]").select_option(label="Varje månad")
    form.locator("select[name=ordinal]").select_option(label="Den tredje")
    tuesday = form.locator("input[name=weekdays][value=TU]")
    tuesday.focus()
    page.keyboard.press("Space")
    july = form.locator("input[name=skip_months][value='7']")
    july.focus()
    page.keyboard.press("Space")
    form.locator("textarea[name=exceptions]").fill("2026-04-21")
    follow(page, form.locator("button[type=submit]"))
    event = WheelEvent.objects.get()
    assert event.rrule == "FREQ=MONTHLY;BYDAY=+3TU;BYMONTH=1,2,3,4,5,6,8,9,10,11,12"
    visit(page, "/o/testkommun/wheel/?year=2026")
    months = page.locator("main .wheel-month")
    expect(page.locator("main")).to_contain_text("KS sammanträde")
    expect(page.locator("#month-7 + p")).to_contain_text("Inget den här månaden")
    assert months.locator("li", has_text="KS sammanträde").count() == 10  # 11 months, one exception


def test_a_reporter_filters_by_keyboard_and_makes_a_calendar_address(new_page, world):
    WheelEvent.objects.all().delete()
    page = open_as(new_page, "reporter")
    visit(page, "/o/testkommun/wheel/")
    page.locator("#wheel-unit").focus()
    page.keyboard.press("ArrowDown")  # the first unit the reporter sees: Enhet A
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page)
    expect(page.locator("main h1")).to_contain_text("Enhet A")
    follow(page, account_menu(page, "a[href$='/calendar/']"))
    follow(page, page.locator("main button[type=submit]"))
    token = FeedToken.objects.get(person=world.reporter).token
    expect(page.locator("#feed-url")).to_have_value(
        f"{page.url.split('/calendar/')[0]}/calendar/{token}.ics"
    )
