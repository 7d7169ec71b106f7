"""A controller links a nyckeltal to a Kolada KPI from the indicator page, fetches its values
from a local Kolada (pytest-httpserver in v3's shape), sees the preview, accepts, and finds the
länssnitt beside the outcome on the scorecard; axe-core on every page."""

import datetime

import pytest
from playwright.sync_api import expect

from roder.followup.models import Outcome
from roder.followup.testing import follow_up, make_indicator
from roder.kolada import services
from roder.kolada.client import Client
from roder.kolada.models import Value
from roder.kolada.testing import serve_catalogue, serve_values
from roder.periods.models import PeriodKind
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan
from tests.browser.conftest import axe_check, follow, open_as, visit

pytestmark = pytest.mark.browser

ORG = "/o/testkommun/"


@pytest.fixture
def kolada(httpserver, settings, world):
    settings.RODER_KOLADA_URL = httpserver.url_for("/v3")
    serve_catalogue(httpserver)
    serve_values(httpserver)
    with Client() as client:
        services.load_catalogue(client)
    world.organisation.municipality_code = "0114"
    world.organisation.save()
    return httpserver


def test_a_controller_links_fetches_accepts_and_sees_the_lanssnitt(new_page, world, kolada):
    indicator = make_indicator(world.unit_a, "Svar på e-post", periodicity="year", decimals=1)
    follow_up(make_goal(make_plan(world.unit_a, 2025), "Snabba svar"), indicator, target="80")
    period = make_period(
        world.organisation,
        year=2025,
        kind=PeriodKind.YEAR_END,
        name="Helår 2025",
        starts=datetime.date(2025, 1, 1),
        ends=datetime.date(2025, 12, 31),
    )
    page = open_as(new_page, "controller")
    visit(page, f"{ORG}indicators/{indicator.pk}/")
    follow(page, page.get_by_role("link", name="Koppla till en KPI i Kolada"))
    page.get_by_label("KPI-id eller ord").fill("e-post")
    follow(page, page.locator("main").get_by_role("button", name="Sök"))
    follow(page, page.get_by_role("button", name="Koppla till N00901"))
    expect(page.locator("main")).to_contain_text("Andel invånare som får svar på e-post")
    follow(page, page.get_by_role("button", name="Hämta från Kolada"))
    expect(page.locator("main")).to_contain_text("Stockholms läns kommuner (ovägt medel)")
    preview = page.locator("main tbody tr").filter(has_text="Helår 2025")
    expect(preview).to_contain_text("Nytt utfall")
    follow(page, page.get_by_role("button", name="Godkänn de valda åren"))
    expect(page.locator(".messages, main").first).to_contain_text("Utfall skrivna från Kolada: 1")

    outcome = Outcome.objects.get(indicator=indicator, period=period)
    assert outcome.source == "kolada"
    county = Value.objects.get(kpi="N00901", target="G124", year=2025, gender="T").value
    visit(page, f"{ORG}units/{world.unit_a.pk}/scorecard/?period={period.pk}")
    row = page.locator("main tbody tr").filter(has_text="Svar på e-post")
    expect(row).to_contain_text(f"{county}".replace(".", ",").rstrip("0").rstrip(","))
    expect(row).to_contain_text("Länssnitt 2025")
    expect(row).to_contain_text("Källa: Kolada")


def test_a_controller_chooses_a_peer_and_a_reader_opens_the_comparison(new_page, world, kolada):
    """The peers page from the indicator's Kolada page (keyboard only), then the comparison
    page from the indicator page: chart, table, rank with its relative label; axe-clean."""
    from roder.kolada import values

    indicator = values.indicator_link(
        indicator=(made := make_indicator(world.unit_a, "Svar på e-post", periodicity="year")),
        kpi_id="N00901",
        expected_version=made.version,
        grants=_grants(world.controller, world.organisation),
        by=world.controller,
    )
    page = open_as(new_page, "controller")
    visit(page, f"{ORG}kolada/indicators/{indicator.pk}/")
    follow(page, page.get_by_role("link", name="Välj jämförelsekommuner"))
    search = page.get_by_label("Namn eller kod på en kommun eller grupp")
    search.focus()
    page.keyboard.type("Göteborg")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page)
    page.get_by_role("button", name="Lägg till Göteborg").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page)
    expect(page.locator("main table").first).to_contain_text("Göteborg")
    with Client() as client:
        # Its organisation as saved, with the municipality code.
        values.fetch_for_indicator(
            type(indicator).objects.select_related("organisation").get(pk=indicator.pk),
            client=client,
        )

    reader = open_as(new_page, "reader")
    visit(reader, f"{ORG}indicators/{indicator.pk}/")
    follow(reader, reader.get_by_role("link", name="Jämför Svar på e-post", exact=False))
    main = reader.locator("main")
    expect(main.locator("img[alt^='Linjediagram']")).to_be_visible()
    expect(main).to_contain_text("Göteborg")
    expect(main).to_contain_text("bland Stockholms läns kommuner (ovägt medel)")
    expect(main).to_contain_text("Källa: Kolada")
    expect(main).to_contain_text("Enhet mot enhet")


def _grants(person, organisation):
    from roder.organisation.access import grants_for

    return grants_for(person, organisation)
