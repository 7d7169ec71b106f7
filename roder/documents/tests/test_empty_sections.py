"""A section with nothing to say (no text, no blocks) says so, or is left out when the
organisation's template says so; the numbers of the sections that are shown run on."""

import pytest

from roder.documents import kinds, services
from roder.documents.blocks import Heading, Paragraphs
from roder.documents.models import DocumentTemplate
from roder.documents.sections import Section
from roder.documents.tests.test_views import admin_grants
from roder.planning.testing import YEAR

pytestmark = pytest.mark.django_db

SECTIONS = [
    Section("first", "Först", lambda ctx, number: [Paragraphs("Något att säga.")]),
    Section("empty", "Tomt", lambda ctx, number: []),
    Section("last", "Sist", lambda ctx, number: [None, Paragraphs("Också något.")]),
]


@pytest.fixture
def kind(monkeypatch):
    spec = kinds.DocumentKind(key="empty_test", label="Prov", order=99, sections=SECTIONS)
    monkeypatch.setitem(kinds._KINDS, spec.key, spec)
    return spec.key


def outline(document) -> list[tuple[str, str, str]]:
    """(number, heading, the first words under it) per section."""
    rows = []
    for at, block in enumerate(document.blocks):
        if isinstance(block, Heading) and block.level == 1:
            rows.append((block.number, block.text, document.blocks[at + 1].text))
    return rows


def test_an_empty_section_says_there_is_nothing_to_report(world, kind):
    document = services.build_document(
        kind=kind, unit=world.unit_a, year=YEAR, grants=admin_grants(world)
    )
    assert outline(document) == [
        ("1", "Först", "Något att säga."),
        ("2", "Tomt", "Inget att redovisa i den här delen."),
        ("3", "Sist", "Också något."),
    ]


def test_the_template_may_leave_it_out_and_the_numbers_run_on(world, kind):
    DocumentTemplate.objects.create(
        organisation=world.organisation, kind=kind, empty_sections="omit"
    )
    document = services.build_document(
        kind=kind, unit=world.unit_a, year=YEAR, grants=admin_grants(world)
    )
    assert outline(document) == [("1", "Först", "Något att säga."), ("2", "Sist", "Också något.")]


def test_a_fixed_text_is_something_to_say(world, kind):
    DocumentTemplate.objects.create(
        organisation=world.organisation,
        kind=kind,
        empty_sections="omit",
        fixed_texts={"empty": "Redovisas i bokslutet."},
    )
    document = services.build_document(
        kind=kind, unit=world.unit_a, year=YEAR, grants=admin_grants(world)
    )
    assert ("2", "Tomt", "Redovisas i bokslutet.") in outline(document)
