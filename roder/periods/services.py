"""Writes of reporting periods: create, install a year's usual periods, open, close, reopen
(with a reason) and set the reports' due date."""

import datetime
from typing import TypedDict

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roder.core.models import HistoryAction
from roder.core.services import history_record, save_versioned, snapshot, update_with_history
from roder.organisation.models import Organisation, Unit
from roder.periods import locks
from roder.periods.models import PeriodKind, PeriodStatus, ReportingPeriod

# Who made a change: a person, or None for the system (imports, the demo).
type Actor = AbstractBaseUser | AnonymousUser | None


class PeriodValues(TypedDict):
    kind: str
    name: str
    starts: datetime.date
    ends: datetime.date
    deadline: datetime.date


PERIOD_FIELDS = ("name", "starts", "ends", "deadline", "status")
# The history field that keeps why a closed period was reopened.
REOPEN_REASON = "reopen_reason"

# Status changes a controller may make; anything else is refused.
PERIOD_TRANSITIONS = {
    PeriodStatus.PLANNED: {PeriodStatus.OPEN},
    PeriodStatus.OPEN: {PeriodStatus.CLOSED},
    PeriodStatus.CLOSED: {PeriodStatus.OPEN},
}


@transaction.atomic
def period_create(
    *,
    organisation: Organisation,
    year: int,
    kind: str,
    name: str,
    starts: datetime.date,
    ends: datetime.date,
    deadline: datetime.date | None = None,
    by: Actor,
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


def default_periods(year: int) -> list[PeriodValues]:
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
def periods_install_year(
    *, organisation: Organisation, year: int, by: Actor
) -> list[ReportingPeriod]:
    if ReportingPeriod.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationError(_("%(year)s already has reporting periods.") % {"year": year})
    return [
        period_create(organisation=organisation, year=year, by=by, **values)
        for values in default_periods(year)
    ]


@transaction.atomic
def period_set_status(
    *,
    period: ReportingPeriod,
    status: str,
    expected_version: int,
    reason: str = "",
    by: Actor,
) -> ReportingPeriod:
    """Open, close or reopen a period. Reopening a closed one needs a reason, which is kept in
    the period's history (`reopenings` reads it back)."""
    if status not in PERIOD_TRANSITIONS[PeriodStatus(period.status)]:
        raise ValidationError(
            _("A period that is %(now)s cannot become %(then)s.")
            % {
                "now": period.get_status_display().lower(),
                "then": PeriodStatus(status).label.lower(),
            }
        )
    reopening = period.status == PeriodStatus.CLOSED and status == PeriodStatus.OPEN
    reason = (reason or "").strip()
    if reopening and not reason:
        raise ValidationError(
            {"reason": _("Say why %(period)s is reopened.") % {"period": period.name}}
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
        after={**snapshot(period, ("status",)), **({REOPEN_REASON: reason} if reopening else {})},
    )
    return period


@transaction.atomic
def period_set_deadline(
    *,
    period: ReportingPeriod,
    deadline: datetime.date | None,
    expected_version: int,
    by: Actor,
) -> ReportingPeriod:
    """The due date of the units' reports for the period (none: no due date)."""
    if deadline is not None and deadline < period.starts:
        raise ValidationError(
            {"deadline": _("The reports cannot be due before the period starts.")}
        )
    return update_with_history(
        period,
        fields=("deadline",),
        values={"deadline": deadline},
        expected_version=expected_version,
        by=by,
        organisation=period.organisation,
    )


def require_open(period: ReportingPeriod) -> None:
    """Refuse a write into a period that is not open (planned or closed)."""
    if reason := locks.period_reason(period):
        raise ValidationError(reason)


def require_writable(unit: Unit, period: ReportingPeriod) -> None:
    """Refuse a unit's write into a period that is not open or that a registered lock holds
    (`periods.locks`: follow-up's, while the unit's report is submitted or approved)."""
    if reason := locks.lock_reason(unit, period):
        raise ValidationError(locks.refusal(reason))
