"""Writes to complaint cases: registration with its diary number, assignment, status, notes,
answers; the organisation's settings and services. Transactional, validated, with history on
the case's unit. History records the handling (status, unit, handler, secrecy), never the
submitter's personal data or the texts."""

import calendar
import datetime
import logging
from typing import Any

from django.conf import settings as django_settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from roder.complaints import attachments as attached
from roder.complaints import source
from roder.complaints.deadlines import deadlines_for, promises
from roder.complaints.models import (
    UNANSWERED,
    AnswerChannel,
    Attachment,
    Case,
    CaseAnswer,
    CaseKind,
    CaseNote,
    CaseOpening,
    CaseQuerySet,
    CaseStatus,
    Channel,
    ComplaintSettings,
    ContactKind,
    CustomerContact,
    NumberSeries,
    RemovalLog,
    RemovalReason,
    Service,
)
from roder.complaints.workdays import working_days_between
from roder.core.models import HistoryAction
from roder.core.services import (
    create_with_history,
    history_record,
    save_versioned,
    snapshot,
    update_with_history,
)
from roder.followup import services as followup_services
from roder.followup.models import Outcome
from roder.indicators import sources
from roder.organisation.access import grants_for
from roder.organisation.models import Organisation, RoleKind, Unit
from roder.periods.models import PeriodStatus, ReportingPeriod

CASE_FIELDS = ("diary_number", "kind", "channel", "service", "unit", "handler", "status")
KINDS = ("complaint", "suggestion", "praise", "question")
SETTINGS_FIELDS = (
    "form_title",
    "form_open",
    "receiving_unit",
    "number_pattern",
    "acknowledge_days",
    "answer_days",
    *(f"{step}_days_{kind}" for kind in KINDS for step in ("acknowledge", "answer")),
    "data_controller",
    "data_contact",
    "retention_months",
    "retention_complaint",
    "retention_suggestion",
    "retention_praise",
    "retention_question",
    "statistics_minimum",
)
SERVICE_FIELDS = ("name", "unit", "active", "order")
DESCRIPTION_MAX = 10_000
RECEIPT_SALT = "roder.complaints.receipt"
# How long the receipt's link shows the receipt (the number is also in the receipt mail).
RECEIPT_DAYS = 30

logger = logging.getLogger(__name__)


# --- settings and services -----------------------------------------------------------------


def settings_of(organisation: Organisation) -> ComplaintSettings:
    """The organisation's settings, or (not stored) the defaults."""
    found = ComplaintSettings.objects.filter(organisation=organisation).first()
    return found or ComplaintSettings(organisation=organisation)


def _check_settings(organisation: Organisation, values: dict[str, Any]) -> None:
    pattern = values["number_pattern"] or ""
    if "{number}" not in pattern or "{year}" not in pattern:
        raise ValidationError(
            {
                "number_pattern": _(
                    "The pattern must hold both {year} and {number}, e.g. KS {year}/{number}."
                )
            }
        )
    unit = values["receiving_unit"]
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValidationError({"receiving_unit": _("The unit belongs to another organisation.")})
    for kind in ("complaint", "suggestion", "praise", "question"):
        months = values[f"retention_{kind}"]
        if months is not None and not 1 <= months <= 240:
            raise ValidationError(
                {f"retention_{kind}": _("Give between 1 and 240 months, or leave it empty.")}
            )
    if not values["statistics_minimum"] or values["statistics_minimum"] < 1:
        raise ValidationError(
            {"statistics_minimum": _("At least one case must stand behind a figure.")}
        )
    if values["answer_days"] < values["acknowledge_days"]:
        raise ValidationError(
            {"answer_days": _("The answer cannot be due before the acknowledgement.")}
        )
    for kind in KINDS:
        acknowledge = values.get(f"acknowledge_days_{kind}")
        answer = values.get(f"answer_days_{kind}")
        acknowledge = values["acknowledge_days"] if acknowledge is None else acknowledge
        answer = values["answer_days"] if answer is None else answer
        if answer < acknowledge:
            raise ValidationError(
                {f"answer_days_{kind}": _("The answer cannot be due before the acknowledgement.")}
            )


