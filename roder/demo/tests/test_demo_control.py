import pytest
from django.conf import settings
from django.urls import reverse

from roder.actions.models import Action
from roder.control.matrix import matrix_of
from roder.control.models import Control, ControlPlan, ControlResult, ControlResultAction, Risk
from roder.control.periods import periods_of_year
from roder.control.selectors import control_statuses
from roder.demo.control import PLAN, T1_RESULTS, build_control
from roder.demo.personas import DEMO_PASSWORD
from roder.periods.models import PeriodStatus, ReportingPeriod

pytestmark = pytest.mark.django_db

VASBY = "upplands-vasby"


@pytest.fixture
def demo(demo):
    if not ControlPlan.objects.exists():  # until build_demo calls build_control itself
        build_control()
    return ControlPlan.objects.get(unit__organisation__slug=VASBY, unit__code="SP", year=2026)


def test_it_holds_every_row_of_the_seeds_risk_and_control_plan(demo):
    risks = Risk.objects.filter(plan=demo).select_related("category").order_by("order")
    assert [(r.category.name, r.process, r.description) for r in risks] == [
        (
            {"1": "Kund", "2": "Samhälle och miljö", "3": "Medarbetare", "4": "Ekonomi"}[
                row.perspective
            ],
            row.process,
            row.risk,
        )
        for row in PLAN
    ]
    controls = Control.objects.filter(risk__plan=demo).order_by("risk__order")
    assert [(c.step, c.reporting_times, c.planned_actions) for c in controls] == [
        (row.step, list(row.times), row.actions) for row in PLAN
    ]
    processes = {r.process for r in risks}
    assert processes == {
        "Inköp och avtal",
        "Fakturahantering",
        "Informationshantering",
        "NMI",
        "Kris och beredskap",
    }
    assert demo.status == "adopted"
    assert matrix_of(demo.unit.organisation).band_for(12).label == "Hög"


def test_tertial_1_has_results_and_its_deviation_became_an_action(demo):
    tertial1 = ReportingPeriod.objects.get(
        organisation=demo.unit.organisation, year=2026, kind="tertial"
    )
    assert tertial1.status == PeriodStatus.CLOSED  # closed again after recording
    results = ControlResult.objects.filter(period=tertial1, control__risk__plan=demo)
    assert results.count() == len(T1_RESULTS)
    deviation = results.get(outcome="deviation")
    link = ControlResultAction.objects.get(result=deviation)
    assert link.action.unit == demo.unit
    assert link.action.goals.filter(title="Resultat i balans").exists()
    assert Action.objects.filter(control_result_links__isnull=False).count() == 1
    periods = periods_of_year(demo.unit.organisation, 2026)
    statuses = control_statuses([demo], tertial1, periods)[demo.pk]
    assert sorted(s.light for s in statuses if s.due) == ["green", "green", "green", "yellow"]
    assert sum(1 for s in statuses if not s.due) == 3  # the seed prints no timing for them


def test_the_controller_walks_the_plan_the_matrix_and_the_follow_up(demo, client):
    assert client.login(username="controller", password=DEMO_PASSWORD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for name in ("plan_detail", "risk_analysis", "followup"):
        response = client.get(reverse(f"control:{name}", args=[VASBY, demo.pk]))
        assert response.status_code == 200, name
        assert "Inköp och avtal" in response.content.decode(), name
    page = client.get(reverse("control:plan_detail", args=[VASBY, demo.pk])).content.decode()
    assert page.index("Kund") < page.index("Samhälle och miljö") < page.index("Ekonomi")
    assert "Krisplanen är ej känd bland medarbetarna." in page
    overview = client.get(reverse("control:overview", args=[VASBY]))
    assert [s.plan for s in overview.context["summaries"]] == [demo]
