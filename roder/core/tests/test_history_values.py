"""History shows values as a reader reads them: no True/False, no 91.5000, no choice codes."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from roder.core.models import HistoryEntry
from roder.followup.models import Outcome
from roder.organisation.models import Role

pytestmark = pytest.mark.django_db


def rows(world, model, changes):
    entry = HistoryEntry.objects.create(
        organisation=world.organisation,
        content_type=ContentType.objects.get_for_model(model),
        object_id=1,
        object_repr="x",
        action="update",
        changes=changes,
    )
    with translation.override("sv"):
        return [(label, str(before), str(after)) for label, before, after in entry.change_rows()]


def test_it_shows_booleans_numbers_and_choices_in_swedish(world):
    person = type(world.admin)
    assert rows(world, person, {"is_active": {"before": True, "after": False}})[0][1:] == (
        "ja",
        "nej",
    )
    assert rows(world, Outcome, {"value": {"before": "91.0000", "after": "91.5"}})[0][1:] == (
        "91",
        "91,5",
    )
    ((_label, before, after),) = rows(
        world, Role, {"kind": {"before": "reader", "after": "reporter"}}
    )
    assert (before, after) == ("Läsare", "Rapportör")


def test_it_names_an_action_added_from_a_finding_in_swedish(world):
    ((label, _before, after),) = rows(world, Role, {"action": {"after": "Ring kunden"}})
    assert label == "åtgärd" and after == "Ring kunden"


def test_it_names_every_field_in_swedish_and_leaves_out_fields_left_empty(world):
    from roder.control.models import RiskMatrix
    from roder.planning.models import Goal
    from roder.selfassessment.models import Round

    created = {
        "order": {"before": None, "after": 1},
        "title": {"before": None, "after": "Snabb återkoppling"},
        "description": {"before": None, "after": ""},
    }
    title = str(Goal._meta.get_field("title").verbose_name)
    assert rows(world, Goal, created) == [
        ("ordning", "None", "1"),
        (title, "None", "Snabb återkoppling"),
    ]
    assert [label for label, _b, _a in rows(world, Round, {"period": {"after": "Mars"}})] == [
        "period"
    ]
    labels = [
        label
        for label, _b, _a in rows(
            world, RiskMatrix, {"probability": {"after": "1"}, "bands": {"after": "Låg"}}
        )
    ]
    assert labels == ["sannolikhet", "risknivåer"]


def test_every_field_the_demos_history_names_has_a_swedish_label(demo):
    """No English field name ("order", "contributes to") on a history list: each recorded field
    has a translated verbose name or a stated label (core.models.EXTRA_LABELS)."""
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.functional import Promise

    from roder.core.models import EXTRA_LABELS

    untranslated = set()
    for entry in HistoryEntry.objects.select_related("content_type"):
        model = entry.content_type.model_class()
        for name in entry.changes:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            # A relation's other end has no verbose name: EXTRA_LABELS states its label.
            label = getattr(field, "verbose_name", None) or EXTRA_LABELS.get(name)
            # Keys like "Styrka (1)" are labels already (an evaluation's numbered texts).
            if not isinstance(label, Promise) and not any(c in name for c in " ()"):
                untranslated.add(f"{model._meta.label}.{name}")
    assert not untranslated, untranslated
