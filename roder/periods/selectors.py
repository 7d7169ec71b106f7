"""Reads of reporting periods."""

from django.db.models import QuerySet

from roder.organisation.models import Organisation
from roder.periods.models import PeriodStatus, ReportingPeriod


def periods_of(organisation: Organisation, year: int | None = None) -> QuerySet[ReportingPeriod]:
    periods = ReportingPeriod.objects.filter(organisation=organisation)
    return periods.filter(year=year) if year else periods


def default_period(organisation: Organisation) -> ReportingPeriod | None:
    """The open period ending last, else the last closed one."""
    periods = ReportingPeriod.objects.filter(organisation=organisation).order_by("-ends")
    return (
        periods.filter(status=PeriodStatus.OPEN).first()
        or periods.filter(status=PeriodStatus.CLOSED).first()
    )