@transaction.atomic
def settings_save(
    *, organisation: Organisation, expected_version: int, by: Any, **values: Any
) -> ComplaintSettings:
    current = settings_of(organisation)
    merged = {name: values.get(name, getattr(current, name)) for name in SETTINGS_FIELDS}
    merged["form_title"] = (merged["form_title"] or "").strip()
    _check_settings(organisation, merged)
    if current.pk is None:
        return create_with_history(
            ComplaintSettings,
            values={"organisation": organisation, **merged},
            fields=SETTINGS_FIELDS,
            by=by,
            organisation=organisation,
        )
    return update_with_history(
        current,
        fields=SETTINGS_FIELDS,
        values=merged,
        expected_version=expected_version,
        by=by,
        organisation=organisation,
    )


def _check_service(organisation: Organisation, values: dict[str, Any], pk: int | None) -> None:
    if not values["name"]:
        raise ValidationError({"name": _("Give the service its public name.")})
    if values["unit"].organisation_id != organisation.pk:
        raise ValidationError({"unit": _("The unit belongs to another organisation.")})
    taken = Service.objects.filter(organisation=organisation, name__iexact=values["name"])
    if pk is not None:
        taken = taken.exclude(pk=pk)
    if taken.exists():
        raise ValidationError({"name": _("The organisation already has a service of that name.")})


@transaction.atomic
def service_create(
    *,
    organisation: Organisation,
    name: str,
    unit: Unit,
    by: Any,
    active: bool = True,
    order: int = 0,
) -> Service:
    values = {"name": name.strip(), "unit": unit, "active": active, "order": order}
    _check_service(organisation, values, None)
    return create_with_history(
        Service,
        values={"organisation": organisation, **values},
        fields=SERVICE_FIELDS,
        by=by,
        organisation=organisation,
    )


@transaction.atomic
def service_update(*, service: Service, expected_version: int, by: Any, **values: Any) -> Service:
    merged = {name: values.get(name, getattr(service, name)) for name in SERVICE_FIELDS}
    merged["name"] = (merged["name"] or "").strip()
    _check_service(service.organisation, merged, service.pk)
    return update_with_history(
        service,
        fields=SERVICE_FIELDS,
        values=merged,
        expected_version=expected_version,
        by=by,
        organisation=service.organisation,
    )


# --- registration --------------------------------------------------------------------------


def next_number(organisation: Organisation, year: int) -> int:
    """The year's next number, taken in the caller's transaction: the series' row is created
    if missing (a conflicting insert is ignored) and then locked, so parallel callers wait for
    each other; a rolled back case gives its number back."""
    NumberSeries.objects.bulk_create(
        [NumberSeries(organisation=organisation, year=year)], ignore_conflicts=True
    )
    series = NumberSeries.objects.select_for_update().get(organisation=organisation, year=year)
    series.last += 1
    NumberSeries.objects.filter(pk=series.pk).update(last=series.last)
    return series.last


def _receiving_unit(organisation: Organisation, settings: ComplaintSettings) -> Unit:
    if settings.receiving_unit_id is not None:
        assert settings.receiving_unit is not None
        return settings.receiving_unit
    return Unit.objects.get(organisation=organisation, parent=None)


