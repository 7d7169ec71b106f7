"""A complaint as a unit handles it: registered by phone, assigned by the manager, acknowledged
and answered by mail by the reporter, with the deadlines in words."""

import datetime
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from roder.complaints.models import Case, CaseAnswer
from roder.complaints.testing import make_case
from tests.browser.conftest import follow, open_as, visit

pytestmark = pytest.mark.browser

ORG = "/o/testkommun/"


def test_a_case_is_registered_assigned_acknowledged_and_answered(new_page, world):
    old = make_case(world.unit_a, "Gammalt ärende", received_on=datetime.date(2026, 1, 7))
    manager = open_as(new_page, "manager")
    visit(manager, f"{ORG}complaints/")
    row = manager.locator(f"#case-{old.pk}")
    expect(row).to_have_class(re.compile(r"\brow-late\b"))
    expect(row).to_contain_text("Försenad: skulle vara klar 2026-01-09")

    follow(manager, manager.locator(f"main a[href='{ORG}complaints/new/']"))
    form = manager.locator("main form.stacked")
    form.locator("[name=channel]").select_option("phone")
    form.locator("[name=kind]").select_option("complaint")
    form.locator("[name=unit]").select_option(str(world.unit_a.pk))
    form.locator("[name=description]").fill("Snön ligger kvar på gång- och cykelvägen.")
    form.locator("[name=name]").fill("Bo Ek")
    form.locator("[name=email]").fill("bo@example.se")
    follow(manager, form.locator("button[type=submit]"))
    case = Case.objects.get(description__startswith="Snön")
    expect(manager).to_have_url(re.compile(rf"{ORG}complaints/{case.pk}/$"))
    expect(manager.locator("h1")).to_contain_text(f"Klagomål {case.diary_number}")
    expect(manager.locator("dl.facts")).to_contain_text("arbetsdagar")

    assign = manager.locator("form[action$='/assign/']")
    assign.locator("[name=handler]").select_option(str(world.reporter.pk))
    follow(manager, assign.locator("button[type=submit]"))
    expect(manager.locator(".messages")).to_contain_text("Ärendet fördelades.")

    reporter = open_as(new_page, "reporter")
    visit(reporter, f"{ORG}complaints/{case.pk}/")
    expect(reporter.locator("form[action$='/assign/']")).to_have_count(0)  # managers assign
    follow(reporter, reporter.get_by_role("button", name="Markera som kvitterat"))
    expect(reporter.locator("dl.facts")).to_contain_text("Kvitterat")
    answer = reporter.locator("form[action$='/answer/']")
    answer.locator("[name=text]").fill("Tack! Vi plogar i morgon bitti.")
    answer.get_by_label("Med e-post från Roder").check()
    follow(reporter, answer.locator("button[type=submit]"))
    expect(reporter.locator(".messages")).to_contain_text("Svaret har sparats.")
    expect(reporter.locator("#answer-heading + article")).to_contain_text("Vi plogar")
    assert CaseAnswer.objects.get(case=case).sent_to == "bo@example.se"
    assert [m.to for m in mail.outbox] == [["bo@example.se"]]
    case.refresh_from_db()
    assert (case.status, case.handler) == ("answered", world.reporter)
