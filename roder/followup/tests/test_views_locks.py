"""Issue 12, part 1, on the pages: the unit report, the assessment and the report texts show a
locked report read-only with the reason; reopening is a controller's, with a reason."""

import pytest
from django.urls import reverse
from django.utils import translation

from roder.documents import services as document_services
from roder.documents.models import ReportText
from roder.followup import services
from roder.followup.models import Assessment, Outcome, ReportReopening, UnitReport
from roder.followup.testing import approve, follow_up, make_indicator, report
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan
from roder.testing import PERSONAS, READ_A

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def url(name, **kwargs):
    return reverse(f"followup:{name}", kwargs={"org": "testkommun", **kwargs})


@pytest.fixture
def setup(world):
    goal = make_goal(make_plan(world.unit_a), "Snabb återkoppling")
    indicator = make_indicator(world.unit_a, "Svar inom 8 timmar")
    follow_up(goal, indicator, target="85")
    period = make_period(world.organisation)
    report(indicator, world.unit_a, period, "80")
    paths = {
        "report": url("unit_report", unit_pk=world.unit_a.pk, period_pk=period.pk),
        "assess": url("assess", goal_pk=goal.pk, period_pk=period.pk),
        "reopen": url("report_reopen", unit_pk=world.unit_a.pk, period_pk=period.pk),
        "texts": reverse(
            "documents:texts",
            kwargs={"org": "testkommun", "unit_pk": world.unit_a.pk, "kind": "tertial"},
        )
        + f"?year={period.year}&period={period.pk}",
    }
    return {"goal": goal, "indicator": indicator, "period": period, "paths": paths}


def field(setup):
    return f"i{setup['indicator'].pk}-value"


@pytest.mark.parametrize("how", ["submitted", "approved"])
def test_the_report_page_is_read_only_while_the_report_is_locked(world, client_for, setup, how):
    services.report_submit(unit=world.unit_a, period=setup["period"], by=world.manager)
    if how == "approved":
        services.report_approve(report=UnitReport.objects.get(), by=world.controller)
    client = client_for(world.reporter)
    page = client.get(setup["paths"]["report"]).content.decode()
    assert f'name="{field(setup)}"' not in page and 'class="primary"' not in page
    assert 'id="report-lock"' in page
    response = client.post(setup["paths"]["report"], {field(setup): "86"})
    assert response.status_code == 302
    assert Outcome.objects.get().value == 80
    manager_page = client_for(world.manager).get(setup["paths"]["report"]).content.decode()
    assert 'class="primary"' not in manager_page


@pytest.mark.parametrize("how", ["submitted", "approved"])
def test_the_assessment_page_is_read_only_while_the_report_is_locked(world, client_for, setup, how):
    services.assessment_record(
        goal=setup["goal"], period=setup["period"], level="partly", by=world.manager
    )
    services.report_submit(unit=world.unit_a, period=setup["period"], by=world.manager)
    if how == "approved":
        services.report_approve(report=UnitReport.objects.get(), by=world.controller)
    client = client_for(world.manager)
    page = client.get(setup["paths"]["assess"]).content.decode()
    assert 'name="level"' not in page and 'id="report-lock"' in page
    response = client.post(setup["paths"]["assess"], {"level": "fulfilled", "version": "1"})
    assert response.status_code == 302
    assert Assessment.objects.get().level == "partly"


def test_the_texts_page_is_read_only_while_the_report_is_approved(world, client_for, setup):
    document_services.report_text_save(
        unit=world.unit_a,
        kind="tertial",
        scope=f"period:{setup['period'].pk}",
        key="summary",
        body="Så gick det.",
        expected_version=None,
        by=world.reporter,
    )
    approve(world.unit_a, setup["period"])
    client = client_for(world.reporter)
    page = client.get(setup["paths"]["texts"]).content.decode()
    assert "<textarea" not in page and 'id="text-lock"' in page and "Så gick det." in page
    response = client.post(
        setup["paths"]["texts"],
        {
            "year": setup["period"].year,
            "period": setup["period"].pk,
            "summary": "Ändrat",
            "version_summary": "1",
        },
    )
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert ReportText.objects.get().body == "Så gick det."


def test_the_buttons_show_only_when_they_apply(world, client_for, setup):
    kwargs = {"unit_pk": world.unit_a.pk, "period_pk": setup["period"].pk}
    submit, approve_, reopen = (
        f'action="{url(name, **kwargs)}"'
        for name in ("report_submit", "report_approve", "report_reopen")
    )
    path = setup["paths"]["report"]

    def page(person):
        return client_for(person).get(path).content.decode()

    assert submit in page(world.manager)
    services.report_submit(unit=world.unit_a, period=setup["period"], by=world.manager)
    shown = page(world.controller)
    assert approve_ in shown and reopen not in shown and submit not in shown
    assert submit not in page(world.manager)
    services.report_approve(report=UnitReport.objects.get(), by=world.controller)
    shown = page(world.controller)
    assert reopen in shown and approve_ not in shown and submit not in shown
    assert reopen not in page(world.manager)


# Who may reopen: controllers and above on the unit (the manager 403, the outsider 404).
REOPEN = READ_A | {"admin": 302, "controller": 302, "manager": 403, "reporter": 403, "reader": 403}


@pytest.mark.parametrize("persona", PERSONAS)
def test_controllers_reopen_an_approved_report(world, client_for, setup, persona):
    approve(world.unit_a, setup["period"])
    client = client_for(world.personas[persona])
    response = client.post(setup["paths"]["reopen"], {"reason": "Fel i april."})
    assert response.status_code == REOPEN[persona]
    reopened = REOPEN[persona] == 302
    assert (UnitReport.objects.get().status == "draft") == reopened
    assert ReportReopening.objects.exists() == reopened


def test_reopening_without_a_reason_changes_nothing_and_the_reason_shows(world, client_for, setup):
    approve(world.unit_a, setup["period"])
    client = client_for(world.controller)
    client.post(setup["paths"]["reopen"], {"reason": " "})
    assert UnitReport.objects.get().status == "approved"
    client.post(setup["paths"]["reopen"], {"reason": "Fel i april."})
    assert UnitReport.objects.get().status == "draft"
    page = client_for(world.reporter).get(setup["paths"]["report"]).content.decode()
    assert "Fel i april." in page and "Controller Testsson" in page
    assert f'name="{field(setup)}"' in page  # the reporter may change it again
    approve(world.unit_a, setup["period"])
    page = client_for(world.reader).get(setup["paths"]["report"]).content.decode()
    assert "Fel i april." in page  # still shown once approved again


def test_get_is_not_allowed_on_reopen(world, client_for, setup):
    assert client_for(world.controller).get(setup["paths"]["reopen"]).status_code == 405


def test_the_overview_leads_controllers_to_reopen_an_approved_report(world, client_for, setup):
    approve(world.unit_a, setup["period"])
    overview = url("overview", pk=setup["period"].pk)
    link = f'href="{setup["paths"]["report"]}#reopen"'
    assert link in client_for(world.controller).get(overview).content.decode()
    assert link not in client_for(world.manager).get(overview).content.decode()
    page = client_for(world.controller).get(setup["paths"]["report"]).content.decode()
    assert 'id="reopen"' in page