@transaction.atomic
def case_register(
    *,
    organisation: Organisation,
    kind: str,
    description: str,
    by: Any,
    channel: str = Channel.WEB,
    service: Service | None = None,
    unit: Unit | None = None,
    name: str = "",
    email: str = "",
    phone: str = "",
    anonymous: bool = False,
    received_on: datetime.date | None = None,
) -> Case:
    """Register a case: its number in the year, its unit (given, the service's, or the
    receiving unit) and its deadlines in working days from the day it came in. An anonymous
    case keeps no name or contact details."""
    description = (description or "").strip()
    if kind not in CaseKind.values:
        raise ValidationError({"kind": _("Choose what kind of case it is.")})
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Choose how the case came in.")})
    if not description:
        raise ValidationError({"description": _("Write what the case is about.")})
    if len(description) > DESCRIPTION_MAX:
        raise ValidationError(
            {"description": _("Write at most %(max)s characters.") % {"max": DESCRIPTION_MAX}}
        )
    if service is not None and service.organisation_id != organisation.pk:
        raise ValidationError({"service": _("The service belongs to another organisation.")})
    if unit is not None and unit.organisation_id != organisation.pk:
        raise ValidationError({"unit": _("The unit belongs to another organisation.")})
    name, email, phone = name.strip(), email.strip(), phone.strip()
    if anonymous:
        name = email = phone = ""
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    settings = settings_of(organisation)
    if unit is None:
        unit = service.unit if service is not None else _receiving_unit(organisation, settings)
    received_on = received_on or timezone.localdate()
    acknowledge_by, answer_by = deadlines_for(settings, received_on, kind)
    number = next_number(organisation, received_on.year)
    case = Case.objects.create(
        organisation=organisation,
        year=received_on.year,
        number=number,
        diary_number=settings.diary_number(received_on.year, number),
        kind=kind,
        channel=channel,
        service=service,
        unit=unit,
        description=description,
        anonymous=anonymous,
        submitter_name=name,
        submitter_email=email,
        submitter_phone=phone,
        received_on=received_on,
        acknowledge_by=acknowledge_by,
        answer_by=answer_by,
    )
    history_record(
        obj=case,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=organisation,
        unit=unit,
        after=snapshot(case, CASE_FIELDS),
    )
    return case


# --- the public form -----------------------------------------------------------------------


@transaction.atomic
def case_submit(
    *,
    organisation: Organisation,
    kind: str,
    description: str,
    service: Service | None = None,
    name: str = "",
    email: str = "",
    phone: str = "",
    anonymous: bool = False,
    uploads: list[attached.Upload] | None = None,
) -> Case:
    """A case from the public form, registered like any other (number, unit, deadlines) with
    its attachments checked by content; nothing is saved if anything is refused."""
    settings = settings_of(organisation)
    if settings.pk is None or not settings.form_open:
        raise ValidationError(_("The form is closed: contact the organisation another way."))
    if service is not None and not service.active:
        raise ValidationError({"service": _("Choose one of the services in the list.")})
    checked = attached.check(uploads or [])
    case = case_register(
        organisation=organisation,
        kind=kind,
        description=description,
        by=None,
        channel=Channel.WEB,
        service=service,
        name=name,
        email=email,
        phone=phone,
        anonymous=anonymous,
    )
    Attachment.objects.bulk_create(
        [
            Attachment(
                case=case,
                name=item.name,
                content_type=item.content_type,
                size=len(item.content),
                content=item.content,
            )
            for item in checked
        ]
    )
    return case


def receipt_token(case: Case, *, mailed: bool | None) -> str:
    """The receipt page's key: the case signed (not its number or id in the clear, and not
    guessable), with whether the receipt mail went (None: there was no address)."""
    sent = "" if mailed is None else "1" if mailed else "0"
    return signing.dumps({"c": case.pk, "m": sent}, salt=RECEIPT_SALT)


def receipt_for(token: str, organisation: Organisation) -> tuple[Case, bool | None] | None:
    """The case a receipt token names, if it is valid, recent and the organisation's."""
    try:
        data = signing.loads(
            token, salt=RECEIPT_SALT, max_age=datetime.timedelta(days=RECEIPT_DAYS)
        )
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    case = (
        Case.objects.select_related("service", "organisation")
        .filter(pk=int(data.get("c") or 0), organisation=organisation)
        .first()
    )
    if case is None:
        return None
    sent = data.get("m")
    return case, None if sent == "" else sent == "1"


