"""Every persona's token against every endpoint: what it sees and what it may write. The
outsider (manager of sibling unit B) sees nothing of unit A, and A's people nothing of B."""

import pytest

from roder.actions.models import Action
from roder.actions.services import action_create
from roder.api.testing import bearer, make_token
from roder.followup.models import Outcome
from roder.testing import PERSONAS

pytestmark = pytest.mark.django_db

ORG = "/api/v1/o/testkommun"
READS = [
    "units",
    "periods",
    "plans",
    "goals",
    "indicators",
    "targets",
    "outcomes",
    "assessments",
    "actions",
]
# Which of units A and B each persona's token sees (roles inherit downwards).
SEES = {
    "admin": {"a", "b"},
    "controller": {"a", "b"},
    "manager": {"a"},
    "reporter": {"a"},
    "reader": {"a", "b"},
    "outsider": {"b"},
}
# Writing unit A's outcome, adding an action on A, setting the status of A's action.
WRITES = {
    "admin": (200, 201, 200),
    "controller": (200, 201, 200),
    "manager": (200, 201, 200),
    "reporter": (200, 403, 200),
    "reader": (403, 403, 403),
    "outsider": (404, 404, 404),
}


@pytest.fixture
def actions(world, data):
    return {
        name: action_create(unit=unit, title=f"Åtgärd {name}", by=None)
        for name, unit in (("a", world.unit_a), ("b", world.unit_b))
    }


def _mentions(rows: list[dict], world) -> set[str]:
    """Which of units A and B the rows name, as a unit, an owner or the unit of a plan."""
    found = set()
    for row in rows:
        text = repr(row)
        for name, unit in (("a", world.unit_a), ("b", world.unit_b)):
            if row.get("unit") == unit.pk or (row.get("id") == unit.pk and "parent" in row):
                found.add(name)
            if f"Enhet {name.upper()}" in text or f"tal {name}" in text or f"Mål {name}" in text:
                found.add(name)
            if f"Åtgärd {name}" in text:
                found.add(name)
    return found


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_each_persona_what_their_role_covers(client, world, data, actions, persona):
    _token, secret = make_token(getattr(world, persona), world.organisation)
    for endpoint in READS:
        response = client.get(f"{ORG}/{endpoint}", **bearer(secret))
        assert response.status_code == 200, endpoint
        rows = response.json()["results"]
        seen = _mentions(rows, world)
        if endpoint in ("periods", "assessments"):
            continue  # the organisation's periods; no assessments yet
        # Drafts are for reporters and above, as on the pages (followup.visibility).
        shown = set() if (persona, endpoint) == ("reader", "outcomes") else SEES[persona]
        assert seen == shown, (persona, endpoint, seen)


def test_it_shows_readers_outcomes_once_the_report_is_submitted(client, world, data):
    from roder.followup.testing import approve

    approve(world.unit_a, data["period"])
    _token, secret = make_token(world.reader, world.organisation)
    rows = client.get(f"{ORG}/outcomes", **bearer(secret)).json()["results"]
    assert [(row["unit"], row["report_status"]) for row in rows] == [(world.unit_a.pk, "approved")]


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_each_persona_write_what_the_pages_let_them(client, world, data, actions, persona):
    _token, secret = make_token(getattr(world, persona), world.organisation)
    outcome = Outcome.objects.get(pk=data["outcome_a"].pk)
    put = client.put(
        f"{ORG}/outcomes",
        {
            "indicator": data["indicator_a"].pk,
            "unit": world.unit_a.pk,
            "period": data["period"].pk,
            "value": "77",
            "version": outcome.version,
        },
        content_type="application/json",
        **bearer(secret),
    )
    post = client.post(
        f"{ORG}/actions",
        {"unit": world.unit_a.pk, "title": f"Ny av {persona}"},
        content_type="application/json",
        **bearer(secret),
    )
    action = actions["a"]
    patch = client.patch(
        f"{ORG}/actions/{action.pk}",
        {"status": "ongoing", "version": action.version},
        content_type="application/json",
        **bearer(secret),
    )
    assert (put.status_code, post.status_code, patch.status_code) == WRITES[persona]
    outcome.refresh_from_db()
    action.refresh_from_db()
    wrote = WRITES[persona][0] == 200
    assert (outcome.value == 77) is wrote
    assert Action.objects.filter(title=f"Ny av {persona}").exists() is (WRITES[persona][1] == 201)
    assert (action.status == "ongoing") is (WRITES[persona][2] == 200)


def test_it_hides_unit_a_from_the_outsiders_token(client, world, data, actions):
    _token, secret = make_token(world.outsider, world.organisation)
    for path in (
        f"{ORG}/outcomes?unit={world.unit_a.pk}",
        f"{ORG}/actions?unit={world.unit_a.pk}",
        f"{ORG}/outcomes?format=csv&unit={world.unit_a.pk}",
    ):
        response = client.get(path, **bearer(secret))
        assert response.status_code == 200
        assert b"Enhet A" not in response.content
        assert b"tal a" not in response.content
    patch = client.patch(
        f"{ORG}/actions/{actions['a'].pk}",
        {"title": "Kapad", "version": actions["a"].version},
        content_type="application/json",
        **bearer(secret),
    )
    assert patch.status_code == 404


def test_it_hides_unit_b_from_a_token_cut_to_unit_a(client, world, data, actions):
    _token, secret = make_token(world.admin, world.organisation, role="reader", unit=world.unit_a)
    for endpoint in READS:
        response = client.get(f"{ORG}/{endpoint}", **bearer(secret))
        assert "b" not in _mentions(response.json()["results"], world), endpoint
