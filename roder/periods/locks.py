"""What locks a unit's writes into a period, asked by apps that cannot know why.

The periods app knows only whether a period is open. A higher app that can lock a unit's
period further registers a check in its AppConfig.ready(): follow-up locks a unit's period while
its report is submitted or approved. A lower app (documents, with the report texts) asks
`lock_reason` or `periods.services.require_writable` and never imports the app that locks.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from roder.organisation.models import Unit
from roder.periods.models import ReportingPeriod

# check(unit, period) -> why the unit may not write into the period now, or "" when it may: a
# sentence that states the lock ("The report of … is approved."), which pages show as it is and
# refusals follow with "Nothing was saved." (`refusal`).
type LockCheck = Callable[[Unit, ReportingPeriod], str]

_checks: list[LockCheck] = []


def register(check: LockCheck) -> None:
    """Add a check; registering the same function twice keeps one."""
    if check not in _checks:
        _checks.append(check)


def period_reason(period: ReportingPeriod) -> str:
    """Why nothing can be written into the period ("" while it is open)."""
    if period.is_open:
        return ""
    return _("%(period)s is not open for reporting.") % {"period": period}


def lock_reason(unit: Unit, period: ReportingPeriod) -> str:
    """Why the unit may not write into the period now: the period is not open, or a registered
    check says so (the first that does); "" when it may."""
    reason = period_reason(period)
    for check in _checks:
        if reason:
            break
        reason = check(unit, period)
    return reason


def refusal(reason: str) -> str:
    """A lock's reason as the message of a refused write."""
    return f"{reason} {_('Nothing was saved.')}"