def _receipt_mail(case: Case) -> EmailMessage:
    settings = settings_of(case.organisation)
    subject = _("We have received your case %(number)s") % {"number": case.diary_number}
    lines = [
        _("Thank you for contacting %(organisation)s.") % {"organisation": case.organisation.name},
        _(
            "Your case has the number %(number)s (%(kind)s). Give the number if you contact "
            "us about it."
        )
        % {"number": case.diary_number, "kind": case.get_kind_display().lower()},
        *promises(case),
        "—",
        _("%(form)s, %(organisation)s. This mail was sent automatically; its replies are not read.")
        % {"form": settings.title, "organisation": case.organisation.name},
    ]
    return EmailMessage(
        subject, "\n\n".join(lines), django_settings.DEFAULT_FROM_EMAIL, [case.submitter_email]
    )


def receipt_send(case: Case) -> bool | None:
    """Send the receipt mail, after the case is saved: a failed mail never loses the case. The
    failure is logged (without the address) and the receipt page says so. None: no address."""
    if not case.submitter_email:
        return None
    try:
        _receipt_mail(case).send()
    except OSError:  # smtplib's errors are OSErrors
        logger.warning("The receipt mail of complaint case %s could not be sent.", case.pk)
        return False
    return True


# --- handling ------------------------------------------------------------------------------


def may_handle(person: Any, unit: Unit) -> bool:
    """A handler holds the reporter role or higher on the unit (or above it)."""
    return grants_for(person, unit.organisation).has_role(unit, RoleKind.REPORTER)


@transaction.atomic
def case_assign(*, case: Case, unit: Unit, handler: Any, expected_version: int, by: Any) -> Case:
    """Give the case to a unit and (optionally) a handler there. The caller checks the person
    may assign the case; the new unit may be any of the organisation's."""
    if unit.organisation_id != case.organisation_id:
        raise ValidationError({"unit": _("The unit belongs to another organisation.")})
    if handler is not None and not may_handle(handler, unit):
        raise ValidationError(
            {
                "handler": _(
                    "%(person)s cannot handle cases of %(unit)s: a handler needs the reporter "
                    "role or higher there."
                )
                % {"person": handler, "unit": unit.name}
            }
        )
    return update_with_history(
        case,
        fields=("unit", "handler"),
        values={"unit": unit, "handler": handler},
        expected_version=expected_version,
        by=by,
        organisation=case.organisation,
        unit=unit,
    )


@transaction.atomic
def case_set_status(
    *,
    case: Case,
    status: str,
    expected_version: int,
    by: Any,
    today: datetime.date | None = None,
) -> Case:
    """Move the case on: registered → acknowledged → under investigation → (answered, by an
    answer) → closed, and reopened. Acknowledging and closing keep their day."""
    if status not in case.next_statuses():
        raise ValidationError(
            {
                "status": _("A case that is %(now)s cannot be made %(next)s.")
                % {
                    "now": case.get_status_display().lower(),
                    "next": str(CaseStatus(status).label).lower()
                    if status in CaseStatus.values
                    else status,
                }
            }
        )
    today = today or timezone.localdate()
    values = {"status": status, "acknowledged_on": case.acknowledged_on, "closed_on": None}
    if status == CaseStatus.ACKNOWLEDGED and case.acknowledged_on is None:
        values["acknowledged_on"] = today
    if status == CaseStatus.CLOSED:
        values["closed_on"] = today
    return update_with_history(
        case,
        fields=("status", "acknowledged_on", "closed_on"),
        values=values,
        expected_version=expected_version,
        by=by,
        organisation=case.organisation,
        unit=case.unit,
    )


