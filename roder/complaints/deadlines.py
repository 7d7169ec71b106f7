"""A case's deadlines, in words: when it must be acknowledged and answered, and how late it
is, counted in Swedish working days (workdays.py)."""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from roder.complaints.models import Case, ComplaintSettings
from roder.complaints.workdays import add_working_days, working_days_between


def deadlines_for(
    settings: ComplaintSettings | None, received_on: datetime.date, kind: str | None = None
) -> tuple[datetime.date, datetime.date]:
    """(acknowledge by, answer by) for a case of the type received on `received_on`: the
    type's own working days where the settings give them, else the organisation's."""
    acknowledge, answer = settings.days_for(kind) if settings is not None else (2, 10)
    return add_working_days(received_on, acknowledge), add_working_days(received_on, answer)


@dataclass(frozen=True)
class Deadline:
    """One deadline of a case as a person reads it: `text` in words, `late` when it has
    passed without the step being done."""

    text: str
    late: bool


def _days(count: int) -> str:
    return ngettext("%(days)s working day", "%(days)s working days", count) % {"days": count}


def _state(due: datetime.date, done: datetime.date | None, today: datetime.date) -> Deadline:
    if done is not None:
        taken = working_days_between(due, done)
        if taken > 0:
            return Deadline(
                _("Done %(day)s, %(late)s late")
                % {"day": f"{done:%Y-%m-%d}", "late": _days(taken)},
                late=False,
            )
        return Deadline(_("Done %(day)s, in time") % {"day": f"{done:%Y-%m-%d}"}, late=False)
    left = working_days_between(today, due)
    if left > 0:
        return Deadline(
            _("By %(day)s, in %(left)s") % {"day": f"{due:%Y-%m-%d}", "left": _days(left)},
            late=False,
        )
    if due == today:
        return Deadline(_("By %(day)s, today") % {"day": f"{due:%Y-%m-%d}"}, late=False)
    if left == 0:  # a day off after the last day
        return Deadline(_("Overdue: was due %(day)s") % {"day": f"{due:%Y-%m-%d}"}, late=True)
    return Deadline(
        _("Overdue: was due %(day)s, %(late)s ago")
        % {"day": f"{due:%Y-%m-%d}", "late": _days(-left)},
        late=True,
    )


def acknowledgement(case: Case, today: datetime.date) -> Deadline:
    done = case.acknowledged_on or case.answered_on
    if done is None and not case.is_open:
        return Deadline(_("Closed without acknowledgement"), late=False)
    return _state(case.acknowledge_by, done, today)


def answer(case: Case, today: datetime.date) -> Deadline:
    if case.answered_on is None and not case.is_open:
        return Deadline(_("Closed without an answer"), late=False)
    return _state(case.answer_by, case.answered_on, today)


def is_overdue(case: Case, today: datetime.date) -> bool:
    """Overdue: a deadline has passed and its step is not done."""
    return acknowledgement(case, today).late or answer(case, today).late


def _day_in_words(day: datetime.date) -> str:
    """'fredag 4 december 2026' in the active language."""
    return date_format(day, "l j F Y")


def promises(case: Case) -> list[str]:
    """What the submitter is promised, in words: when the case is acknowledged and answered,
    or that an anonymous case, or one without contact details, cannot be answered."""
    # Counted from the stored deadlines, which a later change of the settings does not move.
    acknowledge = working_days_between(case.received_on, case.acknowledge_by)
    answer = working_days_between(case.received_on, case.answer_by)
    said = [
        _("We confirm that we have started on your case by %(day)s (within %(days)s).")
        % {"day": _day_in_words(case.acknowledge_by), "days": _days(acknowledge)}
    ]
    if case.anonymous:
        said.append(_("You chose to be anonymous, so we cannot answer you."))
    elif not (case.submitter_email or case.submitter_phone):
        said.append(_("You left no e-mail address or phone number, so we cannot answer you."))
    else:
        said.append(
            _("You will have our answer by %(day)s (within %(days)s).")
            % {"day": _day_in_words(case.answer_by), "days": _days(answer)}
        )
    return said
