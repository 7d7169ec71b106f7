"""The trend of an indicator at a unit: which periods it shows, gaps, targets and länssnitt, what
a reader sees; the scorecard's sparkline and the indicator page's chart and table."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.followup.selectors import goal_statuses
from roder.followup.testing import follow_up, make_indicator, report
from roder.followup.trends import trends
from roder.followup.visibility import Seen
from roder.indicators import services as indicator_services
from roder.organisation.access import grants_for
from roder.periods.testing import make_period
from roder.planning.testing import YEAR, make_goal, make_plan

pytestmark = pytest.mark.django_db


def _period(world, year, kind, name, month):
    ends = datetime.date(year, month, 30 if month == 4 else 31)
    return make_period(
        world.organisation,
        year=year,
        kind=kind,
        name=name,
        starts=datetime.date(year, 1, 1),
        ends=ends,
    )


@pytest.fixture
def scene(world):
    """Enhet A's tertial indicator (target 78 for the year) with outcomes at Helår 2024 (70),
    Tertial 1 2025 (75) and Tertial 1 2026 (80, the period shown); none at Helår 2025; the
    länssnitt of 2025 is 72."""
    periods = {
        "ye2024": _period(world, YEAR - 2, "year_end", f"Helår {YEAR - 2}", 12),
        "t1_2025": _period(world, YEAR - 1, "tertial", f"Tertial 1 {YEAR - 1}", 4),
        "ye2025": _period(world, YEAR - 1, "year_end", f"Helår {YEAR - 1}", 12),
        "t1_2026": _period(world, YEAR, "tertial", f"Tertial 1 {YEAR}", 4),
        "delar_2026": _period(world, YEAR, "interim", f"Delår {YEAR}", 8),
    }
    indicator = make_indicator(world.unit_a)
    goal = make_goal(make_plan(world.unit_a), "Nöjda kunder")
    follow_up(goal, indicator, target="78")
    report(indicator, world.unit_a, periods["ye2024"], "70")
    report(indicator, world.unit_a, periods["t1_2025"], "75")
    report(indicator, world.unit_a, periods["t1_2026"], "80")
    indicator_services.comparison_set(
        indicator=indicator, year=YEAR - 1, kind="county", value=Decimal(72), by=None
    )
    return {"periods": periods, "indicator": indicator, "goal": goal}


def points_of(world, scene, period="t1_2026", seen=None, periodicity=None):
    indicator = scene["indicator"]
    if periodicity:
        indicator.periodicity = periodicity
    result = trends(
        {indicator.pk: indicator},
        [world.unit_a.pk],
        scene["periods"][period],
        seen=seen or Seen.everything(),
    )
    return result[(indicator.pk, world.unit_a.pk)]


def test_it_shows_one_period_per_earlier_year_and_this_years_periods(world, scene):
    points = points_of(world, scene)
    # 2024 has no Tertial 1, so its year-end; 2025's Tertial 1 wins over its year-end.
    assert [(p.label, p.value) for p in points] == [
        (f"Helår {YEAR - 2}", 70),
        (f"Tertial 1 {YEAR - 1}", 75),
        (f"Tertial 1 {YEAR}", 80),
    ]
    assert [p.current for p in points] == [False, False, True]
    assert [p.target for p in points] == [None, None, 78]  # targets only for 2026
    assert [p.county for p in points] == [None, 72, None]  # the länssnitt of 2025


def test_at_the_interim_report_it_adds_this_years_periods_and_keeps_gaps(world, scene):
    points = points_of(world, scene, period="delar_2026")
    # No Delår in earlier years: their year-ends; Helår 2025 has no outcome: a gap.
    assert [(p.label, p.value) for p in points] == [
        (f"Helår {YEAR - 2}", 70),
        (f"Helår {YEAR - 1}", None),
        (f"Tertial 1 {YEAR}", 80),
        (f"Delår {YEAR}", None),
    ]


def test_a_yearly_indicator_shows_the_year_ends(world, scene):
    points = points_of(world, scene, periodicity="year")
    assert [p.label for p in points] == [f"Helår {YEAR - 2}", f"Helår {YEAR - 1}"]


def test_a_reader_sees_no_draft_figures_in_the_trend(world, scene):
    reader = Seen.for_grants(grants_for(world.reader, world.organisation))
    assert [p.value for p in points_of(world, scene, seen=reader)] == [None, None, None]


def test_the_scorecards_row_draws_the_trend_with_gaps_and_the_target(world, scene):
    status = goal_statuses([scene["goal"]], scene["periods"]["delar_2026"], seen=Seen.everything())
    row = status[scene["goal"].pk].rows[0]
    assert row.trend == [(f"Helår {YEAR - 2}", 70), (f"Tertial 1 {YEAR}", 80)]
    svg = str(row.sparkline)
    assert svg.startswith("<svg") and svg.count("<circle") == 2
    assert f"Helår {YEAR - 1} inget värde" in svg or f"Helår {YEAR - 1} no value" in svg
    assert "spark-target" in svg


def test_the_change_is_told_in_words(world, scene):
    status = goal_statuses([scene["goal"]], scene["periods"]["t1_2026"], seen=Seen.everything())
    row = status[scene["goal"].pk].rows[0]
    assert row.change_text in (
        f"up from 75\xa0% (Tertial 1 {YEAR - 1})",
        f"upp från 75\xa0% (Tertial 1 {YEAR - 1})",
    )


def _indicator_page(world, scene, **params):
    path = reverse(
        "indicators:detail", kwargs={"org": world.organisation.slug, "pk": scene["indicator"].pk}
    )
    return path, params


def test_the_scorecard_links_the_sparkline_to_the_indicator_page(world, scene, client_for):
    client = client_for(world.manager)
    period = scene["periods"]["t1_2026"]
    page = client.get(
        reverse("followup:scorecard", kwargs={"org": "testkommun", "unit_pk": world.unit_a.pk}),
        {"period": period.pk},
    ).content.decode()
    link = (
        reverse("indicators:detail", kwargs={"org": "testkommun", "pk": scene["indicator"].pk})
        + f"?unit={world.unit_a.pk}&amp;period={period.pk}"
    )
    assert f'<a class="spark" href="{link}"><svg' in page
    assert 'role="img"' in page


def test_the_indicator_page_shows_the_chart_and_the_table(world, scene, client_for):
    path, params = _indicator_page(
        world, scene, unit=world.unit_a.pk, period=scene["periods"]["t1_2026"].pk
    )
    page = client_for(world.manager).get(path, params)
    text = page.content.decode()
    assert '<figure class="doc-chart">' in text
    assert f'<tr aria-current="true"><th scope="row">Tertial 1 {YEAR}</th>' in text
    row = f'<th scope="row">Tertial 1 {YEAR - 1}</th><td class="num">75\xa0%</td>'
    assert row + '<td class="num">–</td><td class="num">72\xa0%</td>' in text


def test_the_indicator_page_hides_drafts_from_a_reader(world, scene, client_for):
    path, params = _indicator_page(
        world, scene, unit=world.unit_a.pk, period=scene["periods"]["t1_2026"].pk
    )
    text = client_for(world.reader).get(path, params).content.decode()
    assert "80\xa0%" not in text and "75\xa0%" not in text
    assert '<figure class="doc-chart">' not in text


def test_the_indicator_page_refuses_a_unit_the_person_may_not_see(world, scene, client_for):
    path, params = _indicator_page(world, scene, unit=world.unit_a.pk)
    assert client_for(world.outsider).get(path, params).status_code == 404
    assert client_for(world.outsider).get(path).status_code == 200  # without the unit


def test_the_indicator_page_costs_the_same_for_more_periods(world, scene, client_for):
    client = client_for(world.manager)
    path, params = _indicator_page(world, scene, unit=world.unit_a.pk)

    def count():
        client.get(path, params)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path, params).status_code == 200
        return len(captured)

    small = count()
    for year in (YEAR - 4, YEAR - 3):
        period = _period(world, year, "tertial", f"Tertial 1 {year}", 4)
        report(scene["indicator"], world.unit_a, period, "60")
        indicator_services.comparison_set(
            indicator=scene["indicator"], year=year, kind="county", value=Decimal(61), by=None
        )
    assert count() == small