@transaction.atomic
def case_set_secret(*, case: Case, secret: bool, expected_version: int, by: Any) -> Case:
    return update_with_history(
        case,
        fields=("secret",),
        values={"secret": bool(secret)},
        expected_version=expected_version,
        by=by,
        organisation=case.organisation,
        unit=case.unit,
    )


@transaction.atomic
def case_add_note(*, case: Case, text: str, by: Any) -> CaseNote:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write something in the note.")})
    # History says a note was written, not what it says.
    return create_with_history(
        CaseNote,
        values={"case": case, "text": text, "written_by": by if getattr(by, "pk", None) else None},
        fields=(),
        by=by,
        organisation=case.organisation,
        unit=case.unit,
    )


def _answer_mail(case: Case, text: str) -> EmailMessage:
    settings = settings_of(case.organisation)
    subject = _("Answer to your case %(number)s") % {"number": case.diary_number}
    body = "\n\n".join(
        [
            text,
            "—",
            _("%(form)s, %(organisation)s. Case %(number)s.")
            % {
                "form": settings.title,
                "organisation": case.organisation.name,
                "number": case.diary_number,
            },
        ]
    )
    return EmailMessage(subject, body, django_settings.DEFAULT_FROM_EMAIL, [case.submitter_email])


@transaction.atomic
def case_answer(
    *,
    case: Case,
    text: str,
    channel: str,
    expected_version: int,
    by: Any,
    today: datetime.date | None = None,
) -> CaseAnswer:
    """Answer the submitter: by e-mail from Roder (sent now; if it cannot be sent nothing is
    saved), or record an answer given by phone or letter. The case becomes answered; its first
    answer's day is the one its deadline is measured against."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the answer.")})
    if channel not in AnswerChannel.values:
        raise ValidationError({"channel": _("Choose how the answer is given.")})
    if case.status not in (*UNANSWERED, CaseStatus.ANSWERED):
        raise ValidationError(_("A closed case is reopened before it is answered again."))
    if channel == AnswerChannel.MAIL and not case.submitter_email:
        raise ValidationError(
            {"channel": _("The case has no e-mail address: record an answer given by phone.")}
        )
    today = today or timezone.localdate()
    sent_to = case.submitter_email if channel == AnswerChannel.MAIL else ""
    answer = CaseAnswer.objects.create(
        case=case,
        text=text,
        channel=channel,
        sent_to=sent_to,
        written_by=by if getattr(by, "pk", None) else None,
        answered_on=today,
    )
    fields = ("status", "answered_on", "handling_days")
    first = case.answered_on or today
    values = {
        "status": CaseStatus.ANSWERED,
        "answered_on": first,
        "handling_days": max(working_days_between(case.received_on, first), 0),
    }
    before = snapshot(case, fields)
    for name, value in values.items():
        setattr(case, name, value)
    save_versioned(case, expected_version=expected_version, fields=fields)
    history_record(
        obj=case,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=case.organisation,
        unit=case.unit,
        before={**before, "answer": None},
        after={**snapshot(case, fields), "answer": answer.get_channel_display()},
    )
    if channel == AnswerChannel.MAIL:
        try:
            _answer_mail(case, text).send()
        except OSError:
            raise ValidationError(
                _("The e-mail could not be sent. Nothing was saved: try again later.")
            ) from None
    return answer


def case_opened(*, case: Case, person: Any) -> None:
    """Log that the person opened the case's page."""
    CaseOpening.objects.create(case=case, person=person if getattr(person, "pk", None) else None)


# --- the statistics as outcomes ------------------------------------------------------------


