"""Issue 12, part 1: a submitted or approved report, and a closed period, lock the unit's
outcomes, assessments and report texts for the period, in every service; a controller reopens
an approved report with a reason."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import load_workbook

from roder.core.models import HistoryEntry
from roder.core.services import GridRow
from roder.documents import services as document_services
from roder.documents.models import ReportText
from roder.followup import excel, services
from roder.followup.models import (
    Assessment,
    Outcome,
    OutcomeRevision,
    ReportReopening,
    ReportStatus,
    UnitReport,
)
from roder.followup.testing import approve, follow_up, make_indicator, report
from roder.indicators import sources
from roder.organisation.access import grants_for
from roder.periods import locks
from roder.periods import services as period_services
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan

pytestmark = pytest.mark.django_db

LOCKS = ["approved", "submitted", "closed"]


@pytest.fixture(autouse=True)
def english():
    """The new messages are asserted in English: their Swedish is merged separately."""
    with translation.override("en"):
        yield


@pytest.fixture
def setup(world):
    """Enhet A's goal with an indicator, its outcome 80, an assessment and a text, all written
    while the report was a draft."""
    goal = make_goal(make_plan(world.unit_a), "Snabb återkoppling")
    indicator = make_indicator(world.unit_a, "Svar inom 8 timmar")
    follow_up(goal, indicator, target="85")
    period = make_period(world.organisation)
    report(indicator, world.unit_a, period, "80")
    services.assessment_record(goal=goal, period=period, level="partly", by=world.manager)
    texts_save(world, period, "Första versionen.", version=None)
    return {"goal": goal, "indicator": indicator, "period": period}


def texts_save(world, period, body, *, version):
    return document_services.report_text_save(
        unit=world.unit_a,
        kind="tertial",
        scope=f"period:{period.pk}",
        key="summary",
        body=body,
        expected_version=version,
        by=world.reporter,
    )


def lock(world, period, how):
    if how == "closed":
        period_services.period_set_status(
            period=period, status="closed", expected_version=period.version, by=None
        )
        period.refresh_from_db()
    elif how == "submitted":
        services.report_submit(unit=world.unit_a, period=period, by=world.manager)
    else:
        approve(world.unit_a, period)


def stored():
    """Everything the locks keep: the outcome, the assessment, the text and the history."""
    outcome = Outcome.objects.get()
    assessment = Assessment.objects.get()
    text = ReportText.objects.get()
    return (
        (outcome.value, outcome.version),
        (assessment.level, assessment.analysis, assessment.version),
        (text.body, text.version),
        HistoryEntry.objects.count(),
    )


WORDS = {"approved": "is approved", "submitted": "is submitted", "closed": "is not open"}


@pytest.mark.parametrize("how", LOCKS)
def test_entry_by_hand_is_refused_by_every_lock(world, setup, how):
    lock(world, setup["period"], how)
    before = stored()
    superuser = get_user_model().objects.create_superuser("rot", "rot@example.se", "x")
    for by in (world.reporter, superuser):
        with pytest.raises(ValidationError, match=WORDS[how]):
            services.outcome_write(
                indicator=setup["indicator"],
                unit=world.unit_a,
                period=setup["period"],
                value=Decimal(86),
                by=by,
            )
    assert stored() == before


@pytest.mark.parametrize("how", LOCKS)
def test_the_outcome_grid_is_refused_by_every_lock(world, setup, how):
    lock(world, setup["period"], how)
    before = stored()
    outcome = Outcome.objects.get()
    row = GridRow(key=setup["indicator"], values={"value": Decimal(86)}, version=outcome.version)
    with pytest.raises(ValidationError, match="Nothing was saved"):
        services.outcomes_save(
            unit=world.unit_a, period=setup["period"], rows=[row], by=world.reporter
        )
    assert stored() == before


@pytest.mark.parametrize("how", LOCKS)
def test_the_assessment_is_refused_by_every_lock(world, setup, how):
    """Defect of issue 12: assessments were changed after the report was approved."""
    lock(world, setup["period"], how)
    before = stored()
    assessment = Assessment.objects.get()
    with pytest.raises(ValidationError, match=WORDS[how]):
        services.assessment_record(
            goal=setup["goal"],
            period=setup["period"],
            level="fulfilled",
            prognosis="fulfilled",
            analysis="Ändrad i efterhand.",
            expected_version=assessment.version,
            by=world.manager,
        )
    assert stored() == before


@pytest.mark.parametrize("how", LOCKS)
def test_the_report_texts_are_refused_by_every_lock(world, setup, how):
    """Defect of issue 12: report texts were never locked."""
    lock(world, setup["period"], how)
    before = stored()
    text = ReportText.objects.get()
    with pytest.raises(ValidationError, match=WORDS[how]):
        texts_save(world, setup["period"], "Ändrad i efterhand.", version=text.version)
    with pytest.raises(ValidationError, match=WORDS[how]):
        document_services.report_texts_save(
            unit=world.unit_a,
            kind="tertial",
            scope=f"period:{setup['period'].pk}",
            rows=[GridRow(key="outlook", values={"body": "Ny text."}, version=None)],
            by=world.reporter,
        )
    assert stored() == before


def test_a_years_texts_have_no_report_to_lock_them(world, setup):
    approve(world.unit_a, setup["period"])
    document_services.report_text_save(
        unit=world.unit_a,
        kind="control",
        scope=f"year:{setup['period'].year}",
        key="summary",
        body="Årets text.",
        expected_version=None,
        by=world.reporter,
    )
    assert ReportText.objects.filter(scope__startswith="year:").count() == 1


def checked_rows(world, setup, value):
    """The Excel file of Enhet A with a new outcome, checked as its reporter would."""
    grants = grants_for(world.reporter, world.organisation)
    data = excel.export_workbook(world.unit_a, setup["period"], grants)
    book = load_workbook(BytesIO(data))
    book.worksheets[0]["F2"] = value
    buffer = BytesIO()
    book.save(buffer)
    return excel.read_workbook(
        buffer.getvalue(), unit=world.unit_a, period=setup["period"], grants=grants
    )


@pytest.mark.parametrize("how", LOCKS)
def test_the_excel_import_is_refused_by_every_lock(world, setup, how):
    changes, errors = checked_rows(world, setup, 86)
    assert errors == [] and changes
    lock(world, setup["period"], how)
    before = stored()
    with pytest.raises(ValidationError, match=r"^\['Row 2: "):
        excel.apply_rows(changes, period=setup["period"], by=world.reporter)
    assert stored() == before
    # Checked again after the lock, the file is refused before anything is written.
    _changes, errors = checked_rows(world, setup, 86)
    assert len(errors) == 1 and WORDS[how].split()[-1] in errors[0]
    if how != "closed":
        assert errors[0].startswith("Row 2: the report of Enhet A")


def test_a_sources_value_for_a_submitted_report_waits_as_a_revision(world, setup, monkeypatch):
    """The approver approves what was submitted: a source's new figure waits for a controller."""
    monkeypatch.setitem(sources._registry, "survey", sources.IndicatorSource("survey", "Enkät"))
    lock(world, setup["period"], "submitted")
    revision = services.outcome_write(
        indicator=setup["indicator"],
        unit=world.unit_a,
        period=setup["period"],
        value=Decimal(88),
        source="survey",
        by=None,
    )
    assert isinstance(revision, OutcomeRevision) and revision.is_pending
    assert Outcome.objects.get().value == 80


