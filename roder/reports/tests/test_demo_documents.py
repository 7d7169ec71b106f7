"""The demo's documents read like their seeds: the files are opened for real (pypdf,
python-docx, openpyxl) and their headings and numbers compared with seed 004."""

import io
from decimal import Decimal

import pypdf
import pytest
from django.utils import translation
from docx import Document as WordDocument
from openpyxl import load_workbook

from roder.accounts.models import User
from roder.documents.services import build_document, render
from roder.organisation.access import grants_for
from roder.organisation.models import Unit
from roder.periods.models import PeriodKind, ReportingPeriod

pytestmark = pytest.mark.django_db

PLAN_HEADINGS = [
    "1 Sammanfattning",
    "2 Ansvarsområde",
    "3 Mål och nyckeltal",
    "3.1 Kund",
    "3.1.1 Kunden i fokus",
    "3.1.2 Kunskap och lärande",
    "3.1.3 Trygghet och hälsa",
    "3.4 Ekonomi",
    "3.4.3 Ekonomisk översikt",
    "4 Uppdrag och ägardirektiv",
    "5 Risk- och kontrollplan",
    "6 Omvärldsanalys och framåtblick",
]
# Seed 004, 3.4.1.1 Ekonomisk översikt: Summa intäkter, Bokslut 2024 … Plan 2028 (mkr).
INCOME_SUM = ["100,8", "106,3", "106,7", "100,6", "100,6", "100,6"]


@pytest.fixture
def office(demo):
    translation.activate("sv")
    yield Unit.objects.get(organisation__slug="upplands-vasby", code="SP")
    translation.deactivate()


def superuser(unit):
    """The demo's installation administrator, who reads every unit's documents."""
    return grants_for(User.objects.get(username="admin"), unit.organisation)


@pytest.fixture
def plan(office):
    return build_document(kind="plan", unit=office, year=2026, grants=superuser(office))


def in_order(found: list[str], expected: list[str]) -> bool:
    positions = [found.index(text) for text in expected]
    return positions == sorted(positions)


def test_it_titles_the_plan_as_seed_004(plan):
    assert plan.title == "Verksamhetsplan med budget 2026 – Allmänna utskottet (Stöd & process)"
    assert plan.header == "Allmänna utskottet (Stöd & process), Verksamhetsplan med budget"


def test_it_gives_the_plan_seed_004s_structure(plan):
    labels = [heading.label for heading in plan.headings]
    assert in_order(labels, PLAN_HEADINGS)


def test_it_writes_the_plan_pdf_with_headings_numbers_and_page_header(plan):
    reader = pypdf.PdfReader(io.BytesIO(render(plan, "pdf")))
    # Numbers keep their no-break spaces ("88 %"); compare with plain spaces.
    text = "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")
    for heading in PLAN_HEADINGS:
        assert heading in text
    assert "Summa intäkter " + " ".join(INCOME_SUM) in text
    assert "Servicegrad på telefon" in text and "88 % 88 % 88 % 85 % 85 % 85 %" in text
    # The plan's own text for 3.1.1 Kunden i fokus, under its heading.
    assert "Nyckeltalet kring medborgardialog är nytt" in text
    pages = len(reader.pages)
    assert f"Allmänna utskottet (Stöd & process), Verksamhetsplan med budget 2({pages})" in text
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    assert reader.metadata.title == plan.title
    assert [item["/Title"] for item in reader.outline if isinstance(item, dict)][1:3] == [
        "1 Sammanfattning",
        "2 Ansvarsområde",
    ]


def test_it_writes_the_plan_as_a_word_file_with_headings_and_tables(plan):
    word = WordDocument(io.BytesIO(render(plan, "docx")))
    headings = [
        p.text for p in word.paragraphs if p.style.name.startswith("Heading") and p.text.strip()
    ]
    assert in_order(headings, PLAN_HEADINGS)
    overview = next(t for t in word.tables if t.cell(0, 0).text == "Intäkter/kostnader")
    rows = {row.cells[0].text: [cell.text for cell in row.cells[1:]] for row in overview.rows}
    assert rows["Summa intäkter"] == INCOME_SUM
    assert [cell.text for cell in overview.rows[0].cells[1:]] == [
        "Bokslut 2024",
        "Budget 2025",
        "Prognos 2025",
        "Budget 2026",
        "Plan 2027",
        "Plan 2028",
    ]
    assert word.core_properties.language == "sv-SE"


def test_it_writes_the_plan_tables_to_excel_as_numbers(plan):
    workbook = load_workbook(io.BytesIO(render(plan, "xlsx")))
    sheet = workbook["Intäkter och kostnader"]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True)}
    assert [Decimal(str(value)) for value in rows["Summa intäkter"]] == [
        Decimal(text.replace(",", ".")) for text in INCOME_SUM
    ]
    assert len(workbook.sheetnames) == len(plan.tables)


def test_it_shows_the_demo_assessments_and_lights_in_the_tertial_report(office):
    tertial = ReportingPeriod.objects.get(
        organisation=office.organisation, kind=PeriodKind.TERTIAL, year=2026
    )
    report = build_document(
        kind="tertial", unit=office, year=2026, period=tertial, grants=superuser(office)
    )
    statuses = [block for block in report.blocks if block.kind == "status"]
    assert {status.light for status in statuses} >= {"green", "yellow", "red"}
    text = render(report, "pdf")
    reader = pypdf.PdfReader(io.BytesIO(text))
    extracted = "\n".join(page.extract_text() for page in reader.pages)
    assert "Uppfyllt" in extracted and "Delvis uppfyllt" in extracted
    assert "Kunderna får snabb återkoppling" in extracted