@transaction.atomic
def indicator_publish(
    *,
    indicator: Any,
    unit: Unit,
    by: Any,
    today: datetime.date | None = None,
    periods: list[ReportingPeriod] | None = None,
) -> dict[str, int]:
    """Write the complaint measure of the indicator (its source reference, `source.MEASURES`)
    as its outcomes for the unit's branch, for each of the organisation's periods of the
    indicator's periodicity that has begun and is open or closed: read by the registered
    source, written by `followup.services.outcome_write` (history; a closed period or an
    approved report gets a pending revision instead). A share or median of too few cases is
    left out. `periods` (the demo's years) replaces the begun periods. Returns
    {"written": outcomes, "pending": revisions, "too_few": periods left out}."""
    if not source.can_fill(indicator):
        raise ValidationError(
            _(
                "%(indicator)s is not filled from the complaint statistics: give it the source "
                "“Complaint statistics” and a measure such as answered_in_time:complaint."
            )
            % {"indicator": indicator}
        )
    if indicator.organisation_id != unit.organisation_id:
        raise ValidationError(_("The indicator and the unit must belong to one organisation."))
    today = today or timezone.localdate()
    if periods is None:
        begun = ReportingPeriod.objects.filter(organisation=unit.organisation).exclude(
            status=PeriodStatus.PLANNED
        )
        periods = source.due_periods(indicator, begun.order_by("starts"), today)
    counts = {"written": 0, "pending": 0, "too_few": 0}
    for period in periods:
        found = sources.get(source.KEY).values(indicators=[indicator], units=[unit], period=period)
        if not found:
            counts["too_few"] += 1
            continue
        (value,) = found
        result = followup_services.outcome_write(
            indicator=indicator,
            unit=unit,
            period=period,
            value=value.value,
            comment=value.comment,
            source=source.KEY,
            vintage=value.vintage,
            count=value.count,
            by=by,
        )
        if isinstance(result, Outcome):
            counts["written"] += 1
        elif result is not None:
            counts["pending"] += 1
    return counts


# --- personal data: the mark, retention, registerutdrag and erasure -------------------------


@transaction.atomic
def case_mark_free_of_personal_data(
    *, case: Case, free: bool, expected_version: int, by: Any
) -> Case:
    """The handler's mark that the case's texts hold no personal data, so that they are kept
    when the retention period ends."""
    return update_with_history(
        case,
        fields=("free_of_personal_data",),
        values={"free_of_personal_data": bool(free)},
        expected_version=expected_version,
        by=by,
        organisation=case.organisation,
        unit=case.unit,
    )


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def _what_is_removed(
    case: Case, attachments: int, answers: list[tuple[str, str]], notes: int
) -> list[str]:
    parts = []
    if case.submitter_name:
        parts.append(_("name"))
    if case.submitter_email:
        parts.append(_("e-mail address"))
    if case.submitter_phone:
        parts.append(_("phone number"))
    if attachments:
        parts.append(
            ngettext("%(count)s attachment", "%(count)s attachments", attachments)
            % {"count": attachments}
        )
    if any(sent_to for _text, sent_to in answers):
        parts.append(_("the addresses the answers were sent to"))
    if not case.free_of_personal_data:
        if case.description:
            parts.append(_("the description"))
        if any(text for text, _sent_to in answers):
            parts.append(_("the answers' texts"))
        if notes:
            parts.append(_("the notes' texts"))
    return parts


@transaction.atomic
def personal_data_remove(*, case: Case, reason: str, by: Any) -> RemovalLog | None:
    """Remove the case's personal data: the submitter's name and contact details, the
    attachments and the addresses answers went to, and the texts (description, answers, notes)
    unless the handler marked them free of personal data. The diary number, type, unit,
    service, dates and deadlines stay, so the statistics do not change. Logged without the
    data; a case with nothing left to remove is only marked. Returns the log entry, or None."""
    answers = list(CaseAnswer.objects.filter(case=case).values_list("text", "sent_to"))
    notes = CaseNote.objects.filter(case=case).exclude(text="")
    attachments = case.attachments.count()
    parts = _what_is_removed(case, attachments, answers, notes.count())
    keep = case.free_of_personal_data
    now = timezone.now()
    Case.objects.filter(pk=case.pk).update(
        submitter_name="",
        submitter_email="",
        submitter_phone="",
        description=case.description if keep else "",
        personal_data_removed_at=now,
        version=F("version") + 1,
    )
    case.attachments.all().delete()
    if keep:
        CaseAnswer.objects.filter(case=case).update(sent_to="")
    else:
        CaseAnswer.objects.filter(case=case).update(sent_to="", text="")
        notes.update(text="")
    if not parts:
        return None
    removed = ", ".join(parts)
    history_record(
        obj=case,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=case.organisation,
        unit=case.unit,
        before={"personal_data": ""},
        after={"personal_data": _("Removed: %(what)s") % {"what": removed}},
    )
    return RemovalLog.objects.create(
        organisation=case.organisation,
        case=case,
        diary_number=case.diary_number,
        reason=reason,
        removed=removed[:300],
        by=by if getattr(by, "pk", None) else None,
        removed_at=now,
    )