def test_returned_report_opens_the_lock_again(world, setup):
    lock(world, setup["period"], "submitted")
    submitted = UnitReport.objects.get()
    services.report_return(report=submitted, comment="Komplettera.", by=world.controller)
    report(setup["indicator"], world.unit_a, setup["period"], "86")
    assert Outcome.objects.get().value == 86


def test_the_lock_registry_answers_for_lower_apps(world, setup):
    """periods.locks, which documents asks, knows follow-up's lock without importing it."""
    assert services.report_lock in locks._checks
    assert locks.lock_reason(world.unit_a, setup["period"]) == ""
    approve(world.unit_a, setup["period"])
    assert "is approved" in locks.lock_reason(world.unit_a, setup["period"])
    assert locks.lock_reason(world.unit_b, setup["period"]) == ""
    with pytest.raises(ValidationError, match="Nothing was saved"):
        period_services.require_writable(world.unit_a, setup["period"])


# --- reopening -----------------------------------------------------------------------------


def test_a_controller_reopens_an_approved_report_with_a_reason(world, setup):
    approved = approve(world.unit_a, setup["period"])
    services.report_reopen(report=approved, reason="  Fel i april.  ", by=world.controller)
    approved.refresh_from_db()
    assert approved.status == ReportStatus.DRAFT
    reopening = ReportReopening.objects.get()
    assert (reopening.reason, reopening.reopened_by) == ("Fel i april.", world.controller)
    entry = HistoryEntry.objects.filter(content_type__model="unitreport").latest("pk")
    assert entry.actor == world.controller
    assert entry.changes["comment"]["after"] == "Fel i april."
    assert entry.changes["status"]["before"] != entry.changes["status"]["after"]
    # Unlocked: changed, submitted and approved again; the reopening stays.
    report(setup["indicator"], world.unit_a, setup["period"], "86")
    again = services.report_submit(unit=world.unit_a, period=setup["period"], by=world.manager)
    services.report_approve(report=again, by=world.controller)
    assert UnitReport.objects.get().status == ReportStatus.APPROVED
    assert Outcome.objects.get().value == 86
    assert ReportReopening.objects.filter(report=approved).count() == 1


@pytest.mark.parametrize("reason", ["", "   "])
def test_reopening_needs_a_reason(world, setup, reason):
    approved = approve(world.unit_a, setup["period"])
    with pytest.raises(ValidationError, match="Say why"):
        services.report_reopen(report=approved, reason=reason, by=world.controller)
    assert UnitReport.objects.get().status == ReportStatus.APPROVED
    assert not ReportReopening.objects.exists()


@pytest.mark.parametrize("how", ["draft", "submitted", "returned"])
def test_only_an_approved_report_can_be_reopened(world, setup, how):
    current = UnitReport.objects.get()
    if how != "draft":
        current = services.report_submit(unit=world.unit_a, period=setup["period"], by=None)
    if how == "returned":
        current = services.report_return(report=current, comment="Mer.", by=None)
    with pytest.raises(ValidationError, match="Only an approved report"):
        services.report_reopen(report=current, reason="Varför inte.", by=world.controller)
    assert UnitReport.objects.get().status == how
    assert not ReportReopening.objects.exists()


def test_a_report_of_a_closed_period_is_not_reopened(world, setup):
    approved = approve(world.unit_a, setup["period"])
    lock(world, setup["period"], "closed")
    with pytest.raises(ValidationError, match="not open"):
        services.report_reopen(report=approved, reason="Fel i april.", by=world.controller)
    assert UnitReport.objects.get().status == ReportStatus.APPROVED
