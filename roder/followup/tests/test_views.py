import pytest
from django.urls import reverse

from roder.followup import services
from roder.followup.models import Assessment, Outcome, UnitReport
from roder.followup.testing import follow_up, make_indicator, report
from roder.periods import services as period_services
from roder.periods.testing import make_period
from roder.planning import services as planning_services
from roder.planning.testing import make_goal, make_plan
from roder.testing import PERSONAS, READ_A

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"followup:{name}", kwargs={"org": "testkommun", **kwargs})


@pytest.fixture
def setup(world):
    committee_goal = make_goal(make_plan(world.committee), "Nöjda kunder")
    goal = make_goal(make_plan(world.unit_a), "Snabb återkoppling")
    planning_services.goal_link(goal=goal, target=committee_goal, by=None)
    indicator = make_indicator(world.unit_a, "Svar inom 8 timmar")
    follow_up(goal, indicator, target="85", yellow="80")
    follow_up(committee_goal, indicator)
    period = make_period(world.organisation)
    return {
        "goal": goal,
        "committee_goal": committee_goal,
        "indicator": indicator,
        "period": period,
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_reporters_and_above_enter_outcomes_for_their_unit(world, client_for, persona, setup):
    client = client_for(world.personas[persona])
    path = url("unit_report", unit_pk=world.unit_a.pk, period_pk=setup["period"].pk)
    assert client.get(path).status_code == READ_A[persona]
    field = f"i{setup['indicator'].pk}-value"
    response = client.post(path, {field: "87", f"i{setup['indicator'].pk}-comment": "Bra"})
    expected = {**READ_A, "reader": 403}
    assert response.status_code == (302 if expected[persona] == 200 else expected[persona])
    assert Outcome.objects.exists() == (expected[persona] == 200)


def test_a_bad_number_saves_nothing(world, client_for, setup):
    other = make_indicator(world.unit_a, "Andra")
    follow_up(setup["goal"], other, target="10")
    client = client_for(world.reporter)
    path = url("unit_report", unit_pk=world.unit_a.pk, period_pk=setup["period"].pk)
    response = client.post(
        path, {f"i{setup['indicator'].pk}-value": "87", f"i{other.pk}-value": "åttio"}
    )
    assert response.status_code == 200
    assert not Outcome.objects.exists()
    assert 'value="åttio"' in response.content.decode()


def test_a_closed_period_is_read_only(world, client_for, setup):
    period_services.period_set_status(
        period=setup["period"], status="closed", expected_version=2, by=None
    )
    client = client_for(world.reporter)
    path = url("unit_report", unit_pk=world.unit_a.pk, period_pk=setup["period"].pk)
    client.post(path, {f"i{setup['indicator'].pk}-value": "87"})
    assert not Outcome.objects.exists()
    assert 'name="i' not in client.get(path).content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_unit_managers_and_above_assess_goals(world, client_for, persona, setup):
    client = client_for(world.personas[persona])
    path = url("assess", goal_pk=setup["goal"].pk, period_pk=setup["period"].pk)
    assert client.get(path).status_code == READ_A[persona]
    response = client.post(
        path, {"level": "partly", "prognosis": "fulfilled", "analysis": "Bättre under hösten."}
    )
    expected = {
        **READ_A,
        "admin": 302,
        "controller": 302,
        "manager": 302,
        "reporter": 403,
        "reader": 403,
    }
    assert response.status_code == expected[persona]
    assert Assessment.objects.exists() == (expected[persona] == 302)


def test_the_goals_responsible_person_may_assess_it(world, client_for, setup):
    goal = setup["goal"]
    goal.responsible = world.reporter
    goal.save(update_fields=["responsible"])
    response = client_for(world.reporter).post(
        url("assess", goal_pk=goal.pk, period_pk=setup["period"].pk), {"level": "fulfilled"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("persona", PERSONAS)
def test_unit_managers_submit_and_controllers_approve(world, client_for, persona, setup):
    client = client_for(world.personas[persona])
    period = setup["period"]
    response = client.post(url("report_submit", unit_pk=world.unit_a.pk, period_pk=period.pk))
    submit = {
        **READ_A,
        "admin": 302,
        "controller": 302,
        "manager": 302,
        "reporter": 403,
        "reader": 403,
    }
    assert response.status_code == submit[persona]
    if not UnitReport.objects.exists():
        services.report_submit(unit=world.unit_a, period=period, by=world.manager)
    response = client.post(url("report_approve", unit_pk=world.unit_a.pk, period_pk=period.pk))
    approve = {**submit, "manager": 403}
    assert response.status_code == approve[persona]
    assert (UnitReport.objects.get().status == "approved") == (approve[persona] == 302)


def test_a_controller_returns_a_report_with_a_comment(world, client_for, setup):
    period = setup["period"]
    services.report_submit(unit=world.unit_a, period=period, by=world.manager)
    client = client_for(world.controller)
    client.post(url("report_return", unit_pk=world.unit_a.pk, period_pk=period.pk), {"comment": ""})
    assert UnitReport.objects.get().status == "submitted"
    client.post(
        url("report_return", unit_pk=world.unit_a.pk, period_pk=period.pk),
        {"comment": "Analys saknas"},
    )
    assert UnitReport.objects.get().status == "returned"
    page = client.get(url("overview", pk=period.pk)).content.decode()
    assert "Analys saknas" in page


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_scorecard_follows_the_tree(world, client_for, persona, setup):
    report(setup["indicator"], world.unit_a, setup["period"], "87")
    client = client_for(world.personas[persona])
    response = client.get(url("scorecard", unit_pk=world.unit_a.pk), {"period": setup["period"].pk})
    assert response.status_code == READ_A[persona]
    if response.status_code == 200:
        assert "Snabb återkoppling" in response.content.decode()


def test_the_strategy_map_shows_only_visible_goals(world, client_for, setup):
    make_goal(make_plan(world.unit_b), "Enhet B:s mål")
    page = client_for(world.outsider).get(url("strategy_map")).content.decode()
    assert "Enhet B:s mål" in page
    assert "Snabb återkoppling" not in page
    admin = client_for(world.admin)
    admin_page = admin.get(url("strategy_map"), {"open": setup["committee_goal"].pk}).content
    assert admin_page.decode().index("Nöjda kunder") < admin_page.decode().index(
        "Snabb återkoppling"
    )


def test_the_strategy_map_shows_three_levels_and_links_onwards(world, client_for, setup):
    # Goals on four levels: the unit-level goal is one click further down.
    top = make_goal(make_plan(world.municipality), "Kommunens mål")
    planning_services.goal_link(goal=setup["committee_goal"], target=top, by=None)
    admin_page = client_for(world.admin).get(url("strategy_map")).content.decode()
    assert "Kommunens mål" in admin_page and "Snabb återkoppling" not in admin_page


def test_the_rollup_aggregates_and_lists_missing_units(world, client_for, setup):
    unit_b_goal = make_goal(make_plan(world.unit_b), "B:s återkoppling")
    planning_services.goal_link(goal=unit_b_goal, target=setup["committee_goal"], by=None)
    follow_up(unit_b_goal, setup["indicator"], target="85")
    report(setup["indicator"], world.unit_a, setup["period"], "80")
    page = (
        client_for(world.controller)
        .get(url("rollup", goal_pk=setup["committee_goal"].pk), {"period": setup["period"].pk})
        .content.decode()
    )
    assert "Enhet A: 80" in page
    assert "Enhet B" in page.split("Missing")[-1] or "Enhet B" in page.split("Saknas")[-1]


def test_the_strategy_map_unfolds_a_goal(world, client_for, setup):
    client = client_for(world.admin)
    page = client.get(url("strategy_map"), {"open": setup["committee_goal"].pk}).content.decode()
    assert "Snabb återkoppling" in page
    assert page.count("<ul") == page.count("</ul>")
    # A goal the outsider cannot see stays out, unfolded or not.
    outsider = client_for(world.outsider)
    page = outsider.get(url("strategy_map"), {"open": setup["goal"].pk}).content.decode()
    assert "Snabb återkoppling" not in page


def test_the_strategy_map_starts_at_the_highest_units_with_goals(world, client_for):
    # Only unit A has a plan: the map starts there instead of showing nothing.
    make_period(world.organisation)
    make_goal(make_plan(world.unit_a), "Enhetens enda mål")
    page = client_for(world.admin).get(url("strategy_map")).content.decode()
    assert "Enhetens enda mål" in page
    empty = client_for(world.outsider).get(url("strategy_map"))
    assert empty.status_code == 200
