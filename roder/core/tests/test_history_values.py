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
