"""Who sees what (README "Who sees what"): readers see submitted and approved figures and
assessments; drafts only people with a reporter role or higher on the unit (and so controllers
above it), unless the organisation lets readers see drafts."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from roder.core.models import HistoryEntry
from roder.followup import services
from roder.followup.models import Assessment, ReportStatus
from roder.followup.selectors import goal_statuses, rollup, scorecard
from roder.followup.strategy_map import strategy_map
from roder.followup.testing import follow_up, make_indicator, report
from roder.followup.visibility import Seen, mark_label, status_mark
from roder.organisation import services as organisation_services
from roder.organisation.access import grants_for
from roder.periods.testing import make_period
from roder.planning.services import goal_link
from roder.planning.testing import YEAR, make_goal, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world):
    """Enhet A's goal "Nöjda kunder" (indicator, target 80) linked to the administration's goal,
    with an outcome of 61 and an assessment in Tertial 1 (a draft), and last year's year-end
    outcome of 57 (a draft too) for the trend."""
    period = make_period(world.organisation)
    last_year = make_period(
        world.organisation,
        year=YEAR - 1,
        kind="tertial",
        name=f"Tertial 1 {YEAR - 1}",
        starts=datetime.date(YEAR - 1, 1, 1),
        ends=datetime.date(YEAR - 1, 4, 30),
    )
    indicator = make_indicator(world.unit_a)
    top = make_goal(make_plan(world.administration), "Förvaltningens mål")
    follow_up(top, indicator)
    goal = make_goal(make_plan(world.unit_a), "Nöjda kunder")
    goal_link(goal=goal, target=top, by=None)
    follow_up(goal, indicator, target="80")
    report(indicator, world.unit_a, last_year, "57")
    report(indicator, world.unit_a, period, "61")
    services.assessment_record(
        goal=goal, period=period, level="partly", analysis="Hemlig analys.", by=world.manager
    )
    return {"period": period, "last_year": last_year, "goal": goal, "top": top}


def grants(world, person):
    return grants_for(getattr(world, person), world.organisation)


def seen_by(world, person) -> Seen:
    return Seen.for_grants(grants(world, person))


def unit_a_row(world, scene, seen):
    statuses = goal_statuses([scene["goal"]], scene["period"], seen=seen)
    status = statuses[scene["goal"].pk]
    return status, status.rows[0]


def submit(world, scene):
    return services.report_submit(unit=world.unit_a, period=scene["period"], by=world.manager)


# --- the rule ------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["reporter", "manager", "controller", "admin"])
def test_it_shows_the_drafts_to_reporters_and_those_above(world, scene, person):
    status, row = unit_a_row(world, scene, seen_by(world, person))
    assert row.value == 61
    assert row.trend == [(f"Tertial 1 {YEAR - 1}", 57), (f"Tertial 1 {YEAR}", 61)]
    assert status.assessment is not None and status.assessment.analysis == "Hemlig analys."
    assert (row.mark, status.mark) == ("draft", "draft")


def test_it_hides_the_drafts_from_a_reader(world, scene):
    status, row = unit_a_row(world, scene, seen_by(world, "reader"))
    assert row.outcome is None and row.trend == []
    assert status.assessment is None
    # The proposal is computed from what the reader sees: no outcome, nothing to assess.
    assert status.is_proposal and status.level == "not_assessable"


def test_it_hides_a_sibling_units_drafts_from_its_manager(world, scene):
    # The outsider manages Enhet B and reads the whole municipality.
    organisation_services.role_grant(
        person=world.outsider, unit=world.municipality, kind="reader", by=None
    )
    _status, row = unit_a_row(world, scene, seen_by(world, "outsider"))
    assert row.outcome is None


def test_it_shows_a_reader_submitted_figures_marked_and_approved_ones_unmarked(world, scene):
    submit(world, scene)
    status, row = unit_a_row(world, scene, seen_by(world, "reader"))
    assert row.value == 61 and row.mark == "submitted"
    assert status.assessment is not None and status.mark == "submitted"
    assert row.trend == [(f"Tertial 1 {YEAR}", 61)]  # last year's report is still a draft
    services.report_approve(
        report=services.report_submit(
            unit=world.unit_a, period=scene["last_year"], by=world.manager
        ),
        by=world.controller,
    )
    services.report_approve(report=world.unit_a.reports.get(period=scene["period"]), by=None)
    status, row = unit_a_row(world, scene, seen_by(world, "reader"))
    assert (row.mark, status.mark) == ("", "")
    assert [value for _name, value in row.trend] == [57, 61]


def test_it_hides_a_returned_report_from_a_reader_again(world, scene):
    services.report_return(report=submit(world, scene), comment="Komplettera.", by=None)
    _status, row = unit_a_row(world, scene, seen_by(world, "reader"))
    assert row.outcome is None
    _status, row = unit_a_row(world, scene, seen_by(world, "reporter"))
    assert row.mark == "returned"


def test_the_organisation_setting_lets_readers_see_drafts(world, scene):
    organisation = world.organisation
    organisation_services.organisation_update(
        organisation=organisation,
        expected_version=organisation.version,
        by=world.admin,
        name=organisation.name,
        slug=organisation.slug,
        municipality_code="",
        fiscal_year_start_month=1,
        readers_see_drafts=True,
    )
    organisation.refresh_from_db()
    assert organisation.readers_see_drafts
    entry = HistoryEntry.objects.for_object(organisation).newest_first().first()
    assert entry is not None and "readers_see_drafts" in entry.changes  # kept in history
    _status, row = unit_a_row(world, scene, seen_by(world, "reader"))
    assert row.value == 61 and row.mark == "draft"


def test_approved_only_leaves_out_submitted_reports_even_for_the_controller(world, scene):
    submit(world, scene)
    status, row = unit_a_row(world, scene, Seen.approved_only())
    assert row.outcome is None and status.assessment is None


def test_the_proposal_stored_with_an_assessment_reads_every_outcome(world, scene):
    stored = Assessment.objects.get(goal=scene["goal"])
    assert stored.proposed_level == "not_fulfilled"  # 61 against 80: red, from the draft
    assert status_mark(None) == "draft" and status_mark(ReportStatus.APPROVED) == ""


def test_the_scorecard_strategy_map_and_rollup_follow_the_rule(world, scene):
    period = scene["period"]
    reader, controller = grants(world, "reader"), grants(world, "controller")
    _plan, _groups, statuses = scorecard(world.unit_a, period, seen=Seen.for_grants(reader))
    assert statuses[scene["goal"].pk].rows[0].outcome is None
    unfolded = [scene["top"].pk]  # the unit's goal, under the administration's
    rows = {row.goal.pk: row for row in strategy_map(reader, period, opened=unfolded)}
    assert rows[scene["goal"].pk].status.assessment is None
    rows = {row.goal.pk: row for row in strategy_map(controller, period, opened=unfolded)}
    assert rows[scene["goal"].pk].status.assessment is not None
    contributors, (aggregate,) = rollup(scene["top"], period, reader)
    assert contributors[0].assessment is None
    assert aggregate.contributing == [] and aggregate.missing == [world.unit_a]
    contributors, (aggregate,) = rollup(scene["top"], period, controller)
    assert aggregate.figures == [(world.unit_a, 61, mark_label(ReportStatus.DRAFT))]


# --- the pages -----------------------------------------------------------------------------


def page(client, name, **kwargs) -> str:
    query = kwargs.pop("query", {})
    response = client.get(reverse(name, kwargs={"org": "testkommun", **kwargs}), query)
    assert response.status_code == 200
    return response.content.decode()


def outcome_shown(text: str) -> bool:
    """The outcome 61 % in a cell (the number as the page formats it)."""
    return re.search(r">\s*61(\s|&nbsp;|\u00a0)%", text) is not None


def pages(world, scene):
    period, goal = scene["period"], scene["goal"]
    return {
        "scorecard": (
            "followup:scorecard",
            {"unit_pk": world.unit_a.pk, "query": {"period": period.pk}},
        ),
        "report": ("followup:unit_report", {"unit_pk": world.unit_a.pk, "period_pk": period.pk}),
        "assess": ("followup:assess", {"goal_pk": goal.pk, "period_pk": period.pk}),
    }


@pytest.mark.parametrize("name", ["scorecard", "report", "assess"])
def test_a_reader_sees_no_draft_on_the_pages(world, scene, client_for, name):
    url, kwargs = pages(world, scene)[name]
    text = page(client_for(world.reader), url, **kwargs)
    assert not outcome_shown(text)
    assert "Hemlig analys" not in text
    submit(world, scene)
    text = page(client_for(world.reader), url, **kwargs)
    assert outcome_shown(text) and 'class="report-mark"' in text


@pytest.mark.parametrize("name", ["scorecard", "report", "assess"])
def test_the_reporter_sees_the_draft_marked(world, scene, client_for, name):
    url, kwargs = pages(world, scene)[name]
    text = page(client_for(world.reporter), url, **kwargs)
    assert 'class="report-mark"' in text
    if name != "report":  # the report page shows the reporter the draft in the form's fields
        assert outcome_shown(text)


def test_the_rollup_and_the_goal_page_hide_the_draft_from_a_reader(world, scene, client_for):
    query = {"period": scene["period"].pk}
    reader, controller = client_for(world.reader), None
    text = page(reader, "followup:rollup", goal_pk=scene["top"].pk, query=query)
    assert "Enhet A: 61" not in text
    text = page(reader, "planning:goal_detail", pk=scene["goal"].pk)
    assert "Hemlig analys" not in text
    controller = client_for(world.controller)
    text = page(controller, "followup:rollup", goal_pk=scene["top"].pk, query=query)
    assert "Enhet A: 61" in text and 'class="report-mark"' in text
    assert "Hemlig analys" in page(controller, "planning:goal_detail", pk=scene["goal"].pk)


def test_the_excel_export_leaves_out_drafts_for_a_reader(world, scene, client_for):
    def outcomes(person):
        response = client_for(person).get(
            reverse(
                "followup:excel_export",
                kwargs={
                    "org": "testkommun",
                    "unit_pk": world.unit_a.pk,
                    "period_pk": scene["period"].pk,
                },
            )
        )
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        return [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)]

    assert outcomes(world.reader) == [None]
    assert outcomes(world.reporter) == [61]


def test_the_settings_page_switches_readers_see_drafts(world, scene, client_for):
    client = client_for(world.admin)
    organisation = world.organisation
    response = client.post(
        reverse("organisation:settings", kwargs={"org": "testkommun"}),
        {
            "name": organisation.name,
            "slug": organisation.slug,
            "municipality_code": "",
            "fiscal_year_start_month": 1,
            "minimum_group_size": 5,
            "readers_see_drafts": "on",
            "version": organisation.version,
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.readers_see_drafts
    url, kwargs = pages(world, scene)["scorecard"]
    assert outcome_shown(page(client_for(world.reader), url, **kwargs))
