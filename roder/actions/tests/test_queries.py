"""The list, the meeting mode and the export cost the same number of queries for 5 and 300
actions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.actions.models import Action, ActionNote
from roder.actions.testing import days
from roder.planning.testing import make_goal, make_plan
from roder.testing import add_units

pytestmark = pytest.mark.django_db


def grow(world, units, count: int, goal) -> None:
    """`count` actions spread over `units`, each with two notes and a goal (bulk)."""
    people = [world.manager, world.reporter, None]
    statuses = ["not_started", "ongoing", "done", "postponed", "cancelled"]
    start = Action.objects.count()
    Action.objects.bulk_create(
        Action(
            unit=units[n % len(units)],
            title=f"Åtgärd {start + n}",
            responsible=people[n % 3],
            due=days(n % 40 - 20),
            status=statuses[n % 5],
        )
        for n in range(count)
    )
    created = list(Action.objects.order_by("-pk")[:count])
    ActionNote.objects.bulk_create(
        ActionNote(action=action, text=f"Anteckning {i}", written_by=world.reporter)
        for action in created
        for i in range(2)
    )
    Action.goals.through.objects.bulk_create(
        Action.goals.through(action=action, goal=goal) for action in created
    )


def count(client, path, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
        assert response.status_code == 200
    return len(captured)


PAGES = {
    "list": ("action_list", {}),
    "filtered": ("action_list", {"status": "open", "person": "", "overdue": ""}),
    "meeting": ("action_list", {"meeting": "1"}),
    "export": ("action_export", {}),
}


@pytest.mark.parametrize("page", PAGES)
def test_it_costs_the_same_for_5_and_300_actions(world, client_for, page):
    goal = make_goal(make_plan(world.administration), "Förvaltningens mål")
    units = [world.unit_a, *add_units(world.unit_a, 10)]
    name, params = PAGES[page]
    path = reverse(f"actions:{name}", kwargs={"org": world.organisation.slug})
    client = client_for(world.controller)
    grow(world, units, 5, goal)
    small = count(client, path, {**params, "unit": world.unit_a.pk})
    grow(world, units, 295, goal)
    large = count(client, path, {**params, "unit": world.unit_a.pk})
    assert large == small, (page, small, large)
    assert len(client.get(path, params).content) > 0
