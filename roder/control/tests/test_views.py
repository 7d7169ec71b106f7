"""Every internal control page and write, tried by each persona of the test world."""

from types import SimpleNamespace

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from roder.actions.models import Action
from roder.control.matrix import default_matrix
from roder.control.models import Control, ControlPlan, ControlResult, Risk, RiskMatrix
from roder.control.testing import make_control, make_control_plan, make_risk, make_year
from roder.planning.testing import YEAR, make_categories
from roder.testing import PERSONAS, READ_A

pytestmark = pytest.mark.django_db

BUILD_A = READ_A | {"reporter": 403, "reader": 403}
BUILT_A = BUILD_A | {"admin": 302, "controller": 302, "manager": 302}
RECORDED_A = BUILT_A | {"reporter": 302}
MATRIX_POST = dict.fromkeys(PERSONAS, 403) | {"admin": 302}


def url(name, world, **kwargs):
    return reverse(f"control:{name}", kwargs={"org": world.organisation.slug, **kwargs})


@pytest.fixture
def data(world):
    periods = make_year(world.organisation)
    plan = make_control_plan(world.unit_a)
    risk = make_risk(plan)
    control = make_control(risk)
    return SimpleNamespace(periods=periods, plan=plan, risk=risk, control=control)


def read_urls(world, data):
    return {
        "overview": url("overview", world),
        "matrix": url("matrix", world),
        "plan_list": url("plan_list", world, unit_pk=world.unit_a.pk),
        "plan_detail": url("plan_detail", world, pk=data.plan.pk),
        "risk_analysis": url("risk_analysis", world, pk=data.plan.pk),
        "followup": url("followup", world, pk=data.plan.pk),
        "results": url("results", world, pk=data.plan.pk, period_pk=data.periods["t1"].pk),
    }


def build_urls(world, data):
    return {
        "plan_edit": url("plan_edit", world, pk=data.plan.pk),
        "risk_create": url("risk_create", world, plan_pk=data.plan.pk),
        "risk_edit": url("risk_edit", world, pk=data.risk.pk),
        "control_create": url("control_create", world, risk_pk=data.risk.pk),
        "control_edit": url("control_edit", world, pk=data.control.pk),
    }


def result_data(control, outcome, comment="", version=""):
    prefix = f"c{control.pk}"
    return {
        f"{prefix}-outcome": outcome,
        f"{prefix}-comment": comment,
        f"{prefix}-version": version,
    }


def matrix_data(size=4, bands=None, version=""):
    matrix = default_matrix(size)
    post = {"matrix_size": size, "version": version}
    for axis, levels in (("probability", matrix.probability), ("consequence", matrix.consequence)):
        for level in levels:
            post[f"{axis}_{level.value}_label"] = f"{level.label} ({axis})"
            post[f"{axis}_{level.value}_description"] = ""
    if bands is None:
        bands = [(b.min_value, b.max_value, b.label, b.colour) for b in matrix.bands]
    for i, (low, high, label, colour) in enumerate(bands):
        post |= {
            f"band_{i}_min": low,
            f"band_{i}_max": high,
            f"band_{i}_label": label,
            f"band_{i}_colour": colour,
        }
    return post


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- access --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_reading_follows_the_tree(world, client_for, data, persona):
    client = client_for(world.personas[persona])
    for name, path in read_urls(world, data).items():
        expected = 200 if name in ("overview", "matrix") else READ_A[persona]
        assert client.get(path).status_code == expected, name


@pytest.mark.parametrize("persona", PERSONAS)
def test_building_needs_a_unit_manager_of_the_unit_or_above(world, client_for, data, persona):
    client = client_for(world.personas[persona])
    for name, path in build_urls(world, data).items():
        assert client.get(path).status_code == BUILD_A[persona], name


@pytest.mark.parametrize("persona", PERSONAS)
def test_creating_a_plan_follows_the_tree(world, client_for, data, persona):
    client = client_for(world.personas[persona])
    path = url("plan_list", world, unit_pk=world.unit_a.pk)
    response = client.post(path, {"year": YEAR + 1})
    assert response.status_code == BUILT_A[persona]
    created = ControlPlan.objects.filter(unit=world.unit_a, year=YEAR + 1).exists()
    assert created == (BUILT_A[persona] == 302)


