"""Writes of follow-up: periods, outcomes, assessments and the unit report workflow."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roder.core.models import HistoryAction
from roder.core.services import (
    GridRow,
    create_versioned,
    delete_versioned,
    grid_save,
    history_record,
    save_versioned,
    snapshot,
)
from roder.followup.models import (
    Assessment,
    Outcome,
    PeriodKind,
    PeriodStatus,
    ReportingPeriod,
    ReportStatus,
    UnitReport,
)
from roder.followup.proposal import propose_for_goal

PERIOD_FIELDS = ("name", "starts", "ends", "deadline", "status")
OUTCOME_FIELDS = ("value", "value_women", "value_men", "weight", "comment")
ASSESSMENT_FIELDS = ("level", "proposed_level", "proposal_reason", "prognosis", "analysis")

# Status changes a controller may make; anything else is refused.
PERIOD_TRANSITIONS = {
    PeriodStatus.PLANNED: {PeriodStatus.OPEN},
    PeriodStatus.OPEN: {PeriodStatus.CLOSED},
    PeriodStatus.CLOSED: {PeriodStatus.OPEN},
}


# --- periods -------------------------------------------------------------------------------


@transaction.atomic
def period_create(
    *, organisation, year: int, kind: str, name: str, starts, ends, deadline=None, by
) -> ReportingPeriod:
    if ends < starts:
        raise ValidationError({"ends": _("The period cannot end before it starts.")})
    if starts.year != year and ends.year != year:
        raise ValidationError(
            {"starts": _("The period must lie in the year %(year)s.") % {"year": year}}
        )
    if ReportingPeriod.objects.filter(
        organisation=organisation, year=year, kind=kind, ends=ends
    ).exists():
        raise ValidationError(_("There is already such a period ending on that day."))
    period = ReportingPeriod.objects.create(
        organisation=organisation,
        year=year,
        kind=kind,
        name=name,
        starts=starts,
        ends=ends,
        deadline=deadline,
    )
    history_record(
        obj=period,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=organisation,
        after=snapshot(period, PERIOD_FIELDS),
    )
    return period


def default_periods(year: int) -> list[dict]:
    """Tertial 1 (per 30 April), delår (per 31 August) and year-end, as most municipalities."""
    jan1 = datetime.date(year, 1, 1)
    return [
        {
            "kind": PeriodKind.TERTIAL,
            "name": _("Tertial 1 %(year)s") % {"year": year},
            "starts": jan1,
            "ends": datetime.date(year, 4, 30),
            "deadline": datetime.date(year, 5, 15),
        },
        {
            "kind": PeriodKind.INTERIM,
            "name": _("Interim report %(year)s") % {"year": year},
            "starts": jan1,
            "ends": datetime.date(year, 8, 31),
            "deadline": datetime.date(year, 9, 15),
        },
        {
            "kind": PeriodKind.YEAR_END,
            "name": _("Year-end %(year)s") % {"year": year},
            "starts": jan1,
            "ends": datetime.date(year, 12, 31),
            "deadline": datetime.date(year + 1, 2, 15),
        },
    ]


@transaction.atomic
def periods_install_year(*, organisation, year: int, by) -> list[ReportingPeriod]:
    if ReportingPeriod.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationError(_("%(year)s already has reporting periods.") % {"year": year})
    return [
        period_create(organisation=organisation, year=year, by=by, **values)
        for values in default_periods(year)
    ]


@transaction.atomic
def period_set_status(*, period: ReportingPeriod, status: str, expected_version: int, by):
    if status not in PERIOD_TRANSITIONS[PeriodStatus(period.status)]:
        raise ValidationError(
            _("A period that is %(now)s cannot become %(then)s.")
            % {
                "now": period.get_status_display().lower(),
                "then": PeriodStatus(status).label.lower(),
            }
        )
    before = snapshot(period, ("status",))
    period.status = status
    save_versioned(period, expected_version=expected_version, fields=("status",))
    history_record(
        obj=period,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=period.organisation,
        before=before,
        after=snapshot(period, ("status",)),
    )
    return period


def _require_open(period: ReportingPeriod) -> None:
    if not period.is_open:
        raise ValidationError(
            _("%(period)s is not open for reporting; nothing was saved.") % {"period": period}
        )


# --- outcomes ------------------------------------------------------------------------------


@transaction.atomic
def outcome_record(
    *,
    indicator,
    unit,
    period: ReportingPeriod,
    value: Decimal | None,
    value_women: Decimal | None = None,
    value_men: Decimal | None = None,
    weight: Decimal | None = None,
    comment: str = "",
    by,
) -> Outcome | None:
    """Enter, change or clear one outcome, over whatever is stored (imports and the economy
    figures; the report page saves its grid with versions through `outcomes_save`). Empty values
    stay empty (missing), never zero."""
    _require_open(period)
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
    existing = Outcome.objects.filter(indicator=indicator, unit=unit, period=period).first()
    return _outcome_write(
        existing,
        indicator=indicator,
        unit=unit,
        period=period,
        values=values,
        expected_version=existing.version if existing else None,
        by=by,
    )


@transaction.atomic
def outcomes_save(*, unit, period: ReportingPeriod, rows: list[GridRow], by) -> None:
    """Save the outcome grid of a unit's report: rows keyed by indicator, each with the version
    shown. Every row is checked first; a stale row refuses the whole save (StaleRowsError) and
    unchanged rows are not written (core.services.grid_save)."""
    _require_open(period)

    def check(row):
        return _outcome_values(row.key, unit, period, **row.values)

    def read(indicators):
        by_pk = {indicator.pk: indicator for indicator in indicators}
        stored = Outcome.objects.select_for_update().filter(
            unit=unit, period=period, indicator__in=list(by_pk)
        )
        return {by_pk[outcome.indicator_id]: outcome for outcome in stored}

    def write(row, existing):
        return _outcome_write(
            existing,
            indicator=row.key,
            unit=unit,
            period=period,
            values=row.values,
            expected_version=row.version,
            by=by,
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


def _outcome_write(
    existing: Outcome | None, *, indicator, unit, period, values: dict, expected_version, by
) -> Outcome | None:
    """Create, change or clear (empty values) one outcome whose stored row was `existing` at
    `expected_version`; someone else's write since then raises ConcurrentEditError."""
    empty = all(v in (None, "") for v in values.values())
    if existing is None and empty:
        return None
    before = snapshot(existing, OUTCOME_FIELDS) if existing else {}
    entered_by = by if getattr(by, "pk", None) else None
    if existing is not None and empty:
        history_record(
            obj=existing,
            action=HistoryAction.UPDATE,
            actor=by,
            organisation=unit.organisation,
            unit=unit,
            before=before,
            after=dict.fromkeys(OUTCOME_FIELDS),
        )
        delete_versioned(existing, expected_version=expected_version)
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
        if before == snapshot(outcome, OUTCOME_FIELDS):
            return outcome
        outcome.entered_by, outcome.entered_at = entered_by, timezone.now()
        save_versioned(
            outcome,
            expected_version=expected_version,
            fields=(*OUTCOME_FIELDS, "entered_by", "entered_at"),
        )
        action = HistoryAction.UPDATE
    history_record(
        obj=outcome,
        action=action,
        actor=by,
        organisation=unit.organisation,
        unit=unit,
        before=before,
        after=snapshot(outcome, OUTCOME_FIELDS),
    )
    UnitReport.objects.get_or_create(unit=unit, period=period)  # work has begun: a draft
    return outcome


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
    """Record the person's judgement next to Roder's proposal (both are kept)."""
    _require_open(period)
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
    existing = Assessment.objects.filter(goal=goal, period=period).first()
    unit = goal.plan.unit
    if existing is None:
        assessment = Assessment.objects.create(goal=goal, period=period, assessed_by=by, **values)
        history_record(
            obj=assessment,
            action=HistoryAction.CREATE,
            actor=by,
            organisation=unit.organisation,
            unit=unit,
            after=snapshot(assessment, ASSESSMENT_FIELDS),
        )
        return assessment
    before = snapshot(existing, ASSESSMENT_FIELDS)
    for name, new in values.items():
        setattr(existing, name, new)
    existing.assessed_by, existing.assessed_at = by, timezone.now()
    save_versioned(
        existing,
        expected_version=expected_version or 0,
        fields=(*ASSESSMENT_FIELDS, "assessed_by", "assessed_at"),
    )
    history_record(
        obj=existing,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=unit.organisation,
        unit=unit,
        before=before,
        after=snapshot(existing, ASSESSMENT_FIELDS),
    )
    return existing


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
    _require_open(period)
    report = _report(unit, period)
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise ValidationError(_("The report has already been submitted."))
    return _report_change(report, ReportStatus.SUBMITTED, by)


@transaction.atomic
def report_approve(*, report: UnitReport, by) -> UnitReport:
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be approved."))
    return _report_change(report, ReportStatus.APPROVED, by)


@transaction.atomic
def report_return(*, report: UnitReport, comment: str, by) -> UnitReport:
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be returned."))
    if not comment.strip():
        raise ValidationError(
            {"comment": _("Say what needs to change before it is submitted again.")}
        )
    return _report_change(report, ReportStatus.RETURNED, by, comment=comment.strip())
