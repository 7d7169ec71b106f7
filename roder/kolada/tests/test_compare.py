"""Choosing peers, the comparison page (the organisation against its peers, the county and
riket over the years; its rank in the county with relative colouring) and unit against unit
(Roder's own outcomes, private providers among them), with who may see what."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from roder.core.models import HistoryEntry
from roder.followup import services as followup_services
from roder.followup.testing import report
from roder.kolada import compare, values
from roder.kolada.client import Client
from roder.kolada.models import Peer, Value
from roder.kolada.testing import serve_values
from roder.kolada.tests.test_values import YEARS, linked, year_end
from roder.organisation.models import UnitKind
from roder.testing import PERSONAS, make_unit

pytestmark = pytest.mark.django_db

D = Decimal


def fetch_all(kolada, organisation, kpis=("N00901",)):
    """A fetch as the page's button makes it: the places and the county's members."""
    serve_values(kolada)
    with Client(sleep=lambda _s: None) as client:
        return values.fetch(
            client,
            kpis=list(values.Kpi.objects.filter(pk__in=kpis)),
            targets=values.fetch_places(organisation),
            years=YEARS,
        )


def peers_url(world, name="kolada:peers", **kwargs):
    return reverse(name, args=[world.organisation.slug, *kwargs.values()])


def compare_url(world, indicator):
    return reverse("kolada:compare", args=[world.organisation.slug, indicator.pk])


# -- the rank -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("own", "higher", "rank", "band"),
    [
        (D(90), True, 1, "best"),
        (D(90), False, 8, "worst"),
        (D(50), True, 4, "middle"),
        (D(10), True, 8, "worst"),
        (D(10), False, 1, "best"),
    ],
)
def test_the_rank_splits_the_county_into_quarters_by_direction(own, higher, rank, band):
    others = [D(90), D(80), D(70), D(50), D(40), D(30), D(20), D(10)]

    found = compare.rank_of(own, others, higher_is_better=higher, year=2025)

    assert (found.rank, found.count, found.band) == (rank, 8, band)


def test_ties_share_a_rank_and_too_few_are_not_coloured():
    assert compare.rank_of(D(5), [D(5), D(5), D(1)], higher_is_better=True, year=1).rank == 1
    assert compare.rank_of(D(5), [D(5), D(1)], higher_is_better=True, year=1).band == ""


# -- peers --------------------------------------------------------------------------------


def test_only_controllers_and_administrators_choose_peers(kolada, vasby, client_for):
    expected = dict.fromkeys(PERSONAS, 403) | {"admin": 200, "controller": 200}
    for persona in PERSONAS:
        response = client_for(getattr(vasby, persona)).get(peers_url(vasby), {"q": "Göteborg"})
        assert response.status_code == expected[persona], persona
        posted = client_for(getattr(vasby, persona)).post(
            peers_url(vasby, "kolada:peer_add"), {"target": "1480"}
        )
        assert posted.status_code == (302 if expected[persona] == 200 else 403), persona
    assert list(Peer.objects.values_list("target", flat=True)) == ["1480"]


def test_a_controller_finds_adds_and_removes_a_peer_with_history(kolada, vasby, client_for):
    client = client_for(vasby.controller)

    page = client.get(peers_url(vasby), {"q": "liknande"}).content.decode()
    assert "Liknande kommuner övergripande, Upplands Väsby (demo)" in page
    by_code = client.get(peers_url(vasby), {"q": "1480"}).content.decode()
    assert "Lägg till Göteborg" in by_code

    client.post(peers_url(vasby, "kolada:peer_add"), {"target": "G99114"})
    client.post(peers_url(vasby, "kolada:peer_add"), {"target": "1480"})
    refused = client.post(peers_url(vasby, "kolada:peer_add"), {"target": "0114"}, follow=True)
    assert "kan inte jämföra sig med sig själv" in refused.content.decode()
    assert [p.role for p in values.places(vasby.organisation)][-2:] == ["peer", "peer"]
    peer = Peer.objects.get(target="1480")
    client.post(peers_url(vasby, "kolada:peer_remove", pk=peer.pk))

    assert list(Peer.objects.values_list("target", flat=True)) == ["G99114"]
    changes = [
        entry.changes["kolada_peers"]
        for entry in HistoryEntry.objects.for_object(vasby.organisation).order_by("pk")
        if "kolada_peers" in entry.changes
    ]
    assert changes[-1] == {
        "before": "Liknande kommuner övergripande, Upplands Väsby (demo), Göteborg",
        "after": "Liknande kommuner övergripande, Upplands Väsby (demo)",
    }
    # Already chosen: not offered again.
    again = client.get(peers_url(vasby), {"q": "liknande"}).content.decode()
    assert "Lägg till Liknande" not in again


def test_a_peer_of_another_organisation_is_not_found(kolada, vasby, client_for):
    from roder.testing import make_organisation

    other = make_organisation("Annan kommun", "annan")
    peer = values.peer_add(organisation=other, target="1480", by=None)

    response = client_for(vasby.controller).post(peers_url(vasby, "kolada:peer_remove", pk=peer.pk))

    assert response.status_code == 404
    assert Peer.objects.filter(pk=peer.pk).exists()


def test_the_fetch_reads_the_peers_and_the_countys_members(kolada, vasby):
    values.peer_add(organisation=vasby.organisation, target="G99114", by=None)

    fetch_all(kolada, vasby.organisation)

    targets = set(Value.objects.values_list("target", flat=True))
    assert targets == {"0114", "G124", "0000", "G99114", "0115", "0117", "0120", "0180"}


def test_the_peers_page_is_linked_from_the_settings_and_the_indicators_kolada_page(
    kolada, vasby, client_for
):
    indicator = linked(vasby)
    settings_page = client_for(vasby.admin).get(
        reverse("organisation:settings", args=[vasby.organisation.slug])
    )
    kolada_page = client_for(vasby.controller).get(
        reverse("kolada:indicator", args=[vasby.organisation.slug, indicator.pk])
    )
    for page in (settings_page, kolada_page):
        assert peers_url(vasby) in page.content.decode()


# -- the comparison page -----------------------------------------------------------------


def providers(world):
    """Enhet A, Enhet B and a private provider (a unit of kind company) with submitted outcomes
    of the indicator for 2024 and 2025."""
    company = make_unit(world.administration, "P", "Omsorg AB", UnitKind.COMPANY)
    return company


def reported(world, indicator, units, years=(2024, 2025)):
    for year in years:
        period = year_end(world.organisation, year)
        for index, unit in enumerate(units):
            report(indicator, unit, period, str(60 + index + year - 2024))
            followup_services.report_submit(unit=unit, period=period, by=None)


def test_the_comparison_draws_the_organisation_against_county_riket_and_peers(
    kolada, vasby, client_for
):
    values.peer_add(organisation=vasby.organisation, target="1480", by=None)
    indicator = linked(vasby)
    fetch_all(kolada, vasby.organisation)

    page = client_for(vasby.reader).get(compare_url(vasby, indicator)).content.decode()

    assert "<img" in page and "data:image/svg+xml;base64," in page
    for name in ("Testkommun", "Stockholms läns kommuner (ovägt medel)", "Riket", "Göteborg"):
        assert f'<th scope="row">{name}</th>' in page
    stored = Value.objects.get(kpi="N00901", target="G124", year=2025, gender="T").value
    assert indicator.format(stored) in page
    assert "Källa: Kolada, 2016–2025." in page


def test_the_rank_among_the_countys_municipalities_is_labelled_relative(kolada, vasby, client_for):
    indicator = linked(vasby)
    fetch_all(kolada, vasby.organisation)
    year = 2025
    county = Value.objects.filter(
        kpi="N00901", year=year, gender="T", target__in=["0114", "0115", "0117", "0120", "0180"]
    )
    ordered = sorted(county, key=lambda v: v.value, reverse=True)
    rank = [v.target for v in ordered].index("0114") + 1
    band = {1: "bland de 25 % bästa", 5: "bland de 25 % sämsta"}.get(
        rank, "bland de 50 % mittersta"
    )

    page = client_for(vasby.reader).get(compare_url(vasby, indicator)).content.decode()

    assert f"{year}: plats {rank} av 5 bland Stockholms läns kommuner (ovägt medel)." in page
    assert band in page
    assert "relativ" in page
    assert f"Källa: Kolada, {year}." in page


def test_lower_is_better_turns_the_rank(kolada, vasby):
    indicator = linked(vasby, "N00090", direction="lower")
    fetch_all(kolada, vasby.organisation, kpis=("N00090",))
    higher = linked(vasby, "N00090", name="Samma, högre är bättre")
    with translation.override("sv"):
        lower_rank = compare.comparison(indicator, _grants(vasby)).get("rank")
        higher_rank = compare.comparison(higher, _grants(vasby)).get("rank")
    assert lower_rank.rank == lower_rank.count + 1 - higher_rank.rank


def _grants(world, person=None):
    from roder.organisation.access import grants_for

    return grants_for(person or world.reader, world.organisation)


def test_unit_against_unit_shows_roders_outcomes_of_the_units_the_person_sees(
    kolada, vasby, client_for
):
    indicator = linked(vasby)
    fetch_all(kolada, vasby.organisation)
    company = providers(vasby)
    reported(vasby, indicator, [vasby.unit_a, vasby.unit_b, company])

    everyone = client_for(vasby.reader).get(compare_url(vasby, indicator)).content.decode()
    own_unit = client_for(vasby.manager).get(compare_url(vasby, indicator)).content.decode()

    section = everyone.split("Enhet mot enhet")[1]
    for name in ("Enhet A", "Enhet B", "Omsorg AB"):
        assert f'<th scope="row">{name}</th>' in section
    assert "Privat utförare (bolag)" in section
    assert "Källa: Kolada" not in section  # Roder's own figures
    assert "Källa: utfall rapporterade i Roder." in section
    mine = own_unit.split("Enhet mot enhet")[1]
    assert '<th scope="row">Enhet A</th>' in mine
    assert "Enhet B" not in mine and "Omsorg AB" not in mine


def test_who_may_open_the_comparison(kolada, vasby, client_for):
    indicator = linked(vasby)
    expected = dict.fromkeys(PERSONAS, 200) | {"outsider": 404}  # the sibling unit's manager
    for persona in PERSONAS:
        response = client_for(getattr(vasby, persona)).get(compare_url(vasby, indicator))
        assert response.status_code == expected[persona], persona
    unlinked = linked(vasby)
    unlinked.source = "manual"
    unlinked.save()
    assert client_for(vasby.reader).get(compare_url(vasby, unlinked)).status_code == 404


def test_the_comparison_is_linked_from_the_indicator_page(kolada, vasby, client_for):
    indicator = linked(vasby)
    fetch_all(kolada, vasby.organisation)
    page = client_for(vasby.reader).get(
        reverse("indicators:detail", args=[vasby.organisation.slug, indicator.pk])
    )
    assert compare_url(vasby, indicator) in page.content.decode()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_comparison_page_reads_a_constant_number_of_queries(
    kolada, vasby, client_for, django_assert_max_num_queries
):
    indicator = linked(vasby)
    values.peer_add(organisation=vasby.organisation, target="1480", by=None)
    fetch_all(kolada, vasby.organisation)
    reported(vasby, indicator, [vasby.unit_a], years=(2025,))
    client = client_for(vasby.reader)
    small = _count(client, compare_url(vasby, indicator))

    for code in ("1280", "G99114", "G138"):
        values.peer_add(organisation=vasby.organisation, target=code, by=None)
    fetch_all(kolada, vasby.organisation)
    more = [providers(vasby), make_unit(vasby.administration, "C", "Enhet C")]
    reported(vasby, indicator, [vasby.unit_b, *more], years=(2023, 2024))

    with django_assert_max_num_queries(small):
        assert client.get(compare_url(vasby, indicator)).status_code == 200
    grants = _grants(vasby)
    with django_assert_max_num_queries(9):
        found = compare.comparison(indicator, grants)
    assert len(found["units"]["rows"]) == 4 and len(found["places"]) == 7


def test_the_scorecard_row_of_a_kolada_linked_indicator_links_to_the_comparison(
    kolada, vasby, client_for
):
    from roder.kolada.tests.test_comparisons import scorecard_of, scorecard_page

    indicator, period = scorecard_of(vasby)

    page = scorecard_page(client_for(vasby.reader), vasby, period)

    assert page.count(f'href="{compare_url(vasby, indicator)}"') == 1  # not the typed one's
    assert f'Jämför<span class="visually-hidden"> {indicator.name}</span>' in page
