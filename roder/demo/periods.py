"""Reporting periods as the demo builders need them: opened to record, closed afterwards."""

from roder.periods import services as periods
from roder.periods.models import PeriodStatus, ReportingPeriod

# Reopening a closed period needs a reason; the builders reopen one to add what it lacks.
REOPEN_REASON = (
    "Underlag som kom in efter stängningen läggs in (ekonomi, intern kontroll, enkäter)."
)


def set_status(period: ReportingPeriod, status: str) -> None:
    """Move the period to `status` through the service (history, version check); no-op when it
    is there already."""
    period.refresh_from_db()
    if period.status != status:
        periods.period_set_status(
            period=period,
            status=status,
            expected_version=period.version,
            reason=REOPEN_REASON if period.status == PeriodStatus.CLOSED else "",
            by=None,
        )
        period.refresh_from_db()