@pytest.mark.parametrize("persona", PERSONAS)
def test_adding_a_risk_follows_the_tree(world, client_for, data, persona):
    client = client_for(world.personas[persona])
    path = url("risk_create", world, plan_pk=data.plan.pk)
    post = {"process": "Fakturahantering", "description": "Fel belopp", "probability": 2}
    response = client.post(path, post | {"consequence": 2})
    assert response.status_code == BUILT_A[persona]
    assert Risk.objects.filter(process="Fakturahantering").exists() == (BUILT_A[persona] == 302)


@pytest.mark.parametrize("persona", PERSONAS)
def test_recording_results_needs_a_reporter_of_the_unit(world, client_for, data, persona):
    client = client_for(world.personas[persona])
    path = url("results", world, pk=data.plan.pk, period_pk=data.periods["t1"].pk)
    response = client.post(path, result_data(data.control, "done"))
    assert response.status_code == RECORDED_A[persona]
    assert ControlResult.objects.exists() == (RECORDED_A[persona] == 302)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_top_administrators_configure_the_matrix(world, client_for, persona):
    client = client_for(world.personas[persona])
    response = client.get(url("matrix", world))
    assert response.status_code == 200
    assert (response.context["can_edit"]) == (persona == "admin")
    response = client.post(url("matrix", world), matrix_data())
    assert response.status_code == MATRIX_POST[persona]
    assert RiskMatrix.objects.exists() == (persona == "admin")


def test_the_responsible_person_records_without_a_reporter_role(world, client_for, data):
    control = make_control(data.risk, "Kontrollera leveranser", responsible=world.reader)
    client = client_for(world.reader)
    path = url("results", world, pk=data.plan.pk, period_pk=data.periods["t1"].pk)
    page = client.get(path)
    assert [form is not None for _status, form in page.context["rows"]] == [False, True]
    # The row of the control they are not responsible for is ignored.
    post = result_data(control, "done") | result_data(data.control, "not_done", "x")
    assert client.post(path, post).status_code == 302
    assert ControlResult.objects.get().control == control


def test_anonymous_visitors_are_sent_to_log_in(world, client, data):
    login = reverse("accounts:login")
    paths = {**read_urls(world, data), **build_urls(world, data)}
    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code == 302, name
        assert response["Location"].startswith(login), name
    results = read_urls(world, data)["results"]
    response = client.post(results, result_data(data.control, "done"))
    assert response["Location"].startswith(login)
    assert not ControlResult.objects.exists()


def test_wrong_methods_are_refused(world, client_for, data):
    client = client_for(world.admin)
    paths = read_urls(world, data)
    for name in ("overview", "plan_detail", "risk_analysis", "followup"):
        assert client.post(paths[name]).status_code == 405, name
    for name in ("matrix", "plan_list", "results"):
        assert client.delete(paths[name]).status_code == 405, name
    for path in build_urls(world, data).values():
        assert client.put(path).status_code == 405


def test_unknown_objects_and_periods_of_another_year_answer_404(world, client_for, data):
    client = client_for(world.admin)
    later = make_year(world.organisation, YEAR + 1)["t1"]
    assert client.get(url("plan_detail", world, pk=data.plan.pk + 99)).status_code == 404
    assert client.get(url("risk_edit", world, pk=data.risk.pk + 99)).status_code == 404
    assert client.get(url("control_edit", world, pk=data.control.pk + 99)).status_code == 404
    assert client.get(url("results", world, pk=data.plan.pk, period_pk=later.pk)).status_code == 404
    followup = url("followup", world, pk=data.plan.pk)
    assert client.get(followup, {"period": later.pk}).status_code == 404
    assert client.get(url("overview", world), {"unit": world.unit_a.pk + 99}).status_code == 404


def test_the_overview_unit_picker_leads_to_the_units_plans(world, client_for, data):
    client = client_for(world.outsider)
    response = client.get(url("overview", world), {"unit": world.unit_b.pk})
    assert response["Location"] == url("plan_list", world, unit_pk=world.unit_b.pk)
    assert client.get(url("overview", world), {"unit": world.unit_a.pk}).status_code == 404


# --- building ------------------------------------------------------------------------------


def test_a_rating_outside_the_matrix_keeps_the_form_and_writes_nothing(
    world, english_client_for, data
):
    client = english_client_for(world.controller)
    path = url("risk_create", world, plan_pk=data.plan.pk)
    post = {"process": "Kris", "description": "Krisplanen är ej känd", "probability": 7}
    response = client.post(path, post | {"consequence": 2})
    assert response.status_code == 200
    assert "a level of the risk matrix, from 1 to 4" in response.content.decode()
    assert response.context["form"]["description"].value() == "Krisplanen är ej känd"
    assert Risk.objects.count() == 1


