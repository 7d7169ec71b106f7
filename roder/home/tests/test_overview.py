"""The start page's overview of units: what each persona is shown, that it never shows a unit
the person may not see, and that it costs the same number of queries for 10 and 1,000 units."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.actions.models import Action
from roder.core.db import analyse
from roder.economy.models import BudgetLine
from roder.economy.testing import install
from roder.followup.models import Assessment, ReportStatus, UnitReport
from roder.periods.testing import make_period
from roder.planning.models import Goal, Plan
from roder.planning.testing import YEAR, make_goal, make_plan
from roder.testing import add_units

pytestmark = pytest.mark.django_db

START = reverse("home:start")
LONG_AGO = datetime.date(2020, 1, 1)


def grow(parent, count, *, period, categories):
    """`count` units below `parent`, each with a plan, two goals (one assessed, in a submitted
    report or a draft), an overdue action, and a budget and a prognosis (bulk)."""
    units = add_units(parent, count)
    Plan.objects.bulk_create(Plan(unit=u, year=YEAR, title=f"Plan {u.code}") for u in units)
    plans = list(Plan.objects.filter(unit__in=units))
    Goal.objects.bulk_create(
        Goal(plan=p, kind="goal", title=f"Mål {p.pk} {n}") for p in plans for n in range(2)
    )
    first = Goal.objects.filter(plan__in=plans, title__endswith=" 0")
    Assessment.objects.bulk_create(Assessment(goal=g, period=period, level="partly") for g in first)
    UnitReport.objects.bulk_create(
        UnitReport(
            unit=u, period=period, status=[ReportStatus.SUBMITTED, ReportStatus.DRAFT][n % 2]
        )
        for n, u in enumerate(units)
    )
    Action.objects.bulk_create(Action(unit=u, title="Sen", due=LONG_AGO) for u in units)
    cost = categories["K5"]
    BudgetLine.objects.bulk_create(
        BudgetLine(unit=u, year=YEAR, kind=kind, period=at, category=cost, amount=amount)
        for u in units
        for kind, at, amount in (("budget", None, 1000), ("prognosis", period, 1500))
    )
    analyse()
    return units


@pytest.fixture
def period(world):
    return make_period(world.organisation)


@pytest.fixture
def categories(world):
    return install(world.organisation)[0]


def queries(client, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(START, params or {}).status_code == 200
    return len(captured)


def rows(page: str) -> str:
    return page[page.index('class="overview-table"') : page.index("</table>")]


def test_it_costs_the_same_for_10_and_1000_units(world, client_for, period, categories):
    client = client_for(world.controller)
    grow(world.unit_a, 10, period=period, categories=categories)
    small = queries(client)
    small_drilled = queries(client, {"unit": world.unit_a.pk})
    grow(world.unit_b, 990, period=period, categories=categories)
    assert queries(client) == small
    assert queries(client, {"unit": world.unit_a.pk}) == small_drilled
    drilled = client.get(START, {"unit": world.unit_b.pk}).content.decode()
    # A page of the units below, not all 990.
    assert rows(drilled).count('scope="row"') == 1 + 25
    assert f"?unit={world.unit_b.pk}&amp;page=2" in drilled


def text(html: str) -> str:
    """The words of some HTML, tags left out, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&nbsp;", " ").split())


def test_each_row_counts_its_branch(world, client_for, period, categories):
    grow(world.unit_a, 3, period=period, categories=categories)
    page = client_for(world.controller).get(START, {"unit": world.unit_a.pk}).content.decode()
    table = rows(page)
    # Enhet A first with its branch: 6 goals, 3 partly fulfilled; 1 of 3 reports not submitted
    # (the second is a draft); 3 overdue actions; prognosis 1,500 kr more cost than budget.
    enhet_a = table[table.index(">Enhet A<") : table.index(">Enhet A-0<")]
    words = text(enhet_a)
    assert "● 0 uppfyllt ▲ 3 delvis uppfyllt ■ 0 ej uppfyllt ○ 3" in words, words
    assert "1 of 3" in words or "1 av 3" in words, words
    assert f"actions/?unit={world.unit_a.pk}&amp;overdue=on" in enhet_a
    assert "−2" in words, words  # −1,5 tkr rounded half up
    assert '<svg class="status-bar" role="img"' in enhet_a
    # A unit below: its own figures.
    first = text(table[table.index(">Enhet A-0<") : table.index(">Enhet A-1<")])
    assert "● 0 uppfyllt ▲ 1 delvis uppfyllt ■ 0 ej uppfyllt ○ 1" in first, first
    assert "−1" in first or "−0" not in first, first


