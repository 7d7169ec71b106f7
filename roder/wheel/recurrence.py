"""Recurrence by RFC 5545 RRULE (python-dateutil's rrule): expanding an event into its days,
checking a rule, and the form's simple builder ("the third Tuesday of each month except July").

Rules count in days: an event's time of day is local (Europe/Stockholm) and the same on every
day it recurs, on both sides of a change to or from summer time."""

import contextlib
import datetime

from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# A rule is expanded at most this far: a daily rule without an end stays bounded.
MAX_DAYS = 3660


def _rule(text: str, first: datetime.date):
    start = datetime.datetime.combine(first, datetime.time())
    return rrulestr(f"RRULE:{text}", dtstart=start, forceset=True)


def check_rrule(text: str) -> str:
    """The rule as stored (upper case, no "RRULE:"); a translated ValidationError if it is not
    one RFC 5545 recurrence rule counting whole days or more."""
    text = text.strip().upper().removeprefix("RRULE:")
    if not text:
        return ""
    parts = dict(part.partition("=")[::2] for part in text.split(";"))
    if parts.get("FREQ") not in {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}:
        raise ValidationError(
            _("The recurrence rule must repeat daily, weekly, monthly or yearly (FREQ=…)."),
            code="rrule",
        )
    if any(key in parts for key in ("BYHOUR", "BYMINUTE", "BYSECOND")):
        raise ValidationError(_("The recurrence rule counts days, not hours."), code="rrule")
    try:
        _rule(text, datetime.date(2026, 1, 1))
    except (ValueError, TypeError) as error:
        raise ValidationError(
            _("The recurrence rule is not a valid RFC 5545 RRULE."), code="rrule"
        ) from error
    return text


def days_of(
    *,
    starts_on: datetime.date,
    rrule: str,
    exceptions: list[datetime.date],
    start: datetime.date,
    end: datetime.date,
) -> list[datetime.date]:
    """The days from `start` to `end` (both included) the event happens on."""
    if not rrule:
        return [starts_on] if start <= starts_on <= end else []
    end = min(end, starts_on + datetime.timedelta(days=MAX_DAYS))
    if end < start:
        return []
    rule = _rule(rrule, starts_on)
    left_out = set(exceptions)
    between = rule.between(
        datetime.datetime.combine(start, datetime.time()),
        datetime.datetime.combine(end, datetime.time()),
        inc=True,
    )
    return [moment.date() for moment in between if moment.date() not in left_out]


def build_rrule(
    *,
    frequency: str,
    interval: int | None = None,
    weekdays: list[str] | None = None,
    ordinal: int | None = None,
    skip_months: list[int] | None = None,
    until: datetime.date | None = None,
) -> str:
    """The RRULE of the form's builder. `frequency` is "", weekly, monthly or yearly; monthly
    with `ordinal` (1–4, or -1 for the last) and one weekday is "the nth weekday"; monthly
    without is the first day's day of the month; `skip_months` (1–12) are left out."""
    if not frequency:
        return ""
    parts = [f"FREQ={frequency.upper()}"]
    if interval and interval > 1:
        parts.append(f"INTERVAL={interval}")
    weekdays = [day for day in (weekdays or []) if day in WEEKDAYS]
    if frequency == "monthly" and ordinal and weekdays:
        parts.append(f"BYDAY={ordinal:+d}{weekdays[0]}")
    elif frequency == "weekly" and weekdays:
        parts.append("BYDAY=" + ",".join(weekdays))
    months = [m for m in range(1, 13) if m not in set(skip_months or [])]
    if skip_months and frequency in {"weekly", "monthly"} and months:
        parts.append("BYMONTH=" + ",".join(str(m) for m in months))
    if until:
        parts.append(f"UNTIL={until:%Y%m%d}")
    return ";".join(parts)


def parse_builder(rrule: str) -> dict:
    """The builder's fields for a stored rule it could have made (else only the text)."""
    parts = dict(part.partition("=")[::2] for part in rrule.split(";")) if rrule else {}
    found: dict = {"frequency": parts.get("FREQ", "").lower()}
    if "INTERVAL" in parts and parts["INTERVAL"].isdigit():
        found["interval"] = int(parts["INTERVAL"])
    days = [day for day in parts.get("BYDAY", "").split(",") if day]
    if len(days) == 1 and len(days[0]) > 2:
        found["ordinal"] = int(days[0][:-2])
        found["weekdays"] = [days[0][-2:]]
    else:
        found["weekdays"] = days
    if "BYMONTH" in parts:
        kept = {int(m) for m in parts["BYMONTH"].split(",") if m.isdigit()}
        found["skip_months"] = [m for m in range(1, 13) if m not in kept]
    if "UNTIL" in parts:
        with contextlib.suppress(ValueError):
            found["until"] = datetime.datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").date()
    return found
