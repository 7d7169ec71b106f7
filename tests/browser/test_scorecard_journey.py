"""The main loop: plan → indicator and target → period → outcome → assessment → submitted and
approved report → scorecard, each step by the person whose job it is."""

import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from roder.followup import services as followup_services
from roder.followup.models import Assessment, Outcome
from roder.followup.testing import follow_up, make_indicator, report
from roder.indicators.models import GoalIndicator, Target
from roder.periods.models import ReportingPeriod
from roder.periods.testing import make_period
from roder.planning.models import Goal, Plan
from roder.planning.testing import YEAR, make_categories, make_goal, make_plan
from tests.browser.conftest import follow, log_in, main_nav, open_as, visit

pytestmark = pytest.mark.browser

ORG = "/o/testkommun/"


def unit_url(unit) -> str:
    return f"{ORG}units/{unit.pk}/"


def report_url(unit, period) -> str:
    return f"{ORG}units/{unit.pk}/periods/{period.pk}/"


def light(locator):
    """The traffic light (class light-green, light-yellow …) inside `locator`."""
    return locator.locator(".light")


def has_light(colour: str):
    return re.compile(rf"\blight-{colour}\b")


def number(value: int):
    """A cell showing `value`, with or without its unit of measure ("85", "85 %")."""
    return re.compile(rf"^\s*{value}(?![\d,.])")


@pytest.fixture
def catalogue(world):
    """What exists before the manager starts: goal categories and an indicator."""
    categories = make_categories(world.organisation)
    indicator = make_indicator(world.administration, "Andel nöjda brukare")
    return categories, indicator


@dataclass
class Reported:
    goal: Goal
    indicator: object
    period: ReportingPeriod


@pytest.fixture
def reported(world):
    """Enhet A's 2026 commitment, followed up by an indicator (target 85, yellow from 80),
    with the outcome 82 reported for the open Tertial 1."""
    goal = make_goal(make_plan(world.unit_a), "Brukarna är nöjda", kind="commitment")
    indicator = make_indicator(world.administration, "Andel nöjda brukare")
    follow_up(goal, indicator, target=85, yellow=80)
    period = make_period(world.organisation)
    report(indicator, world.unit_a, period, 82)
    return Reported(goal, indicator, period)


