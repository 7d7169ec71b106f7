"""Internal control: a controller builds the committee's plan — a risk on the default risk
matrix, a control of it — records a deviation in Tertial 1 and finds the action it became; who
may see the plan, and who may not."""

import base64
import re

import pytest
from playwright.sync_api import expect

from roder.actions.models import Action
from roder.control.matrix import DEFAULT_COLOURS
from roder.control.models import Control, ControlPlan, ControlResult, ControlResultAction, Risk
from roder.control.testing import make_control, make_control_plan, make_risk
from roder.periods.models import PeriodKind
from roder.periods.services import period_set_status, periods_install_year
from roder.planning.testing import YEAR
from tests.browser.conftest import axe_check, follow, log_in, open_as, visit

pytestmark = pytest.mark.browser

ORG = "/o/testkommun/"
HIGH = DEFAULT_COLOURS[2]  # the default matrix's band "high", 9–16


def unit_url(unit) -> str:
    return f"{ORG}units/{unit.pk}/"


def plan_url(plan) -> str:
    return f"{ORG}control/plans/{plan.pk}/"


def has_light(colour: str):
    return re.compile(rf"\blight-{colour}\b")


def swatch(locator):
    """The colour of the band swatch (a small SVG square) inside `locator`."""
    return locator.locator("svg[aria-hidden=true] rect")


@pytest.fixture
def tertial_1(world):
    """The organisation's usual 2026 periods (Tertial 1, interim report, year-end), with
    Tertial 1 open for reporting; no risk matrix is configured (the default applies)."""
    periods = periods_install_year(organisation=world.organisation, year=YEAR, by=None)
    period = next(p for p in periods if p.kind == PeriodKind.TERTIAL)
    period_set_status(period=period, status="open", expected_version=period.version, by=None)
    period.refresh_from_db()
    return period


@pytest.fixture
def built_plan(world, tertial_1):
    """The committee's 2026 plan with one risk and its control, reported in T1 and T2."""
    plan = make_control_plan(world.committee)
    risk = make_risk(plan, "Mutor och bestickning", probability=2, consequence=4)
    control = make_control(risk, "Stickprov på tio inköp", method="Stickprov")
    return plan, risk, control