@pytest.mark.parametrize(
    "persona, shown, hidden",
    [
        ("controller", ["Kommunstyrelsen", "Förvaltningen", "Enhet A", "Enhet B"], []),
        ("manager", ["Enhet A"], ["Enhet B", "Förvaltningen"]),
        ("reporter", ["Enhet A"], ["Enhet B", "Förvaltningen"]),
        ("outsider", ["Enhet B"], ["Enhet A", "Förvaltningen"]),
    ],
)
def test_it_lists_only_units_the_person_sees(world, client_for, period, persona, shown, hidden):
    page = client_for(world.personas[persona]).get(START).content.decode()
    table = rows(page)
    for name in shown:
        assert f">{name}</a>" in table
    for name in hidden:
        assert f">{name}</a>" not in table


def test_the_outsider_cannot_start_from_a_sibling_unit(world, client_for, period):
    client = client_for(world.outsider)
    assert client.get(START, {"unit": world.unit_a.pk}).status_code == 404
    assert client.get(START, {"unit": world.unit_b.pk}).status_code == 200


def test_the_outsider_counts_nothing_of_the_sibling_unit(world, client_for, period, categories):
    grow(world.unit_a, 3, period=period, categories=categories)
    table = rows(client_for(world.outsider).get(START).content.decode())
    assert "overdue=on" not in table and "status-bar" not in table


def test_a_reader_sees_only_assessments_of_submitted_reports(world, client_for, period):
    goal = make_goal(make_plan(world.unit_a), "Nöjda kunder")
    Assessment.objects.create(goal=goal, period=period, level="fulfilled")
    reader = client_for(world.reader)
    page = reader.get(START).content.decode()
    assert '1<span class="visually-hidden"> uppfyllt' not in rows(page)
    UnitReport.objects.create(unit=world.unit_a, period=period, status=ReportStatus.SUBMITTED)
    page = reader.get(START).content.decode()
    assert '1<span class="visually-hidden"> uppfyllt' in rows(page)


def test_it_shows_the_goals_of_the_top_unit_and_its_latest_approved_report(
    world, client_for, period
):
    goal = make_goal(make_plan(world.committee), "Hållbar ekonomi")
    Assessment.objects.create(goal=goal, period=period, level="not_fulfilled")
    UnitReport.objects.create(unit=world.committee, period=period, status=ReportStatus.APPROVED)
    page = client_for(world.reader).get(START).content.decode()
    goals = page[page.index("top-goals-heading") :]
    assert "Hållbar ekonomi" in goals and "Ej uppfyllt" in goals
    report = reverse(
        "followup:unit_report",
        kwargs={"org": "testkommun", "unit_pk": world.committee.pk, "period_pk": period.pk},
    )
    assert report in goals


def test_a_deviation_counts_until_its_action_is_done(world, client_for):
    from roder.actions.services import action_set_status
    from roder.control.services import result_record
    from roder.control.testing import make_control, make_control_plan, make_risk, make_year

    periods = make_year(world.organisation)
    control = make_control(make_risk(make_control_plan(world.unit_a)))
    recorded = result_record(
        control=control, period=periods["t1"], outcome="deviation", comment="Fel", by=None
    )
    client = client_for(world.manager)
    url = reverse("control:plan_list", kwargs={"org": "testkommun", "unit_pk": world.unit_a.pk})
    table = rows(client.get(START).content.decode())
    assert url in table and ("1 open" in text(table) or "1 öppen" in text(table))
    assert recorded.action is not None
    action_set_status(
        action=recorded.action, status="done", expected_version=recorded.action.version, by=None
    )
    assert url not in rows(client.get(START).content.decode())


def test_goals_of_this_year_show_as_not_assessed_when_every_period_is_older(world, client_for):
    """Stockholm's demo: periods only in earlier years, plans this year. The table and the top
    unit's goals both show this year's goals, as not assessed, never "no goals"."""
    old = datetime.date(YEAR - 3, 12, 31)
    make_period(
        world.organisation,
        status="closed",
        year=YEAR - 3,
        name=f"Helår {YEAR - 3}",
        starts=datetime.date(YEAR - 3, 1, 1),
        ends=old,
    )
    make_goal(make_plan(world.committee), "Hållbar ekonomi")
    page = client_for(world.controller).get(START).content.decode()
    words = text(rows(page))
    assert f"Mål {YEAR}, senaste bedömning" in words, words
    committee = words[words.index("Kommunstyrelsen") : words.index("Förvaltningen")]
    assert "○ 1 ej bedömt" in committee and "Inga mål" not in committee, words
    top = text(page[page.index("top-goals-heading") :])
    assert "Ej bedömt Hållbar ekonomi" in top, top
