"""Kolada's organisational units (ou): a unit linked to an ou id takes a unit-level
indicator's values from Kolada's ou data (`/oudata`, against a real local HTTP server in v3's
shape), and who may link it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from roder.core.models import HistoryEntry
from roder.followup.models import Outcome
from roder.kolada import values
from roder.kolada.client import Client
from roder.kolada.models import UnitOu, Value
from roder.kolada.testing import serve_values
from roder.kolada.tests.test_compare import _grants
from roder.kolada.tests.test_values import YEARS, linked, year_end
from roder.testing import PERSONAS

pytestmark = pytest.mark.django_db

OU = "V15E011400101"  # the fixture's "Hemtjänst Väsby norra (demo)"


def ou_of(world, unit=None, ou=OU):
    return values.unit_ou_set(
        unit=unit or world.unit_a,
        ou=ou,
        title="Hemtjänst Väsby norra (demo)",
        by=world.controller,
        grants=_grants(world, world.controller),
    )


def fetch_ou(kolada, organisation, kpis=("U00950",)):
    serve_values(kolada)
    with Client(sleep=lambda _s: None) as client:
        return values.fetch(
            client,
            kpis=list(values.Kpi.objects.filter(pk__in=kpis)),
            targets=values.fetch_places(organisation),
            years=YEARS,
        )


def test_the_client_reads_ou_values_from_the_local_server(kolada):
    serve_values(kolada)
    with Client() as client:
        found = client.ou_values(["U00950"], [OU, "V15E011400102"], [2024, 2025])
        units = client.organisational_units(municipality="0114")
    assert {(v.target, v.year) for v in found} == {
        (OU, 2024),
        (OU, 2025),
        ("V15E011400102", 2024),
        ("V15E011400102", 2025),
    }
    assert all(v.gender == "T" and isinstance(v.value, Decimal) for v in found)
    assert any(path.startswith("/v3/oudata/kpi/U00950/ou/") for path in _paths(kolada))
    assert {u.id for u in units} == {OU, "V15E011400102"}


def _paths(httpserver):
    return [request.path for request, _response in httpserver.log]


def test_a_unit_linked_to_an_ou_takes_its_values_from_the_ou(kolada, vasby):
    ou_of(vasby)
    indicator = linked(vasby, "U00950")
    result = fetch_ou(kolada, vasby.organisation)

    assert result["failed"] == {}
    stored = Value.objects.get(kpi="U00950", target=OU, year=2025, gender="T")
    assert stored.kind == "ou"
    period = year_end(vasby.organisation, 2025)

    outcome = values.apply(indicator, vasby.unit_a, by=vasby.controller)

    assert outcome["written"] == 1
    assert Outcome.objects.get(indicator=indicator, unit=vasby.unit_a, period=period).value == (
        stored.value
    )


def test_a_unit_without_an_ou_link_keeps_the_municipalitys_value(kolada, vasby):
    indicator = linked(vasby, "N00901")
    ou_of(vasby, unit=vasby.unit_b)
    serve_values(kolada)
    with Client() as client:
        values.fetch_for_indicator(indicator, client=client)
    period = year_end(vasby.organisation, 2025)

    found = values.read(indicators=[indicator], units=[vasby.unit_a, vasby.unit_b], period=period)

    municipality = Value.objects.get(kpi="N00901", target="0114", year=2025, gender="T").value
    assert [(v.unit, v.value) for v in found] == [(vasby.unit_a, municipality)]
    # N00901 has no ou data: Kolada's /oudata is not asked.
    assert not any(path.startswith("/v3/oudata/") for path in _paths(kolada))


def test_the_link_leaves_history_and_refuses_bad_input(kolada, vasby):
    ou_of(vasby)
    with pytest.raises(Exception, match="not an id"):
        ou_of(vasby, ou="V15E-0114 01")
    with pytest.raises(Exception, match="already linked"):
        ou_of(vasby, unit=vasby.unit_b)
    values.unit_ou_set(
        unit=vasby.unit_a, ou="", by=vasby.controller, grants=_grants(vasby, vasby.controller)
    )
    assert not UnitOu.objects.exists()
    changes = [
        e.changes["kolada_ou"]
        for e in HistoryEntry.objects.for_object(vasby.unit_a).order_by("pk")
        if "kolada_ou" in e.changes
    ]
    assert changes == [{"before": "", "after": OU}, {"before": OU, "after": ""}]


def test_only_the_units_controllers_link_it(kolada, vasby, client_for):
    url = reverse("kolada:unit_ou", args=[vasby.organisation.slug, vasby.unit_a.pk])
    expected = dict.fromkeys(PERSONAS, 403) | {"admin": 200, "controller": 200, "outsider": 404}
    for persona in PERSONAS:
        client = client_for(getattr(vasby, persona))
        assert client.get(url).status_code == expected[persona], persona
        posted = client.post(url, {"ou": OU, "current": ""})
        assert posted.status_code == (302 if expected[persona] == 200 else expected[persona])
    assert UnitOu.objects.get().ou == OU
    # A form from before the change is refused.
    stale = client_for(vasby.controller).post(url, {"ou": "V15E011400102", "current": ""})
    assert stale.status_code == 302
    assert UnitOu.objects.get().ou == OU


def test_the_ou_page_is_linked_from_the_indicators_kolada_page(kolada, vasby, client_for):
    indicator = linked(vasby, "U00950")
    page = client_for(vasby.controller).get(
        reverse("kolada:indicator", args=[vasby.organisation.slug, indicator.pk])
    )
    assert reverse("kolada:unit_ou", args=[vasby.organisation.slug, vasby.unit_a.pk]) in (
        page.content.decode()
    )