def test_a_controller_builds_a_risk_and_a_control_and_a_deviation_becomes_an_action(
    new_page, world, tertial_1
):
    committee, period = world.committee, tertial_1
    controller = open_as(new_page, "controller")  # controller on Kommunstyrelsen

    # From the committee's page to its internal control, and a new, empty plan for 2026.
    follow(controller, controller.locator(f"main .card a[href='{unit_url(committee)}']"))
    follow(controller, controller.locator(f"main a[href='{unit_url(committee)}control/']"))
    form = controller.locator("main form.stacked")
    form.locator("[name=year]").fill(str(YEAR))
    expect(form.locator("[name=copy_from]")).to_have_value("")  # an empty plan
    follow(controller, form.locator("button[type=submit]"))
    plan = ControlPlan.objects.get(unit=committee, year=YEAR)
    assert plan.status == "draft"
    expect(controller).to_have_url(re.compile(rf"{plan_url(plan)}$"))
    expect(controller.locator(".messages")).to_be_visible()

    # A new risk. The ratings are the levels of the default 4 × 4 matrix and nothing else.
    follow(controller, controller.locator(f"main a[href='{plan_url(plan)}risks/new/']"))
    form = controller.locator("main form.stacked")
    for name in ("probability", "consequence"):
        values = form.locator(f"select[name={name}] option").evaluate_all(
            "options => options.map(option => option.value)"
        )
        assert values == ["", "1", "2", "3", "4"], name
    process, description = "Inköp och avtal", "Inköp görs utanför gällande avtal."
    form.locator("[name=process]").fill(process)
    form.locator("[name=description]").fill(description)
    form.locator("[name=consequence]").select_option("4")

    # A probability of 5, slipped into the request as if the select offered it, is refused.
    probability = form.locator("select[name=probability]")
    probability.evaluate("select => select.add(new Option('5', '5'))")
    probability.select_option("5")
    follow(controller, form.locator("button[type=submit]"))
    expect(controller).to_have_url(re.compile(rf"{plan_url(plan)}risks/new/$"))
    error = controller.locator("main #id_probability_error")
    expect(error).to_be_visible()
    expect(error).to_contain_text(re.compile(r"\b1\b.*\b4\b"))  # "… from 1 to 4"
    expect(form.locator("[name=probability]")).to_have_attribute("aria-invalid", "true")
    expect(form.locator("[name=description]")).to_have_value(description)  # input kept
    assert not Risk.objects.exists()

    # Probability 3 × consequence 4: risk value 12, in the high band.
    form.locator("[name=probability]").select_option("3")
    form.locator("[name=consequence]").select_option("4")
    follow(controller, form.locator("button[type=submit]"))
    risk = Risk.objects.get(plan=plan)
    assert (risk.process, risk.description) == (process, description)
    assert (risk.probability, risk.consequence, risk.value) == (3, 4, 12)
    expect(controller).to_have_url(re.compile(rf"{plan_url(plan)}risks/$"))
    expect(controller.locator(".messages")).to_be_visible()

    # The risk analysis: the table of risks …
    rows = controller.locator("section[aria-labelledby=risks-heading] tbody tr")
    expect(rows).to_have_count(1)
    cells = rows.first.locator("td")
    expect(cells.nth(0)).to_have_text("1")
    expect(cells.nth(1)).to_have_text(process)
    expect(cells.nth(2)).to_have_text(description)
    expect(cells.nth(4)).to_have_text("3")
    expect(cells.nth(5)).to_have_text("4")
    expect(cells.nth(6).locator("strong")).to_have_text("12")
    expect(swatch(cells.nth(6))).to_have_attribute("fill", HIGH)

    # … the matrix chart (core.charts) with the risk's number in the cell probability 3 ×
    # consequence 4, said in its text alternative, and that cell in the band's colour …
    figure = controller.locator("section[aria-labelledby=chart-heading] figure.risk-matrix")
    chart = figure.locator("> img")
    expect(chart).to_have_attribute("alt", re.compile(r"\b1: \w+ 3, \w+ 4\b"))
    drawn = base64.b64decode(chart.get_attribute("src").split(",", 1)[1]).decode()
    assert f"fill: {HIGH}" in drawn
    high = figure.locator(f"figcaption .tag:has(rect[fill='{HIGH}'])")  # the band's count
    expect(high).to_contain_text(re.compile(r"9–16\D+1\b"))

    # … and the same grid as a table (behind a disclosure).
    details = controller.locator("section[aria-labelledby=chart-heading] details")
    details.locator("summary").click()
    grid = details.locator("table")
    expect(grid).to_be_visible()
    axe_check(controller)
    expect(grid.locator("tbody tr")).to_have_count(4)
    expect(grid.locator("thead th")).to_have_count(4)
    rated = grid.locator("tbody tr").nth(1).locator("td").nth(3)  # probability 3, consequence 4
    expect(rated).to_contain_text(re.compile(r"^\s*12\b"))
    expect(rated).to_contain_text("(1)")
    expect(grid.locator("tbody td").filter(has_text="(")).to_have_count(1)

    # A control of the risk: sampled, the controller responsible, reported in T1.
    follow(controller, controller.locator(f"main ul.unit-links a[href='{plan_url(plan)}']"))
    new_control = f"main a[href='{ORG}control/risks/{risk.pk}/controls/new/']"
    follow(controller, controller.locator(new_control))
    form = controller.locator("main form.stacked")
    step = "Stickprov på tio inköp per tertial"
    form.locator("[name=step]").fill(step)
    form.locator("[name=method]").fill("Stickprov")
    form.locator("[name=responsible]").select_option(str(world.controller.pk))
    form.locator("[name=report_in][value=t1]").check()
    follow(controller, form.locator("button[type=submit]"))
    control = Control.objects.get(risk=risk)
    assert (control.step, control.method, control.responsible) == (
        step,
        "Stickprov",
        world.controller,
    )
    assert control.reporting_times == ["t1"]
    expect(controller).to_have_url(re.compile(rf"{plan_url(plan)}$"))
    line = controller.locator("section[aria-labelledby=plan-heading] tbody tr")
    expect(line).to_have_count(1)
    expect(line.locator("td").nth(3)).to_have_text(step)
    expect(line.locator("td").nth(4)).to_have_text("Stickprov")
    expect(line.locator("td").nth(5)).to_have_text(str(world.controller))
    expect(line.locator("td").nth(6)).to_have_text("T1")
    expect(line.locator("td").nth(2).locator("strong")).to_have_text("12")

    # Tertial 1's results: the controller, responsible for the control, records a deviation.
    results_url = f"{plan_url(plan)}periods/{period.pk}/"
    follow(controller, controller.locator(f"main a[href='{results_url}']"))
    row = controller.locator(f"main tr#control-{control.pk}")
    comment = "Två av tio inköp gjordes utanför ramavtalet."
    row.locator(f"[name=c{control.pk}-outcome][value=deviation]").check()
    row.locator(f"[name=c{control.pk}-comment]").fill(comment)
    follow(controller, controller.locator("main form[method=post] button[type=submit]"))
    expect(controller).to_have_url(re.compile(rf"{results_url}$"))
    expect(controller.locator(".messages")).to_be_visible()
    result = ControlResult.objects.get(control=control, period=period)
    assert (result.outcome, result.comment, result.recorded_by) == (
        "deviation",
        comment,
        world.controller,
    )
    action = ControlResultAction.objects.get(result=result).action
    assert Action.objects.count() == 1
    assert action.unit == committee
    assert action.responsible == world.controller
    assert process in action.title and step in action.title
    assert comment in action.description
    expect(row.locator(f"[name=c{control.pk}-outcome][value=deviation]")).to_be_checked()

    # The page links to the new action, and the action says where it came from.
    link = row.locator(f"a[href='{ORG}actions/{action.pk}/']")
    expect(link).to_have_text(action.title)
    follow(controller, link)
    expect(controller).to_have_url(re.compile(rf"{ORG}actions/{action.pk}/$"))
    expect(controller.locator("h1")).to_contain_text(action.title)
    to_followup = f"a[href='{plan_url(plan)}followup/?period={period.pk}']"
    caused_by = controller.locator("main dl.facts dd").filter(has=controller.locator(to_followup))
    expect(caused_by).to_have_count(1)
    expect(caused_by).to_contain_text(step)
    expect(caused_by).to_contain_text(period.name)

    # The follow-up shows the control in the deviation's (yellow) light, with its action.
    follow(controller, caused_by.locator(to_followup))
    expect(controller).to_have_url(re.compile(rf"{plan_url(plan)}followup/\?period={period.pk}$"))
    followed = controller.locator("main table tbody tr").filter(has_text=step)
    expect(followed).to_have_count(1)
    expect(followed.locator(".light")).to_have_class(has_light("yellow"))
    expect(followed.locator(f"a[href='{ORG}actions/{action.pk}/']")).to_be_visible()
    expect(followed).to_contain_text(comment)


