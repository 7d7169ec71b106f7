"""Documents (M8) in the browser: a reader produces Stöd & process's plan from the unit page and
downloads it as PDF, Word and Excel; the tertial report shows the demo's lights; a controller
writes the report's texts; an administrator changes the template. axe-core on every page."""

import io
import re

import pypdf
import pytest
from docx import Document as WordDocument
from openpyxl import load_workbook
from playwright.sync_api import expect

from roder.demo.personas import DEMO_PASSWORD
from roder.documents.models import DocumentRun
from roder.followup import services as followup_services
from roder.followup.models import UnitReport
from roder.organisation.models import Unit
from tests.browser.conftest import axe_check, download, follow, log_in

pytestmark = pytest.mark.browser

ORG = "/o/upplands-vasby"


@pytest.fixture
def demo(demo):
    return Unit.objects.get(organisation__slug="upplands-vasby", code="SP")


def open_documents(page, office) -> None:
    follow(page, page.locator("main h3 a[href='/o/upplands-vasby/']"))
    page.goto(f"{ORG}/units/{office.pk}/")
    axe_check(page)
    follow(page, page.locator(f"main a[href='{ORG}/units/{office.pk}/documents/']"))
    expect(page.locator("h1")).to_contain_text("Dokument – Stöd & process")


def produce(page, label: str, tmp_path):
    """Press "Ladda ner som …" on the document page, wait for the run, download the file."""
    follow(page, page.get_by_role("button", name=f"Ladda ner som {label}"))
    expect(page.locator("#run-progress")).to_contain_text("Klar")
    link = page.get_by_role("link", name=re.compile("Ladda ner"))
    return download(page, link.first, tmp_path).read_bytes()


def test_a_reader_downloads_the_plan_in_three_formats(new_page, demo, tmp_path):
    page = new_page()
    log_in(page, "lasare", DEMO_PASSWORD)
    open_documents(page, demo)

    card = page.locator("section.card", has=page.locator("h2", has_text="Verksamhetsplan"))
    card.locator("input[name=year]").fill("2026")
    follow(page, card.get_by_role("button"))
    expect(page.locator("h1")).to_have_text(
        "Verksamhetsplan med budget 2026 – Allmänna utskottet (Stöd & process)"
    )
    document = page.locator(".document")
    for heading in ("3.1.1 Kunden i fokus", "3.4.3 Ekonomisk översikt", "4 Uppdrag"):
        expect(document.get_by_role("heading", name=re.compile(heading))).to_be_visible()
    plan_url = page.url

    pdf = produce(page, "PDF", tmp_path)
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "3.1.1 Kunden i fokus" in text and "100,6" in text

    page.goto(plan_url)
    word = WordDocument(io.BytesIO(produce(page, "Word", tmp_path)))
    assert any(p.text == "3 Mål och nyckeltal" for p in word.paragraphs)

    page.goto(plan_url)
    workbook = load_workbook(io.BytesIO(produce(page, "Excel (tabeller)", tmp_path)))
    assert "Intäkter och kostnader" in workbook.sheetnames

    # The unit's documents list the files this person produced (each sees only their own).
    page.goto(f"{ORG}/units/{demo.pk}/documents/")
    axe_check(page)
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(3)
    assert DocumentRun.objects.filter(created_by__username="lasare", status="done").count() == 3


def test_the_tertial_report_shows_lights_and_the_written_summary(new_page, demo, tmp_path):
    page = new_page()
    log_in(page, "controller", DEMO_PASSWORD)
    open_documents(page, demo)

    card = page.locator("section.card", has=page.locator("h2", has_text="Tertialrapport"))
    follow(page, card.get_by_role("button"))
    document = page.locator(".document")
    expect(document.locator(".light-word.light-green").first).to_be_visible()
    expect(document.locator(".light-word.light-red").first).to_be_visible()
    expect(document).to_contain_text("Kunderna får snabb återkoppling")
    expect(document.locator("img.chart-small").first).to_have_attribute(
        "alt", re.compile("Linjediagram")
    )

    # Tertial 1 is closed and its report approved: its texts are read-only (issue 12).
    follow(page, page.get_by_role("link", name="Skriv enhetens texter"))
    expect(page.locator("#text-lock")).to_be_visible()
    expect(page.locator("textarea")).to_have_count(0)

    # The office has submitted its Delår report, which locks its texts; returned, they are
    # written again.
    report = UnitReport.objects.get(unit=demo, period__kind="interim", period__year=2026)
    followup_services.report_return(report=report, comment="Skriv en sammanfattning.", by=None)
    page.go_back()
    follow(page, page.locator(f"main a[href='{ORG}/units/{demo.pk}/documents/']"))
    card = page.locator("section.card", has=page.locator("h2", has_text="Delårsrapport"))
    follow(page, card.get_by_role("button"))
    follow(page, page.get_by_role("link", name="Skriv enhetens texter"))
    page.get_by_label("Sammanfattning").fill("Delåret har gått enligt plan.")
    follow(page, page.get_by_role("button", name="Spara"))
    expect(page.locator(".document")).to_contain_text("Delåret har gått enligt plan.")

    word = WordDocument(io.BytesIO(produce(page, "Word", tmp_path)))
    assert any("Delåret har gått enligt plan." in p.text for p in word.paragraphs)


def test_an_administrator_leaves_a_section_out_of_the_plan(new_page, demo):
    page = new_page()
    log_in(page, "admin", DEMO_PASSWORD)
    open_documents(page, demo)
    follow(page, page.get_by_role("link", name="Organisationens dokumentmallar"))
    follow(page, page.get_by_role("link", name="Verksamhetsplan med budget"))
    page.get_by_label("Visa ”Uppdrag och ägardirektiv”").uncheck()
    page.get_by_label("Fast text under ”Sammanfattning”").fill("Antagen av utskottet.")
    follow(page, page.get_by_role("button", name="Spara"))
    expect(page.locator(".messages")).to_contain_text("Mallen har sparats")

    page.goto(f"{ORG}/units/{demo.pk}/documents/plan/?year=2026")
    axe_check(page)
    document = page.locator(".document")
    expect(document).to_contain_text("Antagen av utskottet.")
    expect(
        document.get_by_role("heading", name=re.compile("Uppdrag och ägardirektiv"))
    ).to_have_count(0)
    expect(document.get_by_role("heading", name="4 Risk- och kontrollplan")).to_be_visible()


def test_a_controller_writes_a_goal_areas_text_and_the_plan_prints_it(new_page, demo):
    page = new_page()
    log_in(page, "controller", DEMO_PASSWORD)
    plan = demo.plans.get(year=2026)
    page.goto(f"{ORG}/plans/{plan.pk}/")
    axe_check(page)
    follow(page, page.get_by_role("link", name="Skriv texten för Kunskap och lärande"))
    page.get_by_label("Text").fill("Skolprojektet finns med i planeringen.")
    follow(page, page.get_by_role("button", name="Spara"))
    expect(page.locator("#areas-heading ~ div", has_text="Kunskap och lärande")).to_contain_text(
        "Skolprojektet finns med i planeringen."
    )
    page.goto(f"{ORG}/units/{demo.pk}/documents/plan/?year=2026")
    axe_check(page)
    expect(page.locator(".document")).to_contain_text("Skolprojektet finns med i planeringen.")
