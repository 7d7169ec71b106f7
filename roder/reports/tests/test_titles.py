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
