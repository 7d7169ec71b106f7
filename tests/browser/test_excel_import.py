"""Outcomes through Excel: download the unit's template, fill it in, upload it, check the
preview and confirm; a file with a bad cell is refused as a whole."""

import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from roder.followup.models import Outcome
from roder.followup.testing import follow_up, make_indicator
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan
from tests.browser.conftest import download, follow, open_as

pytestmark = pytest.mark.browser

ORG = "/o/testkommun/"
OUTCOME_COLUMN = "F"  # id, unit, indicator, measure, target, outcome, women, men, comment
COMMENT_COLUMN = "I"


@pytest.fixture
def followed_up(world):
    """Enhet A's 2026 goal followed up by an indicator with a target, and Tertial 1 open."""
    goal = make_goal(make_plan(world.unit_a), "Brukarna är nöjda", kind="commitment")
    indicator = make_indicator(world.administration, "Andel nöjda brukare")
    follow_up(goal, indicator, target=85, yellow=80)
    return indicator, make_period(world.organisation)


def report_page(new_page, world, period):
    page = open_as(new_page, "manager")
    unit = world.unit_a
    follow(page, page.locator(f"main .card a[href='{ORG}units/{unit.pk}/']"))
    follow(page, page.locator(f"main a[href='{ORG}units/{unit.pk}/periods/{period.pk}/']"))
    return page


def filled_template(page, tmp_path, indicator, unit, outcome, comment=""):
    """The template downloaded from the report page, with the indicator's row filled in."""
    path = download(page, page.locator("main a[href$='/excel/']"), tmp_path)
    book = load_workbook(path)
    sheet = book.worksheets[0]
    row_id = f"U:{indicator.pk}:{unit.pk}"  # the template's own id of the row
    row = next(r for r in range(2, sheet.max_row + 1) if sheet[f"A{r}"].value == row_id)
    sheet[f"{OUTCOME_COLUMN}{row}"] = outcome
    sheet[f"{COMMENT_COLUMN}{row}"] = comment
    book.save(path)
    return path, row


def upload(page, path) -> None:
    follow(page, page.locator("main a[href$='/import/']"))
    form = page.locator("main form[enctype='multipart/form-data']")
    form.locator("input[type=file][name=file]").set_input_files(path)
    follow(page, form.locator("button[type=submit]"))


def test_it_imports_an_outcome_after_showing_a_preview(new_page, world, tmp_path, followed_up):
    indicator, period = followed_up
    unit = world.unit_a
    page = report_page(new_page, world, period)
    path, row = filled_template(page, tmp_path, indicator, unit, 91, "Från enkäten i april.")
    upload(page, path)

    preview = page.locator("main table tbody tr")
    expect(preview).to_have_count(1)
    expect(preview.locator("td").nth(0)).to_have_text(str(row))
    expect(preview.locator("td").nth(1)).to_contain_text(indicator.name)
    expect(preview.locator("td").nth(3).locator("ins")).to_have_text("91")
    expect(preview.locator("td").nth(4)).to_have_text("Från enkäten i april.")
    assert not Outcome.objects.filter(indicator=indicator).exists()  # not before confirming

    follow(page, page.locator("main button[name=confirm]"))
    expect(page).to_have_url(re.compile(rf"{ORG}units/{unit.pk}/periods/{period.pk}/$"))
    expect(page.locator(".messages")).to_be_visible()
    value = page.locator(f"main [name=i{indicator.pk}-value]")
    expect(value).to_have_value(re.compile(r"^91([,.]0*)?$"))
    outcome = Outcome.objects.get(indicator=indicator, unit=unit, period=period)
    assert (outcome.value, outcome.comment, outcome.entered_by) == (
        Decimal(91),
        "Från enkäten i april.",
        world.manager,
    )


def test_it_refuses_a_file_with_text_in_a_number_cell_and_saves_nothing(
    new_page, world, tmp_path, followed_up
):
    indicator, period = followed_up
    page = report_page(new_page, world, period)
    path, row = filled_template(page, tmp_path, indicator, world.unit_a, "nittioett")
    upload(page, path)

    errors = page.locator("main .errorlist[role=alert] li")
    expect(errors).to_have_count(1)
    expect(errors).to_contain_text(re.compile(rf"\b{row}\b"))
    expect(errors).to_contain_text("nittioett")
    expect(page.locator("main button[name=confirm]")).to_have_count(0)
    expect(page.locator("main input[type=file][name=file]")).to_be_visible()  # try again
    assert not Outcome.objects.filter(indicator=indicator).exists()
