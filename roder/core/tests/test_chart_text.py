"""User text in charts is drawn as written: matplotlib never reads `$…$` as mathtext, nor a
leading underscore as "leave out of the legend" (issue 10, defect 8). An evaluation titled
`Analys $x^$` once made its compare and report pages answer 500 for everyone."""

import base64
import datetime
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse

from roder.core import charts
from roder.economy.models import AccountCategory
from roder.economy.testing import install, put
from roder.followup.testing import approve, follow_up, make_indicator, report
from roder.periods.testing import make_period
from roder.planning.testing import YEAR, make_categories, make_goal, make_plan
from roder.quality.frameworks import services as quality_services
from roder.quality.models import Area
from roder.quality.testing import kommunkompassen, make_evaluation, score

SVG = "{http://www.w3.org/2000/svg}"
# Mathtext ($…$, unbalanced or not), TeX's escape and groups, printf's marker, and the legend's
# "hidden" prefix: each must come out of the chart exactly as typed.
NASTY = ["Analys $x^$", "$$", "Kostnad $5 och $6", "C:\\mapp\\ny", "100 %", "{}", "_dold"]


def drawn_text(svg: str) -> str:
    """Every <text> of the SVG, lines joined by single spaces (labels may wrap)."""
    texts = (element.text or "" for element in ET.fromstring(svg).iter(f"{SVG}text"))
    return " ".join(" ".join(text.split()) for text in texts)


def page_svgs(response) -> list[str]:
    """The charts of a page: each is an <img> with the SVG as a base64 data URI."""
    uris = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', response.content.decode())
    return [base64.b64decode(uri).decode() for uri in uris]


@pytest.mark.parametrize("text", NASTY)
def test_it_draws_user_text_literally_in_every_chart(text):
    value = Decimal(3)
    built = [
        charts.trend_chart(title=text, points=[(text, value)], target=value, unit_label=text),
        charts.budget_chart(title=text, rows=[(text, value, value, value)], scale_label=text),
        charts.risk_matrix_chart(
            title=text,
            size=3,
            band_colours={},
            risks=[(text, 2, 2)],
            probability_label=text,
            consequence_label=text,
        ),
        charts.radar_chart(title=text, axes=[text, "B", "C"], series=[(text, [value] * 3)]),
    ]
    for chart in built:
        drawn = drawn_text(chart.svg)
        assert drawn.count(text) >= 2, (chart.alt, drawn)  # the label and the axis / legend
        assert text in chart.alt
        assert chart.png.startswith(b"\x89PNG")


def test_it_leaves_matplotlibs_own_settings_as_they_were():
    import matplotlib

    before = dict(matplotlib.rcParams)
    charts.trend_chart(title="$$", points=[("$$", Decimal(1))], unit_label="$$")
    assert dict(matplotlib.rcParams) == before


@pytest.fixture
def evaluation_with(world):
    """An evaluation of Enhet A titled `text`, against an own copy of KommunKompassen whose
    first area is named `text`, with a score so the radar chart is drawn."""

    def make(text):
        version = quality_services.framework_copy(
            source=kommunkompassen(), organisation=world.organisation, by=None
        )
        Area.objects.filter(framework=version, number=1).update(name=text)
        evaluation = make_evaluation(world.unit_a, framework=version, title=text)
        score(evaluation, 1, 50)
        return evaluation

    return make


@pytest.mark.django_db
@pytest.mark.parametrize("text", NASTY)
@pytest.mark.parametrize("page", ["evaluation_compare", "evaluation_report"])
def test_it_shows_an_evaluation_chart_whatever_its_title_and_area_names(
    world, client_for, evaluation_with, text, page
):
    evaluation = evaluation_with(text)
    path = reverse(f"quality:{page}", kwargs={"org": world.organisation.slug, "pk": evaluation.pk})

    for person in (world.admin, world.reader):
        response = client_for(person).get(path)
        assert response.status_code == 200
        (svg,) = page_svgs(response)
        drawn = drawn_text(svg)
        assert text in drawn.replace(f"1. {text}", ""), drawn  # the legend
        assert f"1. {text}" in drawn  # the area's axis
        assert text in ET.fromstring(svg).attrib["aria-label"]


@pytest.mark.django_db
@pytest.mark.parametrize("text", NASTY)
def test_it_shows_the_tertial_report_whatever_the_names_of_periods_categories_goals_indicators(
    world, client_for, text
):
    t1 = make_period(world.organisation, name=text)
    last_year = make_period(
        world.organisation,
        year=YEAR - 1,
        kind="year_end",
        name=f"Helår {YEAR - 1}",
        starts=datetime.date(YEAR - 1, 1, 1),
        ends=datetime.date(YEAR - 1, 12, 31),
    )
    plan = make_plan(world.unit_a)
    goal = make_goal(plan, text, category=make_categories(world.organisation)["focus"])
    indicator = make_indicator(world.unit_a, text)
    follow_up(goal, indicator, target="80")
    report(indicator, world.unit_a, last_year, "75")
    report(indicator, world.unit_a, t1, "85")
    categories, _activities = install(world.organisation)
    AccountCategory.objects.filter(pk=categories["K5"].pk).update(name=text)
    put(world.unit_a, categories["K5"], 800_000, year=YEAR)
    put(world.unit_a, categories["K5"], 300_000, kind="outcome", period=t1, year=YEAR)
    # A document for adoption shows approved reports only (followup README "Who sees what").
    approve(world.unit_a, last_year)
    approve(world.unit_a, t1)
    path = reverse(
        "documents:document",
        kwargs={"org": world.organisation.slug, "unit_pk": world.unit_a.pk, "kind": "tertial"},
    )

    response = client_for(world.reader).get(path, {"period": t1.pk})

    assert response.status_code == 200
    trend, budget = page_svgs(response)
    assert text in drawn_text(trend)  # the tertial on the axis
    assert text in ET.fromstring(trend).attrib["aria-label"]  # the indicator
    assert text in drawn_text(budget)  # the category
    assert text in response.content.decode()  # the goal's heading (HTML has no markup in NASTY)
