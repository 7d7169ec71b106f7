"""The economy: a ledger file with bad rows is refused as a whole, the corrected file shows its
totals per unit and imports; the tables then show the amounts. And the demo's tables print the
numbers of seeds 004 and 000."""

import re

import pytest
from playwright.sync_api import expect

from roder.demo.personas import DEMO_PASSWORD
from roder.demo.testing import restore_demo
from roder.economy.models import BudgetLine, LedgerImport
from roder.economy.testing import install, ledger_csv
from roder.organisation.models import Unit
from roder.periods.models import PeriodKind
from roder.periods.services import period_set_status, periods_install_year
from roder.planning.testing import YEAR
from tests.browser.conftest import axe_check, follow, log_in, log_out, main_nav, open_as

pytestmark = pytest.mark.browser

ORG = "/o/testkommun/"
NBSP = "\u00a0"

# Agresso-style rows (Ansvar;Konto;Verksamhet;Bokföringsdatum;Belopp;Text): costs positive,
# incomes negative. K4 Övrigt material och tjänster, K5 Personalkostnader, I6 Försäljning
# verksamhet/entreprenad (the default categories); activities 14 and 15.
BAD_ROWS = [
    "A;K5;14;2026-01-31;1 500 000,00;Löner",  # row 2
    "A;K4;14;2026-02-28;300 000;Material",  # row 3
    "X9;K5;14;2026-01-31;100 000;Okänt ansvar",  # row 4: no such unit
    "A;I6;14;2026-03-31;-2 000 000;Försäljning",  # row 5
    "B;K5;15;2026-01-31;åttahundratusen;Löner",  # row 6: not a number
    "B;I6;15;2026-03-31;-1 000 000;Försäljning",  # row 7
]
GOOD_ROWS = [
    "A;K5;14;2026-01-31;1 500 000,00;Löner",
    "A;K4;14;2026-02-28;300 000;Material",
    "A;I6;14;2026-03-31;-2 000 000;Försäljning",
    "B;K5;15;2026-01-31;800 000;Löner",
    "B;I6;15;2026-03-31;-1 000 000;Försäljning",
]


def kr(text: str) -> str:
    """'2 000 000,00' as the pages print it, with no-break spaces."""
    return text.replace(" ", NBSP)


