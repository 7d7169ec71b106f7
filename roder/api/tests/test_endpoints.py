import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roder.api import pagination
from roder.api.models import TokenWrite
from roder.api.testing import bearer, make_token
from roder.core.models import HistoryEntry
from roder.followup.models import Outcome
from roder.followup.testing import make_indicator, report
from roder.periods.testing import make_period
from roder.testing import add_units

pytestmark = pytest.mark.django_db

ORG = "/api/v1/o/testkommun"


def _second_period(world, status="open"):
    return make_period(
        world.organisation,
        status=status,
        name="Tertial 2 2026",
        starts=datetime.date(2026, 5, 1),
        ends=datetime.date(2026, 8, 31),
    )


def _put(client, secret, **body):
    return client.put(f"{ORG}/outcomes", body, content_type="application/json", **bearer(secret))


def _body(world, data, value="75", version=None):
    return {
        "indicator": data["indicator_a"].pk,
        "unit": world.unit_a.pk,
        "period": data["period"].pk,
        "value": value,
        "version": data["outcome_a"].version if version is None else version,
    }


def test_it_writes_an_outcome_with_history_naming_the_token(client, world, data):
    token, secret = make_token(world.reporter, world.organisation)
    response = _put(client, secret, **_body(world, data))
    assert response.status_code == 200, response.content
    outcome = Outcome.objects.get(pk=data["outcome_a"].pk)
    assert outcome.value == 75 and response.json()["version"] == outcome.version
    entry = HistoryEntry.objects.filter(content_type__model="outcome").order_by("-pk").first()
    assert entry.actor == world.reporter
    assert TokenWrite.objects.get(entry=entry).token == token


def test_it_answers_409_to_a_stale_version_and_writes_nothing(client, world, data):
    _token, secret = make_token(world.reporter, world.organisation)
    stale = data["outcome_a"].version
    assert _put(client, secret, **_body(world, data, "75", stale)).status_code == 200
    response = _put(client, secret, **_body(world, data, "99", stale))
    assert response.status_code == 409
    assert "detail" in response.json()
    assert Outcome.objects.get(pk=data["outcome_a"].pk).value == 75
    # 0 says "none was stored": stale too when one is
    assert _put(client, secret, **_body(world, data, "98", 0)).status_code == 409


def test_it_refuses_an_outcome_in_a_closed_period(client, world, data):
    closed = _second_period(world, status="closed")
    _token, secret = make_token(world.reporter, world.organisation)
    body = {**_body(world, data, version=0), "period": closed.pk}
    response = _put(client, secret, **body)
    assert response.status_code == 400
    assert not Outcome.objects.filter(period=closed).exists()


def test_it_refuses_an_outcome_of_a_submitted_report(client, world, data):
    from roder.followup import services

    services.report_submit(unit=world.unit_a, period=data["period"], by=None)
    _token, secret = make_token(world.reporter, world.organisation)
    response = _put(client, secret, **_body(world, data))
    assert response.status_code == 400
    assert Outcome.objects.get(pk=data["outcome_a"].pk).value == 70


def test_it_refuses_an_indicator_outside_the_units_plan(client, world, data):
    _token, secret = make_token(world.admin, world.organisation)
    body = {**_body(world, data, version=0), "indicator": data["indicator_b"].pk}
    assert _put(client, secret, **body).status_code == 404


def test_it_changes_an_action_with_its_version(client, world, data):
    _token, secret = make_token(world.manager, world.organisation)
    created = client.post(
        f"{ORG}/actions",
        {"unit": world.unit_a.pk, "title": "Ny rutin", "goals": [data["goal_a"].pk]},
        content_type="application/json",
        **bearer(secret),
    )
    assert created.status_code == 201, created.content
    row = created.json()
    changed = client.patch(
        f"{ORG}/actions/{row['id']}",
        {"title": "Ny rutin för återkoppling", "version": row["version"]},
        content_type="application/json",
        **bearer(secret),
    )
    assert changed.status_code == 200 and changed.json()["title"] == "Ny rutin för återkoppling"
    stale = client.patch(
        f"{ORG}/actions/{row['id']}",
        {"title": "Gammal", "version": row["version"]},
        content_type="application/json",
        **bearer(secret),
    )
    assert stale.status_code == 409
    bad = client.post(
        f"{ORG}/actions",
        {"unit": world.unit_a.pk, "title": "  "},
        content_type="application/json",
        **bearer(secret),
    )
    assert bad.status_code == 400
    assert TokenWrite.objects.filter(entry__object_id=row["id"]).count() == 2


def test_it_pages_with_stable_links(client, world, monkeypatch):
    monkeypatch.setattr(pagination, "PAGE_SIZE", 2)
    add_units(world.unit_a, 3)  # A and three below it: four units, two pages
    _token, secret = make_token(world.manager, world.organisation)
    first = client.get(f"{ORG}/units", **bearer(secret)).json()
    assert (first["count"], first["page"], first["pages"]) == (4, 1, 2)
    assert first["previous"] is None
    assert first["next"] == f"http://testserver{ORG}/units?page=2"
    second = client.get(first["next"], **bearer(secret)).json()
    assert second["next"] is None and second["previous"] == f"http://testserver{ORG}/units?page=1"
    ids = [row["id"] for row in first["results"] + second["results"]]
    assert ids == sorted(ids) and len(set(ids)) == 4
    again = client.get(first["next"], **bearer(secret)).json()
    assert again["results"] == second["results"]
    past = client.get(f"{ORG}/units?page=9", **bearer(secret)).json()
    assert past["results"] == [] and past["next"] is None


def test_it_gives_flat_csv_with_the_page_links(client, world, data, monkeypatch):
    monkeypatch.setattr(pagination, "PAGE_SIZE", 1)
    report(data["indicator_a"], world.unit_a, _second_period(world), "71")
    _token, secret = make_token(world.reporter, world.organisation)
    response = client.get(f"{ORG}/outcomes?format=csv", **bearer(secret))
    assert response["Content-Type"].startswith("text/csv")
    assert response["X-Total-Count"] == "2"
    assert response["Link"] == f'<http://testserver{ORG}/outcomes?format=csv&page=2>; rel="next"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["unit_name"] == "Enhet A" and rows[0]["value"] == "70.0000"
    assert rows[0]["value_women"] == ""


def _queries(client, path, secret) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, **bearer(secret)).status_code == 200
    return len(queries)


@pytest.mark.parametrize("endpoint", ["units", "outcomes", "targets", "goals", "actions"])
def test_it_reads_a_page_in_a_fixed_number_of_queries(client, world, data, endpoint):
    _token, secret = make_token(world.admin, world.organisation)
    path = f"{ORG}/{endpoint}"
    _queries(client, path, secret)  # the rate limit's first row
    small = _queries(client, path, secret)
    period = data["period"]
    for unit in add_units(world.unit_a, 6):
        from roder.actions.services import action_create
        from roder.followup.testing import follow_up
        from roder.planning.testing import make_goal, make_plan

        indicator = make_indicator(unit, f"Nyckeltal {unit.pk}")
        follow_up(make_goal(make_plan(unit), f"Mål {unit.pk}"), indicator, target="80")
        report(indicator, unit, period, "60")
        action_create(unit=unit, title=f"Åtgärd {unit.pk}", by=None)
    large = _queries(client, path, secret)
    assert large == small <= 12