def retention_due(organisation: Organisation, today: datetime.date) -> CaseQuerySet:
    """The organisation's closed cases whose retention period has ended and whose personal data
    is still there."""
    settings = settings_of(organisation)
    due = Q(pk__in=[])
    for kind in CaseKind.values:
        cutoff = months_before(today, settings.retention_for(kind))
        due |= Q(kind=kind, closed_on__lte=cutoff)
    return Case.objects.filter(
        due,
        organisation=organisation,
        status=CaseStatus.CLOSED,
        closed_on__isnull=False,
        personal_data_removed_at__isnull=True,
    )


def retention_run(*, today: datetime.date | None = None) -> list[RemovalLog]:
    """Remove the personal data of every organisation's closed cases whose retention period
    (per type, after closing) has ended. Idempotent: a case is handled once."""
    today = today or timezone.localdate()
    logs = []
    for organisation in Organisation.objects.filter(complaint_cases__isnull=False).distinct():
        for case in retention_due(organisation, today).select_related("organisation", "unit"):
            log = personal_data_remove(case=case, reason=RemovalReason.RETENTION, by=None)
            if log is not None:
                logs.append(log)
    return logs


@transaction.atomic
def personal_data_erase(*, cases: list[Case], by: Any) -> list[RemovalLog]:
    """Erase the personal data of the person's cases early, on their request."""
    logs = []
    for case in cases:
        log = personal_data_remove(case=case, reason=RemovalReason.REQUEST, by=by)
        if log is not None:
            logs.append(log)
    return logs


# --- the kundlogg --------------------------------------------------------------------------

CONTACT_FIELDS = ("day", "kind", "note", "count")


@transaction.atomic
def contact_add(
    *, unit: Unit, day: datetime.date, kind: str, note: str = "", count: int = 1, by: Any
) -> CustomerContact:
    """Log a customer contact or meeting of the unit (the kundlogg)."""
    note = (note or "").strip()
    if kind not in ContactKind.values:
        raise ValidationError({"kind": _("Choose the kind of contact.")})
    if not count or count < 1:
        raise ValidationError({"count": _("Count at least one contact.")})
    if count > 10_000:
        raise ValidationError({"count": _("Count at most 10 000 contacts in one row.")})
    if day > timezone.localdate():
        raise ValidationError({"day": _("A contact cannot be logged before it happened.")})
    return create_with_history(
        CustomerContact,
        values={
            "unit": unit,
            "day": day,
            "kind": kind,
            "note": note,
            "count": count,
            "written_by": by if getattr(by, "pk", None) else None,
        },
        fields=CONTACT_FIELDS,
        by=by,
        organisation=unit.organisation,
        unit=unit,
    )


@transaction.atomic
def contact_delete(*, contact: CustomerContact, by: Any) -> None:
    history_record(
        obj=contact,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=contact.unit.organisation,
        unit=contact.unit,
        before=snapshot(contact, CONTACT_FIELDS),
        after=dict.fromkeys(CONTACT_FIELDS),
    )
    contact.delete()
