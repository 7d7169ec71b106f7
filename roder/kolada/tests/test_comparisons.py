"""Kolada's länssnitt, riket and peers beside the outcomes of Kolada-linked indicators on the
scorecard and in the documents, each with its year and "Källa: Kolada"; Roder's own figures are
never labelled Kolada."""

import pytest
from django.urls import reverse

from roder.followup.testing import follow_up, make_indicator, report
from roder.kolada import values
from roder.kolada.models import Value
from roder.kolada.tests.test_values import fetch, linked, year_end
from roder.planning.testing import make_goal, make_plan

pytestmark = pytest.mark.django_db

YEAR = 2025


def percent(value) -> str:
    return f"{value:.1f}".replace(".", ",") + "\u00a0%"


def scorecard_of(world, goals: int = 1, peers=("1480",)):
    """Unit A's plan of 2025 with `goals` goals following a Kolada-linked indicator and one
    typed by hand; the values fetched and accepted."""
    for code in peers:
        values.peer_add(organisation=world.organisation, target=code, by=None)
    indicator = linked(world)
    own = make_indicator(world.unit_a, "Egen mätning", periodicity="year")
    plan = make_plan(world.unit_a, YEAR)
    period = year_end(world.organisation, YEAR)
    for i in range(goals):
        goal = make_goal(plan, f"Mål {i}")
        follow_up(goal, indicator, target="80")
        follow_up(goal, own, target="50")
    report(own, world.unit_a, period, "55")
    return indicator, period


def scorecard_page(client, world, period) -> str:
    path = reverse("followup:scorecard", args=[world.organisation.slug, world.unit_a.pk])
    return client.get(path, {"period": period.pk}).content.decode()


def test_the_scorecard_shows_lanssnitt_riket_and_peers_with_their_years(kolada, vasby, client_for):
    indicator, period = scorecard_of(vasby)
    fetch(kolada, vasby.organisation)
    values.apply(indicator, vasby.unit_a, by=vasby.controller)

    page = scorecard_page(client_for(vasby.reader), vasby, period)

    stored = {v.target: v.value for v in Value.objects.filter(kpi="N00901", year=YEAR, gender="T")}
    assert f"Länssnitt {YEAR}: {percent(stored['G124'])}" in page
    assert f"Riket {YEAR}: {percent(stored['0000'])}" in page
    assert f"Göteborg {YEAR}: {percent(stored['1480'])}" in page
    assert page.count("Källa: Kolada") == 1  # the linked indicator's only, not Roder's own


def test_no_kolada_label_without_kolada(kolada, vasby, client_for):
    _indicator, period = scorecard_of(vasby)

    page = scorecard_page(client_for(vasby.reader), vasby, period)

    assert "Kolada" not in page and "Länssnitt 2025" not in page


@pytest.mark.parametrize("size", [1, 6])
def test_the_scorecard_with_comparisons_costs_the_same_whatever_the_data(
    kolada, vasby, client_for, django_assert_num_queries, size
):
    peers = ("1480", "1280", "0180")[: size // 2]
    indicator, period = scorecard_of(vasby, goals=size, peers=peers)
    fetch(kolada, vasby.organisation)
    values.apply(indicator, vasby.unit_a, by=vasby.controller)
    client = client_for(vasby.reader)
    scorecard_page(client, vasby, period)  # sessions and caches warm

    with django_assert_num_queries(SCORECARD_QUERIES):
        assert "Källa: Kolada" in scorecard_page(client, vasby, period)


SCORECARD_QUERIES = 27


def test_the_follow_up_document_shows_them_too_with_the_source(kolada, vasby):
    from roder.documents.blocks import Table
    from roder.documents.sections import Context
    from roder.organisation.access import grants_for
    from roder.reports.followup import SECTIONS

    indicator, period = scorecard_of(vasby)
    fetch(kolada, vasby.organisation)
    values.apply(indicator, vasby.unit_a, by=vasby.controller)
    build = {section.key: section.build for section in SECTIONS}["goals"]
    context = Context(
        unit=vasby.unit_a,
        year=YEAR,
        grants=grants_for(vasby.admin, vasby.organisation),
        period=period,
        template=None,
    )

    table = next(b for b in build(context, "3") if isinstance(b, Table))

    assert table.columns[-2:] == ["County average", "Other comparisons"]
    stored = {v.target: v.value for v in Value.objects.filter(kpi="N00901", year=YEAR, gender="T")}
    kolada_row, own_row = (
        [cell.text for cell in row] for row in sorted(table.rows, key=lambda r: r[0].text)
    )
    assert kolada_row[-2] == f"{percent(stored['G124'])} ({YEAR})"
    assert kolada_row[-1] == (
        f"National {YEAR}: {percent(stored['0000'])}; Göteborg {YEAR}: {percent(stored['1480'])}"
    )
    assert own_row[-2:] == ["–", "–"]
    assert table.note == "Comparison values – Source: Kolada."
