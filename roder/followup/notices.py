"""What the follow-up tells people (roder/notices): a report submitted, approved or returned,
and reminders of reports due. The kinds are registered in `FollowupConfig.ready()`; the
workflow services call one function each, and `manage.py send_reminders` calls
`send_reminders`."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roder.followup.models import ReportStatus, UnitReport
from roder.notices import kinds, services
from roder.organisation.models import ROLE_RANK, Role, RoleKind, Unit
from roder.periods.models import PeriodStatus, ReportingPeriod
from roder.planning.models import Plan

SUBMITTED = kinds.Kind(
    "report_submitted",
    gettext_lazy("A report was submitted"),
    gettext_lazy("A unit whose reports you approve submitted its report."),
)
APPROVED = kinds.Kind(
    "report_approved",
    gettext_lazy("A report was approved"),
    gettext_lazy("The report of a unit where you report was approved."),
)
RETURNED = kinds.Kind(
    "report_returned",
    gettext_lazy("A report was returned"),
    gettext_lazy("The report of a unit where you report was returned with a comment."),
)
REOPENED = kinds.Kind(
    "report_reopened",
    gettext_lazy("An approved report was reopened"),
    gettext_lazy("The approved report of a unit where you report was reopened, to be changed."),
)
REMINDER = kinds.Kind(
    "report_reminder",
    gettext_lazy("A report is due"),
    gettext_lazy("Reminders before and after the due date of a report not yet submitted."),
)
KINDS = (SUBMITTED, APPROVED, RETURNED, REOPENED, REMINDER)

# The roles that write a unit's report: held on the unit itself (reporters and unit managers).
REPORTING = (RoleKind.REPORTER, RoleKind.UNIT_MANAGER)
APPROVING = [kind for kind, rank in ROLE_RANK.items() if rank >= ROLE_RANK[RoleKind.CONTROLLER]]


def approvers(unit: Unit) -> list:
    """The people who approve the unit's reports: controllers and administrators on the unit
    or any unit above it."""
    roles = Role.objects.filter(
        unit_id__in=[*unit.ancestor_ids, unit.pk], kind__in=APPROVING
    ).select_related("person")
    return list({role.person for role in roles})


def reporters(units: list[Unit]) -> dict[int, list]:
    """Unit id → the people who report for it: reporters and unit managers on the unit itself."""
    people: dict[int, list] = {unit.pk: [] for unit in units}
    roles = Role.objects.filter(unit__in=units, kind__in=REPORTING).select_related("person")
    for role in roles.order_by("person_id"):
        if role.person not in people[role.unit_id]:
            people[role.unit_id].append(role.person)
    return people


def _url(report: UnitReport) -> str:
    return reverse(
        "followup:unit_report",
        kwargs={
            "org": report.unit.organisation.slug,
            "unit_pk": report.unit_id,
            "period_pk": report.period_id,
        },
    )


def _tell(kind: kinds.Kind, report: UnitReport, people, by, subject: str, text: str) -> None:
    services.notify(
        kind=kind.key,
        recipients=[person for person in people if person != by],
        subject=subject,
        text=text,
        url=_url(report),
        # One notice per change of the report: its version moves on with every one.
        key=f"{kind.key}:{report.pk}:{report.version}",
        organisation=report.unit.organisation,
    )


def _by(by) -> str:
    return " " + _("By %(person)s.") % {"person": by} if by is not None else ""


def report_submitted(report: UnitReport, *, by) -> None:
    """Tell the unit's approvers that its report waits for them."""
    with services.language():
        names = {"unit": report.unit.name, "period": report.period.name}
        subject = _("%(unit)s submitted the report for %(period)s") % names
        text = _("The report of %(unit)s for %(period)s waits for approval.") % names + _by(by)
    _tell(SUBMITTED, report, approvers(report.unit), by, subject, text)


def report_approved(report: UnitReport, *, by) -> None:
    """Tell the unit's reporters and unit managers that the report was approved."""
    with services.language():
        names = {"unit": report.unit.name, "period": report.period.name}
        subject = _("The report of %(unit)s for %(period)s was approved") % names
        text = subject + "." + _by(by)
    _tell(APPROVED, report, reporters([report.unit])[report.unit_id], by, subject, text)


