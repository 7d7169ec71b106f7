"""Writes of follow-up: periods, outcomes, assessments and the unit report workflow."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roder.core.models import HistoryAction
from roder.core.services import (
    ConcurrentEditError,
    GridRow,
    create_versioned,
    delete_versioned,
    grid_save,
    history_record,
    save_versioned,
    snapshot,
    upsert_with_history,
)
from roder.followup import notices
from roder.followup.from_below import propose_for_goal
from roder.followup.models import (
    Assessment,
    Outcome,
    OutcomeRevision,
    ReportReopening,
    ReportStatus,
    RevisionStatus,
    UnitReport,
)
from roder.indicators import sources
from roder.periods.locks import period_reason, refusal
from roder.periods.models import PeriodStatus, ReportingPeriod
from roder.periods.services import require_open

OUTCOME_FIELDS = ("value", "value_women", "value_men", "weight", "comment")
PROVENANCE_FIELDS = ("source", "vintage", "count")
REVISION_FIELDS = (*OUTCOME_FIELDS, *PROVENANCE_FIELDS, "status", "reason")
ASSESSMENT_FIELDS = ("level", "proposed_level", "proposal_reason", "prognosis", "analysis")


# --- outcomes ------------------------------------------------------------------------------
#
# Every outcome, whichever source it comes from (entry by hand on the report page, its grid and
# the Excel import; the economy figures; surveys, complaints, Kolada and formulas to come), is
# written by `outcome_write`: it checks the values, the locks and the version, writes the row
# with its provenance and history, and turns a source's new value for a locked period into a
# pending revision for a controller to accept or reject.


_UNREAD = object()  # the lock reads the report itself


def report_lock(unit, period: ReportingPeriod, report=_UNREAD) -> str:
    """Why the unit's report holds the unit's data for the period ("" when it does not): while
    it is submitted (until approved or returned) and once it is approved (until a controller
    reopens it), its outcomes, assessments and texts stay as they were submitted. `report` is
    the unit's report when the caller has read it (None: there is none). Registered as a lock
    of periods (`periods.locks`) in FollowupConfig.ready(), so the report texts obey it too."""
    if report is _UNREAD:
        report = UnitReport.objects.filter(unit=unit, period=period).first()
    if report is None:
        return ""
    names = {"unit": unit, "period": period}
    if report.status == ReportStatus.APPROVED:
        return (
            _(
                "The report of %(unit)s for %(period)s is approved; a controller may reopen it "
                "to change it."
            )
            % names
        )
    if report.status == ReportStatus.SUBMITTED:
        return (
            _(
                "The report of %(unit)s for %(period)s is submitted; it cannot be changed until "
                "it is approved or returned."
            )
            % names
        )
    return ""


def outcome_lock(*, unit, period: ReportingPeriod, report=_UNREAD) -> str:
    """Why the unit's outcomes and assessments for the period cannot be changed now ("" when
    they can): the period is not open, or the unit's report for it (given, or None: there is
    none) is submitted or approved (`report_lock`)."""
    return period_reason(period) or report_lock(unit, period, report)


def _locked_report(unit, period) -> UnitReport | None:
    """The unit's report, read under the write lock so an approval cannot slip in between."""
    return UnitReport.objects.select_for_update().filter(unit=unit, period=period).first()


