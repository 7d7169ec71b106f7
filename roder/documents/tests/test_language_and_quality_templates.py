"""A file is written in the language of the person who asked for it, and the quality reports
take the organisation's template (cover text, contents) like the unit documents do."""

import io

import pytest
from django.conf import settings
from django.urls import reverse
from docx import Document as WordDocument

from roder.documents import services
from roder.documents.models import DocumentRun
from roder.organisation.access import grants_for
from roder.planning.testing import YEAR, make_plan
from roder.quality.testing import make_evaluation

pytestmark = pytest.mark.django_db


def produce(client, world, capture, fmt="docx"):
    address = reverse(
        "documents:produce",
        kwargs={"org": world.organisation.slug, "unit_pk": world.unit_a.pk, "kind": "plan"},
    )
    with capture(execute=True):  # the task is enqueued when the request's transaction commits
        client.post(address, {"format": fmt, "year": YEAR})
    return DocumentRun.objects.latest("pk")


def headings(content: bytes) -> list[str]:
    word = WordDocument(io.BytesIO(content))
    return [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]


def test_a_swedish_person_gets_a_swedish_file(
    world, client_for, django_capture_on_commit_callbacks
):
    make_plan(world.unit_a)
    run = produce(client_for(world.reader), world, django_capture_on_commit_callbacks)
    assert run.language == "sv"
    word = WordDocument(io.BytesIO(bytes(run.content)))
    assert word.core_properties.language == "sv-SE"
    assert "1 Sammanfattning" in headings(bytes(run.content))


def test_a_person_who_chose_english_gets_an_english_file(
    world, client_for, django_capture_on_commit_callbacks
):
    make_plan(world.unit_a)
    client = client_for(world.reader)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    run = produce(client, world, django_capture_on_commit_callbacks)
    assert run.language == "en"
    word = WordDocument(io.BytesIO(bytes(run.content)))
    assert word.core_properties.language == "en-GB"
    assert "1 Summary" in headings(bytes(run.content))


def test_an_evaluation_report_takes_the_organisations_template(world):
    evaluation = make_evaluation(world.municipality)
    services.template_save(
        organisation=world.organisation,
        kind="evaluation",
        values={
            "cover": True,
            "cover_text": "Kommunstyrelsen 2011-12-01",
            "contents": False,
            "sections": [],
            "fixed_texts": {},
        },
        expected_version=0,
        by=world.admin,
    )
    document = services.object_document(
        "evaluation", evaluation, grants=grants_for(world.admin, world.organisation)
    )
    assert (document.cover_text, document.contents) == ("Kommunstyrelsen 2011-12-01", False)
    word = WordDocument(io.BytesIO(services.render(document, "docx")))
    assert any(p.text == "Kommunstyrelsen 2011-12-01" for p in word.paragraphs)


def test_the_template_page_lists_the_quality_reports_for_the_administrator(world, client_for):
    page = client_for(world.admin).get(
        reverse("documents:templates", kwargs={"org": world.organisation.slug})
    )
    assert (
        reverse("documents:template", kwargs={"org": world.organisation.slug, "kind": "evaluation"})
        in page.content.decode()
    )