def row_of(table, label: str):
    """The table's body row whose header cell is exactly `label`."""
    return table.locator("tbody tr").filter(
        has=table.page.locator("th", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    )


@pytest.fixture
def ledger(world):
    """The default account categories and activities, and the 2026 periods with Tertial 1
    open (the follow-up page shows a period)."""
    install(world.organisation)
    periods = periods_install_year(organisation=world.organisation, year=YEAR, by=None)
    period = next(p for p in periods if p.kind == PeriodKind.TERTIAL)
    period_set_status(period=period, status="open", expected_version=period.version, by=None)
    return period


def upload(page, path) -> None:
    """From any economy page of the unit: the import page, the file, on to the columns."""
    follow(page, page.locator("nav.economy-nav a[href$='/economy/import/']"))
    form = page.locator("main form[enctype='multipart/form-data']")
    form.locator("input[type=file][name=file]").set_input_files(path)
    follow(page, form.locator("button[type=submit]"))


def check_as_budget(page) -> None:
    """Keep the proposed columns; the amounts are the 2026 budget, for the whole year."""
    form = page.locator("main form.stacked")
    for name, column in (("unit", 0), ("category", 1), ("activity", 2), ("date", 3)):
        expect(form.locator(f"select[name={name}]")).to_have_value(str(column))
    expect(form.locator("select[name=amount]")).to_have_value("4")
    expect(form.locator("[name=sign][value=ledger]")).to_be_checked()
    form.locator("select[name=kind]").select_option("budget")
    form.locator("[name=year]").fill(str(YEAR))
    expect(form.locator("select[name=period]")).to_have_value("")
    follow(page, form.locator("button[type=submit]"))


def test_a_ledger_file_with_bad_rows_writes_nothing_and_the_corrected_file_imports(
    new_page, world, ledger, tmp_path
):
    office = world.administration
    economy = f"{ORG}units/{office.pk}/economy/"
    page = open_as(new_page, "controller")  # controller on Kommunstyrelsen, above Förvaltningen
    follow(page, page.locator(f"main .card a[href='{ORG}units/{world.committee.pk}/']"))
    follow(page, page.locator(f"main a[href='{ORG}units/{office.pk}/']"))
    follow(page, page.locator(f"main a[href='{economy}']"))
    expect(page).to_have_url(re.compile(rf"{economy}$"))

    # The file with an unknown unit and a word for an amount: every error, row by row.
    bad = tmp_path / "huvudbok-2026.csv"
    bad.write_bytes(ledger_csv(BAD_ROWS))
    upload(page, bad)
    staged = LedgerImport.objects.get(file_name=bad.name)
    expect(page).to_have_url(re.compile(rf"{ORG}economy/imports/{staged.pk}/$"))
    check_as_budget(page)
    errors = page.locator("main .errorlist[role=alert] li")
    expect(errors).to_have_count(2)
    expect(errors.nth(0)).to_contain_text(re.compile(r"\b4\b"))
    expect(errors.nth(0)).to_contain_text("X9")
    expect(errors.nth(1)).to_contain_text(re.compile(r"\b6\b"))
    expect(errors.nth(1)).to_contain_text("åttahundratusen")
    expect(page.locator("main button[name=confirm]")).to_have_count(0)
    assert not BudgetLine.objects.exists()
    staged.refresh_from_db()
    assert staged.is_staged and staged.line_count in (0, None)

    # The corrected file: the preview's totals per unit, and still nothing written.
    good = tmp_path / "huvudbok-2026-rattad.csv"
    good.write_bytes(ledger_csv(GOOD_ROWS))
    upload(page, good)
    check_as_budget(page)
    expect(page.locator("main .errorlist[role=alert]")).to_have_count(0)
    totals = page.locator("main table.economy:has(tr.result)")
    expect(totals.locator("tbody tr")).to_have_count(3)  # Enhet A, Enhet B, the total
    for n, (unit, rows, incomes, costs, result) in enumerate(
        [
            (world.unit_a, "3", "2 000 000,00", "1 800 000,00", "200 000,00"),
            (world.unit_b, "2", "1 000 000,00", "800 000,00", "200 000,00"),
        ]
    ):
        line = totals.locator("tbody tr").nth(n)
        expect(line.locator("th")).to_contain_text(unit.name)
        expect(line.locator("td")).to_have_text([rows, kr(incomes), kr(costs), kr(result)])
    expect(totals.locator("tr.result td")).to_have_text(
        ["5", kr("3 000 000,00"), kr("2 600 000,00"), kr("400 000,00")]
    )
    assert not BudgetLine.objects.exists()

    # Confirmed: five lines, in each category's own direction (incomes positive too).
    follow(page, page.locator("main button[name=confirm]"))
    imported = LedgerImport.objects.get(file_name=good.name)
    expect(page).to_have_url(re.compile(rf"{ORG}economy/imports/{imported.pk}/$"))
    expect(page.locator(".messages")).to_be_visible()
    assert not imported.is_staged and imported.line_count == 5
    lines = {
        (line.unit.code, line.category.code, line.activity.code): line.amount
        for line in BudgetLine.objects.filter(kind="budget", year=YEAR, period=None)
    }
    assert lines == {
        ("A", "K5", "14"): 1_500_000,
        ("A", "K4", "14"): 300_000,
        ("A", "I6", "14"): 2_000_000,
        ("B", "K5", "15"): 800_000,
        ("B", "I6", "15"): 1_000_000,
    }
    assert BudgetLine.objects.count() == 5

    # The office's incomes and costs: the imported budget in the 2026 column, in mkr.
    follow(page, page.locator(f"main a[href='{economy}?year={YEAR}']"))
    table = page.locator("#overview table.economy")
    expect(table.locator("thead th").nth(4)).to_contain_text(str(YEAR))  # Budget 2026
    for label, amount in (
        ("Försäljning verksamhet/entreprenad", "3,0"),
        ("Personalkostnader", "\u22122,3"),
        ("Övrigt material och tjänster", "\u22120,3"),
    ):
        expect(row_of(table, label).locator("td").nth(3)).to_have_text(amount)
    expect(table.locator("tr.sum").nth(0).locator("td").nth(3)).to_have_text("3,0")
    expect(table.locator("tr.sum").nth(1).locator("td").nth(3)).to_have_text("\u22122,6")
    expect(table.locator("tr.result td").nth(3)).to_have_text("0,4")

    # The follow-up: the bar chart with its title and description, and the same as a table.
    follow(page, page.locator(f"nav.economy-nav a[href='{economy}followup/']"))
    chart = page.locator("main figure.doc-chart img")
    expect(chart).to_have_count(1)
    expect(page.locator("main figure.doc-chart figcaption")).to_contain_text(office.name)
    alt = chart.get_attribute("alt")  # the title, then every bar's figure
    assert office.name in alt and "3,0" in alt
    deviation = page.locator("main table.economy[aria-labelledby=deviation-heading]")
    expect(deviation).to_be_visible()
    expect(deviation.locator("caption")).not_to_be_empty()
    expect(row_of(deviation, "Personalkostnader").locator("td").nth(0)).to_have_text("\u22122,3")
    expect(deviation.locator("tr.result td").nth(0)).to_have_text("0,4")


def test_the_demo_prints_the_seed_tables(new_page, live_server, transactional_db):
    restore_demo()
    office = Unit.objects.get(organisation__slug="upplands-vasby", code="SP")
    secretariat = Unit.objects.get(organisation__slug="stockholm", code="TK-STAB-NS")

    # Cecilia, controller for Kommunstyrelsen: Stöd & process's economy, from the menu.
    page = new_page()
    log_in(page, "controller", DEMO_PASSWORD)
    follow(page, page.locator("main h3 a[href='/o/upplands-vasby/']"))
    follow(page, main_nav(page, "/o/upplands-vasby/economy/"))
    economy = f"/o/upplands-vasby/units/{office.pk}/economy/"
    follow(page, page.locator(f"main a[href='{economy}']"))

    # Seed 004, Ekonomisk översikt: Bokslut 2024 … Plan 2028, in mkr.
    page.locator("#year-picker").fill("2026")
    with page.expect_response(lambda response: "year=2026" in response.url):
        page.locator("main form.tree-tools button[type=submit]").click()  # htmx swaps the table
    table = page.locator("#overview table.economy")
    expect(table.locator("thead th").nth(1)).to_contain_text("2024")
    expect(table.locator("thead th").nth(6)).to_contain_text("2028")
    axe_check(page)
    printed = {
        "Hyror och arrenden": ["13,4", "12,5", "12,9", "12,7", "12,7", "12,7"],
        "Personalkostnader": [
            "\u221262,6",
            "\u221269,7",
            "\u221269,2",
            "\u221267,6",
            "\u221267,6",
            "\u221267,6",
        ],
        "Övrigt material och tjänster": [
            "\u221229,7",
            "\u221228,2",
            "\u221229,1",
            "\u221225,1",
            "\u221225,1",
            "\u221225,1",
        ],
    }
    for label, numbers in printed.items():
        expect(row_of(table, label).locator("td")).to_have_text(numbers)
    sums = table.locator("tr.sum")
    expect(sums.nth(0).locator("td")).to_have_text(
        ["100,8", "106,3", "106,7", "100,6", "100,6", "100,6"]
    )
    expect(sums.nth(1).locator("td")).to_have_text(
        ["\u2212100,5", "\u2212106,3", "\u2212106,2", "\u2212100,6", "\u2212100,6", "\u2212100,6"]
    )
    expect(table.locator("tr.result td")).to_have_text(["0,3", "0,0", "0,5", "0,0", "0,0", "0,0"])

    # Seed 004, per verksamhet (Budget 2026, mkr).
    follow(page, page.locator(f"nav.economy-nav a[href='{economy}activities/']"))
    form = page.locator("main form.tree-tools")
    form.locator("select[name=kind]").select_option("budget")
    form.locator("[name=year]").fill("2026")
    follow(page, form.locator("button[type=submit]"))
    table = page.locator("main table.economy")
    activity = table.locator("tbody tr").filter(
        has=page.locator("th", has_text=re.compile(r"^\s*14\b"))
    )
    expect(activity.locator("td")).to_have_text(
        ["0,0", "29,5", "0,0", "29,5", "0,0", "\u221229,5", "\u221229,5", "0,0"]
    )
    expect(table.locator("tr.result td")).to_have_text(
        ["0,0", "87,0", "13,6", "100,6", "\u22120,1", "\u2212100,5", "\u2212100,6", "0,0"]
    )
    log_out(page)

    # Karin, controller for Stockholms stad: Nämndsekretariatet's years (seed 000, tkr).
    log_in(page, "kvalitetsstrateg", DEMO_PASSWORD)
    follow(page, page.locator("main h3 a[href='/o/stockholm/']"))
    follow(page, main_nav(page, "/o/stockholm/economy/"))
    economy = f"/o/stockholm/units/{secretariat.pk}/economy/"
    follow(page, page.locator(f"main a[href='{economy}']"))
    follow(page, page.locator(f"nav.economy-nav a[href='{economy}years/']"))
    table = page.locator("main table.economy")
    for year, numbers in {
        "2006": ["4 069", "\u2212889", "3 533", "\u2212900", "536", "11", "547"],
        "2007": ["3 942", "\u2212971", "3 994", "\u22121 447", "\u221252", "476", "424"],
        "2008": ["3 207", "\u22122 600", "2 786", "\u22122 679", "421", "79", "500"],
    }.items():
        line = table.locator("tbody tr").filter(
            has=page.locator("th", has_text=re.compile(rf"^\s*{year}\s*$"))
        )
        expect(line.locator("td")).to_have_text([kr(number) for number in numbers])
    prognosis = table.locator("tbody tr").filter(
        has=page.locator("th", has_text=re.compile(r"^\s*2009\b"))
    )
    expect(prognosis.locator(".tag.prognosis")).to_be_visible()
    expect(prognosis.locator("td")).to_have_text(
        [kr(n) for n in ("3 885", "\u22123 245", "3 885", "\u22123 245", "0", "0", "0")]
    )
