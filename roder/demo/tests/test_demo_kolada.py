"""The demo's Kolada: the fixture catalogue and values loaded without network, Stöd & process's
and Nämndsekretariatet's nyckeltal linked, Väsby against its county and riket, Stockholm
against Göteborg and Malmö."""

from decimal import Decimal

import pytest

from roder.followup.models import Outcome
from roder.indicators.models import ComparisonValue, Indicator
from roder.kolada import values
from roder.kolada.models import Kpi, Peer, Value

pytestmark = pytest.mark.django_db

SERVICE = "Servicegrad på telefon (andel inkommande samtal som besvaras inom 120 sek)"


def test_the_catalogue_and_the_values_are_loaded(demo):
    assert Kpi.objects.count() == 5
    vasby = Value.objects.filter(kpi="N00902", target="0114", gender="T")
    assert {v.year for v in vasby} == set(range(2016, 2026))
    assert Value.objects.filter(target="G124", kpi="N00902").exists()  # länssnitt
    assert Value.objects.filter(target="0000", kpi="N00902").exists()  # riket
    assert set(
        Peer.objects.filter(organisation__slug="stockholm").values_list("target", flat=True)
    ) == {
        "1480",
        "1280",
    }
    assert Value.objects.filter(target="1480", kpi="N00090", gender="K").exists()


def test_vasby_is_compared_with_its_county_and_riket(demo):
    indicator = Indicator.objects.get(organisation__slug="upplands-vasby", name=SERVICE)
    assert (indicator.source, indicator.source_reference) == ("kolada", "N00902")
    kolada = ComparisonValue.objects.filter(indicator=indicator, source="Kolada")
    assert {c.kind for c in kolada} == {"county", "national", "peer"}  # and its peers
    # The seed's own länssnitt for 2025 is kept; Kolada's fills the other years.
    seed = ComparisonValue.objects.get(indicator=indicator, year=2025, kind="county")
    assert (seed.value, seed.source) == (Decimal("85"), "Seed 004 (länssnitt)")
    # The outcomes typed from the seed are left for the preview, not overwritten.
    rows = values.preview(indicator, indicator.owner)
    assert {row.year: row.change for row in rows} == {
        2025: "differs",
        2024: "differs",
        2023: "differs",
    }
    assert not Outcome.objects.filter(indicator=indicator, source="kolada").exists()


def test_namndsekretariatet_follows_kolada_against_goteborg_and_malmo(demo):
    sick = Indicator.objects.get(organisation__slug="stockholm", source_reference="N00090")
    assert sick.owner.code == "TK-STAB-NS"
    places = [(p.target, p.role) for p in values.places(sick.organisation)]
    assert places == [
        ("0180", "own"),
        ("G124", "county"),
        ("0000", "national"),
        ("1480", "peer"),
        ("1280", "peer"),
    ]


def _compare_page(client, username, indicator) -> str:
    from django.urls import reverse

    from roder.demo.personas import DEMO_PASSWORD

    assert client.login(username=username, password=DEMO_PASSWORD)
    url = reverse("kolada:compare", args=[indicator.organisation.slug, indicator.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_comparison_page_draws_vasby_against_its_county_riket_and_peers(demo, client):
    indicator = Indicator.objects.get(organisation__slug="upplands-vasby", name=SERVICE)

    page = _compare_page(client, "controller", indicator)

    for name in (
        indicator.organisation.name,
        "Stockholms läns kommuner (ovägt medel)",
        "Riket",
        "Liknande kommuner övergripande, Upplands Väsby (demo)",
        "Vallentuna",
    ):
        assert f'<th scope="row">{name}</th>' in page
    assert "data:image/svg+xml;base64," in page
    assert "av 5 bland Stockholms läns kommuner (ovägt medel)." in page
    assert "Källa: Kolada, 2016–2025." in page
    units = page.split("Enhet mot enhet")[1]
    assert "Källa: Kolada" not in units
    assert "Väsby Direkt" in units  # Roder's own outcomes of Stöd & process's units


def test_the_comparison_page_draws_stockholm_against_goteborg_and_malmo(demo, client):
    sick = Indicator.objects.get(organisation__slug="stockholm", source_reference="N00090")

    page = _compare_page(client, "sekretariatschef", sick)

    for name in (sick.organisation.name, "Göteborg", "Malmö", "Riket"):
        assert f'<th scope="row">{name}</th>' in page
    assert "lägre är bättre" in page  # sick leave: the rank turns
