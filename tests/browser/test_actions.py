"""A unit's actions as its manager works with them: add one, follow it up in the list and at
the workplace meeting without reloading the page, and take the list to Excel."""

import datetime
import re

import pytest
from django.utils import translation
from openpyxl import load_workbook
from playwright.sync_api import expect

from roder.actions.models import Action, ActionNote, ActionStatus
from roder.actions.testing import days
from tests.browser.conftest import axe_check, download, follow, open_as

pytestmark = pytest.mark.browser

ORG = "/o/testkommun/"


def test_it_follows_an_overdue_action_from_the_list_to_the_meeting_and_excel(
    new_page, world, tmp_path
):
    unit = world.unit_a
    starts, due = days(-60), days(-7)
    page = open_as(new_page, "manager")
    follow(page, page.locator(f"main .card a[href='{ORG}units/{unit.pk}/']"))
    follow(page, page.locator(f"main a[href='{ORG}actions/?unit={unit.pk}']"))
    follow(page, page.locator(f"main a[href$='/actions/new/?unit={unit.pk}']"))
    form = page.locator("main form.stacked")
    form.locator("[name=title]").fill("Ny rutin för avvikelser")
    form.locator("[name=description]").fill("Alla ska känna till rutinen.")
    form.locator("[name=responsible]").select_option(str(world.manager.pk))
    form.locator("[name=starts]").fill(starts.isoformat())
    form.locator("[name=due]").fill(due.isoformat())
    follow(page, form.locator("button[type=submit]"))

    action = Action.objects.get(unit=unit)
    assert (action.title, action.responsible, action.starts, action.due, action.status) == (
        "Ny rutin för avvikelser",
        world.manager,
        starts,
        due,
        ActionStatus.NOT_STARTED,
    )
    expect(page).to_have_url(re.compile(rf"{ORG}actions/{action.pk}/$"))
    expect(page.locator("h1 .late")).to_be_visible()

    # The list marks it overdue; its status changes in place (htmx), without a page load.
    follow(page, page.locator(f"nav.breadcrumbs a[href$='/actions/?unit={unit.pk}']"))
    row = page.locator(f"#action-{action.pk}")
    expect(row).to_have_class(re.compile(r"\brow-late\b"))
    expect(row.locator(".tag.late")).to_be_visible()
    list_url = page.url
    page.evaluate("window.updatedWithoutReload = true")  # a full page load would forget this
    row.locator("select[name=status]").select_option(ActionStatus.ONGOING)
    row.locator("form[action$='/status/'] button[type=submit]").click()
    expect(row.locator("input[name=version]")).to_have_value(str(action.version + 1))
    expect(row.locator("select[name=status]")).to_have_value(ActionStatus.ONGOING)
    expect(row).to_have_class(re.compile(r"\brow-late\b"))  # still open, still overdue
    expect(page).to_have_url(list_url)
    assert page.evaluate("window.updatedWithoutReload === true"), "the status reloaded the page"
    axe_check(page)
    action.refresh_from_db()
    assert action.status == ActionStatus.ONGOING

    # At the workplace meeting a note is added in place too.
    follow(page, page.locator("main .actions a[href*='meeting=1']"))
    expect(page).to_have_url(re.compile(r"[?&]meeting=1"))
    item = page.locator(f"section#action-{action.pk}")
    expect(item.locator(".tag.late")).to_be_visible()
    meeting_url = page.url
    page.evaluate("window.updatedWithoutReload = true")
    note = "Rutinen gicks igenom på APT; två medarbetare saknades."
    item.locator(f"#note-{action.pk}").fill(note)
    item.locator("form[action$='/notes/'] button[type=submit]").click()
    expect(item.locator("ol.notes li")).to_have_count(1)
    expect(item.locator("ol.notes li")).to_contain_text(note)
    expect(item.locator(f"#note-{action.pk}")).to_have_value("")
    expect(page).to_have_url(meeting_url)
    assert page.evaluate("window.updatedWithoutReload === true"), "the note reloaded the page"
    axe_check(page)
    saved = ActionNote.objects.get(action=action)
    assert (saved.text, saved.written_by) == (note, world.manager)

    # The Excel export has the action with its overdue mark and the latest note.
    path = download(page, page.locator("main a[href*='/actions/export.xlsx']"), tmp_path)
    sheet = load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1
    title, unit_name, responsible, start_cell, due_cell, status, overdue, latest = rows[0]
    with translation.override("sv"):
        expected_status = str(ActionStatus.ONGOING.label)
    assert (title, unit_name, responsible, status, latest) == (
        "Ny rutin för avvikelser",
        "Enhet A",
        str(world.manager),
        expected_status,
        note,
    )
    assert isinstance(due_cell, datetime.datetime), "the due date is a real Excel date"
    assert (start_cell.date(), due_cell.date()) == (starts, due)
    assert overdue, "the overdue column is empty"
