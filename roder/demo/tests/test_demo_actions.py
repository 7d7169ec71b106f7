import pytest
from django.urls import reverse

from roder.actions.models import Action
from roder.complaints.models import CaseAction
from roder.demo.personas import DEMO_PASSWORD
from roder.demo.plans import ATGARDSLISTA, HANDLINGSPLANER

pytestmark = pytest.mark.django_db


def test_it_turns_every_handlingsplan_item_into_an_action_linked_to_its_goals(demo):
    actions = Action.objects.filter(unit__organisation__slug="upplands-vasby").exclude(
        control_result_links__isnull=False
    )
    actions = actions.exclude(finding_links__isnull=False)  # the quality demo's action
    # and the action Synpunkt Väsby's overdue case became (roder/demo/complaints.py)
    actions = actions.exclude(pk__in=CaseAction.objects.values("action_id"))
    assert actions.count() == sum(len(items) for items in HANDLINGSPLANER.values())
    assert all(action.goals.exists() for action in actions)
    assert actions.overdue().exists()
    assert set(actions.values_list("status", flat=True)) >= {"done", "ongoing", "not_started"}


def test_it_builds_the_atgardslista_of_namndsekretariatet(demo):
    actions = Action.objects.filter(unit__code="TK-STAB-NS")
    assert actions.count() == len(ATGARDSLISTA)
    first = actions.get(title=ATGARDSLISTA[0]["title"])
    assert first.goals.get().number == "Mål 1"
    assert first.notes.get().text == ATGARDSLISTA[0]["comment"]


def test_the_unit_manager_walks_the_list_at_a_workplace_meeting(demo, client):
    assert client.login(username="enhetschef", password=DEMO_PASSWORD)
    response = client.get(
        reverse("actions:action_list", kwargs={"org": "upplands-vasby"}), {"meeting": "1"}
    )
    assert response.status_code == 200
    assert "Nöjda kunder till Väsby Direkt" in response.content.decode()
