"""Reads of reporting periods."""

from roder.periods.models import PeriodStatus, ReportingPeriod


def periods_of(organisation, year: int | None = None):
    periods = ReportingPeriod.objects.filter(organisation=organisation)
    return periods.filter(year=year) if year else periods


def default_period(organisation) -> ReportingPeriod | None:
    """The open period ending last, else the last closed one."""
    periods = ReportingPeriod.objects.filter(organisation=organisation).order_by("-ends")
    return (
        periods.filter(status=PeriodStatus.OPEN).first()
        or periods.filter(status=PeriodStatus.CLOSED).first()
    )