@transaction.atomic
def outcome_write(
    *,
    indicator,
    unit,
    period: ReportingPeriod,
    value: Decimal | None,
    value_women: Decimal | None = None,
    value_men: Decimal | None = None,
    weight: Decimal | None = None,
    comment: str = "",
    source: str = sources.MANUAL,
    vintage: datetime.date | None = None,
    count: int | None = None,
    by,
    expected_version: int | None = None,
) -> Outcome | OutcomeRevision | None:
    """Write one outcome from a registered source: enter, change or clear it (empty values stay
    empty, never zero), with its provenance (the source, the date of its figure, the answers
    or cases behind it) and history.

    `expected_version` is the version of the stored outcome the writer saw (0: none was
    stored); if the outcome changed since, ConcurrentEditError. None writes over what is stored
    (a source reading its figures). The period must be open and the unit's report neither
    submitted nor approved (`outcome_lock`); otherwise entry by hand is refused and a source
    that is not typed by hand gets a pending OutcomeRevision instead (returned), which a
    controller accepts or rejects: the approver approves what was submitted. Returns the
    outcome, or None when it was cleared or there was nothing to write.
    """
    origin = sources.get(source)
    if not origin.can_fill(indicator):
        raise ValidationError(
            _("%(source)s cannot fill %(indicator)s.")
            % {"source": origin.label, "indicator": indicator}
        )
    values = _outcome_values(
        indicator,
        unit,
        period,
        value=value,
        value_women=value_women,
        value_men=value_men,
        weight=weight,
        comment=comment,
    )
    provenance = {"source": source, "vintage": vintage, "count": count}
    report = _locked_report(unit, period)
    existing = (
        Outcome.objects.select_for_update()
        .filter(indicator=indicator, unit=unit, period=period)
        .first()
    )
    compared = values if origin.by_hand else {**values, **provenance}
    if _same(existing, compared):  # nothing to change: not even a lock refuses it
        return existing
    locked = outcome_lock(unit=unit, period=period, report=report)
    if locked:
        if origin.by_hand or period.status == PeriodStatus.PLANNED:
            raise ValidationError(refusal(locked))
        return _revision_propose(
            indicator=indicator,
            unit=unit,
            period=period,
            values=values,
            provenance=provenance,
            by=by,
        )
    if expected_version is not None and _version(existing) != expected_version:
        raise ConcurrentEditError()
    outcome = _outcome_store(
        existing,
        indicator=indicator,
        unit=unit,
        period=period,
        values={**values, **provenance},
        by=by,
    )
    if report is None and outcome is not None:  # work has begun: a draft
        UnitReport.objects.get_or_create(unit=unit, period=period)
    return outcome


@transaction.atomic
def outcomes_save(*, unit, period: ReportingPeriod, rows: list[GridRow], by) -> None:
    """Save the outcome grid of a unit's report: rows keyed by indicator, each with the version
    shown. Every row is checked first; a stale row refuses the whole save (StaleRowsError) and
    unchanged rows are not written (core.services.grid_save). Each changed row is written by
    `outcome_write`, as entry by hand."""
    locked = outcome_lock(unit=unit, period=period, report=_locked_report(unit, period))
    if locked:
        raise ValidationError(refusal(locked))

    def check(row):
        return _outcome_values(row.key, unit, period, **row.values)

    def read(indicators):
        by_pk = {indicator.pk: indicator for indicator in indicators}
        stored = Outcome.objects.select_for_update().filter(
            unit=unit, period=period, indicator__in=list(by_pk)
        )
        return {by_pk[outcome.indicator_id]: outcome for outcome in stored}

    def write(row, existing):
        return outcome_write(
            indicator=row.key,
            unit=unit,
            period=period,
            **row.values,
            by=by,
            expected_version=row.version or 0,
        )

    grid_save(rows, check=check, read=read, write=write)


def _outcome_values(
    indicator,
    unit,
    period,
    *,
    value: Decimal | None,
    value_women: Decimal | None = None,
    value_men: Decimal | None = None,
    weight: Decimal | None = None,
    comment: str = "",
) -> dict:
    """Check one outcome's values and return them as they are stored."""
    if (
        indicator.organisation_id != unit.organisation_id
        or period.organisation_id != unit.organisation_id
    ):
        raise ValidationError(_("The indicator, unit and period must belong to one organisation."))
    if not indicator.by_gender and (value_women is not None or value_men is not None):
        raise ValidationError(
            _("%(indicator)s is not reported for women and men.") % {"indicator": indicator}
        )
    return {
        "value": value,
        "value_women": value_women,
        "value_men": value_men,
        "weight": weight,
        "comment": (comment or "").strip(),
    }


def _empty(values: dict) -> bool:
    return all(values.get(name) in (None, "") for name in OUTCOME_FIELDS)


def _same(stored, values: dict) -> bool:
    """Whether writing `values` would change nothing (empty values where nothing is stored)."""
    if stored is None:
        return _empty(values)
    return all(getattr(stored, name) == new for name, new in values.items())


def _version(stored) -> int:
    return 0 if stored is None else stored.version


