"""The action export keeps people's text as text: no formula, no 500 on control characters."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from roder.actions import services
from roder.actions.models import Action
from roder.actions.testing import make_action

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","y")'


def export(client, world):
    response = client.get(reverse("actions:action_export", kwargs={"org": world.organisation.slug}))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def test_it_writes_a_title_that_looks_like_a_formula_as_text(world, client_for):
    action = make_action(world.unit_a, HYPERLINK)
    services.action_add_note(action=action, text="@SUM(1+1)", by=None)
    sheet = export(client_for(world.manager), world)
    title, note = sheet["A2"], sheet["H2"]
    assert (title.value, title.data_type, title.quotePrefix) == (HYPERLINK, "s", True)
    assert (note.value, note.data_type) == ("@SUM(1+1)", "s")


def test_a_control_character_in_a_title_does_not_break_the_export(world, client_for):
    action = make_action(world.unit_a, "Rutin")
    # Stored before the forms refused such characters (or by an import).
    Action.objects.filter(pk=action.pk).update(title="Rutin\x07 för\x1b klagomål")
    sheet = export(client_for(world.manager), world)
    assert sheet["A2"].value == "Rutin för klagomål"
