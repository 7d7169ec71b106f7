"""The economy in the Debian Chromium: a controller enters a budget, imports a ledger file and
follows the year up; every page passes axe-core. Uses the browser helpers of tests/browser."""

import pytest
from playwright.sync_api import expect

from roder.demo.economy import build_economy
from roder.demo.personas import DEMO_PASSWORD
from roder.demo.testing import restore_demo
from roder.economy.models import BudgetLine
from roder.economy.testing import install, ledger_csv
from roder.organisation.models import Unit
from roder.periods.testing import make_period
from tests.browser.conftest import follow, log_in, visit

pytestmark = pytest.mark.browser


def test_a_controller_enters_a_budget_imports_the_ledger_and_follows_up(page, world, tmp_path):
    install(world.organisation)
    period = make_period(world.organisation)
    log_in(page, "controller")
    base = f"/o/testkommun/units/{world.unit_a.pk}/economy/"
    visit(page, base)
    # The interface is Swedish where the catalogue has the words: find controls by name.
    follow(page, page.locator(f"nav.economy-nav a[href$='{base}entry/']"))
    page.locator("select[name=kind]").select_option("budget")
    page.locator("input[name=year]").fill("2026")
    follow(page, page.locator("main form[method=get] button.primary"))
    page.get_by_label("Personalkostnader").fill("1 000 000")
    page.get_by_label("Försäljning verksamhet/entreprenad").fill("1 200 000")
    follow(page, page.locator("main form[method=post] button.primary"))
    assert BudgetLine.objects.filter(unit=world.unit_a, kind="budget").count() == 2

    follow(page, page.locator(f"nav.economy-nav a[href$='{base}import/']"))
    file = tmp_path / "huvudbok.csv"
    file.write_bytes(
        ledger_csv(["A;K5;14;2026-03-31;350 000,00;Löner", "A;I6;14;2026-04-30;-380 000;Sålt"])
    )
    page.locator("input[name=file]").set_input_files(str(file))
    follow(page, page.locator("main form[method=post] button.primary"))
    page.locator("select[name=period]").select_option(str(period.pk))
    follow(page, page.locator("main form[method=post] button.primary"))
    expect(page.get_by_role("cell", name="380\u00a0000,00").first).to_be_visible()
    follow(page, page.locator("button[name=confirm]"))
    assert BudgetLine.objects.filter(unit=world.unit_a, kind="outcome").count() == 2

    visit(page, f"{base}followup/?period={period.pk}")
    chart = page.locator("main figure.doc-chart img")
    expect(chart).to_have_count(1)
    assert chart.get_attribute("alt").count(": budget ") == 2  # two categories, three bars each
    visit(page, f"{base}?year=2026")
    expect(page.locator("tr.result")).to_contain_text("0,2")
    visit(page, f"{base}activities/?year=2026")
    visit(page, f"{base}years/")


def test_the_demo_economy_pages_pass_axe(page, live_server, transactional_db):
    restore_demo()
    if not BudgetLine.objects.exists():
        build_economy()
    office = Unit.objects.get(organisation__slug="upplands-vasby", code="SP")
    log_in(page, "admin", DEMO_PASSWORD)
    org = "/o/upplands-vasby"
    for path in [
        f"{org}/economy/",
        f"{org}/economy/categories/",
        f"{org}/economy/categories/new/",
        f"{org}/economy/activities/",
        f"{org}/economy/activities/new/",
        f"{org}/units/{office.pk}/economy/?year=2026",
        f"{org}/units/{office.pk}/economy/activities/?year=2026",
        f"{org}/units/{office.pk}/economy/years/",
        f"{org}/units/{office.pk}/economy/followup/",
        f"{org}/units/{office.pk}/economy/entry/",
        f"{org}/units/{office.pk}/economy/import/",
    ]:
        response = visit(page, path)
        assert response.status == 200, path
    follow(page, page.get_by_role("link", name="agresso-sp-2026-08.csv"))  # the import's record
    ns = Unit.objects.get(organisation__slug="stockholm", code="TK-STAB-NS")
    visit(page, f"/o/stockholm/units/{ns.pk}/economy/years/")
    expect(page.get_by_role("row", name="2009")).to_contain_text("3\u00a0885")
