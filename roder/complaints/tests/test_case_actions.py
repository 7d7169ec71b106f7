"""From a case to what is done: an action in the unit's action list, linked both ways (the
action page names the case only to those who may open it), and the goals the case concerns."""

import pytest
from django.urls import reverse

from roder.actions.models import Action
from roder.complaints import case_actions
from roder.complaints.models import CaseAction
from roder.complaints.testing import make_case
from roder.core.models import HistoryEntry
from roder.planning.testing import make_goal, make_plan
from roder.testing import PERSONAS, READ_A

pytestmark = pytest.mark.django_db

HANDLE_A = READ_A | {"reader": 403}


def url(name, world, **kwargs):
    return reverse(f"complaints:{name}", kwargs={"org": world.organisation.slug, **kwargs})


@pytest.fixture
def case(world):
    return make_case(world.unit_a, name="Anna Andersson", email="anna@example.se")


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_units_handlers_create_an_action_from_the_case(world, client_for, persona, case):
    response = client_for(world.personas[persona]).post(
        url("case_action", world, pk=case.pk), {"title": "Se över telefontiderna", "due": ""}
    )
    made = Action.objects.filter(title="Se över telefontiderna")
    if HANDLE_A[persona] != 200:
        assert response.status_code == HANDLE_A[persona]
        assert not made.exists() and not CaseAction.objects.exists()
        return
    assert response.status_code == 302
    action = made.get()
    assert action.unit == world.unit_a
    assert case.diary_number in action.description
    assert "Anna" not in action.description  # never the submitter
    assert CaseAction.objects.filter(case=case, action=action).exists()


def test_an_empty_title_writes_nothing(world, client_for, case):
    client_for(world.manager).post(url("case_action", world, pk=case.pk), {"title": "  "})
    assert not Action.objects.exists()


def test_the_case_and_the_action_name_each_other(world, client_for, case):
    action = case_actions.case_action_create(case=case, title="Ny rutin", by=world.manager)
    page = client_for(world.manager).get(url("case_detail", world, pk=case.pk)).content.decode()
    assert "Ny rutin" in page
    detail = reverse("actions:action_detail", args=[world.organisation.slug, action.pk])
    handler_view = client_for(world.manager).get(detail).content.decode()
    assert f"Ärendet {case.diary_number}" in handler_view
    # A reader of the unit sees the action but not which case it came from.
    reader_view = client_for(world.reader).get(detail)
    assert reader_view.status_code == 200
    assert f"Ärendet {case.diary_number}" not in reader_view.content.decode()


def test_goals_of_the_unit_and_above_may_be_linked_and_go_with_the_action(world, client_for, case):
    own = make_goal(make_plan(world.unit_a, case.year), "Snabba svar")
    above = make_goal(make_plan(world.committee, case.year), "Nöjda invånare")
    sibling = make_goal(make_plan(world.unit_b, case.year), "Enhet B:s mål")
    assert {g.pk for g in case_actions.goal_choices(case)} == {own.pk, above.pk}
    client = client_for(world.manager)
    refused = client.post(
        url("case_goals", world, pk=case.pk),
        {"goals": [str(sibling.pk)], "version": case.version},
    )
    assert refused.status_code == 302 and not case.goals.exists()
    client.post(
        url("case_goals", world, pk=case.pk),
        {"goals": [str(own.pk), str(above.pk)], "version": case.version},
    )
    assert set(case.goals.all()) == {own, above}
    assert any("goals" in str(e.changes) for e in HistoryEntry.objects.for_object(case))
    stale = client.post(
        url("case_goals", world, pk=case.pk), {"goals": [], "version": case.version}
    )
    assert stale.status_code == 302 and case.goals.count() == 2  # the old version: refused
    action = case_actions.case_action_create(case=case, title="Följ upp", by=world.manager)
    assert set(action.goals.all()) == {own, above}


def test_the_outsider_may_neither_link_goals_nor_create_actions(world, client_for, case):
    goal = make_goal(make_plan(world.unit_a, case.year), "Snabba svar")
    client = client_for(world.outsider)
    assert (
        client.post(
            url("case_goals", world, pk=case.pk), {"goals": [str(goal.pk)], "version": 1}
        ).status_code
        == 404
    )
    assert not case.goals.exists()
