"""`manage.py kolada_refresh` against a real local HTTP server in Kolada v3's shape: every
linked KPI fetched and written as outcomes, unchanged publication dates skipped, a failing KPI
reported and left as it was."""

import copy
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from roder.followup.models import Outcome
from roder.followup.testing import make_indicator, report
from roder.indicators.models import ComparisonValue
from roder.kolada import services, values
from roder.kolada.client import Client
from roder.kolada.models import Kpi, Value
from roder.kolada.testing import catalogue, serve_catalogue, serve_values, value_items
from roder.organisation.access import grants_for
from roder.periods.models import PeriodKind
from roder.periods.testing import make_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def kolada(httpserver, settings):
    settings.RODER_KOLADA_URL = httpserver.url_for("/v3")
    serve_catalogue(httpserver)
    with Client() as client:
        services.load_catalogue(client)
    return httpserver


@pytest.fixture
def linked(kolada, world):
    world.organisation.municipality_code = "0114"
    world.organisation.save()
    world.unit_a.organisation = world.organisation
    for year in (2024, 2025):
        make_period(
            world.organisation,
            year=year,
            kind=PeriodKind.YEAR_END,
            name=f"Helår {year}",
            starts=datetime.date(year, 1, 1),
            ends=datetime.date(year, 12, 31),
        )
    grants = grants_for(world.controller, world.organisation)
    found = {}
    for kpi in ("N00901", "N00902"):
        indicator = make_indicator(world.unit_a, name=f"Nyckeltal {kpi}", periodicity="year")
        found[kpi] = values.indicator_link(
            indicator=indicator, kpi_id=kpi, expected_version=1, grants=grants, by=None
        )
    return found


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("kolada_refresh", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue() + str(error)
    return out.getvalue(), err.getvalue()


def test_the_refresh_writes_every_linked_kpi_then_skips_what_has_not_changed(kolada, linked, world):
    serve_values(kolada)

    out, err = run()

    assert err == ""
    assert "testkommun N00901: 70 values, 2 outcomes written, 0 pending revisions" in out
    assert Outcome.objects.filter(source="kolada").count() == 4
    assert ComparisonValue.objects.filter(source="Kolada").exists()

    out, err = run()  # Kolada has published nothing new
    assert "testkommun N00901: publication date unchanged, skipped" in out
    assert "N00902: publication date unchanged, skipped" in out

    Outcome.objects.filter(source="kolada").delete()
    out, err = run("--force", "--kpi", "n00902")
    assert "N00901" not in out
    assert "testkommun N00902: 70 values, 2 outcomes written" in out


def test_a_new_publication_date_is_fetched_and_a_persons_value_stays(kolada, linked, world):
    serve_values(kolada)
    run()
    period = Outcome.objects.filter(indicator=linked["N00901"]).first().period
    Outcome.objects.filter(indicator=linked["N00901"]).delete()
    report(linked["N00901"], world.unit_a, period, "12")  # typed by a person meanwhile
    kolada.clear()
    newer = catalogue()
    for item in newer["kpi"]:
        if item["id"] == "N00901":
            item["publication_date"] = "2026-11-30"
    serve_newer_catalogue(kolada, newer)
    serve_values(kolada)

    out, _err = run()

    assert "N00901: 70 values, 1 outcomes written" in out
    assert "N00902: publication date unchanged" in out
    assert Kpi.objects.get(pk="N00901").publication_date == datetime.date(2026, 11, 30)
    assert set(Value.objects.filter(kpi="N00901").values_list("publication_date", flat=True)) == {
        datetime.date(2026, 11, 30)
    }
    assert Outcome.objects.get(indicator=linked["N00901"], period=period).value == Decimal("12")


def serve_newer_catalogue(httpserver, items):
    import json

    from werkzeug import Response

    def answer(request):
        ids = request.path.rsplit("/", 1)[-1].split(",")
        found = [item for item in items["kpi"] if item["id"] in ids]
        body = {"values": found, "count": len(found), "next_url": None, "previous_url": None}
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request(re.compile(r"^/v3/kpi/[^/]+$")).respond_with_handler(answer)


def test_a_failing_kpi_is_reported_and_left_as_it_was(kolada, linked, world):
    serve_values(kolada)
    run()
    Value.objects.filter(kpi="N00902").update(value=Decimal("1"), publication_date=None)
    before = list(Outcome.objects.filter(indicator=linked["N00902"]).values_list("value"))
    kolada.clear()
    serve_catalogue(kolada)
    kolada.expect_request(re.compile(r"^/v3/data/kpi/N00902/.*")).respond_with_data(
        "{not json", content_type="application/json"
    )
    serve_values(kolada)

    out, err = run("--force")

    assert "testkommun N00901: 70 values" in out
    assert "testkommun N00902: failed, left as it was" in err
    assert "1 of 2 KPIs failed." in err
    assert set(Value.objects.filter(kpi="N00902").values_list("value", flat=True)) == {Decimal("1")}
    assert list(Outcome.objects.filter(indicator=linked["N00902"]).values_list("value")) == before


def test_a_malformed_value_fails_only_that_kpi(kolada, linked):
    broken = copy.deepcopy(value_items())
    for item in broken:
        if item["kpi"] == "N00901":
            item["values"][0]["gender"] = "X"
    serve_values(kolada, items=broken)

    out, err = run()

    assert "N00901: failed" in err
    assert "N00902: 70 values" in out
    assert not Value.objects.filter(kpi="N00901").exists()


def test_only_the_organisation_asked_for(kolada, linked):
    serve_values(kolada)
    out, err = run("--organisation", "nowhere")
    assert "No organisation 'nowhere'." in err
    out, _err = run("--organisation", "testkommun")
    assert "testkommun N00901" in out


def test_kolada_down_fails_clearly(linked, world, settings):
    settings.RODER_KOLADA_URL = "http://127.0.0.1:9/v3"
    _out, err = run()
    assert "Kolada" in err
    assert not Value.objects.exists()


def test_the_benchmark_imports_from_a_local_server_and_cleans_up(db):
    out = io.StringIO()

    call_command(
        "kolada_benchmark", "--municipalities", "30", "--years", "2", "--kpis", "2", stdout=out
    )

    text = out.getvalue()
    assert "Roder: 120 rows in" in text
    assert "rows/s" in text
    assert not Value.objects.exists() and not Kpi.objects.filter(pk__startswith="X0").exists()