def test_an_outsider_gets_not_found_on_the_committees_plan(page, world, built_plan):
    plan, risk, _control = built_plan
    log_in(page, "outsider")  # unit manager of Enhet B, below the committee
    for path in (
        plan_url(plan),
        f"{plan_url(plan)}risks/",
        f"{plan_url(plan)}followup/",
        f"{unit_url(world.committee)}control/",
    ):
        response = visit(page, path)
        assert response.status == 404, path
        expect(page.locator("body")).not_to_contain_text(risk.description)


def test_a_reader_sees_the_plan_but_cannot_change_it(page, world, built_plan, tertial_1):
    plan, risk, control = built_plan
    log_in(page, "reader")  # reader on the whole municipality
    visit(page, unit_url(world.committee))
    follow(page, page.locator(f"main a[href='{unit_url(world.committee)}control/']"))
    main = page.locator("main")
    expect(main.locator("form")).to_have_count(0)  # no new plan

    follow(page, main.locator(f"a[href='{plan_url(plan)}']"))
    line = page.locator("section[aria-labelledby=plan-heading] tbody tr")
    expect(line).to_have_count(1)
    expect(line.locator("td").nth(1)).to_contain_text(risk.description)
    expect(line.locator("td").nth(3)).to_have_text(control.step)
    expect(line.locator("td").nth(4)).to_have_text("Stickprov")
    editing = "a[href*='/edit/'], a[href$='/new/'], form"
    expect(main.locator(editing)).to_have_count(0)

    follow(page, main.locator(f"ul.unit-links a[href='{plan_url(plan)}risks/']"))
    expect(page.locator("section[aria-labelledby=risks-heading] tbody tr")).to_have_count(1)
    expect(main.locator(editing)).to_have_count(0)

    follow(page, main.locator(f"ul.unit-links a[href='{plan_url(plan)}']"))
    follow(page, main.locator(f"a[href='{plan_url(plan)}periods/{tertial_1.pk}/']"))
    expect(page.locator(f"main tr#control-{control.pk}")).to_be_visible()
    expect(main.locator("input:not([type=hidden]), textarea, select, button")).to_have_count(0)