def report_returned(report: UnitReport, *, by) -> None:
    """Tell the unit's reporters and unit managers that the report came back, and why."""
    with services.language():
        names = {"unit": report.unit.name, "period": report.period.name}
        subject = _("The report of %(unit)s for %(period)s was returned") % names
        text = (
            subject
            + "."
            + _by(by)
            + "\n"
            + _("What needs to change: %(comment)s") % {"comment": report.comment}
        )
    _tell(RETURNED, report, reporters([report.unit])[report.unit_id], by, subject, text)


def report_reopened(report: UnitReport, *, by) -> None:
    """Tell the unit's reporters and unit managers that the approved report is a draft again
    (the reason is its comment), to be submitted and approved again."""
    with services.language():
        names = {"unit": report.unit.name, "period": report.period.name}
        subject = _("The approved report of %(unit)s for %(period)s was reopened") % names
        text = subject + "." + _by(by) + "\n" + _("Why: %(reason)s") % {"reason": report.comment}
    _tell(REOPENED, report, reporters([report.unit])[report.unit_id], by, subject, text)


# --- reminders ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One reminder of a period's due date: its name (part of the notice's key) and day."""

    name: str
    day: datetime.date


def reminder_step(deadline: datetime.date, today: datetime.date) -> Step | None:
    """The reminder due on `today`: RODER_REMINDER_DAYS_BEFORE days before the due date until
    the day itself, then the day after it, and a week after it and every week after that while
    the period is open. Only the latest step whose day has come is sent: a run missed by cron
    does not send yesterday's reminder as well."""
    before = deadline - datetime.timedelta(days=settings.RODER_REMINDER_DAYS_BEFORE)
    if today < before:
        return None
    if today <= deadline:
        return Step("before", before)
    late = (today - deadline).days
    if late < 7:
        return Step("after-1", deadline + datetime.timedelta(days=1))
    weeks = late // 7
    return Step(f"after-{7 * weeks}", deadline + datetime.timedelta(days=7 * weeks))


def send_reminders(*, today: datetime.date) -> int:
    """Remind the reporters and unit managers of every unit with a plan for the year whose
    report for an open period with a due date is not submitted (none, draft or returned).
    Idempotent: a person is reminded once per unit, period and step. Returns the number of
    notifications made."""
    made = 0
    periods = ReportingPeriod.objects.filter(status=PeriodStatus.OPEN, deadline__isnull=False)
    for period in periods.select_related("organisation"):
        assert period.deadline is not None  # filtered
        step = reminder_step(period.deadline, today)
        if step is not None:
            made += _remind(period, step)
    return made


def _remind(period: ReportingPeriod, step: Step) -> int:
    done = UnitReport.objects.filter(period=period).filter(
        Q(status=ReportStatus.SUBMITTED) | Q(status=ReportStatus.APPROVED)
    )
    units = list(
        Unit.objects.filter(
            organisation_id=period.organisation_id,
            pk__in=Plan.objects.filter(year=period.year).values("unit_id"),
        )
        .exclude(pk__in=done.values("unit_id"))
        .select_related("organisation")
    )
    people = reporters(units)
    made = 0
    for unit in units:
        made += len(_remind_unit(unit, period, step, people[unit.pk]))
    return made


def _remind_unit(unit: Unit, period: ReportingPeriod, step: Step, people: list) -> list:
    assert period.deadline is not None
    with services.language():
        names = {"unit": unit.name, "period": period.name, "day": period.deadline.isoformat()}
        if step.name == "before":
            subject = _("The report of %(unit)s for %(period)s is due on %(day)s") % names
            text = _("Submit the report of %(unit)s for %(period)s by %(day)s.") % names
        else:
            subject = _("The report of %(unit)s for %(period)s was due on %(day)s") % names
            text = (
                _(
                    "The report of %(unit)s for %(period)s was due on %(day)s and is not yet "
                    "submitted."
                )
                % names
            )
    return services.notify(
        kind=REMINDER.key,
        recipients=people,
        subject=subject,
        text=text,
        url=reverse(
            "followup:unit_report",
            kwargs={"org": unit.organisation.slug, "unit_pk": unit.pk, "period_pk": period.pk},
        ),
        key=f"{REMINDER.key}:{unit.pk}:{period.pk}:{step.name}",
        organisation=unit.organisation,
    )
