"""Loading Kolada's catalogue: the service, the command and the settings page's task, against
the fixture catalogue served by a real local HTTP server."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from roder.core.models import TaskState
from roder.kolada import services
from roder.kolada.client import Client
from roder.kolada.models import CatalogueLoad, Kpi, Municipality, MunicipalityGroup
from roder.kolada.testing import serve_catalogue
from roder.organisation.counties import county_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def kolada(httpserver, settings):
    settings.RODER_KOLADA_URL = httpserver.url_for("/v3")
    return httpserver


def test_a_load_keeps_kpis_municipalities_and_groups_over_several_pages(kolada):
    serve_catalogue(kolada, per_page=2)  # every list comes in pages of two
    with Client(sleep=lambda _s: None) as client:
        counts = services.load_catalogue(client)

    assert counts == {"kpis": 5, "municipalities": 9, "groups": 4}
    kpi = Kpi.objects.get(pk="N00090")
    assert (kpi.is_divided_by_gender, kpi.publication_date) == (True, datetime.date(2026, 4, 20))
    assert Municipality.objects.get(pk="0114").title == "Upplands Väsby"
    # Both shapes of members are read.
    assert MunicipalityGroup.objects.get(pk="G138").members == ["1280"]
    assert services.county_group("Stockholms").id == "G124"


def test_a_second_load_updates_rows_in_place(kolada):
    serve_catalogue(kolada)
    with Client() as client:
        services.load_catalogue(client)
        Kpi.objects.filter(pk="N00002").update(title="old title")
        services.load_catalogue(client)

    assert Kpi.objects.count() == 5
    assert Kpi.objects.get(pk="N00002").title.startswith("Nettokostnadsavvikelse")


def test_a_failure_part_way_writes_nothing(kolada):
    serve_catalogue(kolada)
    with Client() as client:
        services.load_catalogue(client)
    Kpi.objects.filter(pk="N00002").update(title="as it was")
    kolada.clear()
    serve_catalogue_but_groups_fail(kolada)

    load = CatalogueLoad.objects.create(task_step=services.LOAD_STEP, task_state=TaskState.QUEUED)
    with Client(sleep=lambda _s: None) as client:
        services.run_load(load, client=client)

    load.refresh_from_db()
    assert load.task_state == TaskState.FAILED
    assert "500" in load.task_result["error"]
    assert Kpi.objects.get(pk="N00002").title == "as it was"  # the KPIs read were not written


def serve_catalogue_but_groups_fail(httpserver):
    httpserver.expect_request("/v3/municipality_groups").respond_with_data("down", status=500)
    serve_catalogue(httpserver)


def test_the_command_loads_fully_then_asks_only_for_changes(kolada):
    serve_catalogue(kolada)
    out = io.StringIO()

    call_command("kolada_metadata", stdout=out, stderr=io.StringIO())

    assert "Done: 5 KPIs, 9 municipalities and regions, 4 municipality groups." in out.getvalue()
    assert all("from_date" not in request.args for request, _ in kolada.log)
    first = CatalogueLoad.objects.get()
    assert (first.task_state, first.started_by) == (TaskState.DONE, None)

    kolada.clear_log()
    call_command("kolada_metadata", stdout=io.StringIO(), stderr=io.StringIO())

    since = (first.created_at.date() - datetime.timedelta(days=1)).isoformat()
    assert {request.args.get("from_date") for request, _ in kolada.log} == {since}
    kolada.clear_log()
    call_command("kolada_metadata", "--full", stdout=io.StringIO(), stderr=io.StringIO())
    assert all("from_date" not in request.args for request, _ in kolada.log)


def test_the_command_fails_clearly_and_keeps_the_catalogue(kolada):
    kolada.expect_request("/v3/kpi").respond_with_data("{oops", content_type="application/json")

    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("kolada_metadata", stdout=io.StringIO(), stderr=io.StringIO())
    assert not Kpi.objects.exists()
    # A failed load is not a starting point for the next incremental one.
    assert services.changes_since() is None


def test_counties_come_from_the_municipality_code():
    assert county_of("0114") == "Stockholms"
    assert county_of("1480") == "Västra Götalands"
    assert county_of("0001") == "Stockholms"  # Region Stockholm
    assert county_of("0000") == ""  # riket is no county
    assert county_of("9999") == county_of("") == county_of("01") == ""


def test_an_administrator_starts_a_load_from_the_settings_page_and_sees_it(
    kolada, world, client_for, django_capture_on_commit_callbacks
):
    serve_catalogue(kolada)
    world.organisation.municipality_code = "0114"
    world.organisation.save()
    admin = client_for(world.admin)
    settings_page = admin.get(reverse("organisation:settings", args=[world.organisation.slug]))
    url = reverse("kolada:catalogue", args=[world.organisation.slug])
    assert url in settings_page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(url, {"full": "1"})

    assert response.status_code == 302
    load = CatalogueLoad.objects.get()
    assert (load.task_state, load.started_by, load.from_date) == (TaskState.DONE, world.admin, None)
    page = admin.get(url).content.decode()
    assert "5 KPI:er, 9 kommuner och regioner, 4 grupper" in page
    assert "Länssnitt (Stockholms län): Stockholms läns kommuner (ovägt medel) (G124)" in page


def test_only_one_load_runs_at_a_time(world, client_for):
    CatalogueLoad.objects.create(task_step=services.LOAD_STEP, task_state=TaskState.RUNNING)
    admin = client_for(world.admin)
    url = reverse("kolada:catalogue", args=[world.organisation.slug])

    response = admin.post(url, follow=True)

    assert CatalogueLoad.objects.count() == 1
    assert "En hämtning av Kolada-katalogen pågår redan." in response.content.decode()


@pytest.mark.parametrize("persona", ["controller", "manager", "reporter", "reader", "outsider"])
def test_only_administrators_load_the_catalogue(world, client_for, persona):
    person = client_for(world.personas[persona])
    url = reverse("kolada:catalogue", args=[world.organisation.slug])

    assert person.get(url).status_code == 403
    assert person.post(url).status_code == 403
    assert not CatalogueLoad.objects.exists()
    settings_page = reverse("organisation:settings", args=[world.organisation.slug])
    assert url not in person.get(settings_page).content.decode()