def _outcome_store(
    existing: Outcome | None, *, indicator, unit, period, values: dict, by
) -> Outcome | None:
    """Create, change or clear (empty values) one outcome whose stored row is `existing`, read
    under the write lock; a write since then raises ConcurrentEditError. With history."""
    fields = (*OUTCOME_FIELDS, *PROVENANCE_FIELDS)
    before = snapshot(existing, fields) if existing else {}
    entered_by = by if getattr(by, "pk", None) else None
    if _empty(values):
        if existing is not None:
            history_record(
                obj=existing,
                action=HistoryAction.UPDATE,
                actor=by,
                organisation=unit.organisation,
                unit=unit,
                before=before,
                after=dict.fromkeys(fields),
            )
            delete_versioned(existing, expected_version=existing.version)
        return None
    if existing is None:
        outcome = create_versioned(
            Outcome, indicator=indicator, unit=unit, period=period, entered_by=entered_by, **values
        )
        action = HistoryAction.CREATE
    else:
        outcome = existing
        for name, new in values.items():
            setattr(outcome, name, new)
        outcome.entered_by, outcome.entered_at = entered_by, timezone.now()
        save_versioned(
            outcome,
            expected_version=existing.version,
            fields=(*fields, "entered_by", "entered_at"),
        )
        action = HistoryAction.UPDATE
    history_record(
        obj=outcome,
        action=action,
        actor=by,
        organisation=unit.organisation,
        unit=unit,
        before=before,
        after=snapshot(outcome, fields),
    )
    return outcome


# --- pending revisions ---------------------------------------------------------------------


def _revision_propose(*, indicator, unit, period, values: dict, provenance: dict, by):
    """A source's new value for a locked outcome: kept as a pending revision (one per outcome
    and source; a newer value replaces the pending one's). Nothing when it equals the outcome."""
    pending = (
        OutcomeRevision.objects.select_for_update()
        .filter(
            indicator=indicator,
            unit=unit,
            period=period,
            source=provenance["source"],
            status=RevisionStatus.PENDING,
        )
        .first()
    )
    if pending is None:
        current = Outcome.objects.filter(indicator=indicator, unit=unit, period=period).first()
        if _same(current, values):
            return None
        revision = create_versioned(
            OutcomeRevision, indicator=indicator, unit=unit, period=period, **values, **provenance
        )
        history_record(
            obj=revision,
            action=HistoryAction.CREATE,
            actor=by,
            organisation=unit.organisation,
            unit=unit,
            after=snapshot(revision, REVISION_FIELDS),
        )
        return revision
    if _same(pending, {**values, **provenance}):
        return pending
    before = snapshot(pending, REVISION_FIELDS)
    for name, new in {**values, **provenance}.items():
        setattr(pending, name, new)
    pending.created_at = timezone.now()
    save_versioned(
        pending,
        expected_version=pending.version,
        fields=(*OUTCOME_FIELDS, *PROVENANCE_FIELDS, "created_at"),
    )
    history_record(
        obj=pending,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=unit.organisation,
        unit=unit,
        before=before,
        after=snapshot(pending, REVISION_FIELDS),
    )
    return pending


def _revision_decide(revision: OutcomeRevision, status: str, *, expected_version, reason, by):
    if not revision.is_pending:
        raise ValidationError(_("This revision has already been decided."))
    before = snapshot(revision, ("status", "reason"))
    revision.status, revision.reason = status, reason
    revision.decided_by = by if getattr(by, "pk", None) else None
    revision.decided_at = timezone.now()
    save_versioned(
        revision,
        expected_version=expected_version,
        fields=("status", "reason", "decided_by", "decided_at"),
    )
    history_record(
        obj=revision,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=revision.unit.organisation,
        unit=revision.unit,
        before=before,
        after=snapshot(revision, ("status", "reason")),
    )


@transaction.atomic
def revision_accept(
    *,
    revision: OutcomeRevision,
    expected_version: int,
    outcome_version: int | None = None,
    reason: str = "",
    by,
) -> Outcome | None:
    """A controller takes a source's revised value: the outcome changes (with history), though
    its period is closed or its report approved. `outcome_version` is the version of the outcome
    the controller saw beside the revision (0: none); a change since refuses the acceptance."""
    _revision_decide(
        revision,
        RevisionStatus.ACCEPTED,
        expected_version=expected_version,
        reason=(reason or "").strip(),
        by=by,
    )
    unit, period = revision.unit, revision.period
    existing = (
        Outcome.objects.select_for_update()
        .filter(indicator=revision.indicator, unit=unit, period=period)
        .first()
    )
    if outcome_version is not None and _version(existing) != outcome_version:
        raise ConcurrentEditError()
    values = {name: getattr(revision, name) for name in (*OUTCOME_FIELDS, *PROVENANCE_FIELDS)}
    outcome = _outcome_store(
        existing, indicator=revision.indicator, unit=unit, period=period, values=values, by=by
    )
    if outcome is not None:
        UnitReport.objects.get_or_create(unit=unit, period=period)
    return outcome