def test_a_risk_gets_a_perspective_owner_and_goals(world, client_for, data):
    categories = make_categories(world.organisation)
    client = client_for(world.manager)
    response = client.post(
        url("risk_edit", world, pk=data.risk.pk),
        {
            "process": "Inköp och avtal",
            "description": "Mutor och bestickning",
            "category": categories["economy"].pk,
            "probability": 3,
            "consequence": 4,
            "owner": world.manager.pk,
            "version": 1,
        },
    )
    assert response.status_code == 302
    data.risk.refresh_from_db()
    assert (data.risk.value, data.risk.category, data.risk.owner) == (
        12,
        categories["economy"],
        world.manager,
    )


def test_a_stale_risk_form_is_refused(world, english_client_for, data):
    client = english_client_for(world.manager)
    post = {"process": "P", "description": "R", "probability": 1, "consequence": 1, "version": 7}
    response = client.post(url("risk_edit", world, pk=data.risk.pk), post)
    assert response.status_code == 200
    assert "Someone else changed this" in response.content.decode()
    data.risk.refresh_from_db()
    assert data.risk.process == "Inköp och avtal"


def test_a_control_is_added_with_its_reporting_times(world, client_for, data):
    client = client_for(world.controller)
    response = client.post(
        url("control_create", world, risk_pk=data.risk.pk),
        {
            "step": "Kontrollera leveranser",
            "method": "Stickprov",
            "responsible": world.reporter.pk,
            "report_in": ["t1", "year_end"],
            "planned_actions": "Förebyggande information",
        },
    )
    assert response["Location"] == url("plan_detail", world, pk=data.plan.pk)
    control = Control.objects.get(step="Kontrollera leveranser")
    assert control.reporting_times == ["t1", "year_end"]
    assert control.responsible == world.reporter


def test_a_copy_onto_a_year_with_a_plan_is_refused(world, english_client_for, data):
    make_control_plan(world.unit_a, YEAR + 1)
    client = english_client_for(world.controller)
    response = client.post(
        url("plan_list", world, unit_pk=world.unit_a.pk),
        {"year": YEAR + 1, "copy_from": data.plan.pk},
    )
    assert response.status_code == 200
    assert "already has an internal control plan for" in response.content.decode()
    assert Risk.objects.count() == 1


def test_a_copy_starts_the_new_year(world, client_for, data):
    client = client_for(world.controller)
    response = client.post(
        url("plan_list", world, unit_pk=world.unit_a.pk),
        {"year": YEAR + 1, "copy_from": data.plan.pk},
    )
    new = ControlPlan.objects.get(year=YEAR + 1)
    assert response["Location"] == url("plan_detail", world, pk=new.pk)
    assert Control.objects.get(risk__plan=new).copied_from == data.control


def test_the_plan_is_adopted_with_a_date(world, client_for, data):
    client = client_for(world.manager)
    path = url("plan_edit", world, pk=data.plan.pk)
    assert client.post(path, {"status": "adopted", "version": 1}).status_code == 200
    response = client.post(path, {"status": "adopted", "adopted_on": "2025-12-10", "version": 1})
    assert response.status_code == 302
    data.plan.refresh_from_db()
    assert data.plan.status == "adopted"


# --- pages ---------------------------------------------------------------------------------


def test_the_plan_groups_risks_by_perspective(world, english_client_for, data):
    categories = make_categories(world.organisation)
    make_risk(data.plan, "Missnöjda medarbetare", process="NMI", category=categories["economy"])
    make_risk(data.plan, "Information hanteras fel", category=categories["customer"])
    response = english_client_for(world.reader).get(url("plan_detail", world, pk=data.plan.pk))
    groups = response.context["groups"]
    assert [str(group.category) for group in groups] == ["1 Kund", "4 Ekonomi", "None"]
    html = response.content.decode()
    assert html.index("1 Kund") < html.index("4 Ekonomi") < html.index("Without perspective")
    assert "Not scheduled" not in html
    assert "Edit risk" not in html  # readers do not build


def test_the_risk_analysis_draws_the_matrix_with_a_text_equivalent(world, english_client_for, data):
    make_risk(data.plan, "Inköp utanför avtal", probability=3, consequence=3)
    response = english_client_for(world.reader).get(url("risk_analysis", world, pk=data.plan.pk))
    html = response.content.decode()
    assert '<img class="chart-wide" src="data:image/svg+xml;base64,' in html
    assert "2: probability 3, consequence 3" in response.context["chart"].drawing.alt
    chart = response.context["chart"]
    cell = next(c for row in chart.rows for c in row if (c.probability, c.consequence) == (3, 3))
    assert cell.numbers == "2" and cell.band.label == "High"
    assert [count for _band, count in chart.band_counts] == [0, 1, 1]
    assert "The risk matrix as a table" in html
    assert [risk.number for risk in response.context["risks"]] == [2, 1]  # highest value first