def test_it_takes_a_goal_from_the_plan_to_an_approved_report_and_the_scorecard(
    new_page, world, catalogue
):
    categories, indicator = catalogue
    unit = world.unit_a

    # The unit manager writes the 2026 plan: a summary and a commitment with an indicator.
    manager = open_as(new_page, "manager")
    follow(manager, manager.locator(f"main .card a[href='{unit_url(unit)}']"))
    follow(manager, manager.locator(f"main a[href='{unit_url(unit)}plans/']"))
    form = manager.locator("main form.stacked")
    form.locator("[name=year]").fill(str(YEAR))
    follow(manager, form.locator("button[type=submit]"))
    plan = Plan.objects.get(unit=unit, year=YEAR)
    expect(manager).to_have_url(re.compile(rf"{ORG}plans/{plan.pk}/$"))

    summary = "Enheten ska bli bättre på att fråga brukarna vad de tycker."
    follow(manager, manager.locator(f"main a[href$='/plans/{plan.pk}/sections/summary/']"))
    manager.locator("main form.stacked [name=body]").fill(summary)
    follow(manager, manager.locator("main form.stacked button[type=submit]"))
    expect(manager.locator("#section-summary")).to_contain_text(summary)
    assert plan.sections.get(key="summary").body == summary

    follow(manager, manager.locator(f"main a[href$='/plans/{plan.pk}/goals/new/']"))
    form = manager.locator("main form.stacked")
    form.locator("[name=kind]").select_option("commitment")
    form.locator("[name=number]").fill("Å1")
    form.locator("[name=title]").fill("Brukarna är nöjda med bemötandet")
    form.locator("[name=category]").select_option(str(categories["focus"].pk))
    follow(manager, form.locator("button[type=submit]"))
    goal = Goal.objects.get(plan=plan)
    assert (goal.kind, goal.number, goal.category) == ("commitment", "Å1", categories["focus"])
    expect(manager).to_have_url(re.compile(rf"{ORG}goals/{goal.pk}/$"))
    expect(manager.locator("h1")).to_have_text("Å1 Brukarna är nöjda med bemötandet")

    attach = manager.locator(f"main form[action$='/goals/{goal.pk}/indicators/']")
    attach.locator("[name=indicator]").select_option(str(indicator.pk))
    follow(manager, attach.locator("button[type=submit]"))
    indicators = manager.locator("section[aria-labelledby=indicators-heading] tbody tr")
    expect(indicators).to_have_count(1)
    expect(indicators.locator(f"a[href$='/indicators/{indicator.pk}/']")).to_be_visible()
    assert GoalIndicator.objects.filter(goal=goal, indicator=indicator).exists()

    follow(manager, indicators.locator(f"a[href$='/indicators/{indicator.pk}/targets/']"))
    form = manager.locator("main form.stacked")
    form.locator("[name=year-value]").fill("85")
    form.locator("[name=year-yellow_limit]").fill("80")
    follow(manager, form.locator("button[type=submit]"))
    expect(manager).to_have_url(re.compile(rf"{ORG}goals/{goal.pk}/$"))
    expect(indicators.locator("td").nth(0)).to_have_text(number(85))
    expect(indicators.locator("td").nth(1)).to_have_text(number(80))
    target = Target.objects.get(indicator=indicator, unit=unit, year=YEAR, period=None)
    assert (target.value, target.yellow_limit) == (Decimal(85), Decimal(80))

    # The administrator adds the year's usual periods and opens Tertial 1.
    admin = open_as(new_page, "admin")
    follow(admin, admin.locator(f"main h3 a[href='{ORG}']"))
    follow(admin, main_nav(admin, f"{ORG}periods/"))
    install = admin.locator(f"main form[action$='{ORG}periods/year/']")
    install.locator("[name=year]").fill(str(YEAR))
    follow(admin, install.locator("button[type=submit]"))
    assert ReportingPeriod.objects.filter(organisation=world.organisation, year=YEAR).count() == 3
    expect(admin.locator("main table tbody tr")).to_have_count(3)
    period = ReportingPeriod.objects.get(organisation=world.organisation, year=YEAR, kind="tertial")
    status_form = admin.locator(f"main form[action$='{ORG}periods/{period.pk}/status/']")
    follow(admin, status_form.locator("button[name=status][value=open]"))
    expect(status_form.locator("button[name=status][value=closed]")).to_be_visible()
    period.refresh_from_db()
    assert period.status == "open"

    # The reporter enters the outcome from the unit page's "report for Tertial 1" link.
    reporter = open_as(new_page, "reporter")
    follow(reporter, reporter.locator(f"main .card a[href='{unit_url(unit)}']"))
    follow(reporter, reporter.locator(f"main a[href='{report_url(unit, period)}']"))
    outcomes = reporter.locator("section[aria-labelledby=outcomes-heading]")
    outcomes.locator(f"[name=i{indicator.pk}-value]").fill("82")
    outcomes.locator(f"[name=i{indicator.pk}-comment]").fill("Enkäten besvarades av 120.")
    follow(reporter, outcomes.locator("button[type=submit]"))
    expect(reporter).to_have_url(re.compile(rf"{report_url(unit, period)}$"))
    expect(reporter.locator(".messages")).to_be_visible()
    row = outcomes.locator("tbody tr")
    expect(light(row)).to_have_class(has_light("yellow"))
    expect(light(row)).not_to_be_empty()
    outcome = Outcome.objects.get(indicator=indicator, unit=unit, period=period)
    assert (outcome.value, outcome.comment, outcome.entered_by) == (
        Decimal(82),
        "Enkäten besvarades av 120.",
        world.reporter,
    )

    # The manager assesses the goal against Roder's proposal, then submits the report.
    follow(manager, manager.locator(f"nav.breadcrumbs a[href='{unit_url(unit)}']"))
    follow(manager, manager.locator(f"main a[href='{report_url(unit, period)}']"))
    follow(
        manager, manager.locator(f"main a[href$='/goals/{goal.pk}/periods/{period.pk}/assess/']")
    )
    indicator_row = manager.locator("main table tbody tr")
    expect(indicator_row.locator("td").nth(0)).to_have_text(number(85))
    expect(indicator_row.locator("td").nth(1)).to_have_text(number(82))
    form = manager.locator("main form.stacked")
    expect(form.locator("[name=level][value=partly]")).to_be_checked()  # Roder's proposal
    analysis = "Sista månaden låg andelen på 88 %; arbetssättet har fått fäste."
    form.locator("[name=level][value=fulfilled]").check()
    form.locator("[name=analysis]").fill(analysis)
    follow(manager, form.locator("button[type=submit]"))
    expect(manager).to_have_url(re.compile(rf"{report_url(unit, period)}$"))
    assessment = Assessment.objects.get(goal=goal, period=period)
    assert (assessment.level, assessment.proposed_level, assessment.analysis) == (
        "fulfilled",
        "partly",
        analysis,
    )
    assert assessment.assessed_by == world.manager
    goals = manager.locator("section[aria-labelledby=goals-heading] tbody tr")
    expect(light(goals)).to_have_class(has_light("green"))

    submit = manager.locator(f"main form[action$='{report_url(unit, period)}submit/']")
    follow(manager, submit.locator("button[type=submit]"))
    expect(submit).to_have_count(0)
    assert unit.reports.get(period=period).status == "submitted"

    # The controller sees Enhet A as submitted in the period's overview and approves it.
    controller = open_as(new_page, "controller")
    follow(controller, controller.locator(f"main h3 a[href='{ORG}']"))
    follow(controller, main_nav(controller, f"{ORG}periods/"))
    follow(controller, controller.locator(f"main a[href='{ORG}periods/{period.pk}/']"))
    line = controller.locator(f"main tbody tr:has(a[href='{report_url(unit, period)}'])")
    expect(line.locator(".tag")).to_have_class(re.compile(r"\bstatus-submitted\b"))
    follow(controller, line.locator(f"form[action$='{report_url(unit, period)}approve/'] button"))
    expect(line.locator(".tag")).to_have_class(re.compile(r"\bstatus-approved\b"))
    report_row = unit.reports.get(period=period)
    assert (report_row.status, report_row.decided_by) == ("approved", world.controller)

    # Enhet A's scorecard: the goal in the colour of its assessment, the indicator's numbers.
    follow(controller, line.locator(f"a[href='{report_url(unit, period)}']"))
    follow(controller, controller.locator(f"main a[href^='{unit_url(unit)}scorecard/']"))
    article = controller.locator(f"article.scorecard-goal:has(a[href='{ORG}goals/{goal.pk}/'])")
    expect(light(article.locator("h4"))).to_have_class(has_light("green"))
    expect(article.locator("h4 .muted")).to_have_count(0)  # an assessment, not a proposal
    expect(article).to_contain_text(analysis)
    indicator_row = article.locator("tbody tr").filter(has_text=indicator.name)
    expect(indicator_row.locator("td").nth(0)).to_have_text(number(85))
    expect(indicator_row.locator("td").nth(1)).to_have_text(number(82))
    expect(light(indicator_row)).to_have_class(has_light("yellow"))


