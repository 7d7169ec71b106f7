"""The survey report: the same figures as the results page, nothing suppressed, no free text,
a real PDF and Word file through the documents app, and who may have it."""

import io

import pytest
from django.urls import reverse
from docx import Document as WordDocument
from pypdf import PdfReader

from roder.documents.services import object_document, render
from roder.organisation.access import grants_for
from roder.surveys import documents, services
from roder.surveys.models import Questionnaire
from roder.surveys.tests.test_answering import TODAY, make_round
from roder.surveys.tests.test_results import answer

pytestmark = pytest.mark.django_db


def customer_round(world):
    """Seed 001's customer survey (1–10 areas, the whole 1–5, a free-text question)."""
    questionnaire = Questionnaire.objects.get(organisation=None, code="kundenkat")
    round_ = make_round(world, questionnaire=questionnaire)
    questions = list(questionnaire.questions.all())
    for unit, count, value in ((world.unit_a, 6, 8), (world.unit_b, 2, 3)):
        ru = round_.round_units.get(unit=unit)
        for n in range(count):
            values = {
                q.pk: "Hemligt omdöme om Kalle"
                if q.kind == "text"
                else (value if q.scale_max == 10 else 4)
                for q in questions
            }
            services.answer_open_link(
                round_unit=ru, browser_token=f"{unit.pk}-{n}", values=values, today=TODAY
            )
    return round_


def document_text(world, round_):
    grants = grants_for(world.manager, world.organisation)
    return object_document(documents.KEY, round_, grants=grants)


def test_the_report_holds_the_figures_but_no_small_group_and_no_free_text(world):
    round_ = customer_round(world)
    document = object_document(
        documents.KEY, round_, grants=grants_for(world.admin, world.organisation)
    )
    pdf = render(document, "pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Om enkäten" in text and "Per fråga, alla enheter" in text
    assert "Färre än 5 svar" in text  # Enhet B's 2 answers
    assert "Kalle" not in text  # the free text, not even for the administrator
    word = WordDocument(io.BytesIO(render(document, "docx")))
    body = "\n".join(p.text for p in word.paragraphs)
    assert "Kalle" not in body and "Om enkäten" in body
    # Every chart has its table (the distribution of each scale question).
    assert len(document.tables) >= 1 + len(
        [q for q in round_.questionnaire.questions.all() if q.kind != "text"]
    )


def test_the_report_page_and_its_files_for_readers_of_the_round(world, client_for):
    round_ = make_round(world)
    answer(round_, world.unit_a, [4] * 5)
    org = world.organisation.slug
    page = reverse("surveys:round_report", args=[org, round_.pk])
    produce = reverse(
        "documents:produce_object",
        kwargs={"org": org, "kind": documents.KEY, "object_id": round_.pk},
    )
    html = client_for(world.reader).get(page).content.decode()
    assert "Ladda ner som PDF" in html and "Index per enhet" in html
    results = reverse("surveys:round_results", args=[org, round_.pk])
    assert page in client_for(world.reader).get(results).content.decode()
    other = make_round(world, owner=world.unit_a, units=[world.unit_a])
    assert (
        client_for(world.outsider)
        .get(reverse("surveys:round_report", args=[org, other.pk]))
        .status_code
        == 404
    )
    refused = client_for(world.outsider).post(
        reverse(
            "documents:produce_object",
            kwargs={"org": org, "kind": documents.KEY, "object_id": other.pk},
        ),
        {"format": "pdf"},
    )
    assert refused.status_code == 404
    made = client_for(world.reader).post(produce, {"format": "pdf"})
    assert made.status_code == 302 and "/documents/runs/" in made["Location"]
