"""Kolada's values: linking an indicator to a KPI, fetching the organisation's own figures with
the länssnitt, riket and peers (against a real local HTTP server in v3's shape), the `kolada`
indicator source, the preview and acceptance of outcomes, and who may do it."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from roder.followup.models import Outcome, OutcomeRevision
from roder.followup.testing import make_indicator, report
from roder.indicators import services as indicator_services
from roder.indicators import sources
from roder.indicators.models import ComparisonValue
from roder.kolada import services, values
from roder.kolada.client import Client
from roder.kolada.models import Peer, Value
from roder.kolada.testing import serve_values, value_items
from roder.periods.models import PeriodKind
from roder.periods.testing import make_period
from roder.testing import PERSONAS

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)
YEARS = list(range(2016, 2027))


def year_end(organisation, year: int, status: str = "open"):
    return make_period(
        organisation,
        status=status,
        year=year,
        kind=PeriodKind.YEAR_END,
        name=f"Helår {year}",
        starts=datetime.date(year, 1, 1),
        ends=datetime.date(year, 12, 31),
    )


def linked(world, kpi="N00901", **extra):
    indicator = make_indicator(world.unit_a, periodicity="year", decimals=1, **extra)
    return values.indicator_link(
        indicator=indicator,
        kpi_id=kpi,
        expected_version=indicator.version,
        grants=_grants(world.controller, world.organisation),
        by=world.controller,
    )


def _grants(person, organisation):
    from roder.organisation.access import grants_for

    return grants_for(person, organisation)


def fetch(kolada, organisation, kpis=("N00901",), **server):
    serve_values(kolada, **server)
    with Client(sleep=lambda _s: None) as client:
        return values.fetch(
            client,
            kpis=list(services.Kpi.objects.filter(pk__in=kpis)),
            targets=values.places(organisation),
            years=YEARS,
        )


def test_the_places_are_the_own_municipality_the_county_riket_and_the_peers(kolada, vasby):
    values.peer_add(organisation=vasby.organisation, target="1480", by=vasby.admin)
    values.peer_add(organisation=vasby.organisation, target="G138", by=vasby.admin)

    found = [(p.target, p.kind, p.role) for p in values.places(vasby.organisation)]

    assert found == [
        ("0114", "municipality", "own"),
        ("G124", "group", "county"),  # "Stockholms läns kommuner (ovägt medel)", by title
        ("0000", "municipality", "national"),
        ("1480", "municipality", "peer"),
        ("G138", "group", "peer"),
    ]
    with pytest.raises(Exception, match="already a peer"):
        values.peer_add(organisation=vasby.organisation, target="1480", by=vasby.admin)
    with pytest.raises(Exception, match="no municipality or group"):
        values.peer_add(organisation=vasby.organisation, target="9999", by=vasby.admin)
    assert Peer.objects.count() == 2


def test_a_fetch_keeps_each_value_with_its_vintage_over_several_pages(kolada, vasby):
    values.peer_add(organisation=vasby.organisation, target="1480", by=None)

    result = fetch(kolada, vasby.organisation, kpis=("N00901", "N00090"), per_page=7)

    assert result["failed"] == {}
    sick = Value.objects.filter(kpi="N00090", target="0114", year=2024)
    assert {v.gender for v in sick} == {"T", "K", "M"}  # divided by gender
    stored = Value.objects.get(kpi="N00901", target="G124", year=2024, gender="T")
    assert stored.kind == "group"
    assert stored.count == 5  # the members with a value
    assert stored.publication_date == datetime.date(2026, 3, 10)  # Kolada's, of the KPI
    assert stored.fetched_on is not None
    assert set(Value.objects.values_list("target", flat=True)) == {"0114", "G124", "0000", "1480"}
    # Nothing for the places Roder did not ask for.
    assert not Value.objects.filter(target="0180").exists()


def test_a_null_value_stays_missing(kolada, world):
    world.organisation.municipality_code = "0117"
    world.organisation.save()
    world.unit_a.organisation = world.organisation

    fetch(kolada, world.organisation, kpis=("N00902",))

    assert Value.objects.get(kpi="N00902", target="0117", year=2016, gender="T").value is None


def test_a_failing_kpi_is_left_as_it_was_and_the_others_are_stored(kolada, vasby):
    fetch(kolada, vasby.organisation, kpis=("N00901", "N00902"))
    Value.objects.filter(kpi="N00902").update(value=Decimal("1"))
    kolada.clear()
    kolada.expect_request(
        "/v3/data/kpi/N00902/municipality/0114,G124,0000/year/" + ",".join(str(y) for y in YEARS)
    ).respond_with_data("down", status=500)

    result = fetch(kolada, vasby.organisation, kpis=("N00901", "N00902"))

    assert list(result["failed"]) == ["N00902"]
    assert "500" in result["failed"]["N00902"]
    assert set(Value.objects.filter(kpi="N00902").values_list("value", flat=True)) == {
        Decimal("1")
    }  # as it was
    assert result["stored"]["N00901"] > 0


def test_kolada_is_a_registered_source_that_reads_the_own_municipality_per_year(kolada, vasby):
    indicator = linked(vasby, "N00090", by_gender=True, direction="lower")
    fetch(kolada, vasby.organisation, kpis=("N00090",))
    period = year_end(vasby.organisation, 2024)
    tertial = make_period(vasby.organisation)

    source = sources.get("kolada")
    (found,) = source.values(indicators=[indicator], units=[vasby.unit_a], period=period)

    item = next(
        i
        for i in value_items()
        if (i["kpi"], i["municipality"], i["period"]) == ("N00090", "0114", 2024)
    )
    by_gender = {row["gender"]: Decimal(str(row["value"])) for row in item["values"]}
    assert (found.value, found.value_women, found.value_men) == (
        by_gender["T"],
        by_gender["K"],
        by_gender["M"],
    )
    assert found.vintage == datetime.date(2026, 4, 20)
    assert source.values(indicators=[indicator], units=[vasby.unit_a], period=tertial) == []
    # An indicator that is not linked is not Kolada's to fill.
    assert not source.can_fill(make_indicator(vasby.unit_a, name="Egen"))


def test_accepting_writes_new_years_and_a_revision_for_a_closed_one_never_over_a_person(
    kolada, vasby
):
    indicator = linked(vasby)
    fetch(kolada, vasby.organisation)
    closed = year_end(vasby.organisation, 2023, status="closed")
    typed = year_end(vasby.organisation, 2024)
    fresh = year_end(vasby.organisation, 2025)
    report(indicator, vasby.unit_a, typed, "50")  # a person entered another value

    rows = {row.year: row.change for row in values.preview(indicator, vasby.unit_a)}
    assert rows == {2025: "new", 2024: "differs", 2023: "new"}

    result = values.apply(indicator, vasby.unit_a, by=vasby.controller)  # the refresh's way

    assert (result["written"], result["pending"]) == (1, 1)
    kolada_2025 = Value.objects.get(kpi="N00901", target="0114", year=2025, gender="T").value
    outcome = Outcome.objects.get(indicator=indicator, period=fresh)
    assert (outcome.value, outcome.source, outcome.vintage) == (
        kolada_2025,
        "kolada",
        datetime.date(2026, 3, 10),
    )
    assert Outcome.objects.get(indicator=indicator, period=typed).value == Decimal("50")
    revision = OutcomeRevision.objects.get(indicator=indicator, period=closed)
    assert (revision.source, revision.status) == ("kolada", "pending")
    # The länssnitt and riket became comparison values marked as Kolada's.
    comparisons = ComparisonValue.objects.filter(indicator=indicator)
    assert {(c.kind, c.source) for c in comparisons} == {
        ("county", "Kolada"),
        ("national", "Kolada"),
    }
    assert comparisons.filter(kind="county").count() == 10  # 2016–2025

    # Accepting 2024 on the preview writes over the person's value, with history.
    values.apply(indicator, vasby.unit_a, years=[2024], by=vasby.controller)
    assert Outcome.objects.get(indicator=indicator, period=typed).source == "kolada"
    assert {row.change for row in values.preview(indicator, vasby.unit_a)} == {"same", "new"}


def test_a_comparison_value_a_person_typed_is_kept(kolada, vasby):
    indicator = linked(vasby)
    indicator_services.comparison_set(
        indicator=indicator, year=2024, kind="county", value=Decimal("70"), source="SKR", by=None
    )
    fetch(kolada, vasby.organisation)

    values.comparisons_write(indicator, by=None)

    typed = ComparisonValue.objects.get(indicator=indicator, year=2024, kind="county")
    assert (typed.value, typed.source) == (Decimal("70"), "SKR")


def test_one_kpi_fills_several_indicators_and_units(kolada, vasby):
    first = linked(vasby)
    second = values.indicator_link(
        indicator=make_indicator(vasby.unit_b, name="Svar på e-post", periodicity="year"),
        kpi_id="n00901",  # ids are read in either case
        expected_version=1,
        grants=_grants(vasby.controller, vasby.organisation),
        by=vasby.controller,
    )
    fetch(kolada, vasby.organisation)
    year_end(vasby.organisation, 2025)

    values.apply(first, vasby.unit_a, by=None)
    values.apply(second, vasby.unit_b, by=None)

    assert first.source_reference == second.source_reference == "N00901"
    assert Outcome.objects.filter(source="kolada").count() == 2


def test_linking_an_unknown_kpi_is_refused(kolada, vasby):
    indicator = make_indicator(vasby.unit_a)
    with pytest.raises(Exception, match="no KPI"):
        values.indicator_link(
            indicator=indicator,
            kpi_id="N99999",
            expected_version=1,
            grants=_grants(vasby.controller, vasby.organisation),
            by=None,
        )
    indicator.refresh_from_db()
    assert indicator.source == "manual"


def test_search_by_id_or_words(kolada):
    assert [k.id for k in values.kpi_search("n00090")] == ["N00090"]
    assert [k.id for k in values.kpi_search("telefon svar")] == ["N00902"]
    assert values.kpi_search("   ") == []


# -- pages ------------------------------------------------------------------------------------

STATUS = {"admin": 200, "controller": 200, "manager": 403, "reporter": 403, "reader": 403}
STATUS["outsider"] = 404
QUERIES_PAGE = 19  # with the owner unit's ou link and the preview's ou lookup
QUERIES_DETAIL = 19


def urls(world, indicator):
    args = [world.organisation.slug, indicator.pk]
    return {
        name: reverse(f"kolada:{name}", args=args)
        for name in ("indicator", "indicator_link", "indicator_fetch", "indicator_accept")
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_controllers_of_the_owner_unit_link_fetch_and_accept(
    kolada, vasby, client_for, persona
):
    indicator = make_indicator(vasby.unit_a, periodicity="year")
    page = urls(vasby, indicator)
    person = client_for(vasby.personas[persona])

    assert person.get(page["indicator"]).status_code == STATUS[persona]
    response = person.post(page["indicator_link"], {"kpi": "N00901", "version": "1"})
    indicator.refresh_from_db()
    if STATUS[persona] == 200:
        assert response.status_code == 302
        assert indicator.source_reference == "N00901"
    else:
        assert response.status_code == STATUS[persona]
        assert indicator.source == "manual"
        assert person.post(page["indicator_fetch"]).status_code == STATUS[persona]
        assert (
            person.post(page["indicator_accept"], {"year": "2025"}).status_code == STATUS[persona]
        )
        assert not Value.objects.exists()


def test_a_controller_links_fetches_previews_and_accepts(kolada, vasby, client_for):
    serve_values(kolada)
    indicator = make_indicator(vasby.unit_a, periodicity="year", decimals=1)
    typed = year_end(vasby.organisation, 2024)
    year_end(vasby.organisation, 2025)
    report(indicator, vasby.unit_a, typed, "50")
    page = urls(vasby, indicator)
    controller = client_for(vasby.controller)

    found = controller.get(page["indicator"], {"q": "e-post"}).content.decode()
    assert "N00901" in found and "Koppla till N00901" in found
    controller.post(page["indicator_link"], {"kpi": "N00901", "version": "1"})
    fetched = controller.post(page["indicator_fetch"], follow=True).content.decode()
    assert "värden hämtades från Kolada" in fetched
    assert "Skiljer sig från värdet som en person har fyllt i" in fetched
    assert "Stockholms läns kommuner (ovägt medel)" in fetched

    controller.post(page["indicator_accept"], {"year": ["2025"]})

    assert Outcome.objects.get(indicator=indicator, period__year=2025).source == "kolada"
    assert Outcome.objects.get(indicator=indicator, period=typed).value == Decimal("50")
    detail = controller.get(
        reverse("indicators:detail", args=[vasby.organisation.slug, indicator.pk])
    ).content.decode()
    assert "Källa: Kolada" in detail
    assert "Riket" in detail


def test_a_fetch_that_fails_says_so_and_changes_nothing(world, client_for, settings):
    # RODER_KOLADA_URL points at a closed local port (conftest.py); the catalogue is loaded
    # from the in-process fixtures.
    from roder.kolada import fixture_server

    with Client(fixture_server.BASE_URL, transport=fixture_server.transport()) as client:
        services.load_catalogue(client)
    indicator = linked(world)
    response = client_for(world.controller).post(
        urls(world, indicator)["indicator_fetch"], follow=True
    )
    assert "Kolada kunde inte" in response.content.decode()
    assert not Value.objects.exists()


def test_the_indicator_page_shows_the_panel_only_to_linkers_until_linked(kolada, vasby, client_for):
    indicator = make_indicator(vasby.unit_a, periodicity="year")
    detail = reverse("indicators:detail", args=[vasby.organisation.slug, indicator.pk])
    link = urls(vasby, indicator)["indicator"]
    assert link in client_for(vasby.controller).get(detail).content.decode()
    reader_page = client_for(vasby.reader).get(detail).content.decode()
    assert link not in reader_page and "Kolada" not in reader_page


@pytest.mark.parametrize("peers", [0, 2])
def test_the_kolada_page_and_panel_cost_the_same_whatever_the_data(
    kolada, vasby, client_for, django_assert_num_queries, peers
):
    for code in ("1480", "1280")[:peers]:
        values.peer_add(organisation=vasby.organisation, target=code, by=None)
    indicator = linked(vasby)
    fetch(kolada, vasby.organisation)
    for year in (2024, 2025)[: 1 + peers // 2]:
        year_end(vasby.organisation, year)
    controller = client_for(vasby.controller)
    page = urls(vasby, indicator)["indicator"]
    controller.get(page)  # sessions and caches warm

    with django_assert_num_queries(QUERIES_PAGE):
        assert controller.get(page, {"q": "andel"}).status_code == 200


@pytest.mark.parametrize("peers", [0, 2])
def test_the_indicator_page_with_kolada_costs_the_same_whatever_the_data(
    kolada, vasby, client_for, django_assert_num_queries, peers
):
    for code in ("1480", "1280")[:peers]:
        values.peer_add(organisation=vasby.organisation, target=code, by=None)
    indicator = linked(vasby)
    fetch(kolada, vasby.organisation, kpis=("N00901", "N00090"))
    reader = client_for(vasby.reader)
    page = reverse("indicators:detail", args=[vasby.organisation.slug, indicator.pk])
    reader.get(page)

    with django_assert_num_queries(QUERIES_DETAIL):
        content = reader.get(page).content.decode()
    assert "Källa: Kolada" in content