def test_a_deviation_recorded_on_the_page_becomes_a_linked_action(world, english_client_for, data):
    client = english_client_for(world.reporter)
    path = url("results", world, pk=data.plan.pk, period_pk=data.periods["t1"].pk)
    response = client.post(path, result_data(data.control, "deviation", "3 inköp utanför avtal"))
    assert response.status_code == 302
    action = Action.objects.get()
    assert "The deviation became an action in the action list." in messages_of(response)
    page = client.get(path)
    detail = reverse("actions:action_detail", kwargs={"org": "testkommun", "pk": action.pk})
    assert detail in page.content.decode()


def test_an_incomplete_row_saves_nothing(world, english_client_for, data):
    second = make_control(data.risk, "Kontrollera leveranser")
    client = english_client_for(world.reporter)
    path = url("results", world, pk=data.plan.pk, period_pk=data.periods["t1"].pk)
    post = result_data(data.control, "done") | result_data(second, "deviation", "")
    response = client.post(path, post)
    assert response.status_code == 200
    assert "Describe the deviation that was found." in response.content.decode()
    assert not ControlResult.objects.exists() and not Action.objects.exists()
    post = result_data(data.control, "", "En kommentar utan resultat")
    response = client.post(path, post)
    assert "Choose a result to go with the comment." in response.content.decode()


def test_a_closed_period_takes_no_results(world, english_client_for, data):
    from roder.periods.services import period_set_status

    t1 = data.periods["t1"]
    period_set_status(period=t1, status="closed", expected_version=t1.version, by=None)
    client = english_client_for(world.reporter)
    path = url("results", world, pk=data.plan.pk, period_pk=t1.pk)
    page = client.get(path)
    assert all(form is None for _status, form in page.context["rows"])
    response = client.post(path, result_data(data.control, "done"))
    assert "Tertial 1 2026 is not open for reporting; nothing was saved." in messages_of(response)
    assert not ControlResult.objects.exists()


def test_follow_up_shows_done_deviations_and_late_controls(world, english_client_for, data):
    from roder.control.services import result_record
    from roder.periods.services import period_set_status

    second = make_control(data.risk, "Kontrollera leveranser")
    third = make_control(data.risk, "Följa nyckeltalet NMI", report_in=["year_end"])
    t1 = data.periods["t1"]
    result_record(control=data.control, period=t1, outcome="done", by=None)
    period_set_status(period=t1, status="closed", expected_version=t1.version, by=None)
    client = english_client_for(world.reader)
    response = client.get(url("followup", world, pk=data.plan.pk), {"period": t1.pk})
    statuses = {s.control: (s.light, s.label) for s in response.context["statuses"]}
    assert statuses == {
        data.control: ("green", "Done without remark"),
        second: ("red", "Late: not reported"),
        third: ("none", "Not due in this period"),
    }
    counts = {count.kind: count.count for count in response.context["counts"]}
    assert (counts["done"], counts["late"], counts["not_due"], counts["deviation"]) == (1, 1, 1, 0)
    assert 'class="light light-red"' in response.content.decode()
    overview = client.get(url("overview", world), {"period": t1.pk})
    (summary,) = overview.context["summaries"]
    assert {c.kind: c.count for c in summary.counts}["late"] == 1


def test_the_matrix_form_refuses_gaps_and_keeps_the_input(world, english_client_for):
    client = english_client_for(world.admin)
    post = matrix_data(bands=[(1, 3, "Låg", "#00ff00"), (5, 16, "Hög", "#ff0000")])
    response = client.post(url("matrix", world), post)
    assert response.status_code == 200
    assert "without gaps" in response.content.decode()
    assert response.context["form"]["band_1_min"].value() == "5"
    assert not RiskMatrix.objects.exists()


def test_the_matrix_form_changes_size(world, client_for):
    client = client_for(world.admin)
    page = client.get(url("matrix", world), {"size": 5})
    assert "probability_5_label" in page.context["form"].fields
    five = default_matrix(5)
    bands = [(b.min_value, b.max_value, b.label, b.colour) for b in five.bands]
    response = client.post(url("matrix", world), matrix_data(size=5, bands=bands))
    assert response.status_code == 302
    assert RiskMatrix.objects.get().size == 5