def test_it_shows_roders_proposal_in_the_colour_of_its_level(page, world, reported):
    """One yellow indicator: Roder proposes "partly fulfilled", which shows as yellow, as
    everywhere else (unit report, scorecard, strategy map)."""
    log_in(page, "manager")
    visit(page, report_url(world.unit_a, reported.period))
    assess = f"main a[href$='/goals/{reported.goal.pk}/periods/{reported.period.pk}/assess/']"
    follow(page, page.locator(assess))
    expect(page.locator("main form.stacked [name=level][value=partly]")).to_be_checked()
    proposal = page.locator("main > p > .light").first
    expect(proposal).to_have_class(has_light("yellow"))


def test_it_answers_not_found_to_the_manager_of_another_unit(page, world, reported):
    log_in(page, "outsider")  # unit manager of Enhet B
    for path in (
        f"{unit_url(world.unit_a)}scorecard/",
        report_url(world.unit_a, reported.period),
    ):
        response = visit(page, path)
        assert response.status == 404
        expect(page.locator("body")).not_to_contain_text("Enhet A")
        expect(page.locator("body")).not_to_contain_text(reported.indicator.name)


def test_it_lets_a_reader_see_the_scorecard_and_the_report_but_not_change_them(
    page, world, reported
):
    indicator, period = reported.indicator, reported.period
    # Readers see submitted and approved reports only (followup README "Who sees what").
    followup_services.report_submit(unit=world.unit_a, period=period, by=world.manager)
    log_in(page, "reader")
    visit(page, f"{unit_url(world.unit_a)}scorecard/")
    article = page.locator(f"article.scorecard-goal:has(a[href='{ORG}goals/{reported.goal.pk}/'])")
    indicator_row = article.locator("tbody tr").filter(has_text=indicator.name)
    expect(indicator_row.locator("td").nth(0)).to_have_text(number(85))
    expect(indicator_row.locator("td").nth(1)).to_have_text(number(82))

    follow(page, page.locator(f"main a[href='{report_url(world.unit_a, period)}']"))
    outcomes = page.locator("section[aria-labelledby=outcomes-heading]")
    expect(outcomes.locator("tbody tr")).to_have_count(1)
    expect(outcomes.locator("tbody tr td").nth(1)).to_have_text(number(82))
    expect(outcomes.locator("input:not([type=hidden]), textarea, button")).to_have_count(0)
    expect(page.locator("main a[href$='/import/']")).to_have_count(0)
    decisions = page.locator("main form[action$='/submit/'], main form[action$='/approve/']")
    expect(decisions).to_have_count(0)
