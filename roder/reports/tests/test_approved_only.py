"""Documents for adoption (tertial, interim and annual reports) rest on approved reports only,
whoever produces them, and say so on the cover, naming the units not yet approved. The files
are opened for real (pypdf, python-docx)."""

import datetime
import io

import pypdf
import pytest
from django.utils import translation
from docx import Document as WordDocument

from roder.documents.services import build_document, render
from roder.followup import services
from roder.followup.testing import approve, follow_up, make_indicator, report
from roder.organisation.access import grants_for
from roder.periods.testing import make_period
from roder.planning.testing import YEAR, make_goal, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def scene(world):
    """Enhet A's goal with an outcome of 61 and an assessment in Tertial 1 (a draft); Enhet B
    has a plan too and no report."""
    period = make_period(world.organisation)
    indicator = make_indicator(world.unit_a, "Andel nöjda kunder")
    goal = make_goal(make_plan(world.unit_a), "Nöjda kunder")
    follow_up(goal, indicator, target="80")
    make_plan(world.unit_b)
    report(indicator, world.unit_a, period, "61")
    services.assessment_record(
        goal=goal, period=period, level="fulfilled", analysis="Hemlig analys.", by=world.manager
    )
    return {"period": period, "goal": goal}


def document(world, unit, period, person="controller"):
    grants = grants_for(getattr(world, person), world.organisation)
    return build_document(kind="tertial", unit=unit, year=YEAR, period=period, grants=grants)


def pdf_text(doc) -> str:
    reader = pypdf.PdfReader(io.BytesIO(render(doc, "pdf")))
    return "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")


def word_text(doc) -> str:
    return "\n".join(p.text for p in WordDocument(io.BytesIO(render(doc, "docx"))).paragraphs)


def test_it_leaves_out_a_draft_even_for_the_controller(world, scene):
    doc = document(world, world.unit_a, scene["period"])
    text = pdf_text(doc)
    assert "Hemlig analys" not in text
    assert "61 %" not in text
    assert "The document rests on approved reports only." in text
    assert "Not approved for Tertial 1" in text and "Enhet A" in text


def test_it_leaves_out_a_submitted_report_too(world, scene):
    services.report_submit(unit=world.unit_a, period=scene["period"], by=world.manager)
    text = word_text(document(world, world.unit_a, scene["period"]))
    assert "Hemlig analys" not in text
    assert "Not approved for Tertial 1 2026: Enhet A." in text


def test_it_shows_an_approved_report_and_lists_the_units_still_missing(world, scene):
    approve(world.unit_a, scene["period"])
    doc = document(world, world.administration, scene["period"], person="reader")
    cover = doc.cover_text
    assert "Not approved for Tertial 1 2026: Enhet B." in cover
    doc = document(world, world.unit_a, scene["period"], person="reader")
    text = pdf_text(doc)
    assert "Hemlig analys" in text and "61 %" in text
    assert "every report for Tertial 1 2026 is approved" in text


def test_it_puts_the_note_first_without_a_cover(world, scene):
    from roder.documents.models import DocumentTemplate

    DocumentTemplate.objects.create(
        organisation=world.organisation, kind="tertial", cover=False, contents=False
    )
    doc = document(world, world.unit_a, scene["period"])
    assert doc.blocks[0].text.startswith("The document rests on approved reports only.")


def test_the_plan_shows_only_approved_outcome_history(world):
    last_year = make_period(
        world.organisation,
        year=YEAR - 1,
        kind="year_end",
        name=f"Helår {YEAR - 1}",
        starts=datetime.date(YEAR - 1, 1, 1),
        ends=datetime.date(YEAR - 1, 12, 31),
    )
    indicator = make_indicator(world.unit_a, "Andel nöjda kunder")
    goal = make_goal(make_plan(world.unit_a), "Nöjda kunder")
    follow_up(goal, indicator, target="80")
    report(indicator, world.unit_a, last_year, "57")
    grants = grants_for(world.admin, world.organisation)

    def history() -> str:
        doc = build_document(kind="plan", unit=world.unit_a, year=YEAR, grants=grants)
        tables = [b for b in doc.blocks if hasattr(b, "rows")]
        return " | ".join(cell.text for table in tables for row in table.rows for cell in row)

    assert "57\u00a0%" not in history()  # last year's report is a draft
    approve(world.unit_a, last_year)
    assert "57\u00a0%" in history()
