"""Reads of reporting periods."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from roder.core.models import HistoryEntry
from roder.organisation.models import Organisation
from roder.periods.models import PeriodStatus, ReportingPeriod
from roder.periods.services import REOPEN_REASON


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


def reopenings(periods: Iterable[ReportingPeriod]) -> dict[int, HistoryEntry]:
    """{period id: the history entry of its latest reopening}, whose changes keep the reason
    (one query, plus the content type Django caches)."""
    ids = [period.pk for period in periods]
    latest: dict[int, HistoryEntry] = {}
    if not ids:
        return latest
    for entry in (
        HistoryEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(ReportingPeriod),
            object_id__in=ids,
            changes__has_key=REOPEN_REASON,
        )
        .select_related("actor")
        .order_by("at", "pk")
    ):
        latest[entry.object_id] = entry
    return latest


def reopen_reason(entry: HistoryEntry) -> str:
    return str(entry.changes[REOPEN_REASON]["after"])