@transaction.atomic
def revision_reject(*, revision: OutcomeRevision, expected_version: int, reason: str, by) -> None:
    """A controller keeps the outcome as it is; the reason is kept with the revision."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the revised value is not taken.")})
    _revision_decide(
        revision,
        RevisionStatus.REJECTED,
        expected_version=expected_version,
        reason=reason.strip(),
        by=by,
    )


# --- assessments ---------------------------------------------------------------------------


@transaction.atomic
def assessment_record(
    *,
    goal,
    period: ReportingPeriod,
    level: str,
    prognosis: str = "",
    analysis: str = "",
    expected_version: int | None = None,
    by,
) -> Assessment:
    """Record the person's judgement next to Roder's proposal (both are kept). Locked as the
    goal's unit's outcomes are (`outcome_lock`: the period not open, the report submitted or
    approved)."""
    unit = goal.plan.unit
    if locked := outcome_lock(unit=unit, period=period, report=_locked_report(unit, period)):
        raise ValidationError(refusal(locked))
    if period.year != goal.plan.year:
        raise ValidationError(_("The goal belongs to %(year)s.") % {"year": goal.plan.year})
    proposal = propose_for_goal(goal=goal, period=period)
    values = {
        "level": level,
        "proposed_level": proposal.level,
        "proposal_reason": proposal.reason,
        "prognosis": prognosis,
        "analysis": analysis,
    }
    assessment = upsert_with_history(
        Assessment,
        key={"goal": goal, "period": period},
        values=values,
        fields=ASSESSMENT_FIELDS,
        expected_version=expected_version or 0,  # no version: the form showed no assessment
        stamp={"assessed_by": by, "assessed_at": timezone.now()},
        by=by,
        organisation=unit.organisation,
        unit=unit,
    )
    assert assessment is not None  # an assessment always has a level: never cleared
    return assessment


# --- the report workflow -------------------------------------------------------------------


def _report(unit, period) -> UnitReport:
    report, _created = UnitReport.objects.get_or_create(unit=unit, period=period)
    return report


def _report_change(report: UnitReport, status: str, by, *, comment: str = "") -> UnitReport:
    before = snapshot(report, ("status", "comment"))
    report.status, report.comment = status, comment
    now = timezone.now()
    if status == ReportStatus.SUBMITTED:
        report.submitted_by, report.submitted_at = by, now
    else:
        report.decided_by, report.decided_at = by, now
    save_versioned(
        report,
        expected_version=report.version,
        fields=("status", "comment", "submitted_by", "submitted_at", "decided_by", "decided_at"),
    )
    history_record(
        obj=report,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=report.unit.organisation,
        unit=report.unit,
        before=before,
        after=snapshot(report, ("status", "comment")),
    )
    return report


@transaction.atomic
def report_submit(*, unit, period: ReportingPeriod, by) -> UnitReport:
    require_open(period)
    report = _report(unit, period)
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise ValidationError(_("The report has already been submitted."))
    report = _report_change(report, ReportStatus.SUBMITTED, by)
    notices.report_submitted(report, by=by)
    return report


@transaction.atomic
def report_approve(*, report: UnitReport, by) -> UnitReport:
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be approved."))
    report = _report_change(report, ReportStatus.APPROVED, by)
    notices.report_approved(report, by=by)
    return report


@transaction.atomic
def report_return(*, report: UnitReport, comment: str, by) -> UnitReport:
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be returned."))
    if not comment.strip():
        raise ValidationError(
            {"comment": _("Say what needs to change before it is submitted again.")}
        )
    report = _report_change(report, ReportStatus.RETURNED, by, comment=comment.strip())
    notices.report_returned(report, by=by)
    return report


@transaction.atomic
def report_reopen(*, report: UnitReport, reason: str, by) -> UnitReport:
    """A controller reopens an approved report, saying why: it becomes a draft again, so the
    unit may change its outcomes, assessments and texts, and must submit it to be approved
    again. The reason is kept (a ReportReopening, shown on the report) and in the history."""
    report = (
        UnitReport.objects.select_for_update().select_related("unit", "period").get(pk=report.pk)
    )
    if report.status != ReportStatus.APPROVED:
        raise ValidationError(_("Only an approved report can be reopened."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the approved report is reopened.")})
    require_open(report.period)  # a closed period stays locked: open it first
    ReportReopening.objects.create(
        report=report, reopened_by=by if getattr(by, "pk", None) else None, reason=reason
    )
    report = _report_change(report, ReportStatus.DRAFT, by, comment=reason)
    notices.report_reopened(report, by=by)
    return report
