"""A report's title says its kind once: the demo's period "Delårsrapport 2026" gives
"Delårsrapport 2026 – Väsby Direkt", not "Delårsrapport Delårsrapport 2026" (issue 13 part 7)."""

import datetime

import pytest
from django.utils import translation

from roder.documents.services import document_title
from roder.periods.testing import make_period

pytestmark = pytest.mark.django_db


def test_the_kind_is_said_once_when_the_period_is_named_for_the_report(world):
    named = make_period(
        world.organisation,
        kind="interim",
        name="Delårsrapport 2026",
        ends=datetime.date(2026, 8, 31),
    )
    plain = make_period(world.organisation, kind="interim", name="Augusti 2026")
    with translation.override("sv"):
        assert document_title("interim", world.unit_a, 2026, named) == (
            "Delårsrapport 2026 – Enhet A"
        )
        assert document_title("interim", world.unit_a, 2026, plain) == (
            "Delårsrapport Augusti 2026 – Enhet A"
        )


def test_the_document_page_says_the_kind_once_under_the_title():
    from roder.documents.blocks import Document

    report = Document(
        title="t",
        header="Väsby Direkt, Delårsrapport",
        organisation="o",
        unit="u",
        subtitle="Delårsrapport 2026",
    )
    assert report.byline == "Väsby Direkt · Delårsrapport 2026"
    plan = Document(
        title="t",
        header="Väsby Direkt, Verksamhetsplan",
        organisation="o",
        unit="u",
        subtitle="2026",
    )
    assert plan.byline == "Väsby Direkt, Verksamhetsplan · 2026"
    tertial = Document(
        title="t",
        header="Stöd & process, Tertialrapport",
        organisation="o",
        unit="u",
        subtitle="Tertial 1 2026",
    )
    assert tertial.byline == "Stöd & process, Tertialrapport · Tertial 1 2026"
