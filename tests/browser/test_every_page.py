"""Every page of the demo, opened by the people who use it, passes axe-core.

The journeys in the other files click through the pages as a person would; this sweep makes
sure no page is left without an accessibility check, and that each answers 200.
"""

import pytest

from roder.demo.personas import DEMO_PASSWORD
from roder.demo.services import build_demo
from roder.indicators.models import Indicator
from roder.organisation.models import Unit
from roder.periods.models import PeriodKind, ReportingPeriod
from roder.planning.models import Goal, Plan
from roder.quality.models import Entry, Evaluation
from tests.browser.conftest import log_in, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(live_server, transactional_db):
    build_demo()


def vasby_pages() -> list[str]:
    org = "/o/upplands-vasby"
    office = Unit.objects.get(organisation__slug="upplands-vasby", code="SP")
    plan = Plan.objects.get(unit=office, year=2026)
    goal = Goal.objects.filter(plan=plan, indicator_links__isnull=False).first()
    committee_goal = goal.contributes_to.first()
    interim = ReportingPeriod.objects.get(
        organisation__slug="upplands-vasby", year=2026, kind=PeriodKind.INTERIM
    )
    indicator = Indicator.objects.filter(organisation__slug="upplands-vasby").first()
    return [
        "/",
        f"{org}/",
        f"{org}/?all=1",
        f"{org}/units/{office.pk}/",
        f"{org}/units/{office.pk}/edit/",
        f"{org}/units/{office.pk}/move/",
        f"{org}/units/{office.pk}/deactivate/",
        f"{org}/units/new/?parent={office.pk}",
        f"{org}/people/",
        f"{org}/people/new/",
        f"{org}/settings/",
        "/organisations/new/",
        f"{org}/categories/",
        f"{org}/categories/new/",
        f"{org}/units/{office.pk}/plans/",
        f"{org}/plans/{plan.pk}/",
        f"{org}/plans/{plan.pk}/edit/",
        f"{org}/plans/{plan.pk}/sections/summary/",
        f"{org}/plans/{plan.pk}/areas/{goal.category_id}/",
        f"{org}/plans/{plan.pk}/goals/new/",
        f"{org}/goals/{goal.pk}/",
        f"{org}/goals/{goal.pk}/edit/",
        f"{org}/goals/{committee_goal.pk}/rollup/?period={interim.pk}",
        f"{org}/indicators/",
        f"{org}/indicators/new/",
        f"{org}/indicators/{indicator.pk}/",
        f"{org}/indicators/{indicator.pk}/edit/",
        f"{org}/periods/",
        f"{org}/periods/{interim.pk}/",
        f"{org}/units/{office.pk}/periods/{interim.pk}/",
        f"{org}/units/{office.pk}/periods/{interim.pk}/import/",
        f"{org}/goals/{goal.pk}/periods/{interim.pk}/assess/",
        f"{org}/units/{office.pk}/scorecard/?period={interim.pk}",
        f"{org}/strategy-map/",
        f"{org}/units/{office.pk}/self-assessment/",
        f"{org}/units/{office.pk}/self-assessment/compiled/",
        f"{org}/actions/",
        f"{org}/actions/?meeting=1",
        f"{org}/actions/new/",
        *document_pages(org, office, interim),
        *quality_pages(org),
    ]


def document_pages(org: str, office, interim) -> list[str]:
    tertial = ReportingPeriod.objects.get(
        organisation__slug="upplands-vasby", year=2026, kind=PeriodKind.TERTIAL
    )
    documents = f"{org}/units/{office.pk}/documents"
    return [
        f"{documents}/",
        f"{documents}/plan/?year=2026",
        f"{documents}/tertial/?period={tertial.pk}",
        f"{documents}/interim/?period={interim.pk}",
        f"{documents}/annual/",
        f"{documents}/control/?year=2026",
        f"{documents}/tertial/texts/?period={tertial.pk}",
        f"{org}/documents/templates/",
        f"{org}/documents/templates/plan/",
        f"{org}/documents/templates/evaluation/",
    ]


def quality_pages(org: str) -> list[str]:
    evaluation = Evaluation.objects.get(unit__organisation__slug="upplands-vasby")
    area = evaluation.framework.areas.order_by("number").first()
    quality = f"{org}/quality"
    return [
        f"{quality}/",
        f"{quality}/frameworks/",
        f"{quality}/frameworks/{evaluation.framework_id}/",
        f"{quality}/frameworks/import/",
        f"{quality}/areas/{area.pk}/edit/",
        f"{quality}/sub-areas/{area.sub_areas.first().pk}/edit/",
        f"{quality}/evaluations/{evaluation.pk}/areas/{area.pk}/",
        f"{quality}/evaluations/new/",
        f"{quality}/evaluations/{evaluation.pk}/",
        f"{quality}/evaluations/{evaluation.pk}/edit/",
        f"{quality}/evaluations/{evaluation.pk}/compare/",
        f"{quality}/evaluations/{evaluation.pk}/report/",
        f"{quality}/evaluations/{evaluation.pk}/findings/new/",
    ]


def test_every_demo_page_passes_axe_for_the_administrator(demo, page):
    log_in(page, "admin", DEMO_PASSWORD)
    for path in vasby_pages():
        response = visit(page, path)
        assert response.status == 200, path


def test_the_stockholm_goal_chain_and_lists_pass_axe_for_its_unit_manager(demo, page):
    log_in(page, "sekretariatschef", DEMO_PASSWORD)
    unit = Unit.objects.get(organisation__slug="stockholm", code="TK-STAB-NS")
    goal = Goal.objects.get(plan__unit=unit, number="Mål 1")
    for path in [
        f"/o/stockholm/goals/{goal.pk}/",
        "/o/stockholm/actions/",
        f"/o/stockholm/units/{unit.pk}/",
    ]:
        response = visit(page, path)
        assert response.status == 200, path
    # The goal chain reaches the council's inriktningsmål through Trafiknämnden's goal.
    visit(page, f"/o/stockholm/goals/{goal.pk}/")
    assert "Trafiknämnden:" in page.content()


def test_the_award_entry_pages_pass_axe_for_the_quality_strategist(demo, page):
    log_in(page, "kvalitetsstrateg", DEMO_PASSWORD)
    entry = Entry.objects.get(unit__organisation__slug="stockholm")
    quality = "/o/stockholm/quality"
    answer = entry.answers.order_by("pk").first()
    for path in [
        f"{quality}/",
        f"{quality}/entries/new/",
        f"{quality}/entries/{entry.pk}/",
        f"{quality}/entries/{entry.pk}/edit/",
        f"{quality}/entries/{entry.pk}/report/",
        f"{quality}/answers/{answer.pk}/",
    ]:
        response = visit(page, path)
        assert response.status == 200, path
