"""The complaint statistics as an indicator source (`indicators.sources`, key "complaints").

An indicator is filled from the complaints when its source is "complaints" and its source
reference names a measure, optionally of one type: `count` (antal ärenden), `count:complaint`
(antal klagomål), `answered_in_time`, `acknowledged_in_time` (shares in per cent) and
`median_days` (median handling time in working days), e.g. `answered_in_time:complaint`. The
values are read for the cases received in the period, over each unit's branch, with the same
rule as the statistics page: a share or median of fewer cases than the organisation's minimum
is left out (missing, never zero).
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roder.complaints import statistics
from roder.complaints.models import Case, CaseKind, ComplaintSettings
from roder.followup.trends import DUE
from roder.indicators import sources

KEY = "complaints"
MEASURES = {
    "count": _("Number of cases"),
    "acknowledged_in_time": _("Share acknowledged in time (%)"),
    "answered_in_time": _("Share answered in time (%)"),
    "median_days": _("Median handling time (working days)"),
}


def parse(reference: str) -> tuple[str, str | None] | None:
    """(measure, kind or None) of a source reference, or None if it names no measure."""
    measure, _sep, kind = (reference or "count").strip().partition(":")
    if measure not in MEASURES or (kind and kind not in CaseKind.values):
        return None
    return measure, kind or None


def describe(reference: str) -> str:
    """The measure in words: "Share answered in time (%), complaints"."""
    parsed = parse(reference)
    if parsed is None:
        return ""
    measure, kind = parsed
    label = str(MEASURES[measure])
    return f"{label}: {CaseKind(kind).label}" if kind else label


def can_fill(indicator: Any) -> bool:
    return indicator.source == KEY and parse(indicator.source_reference) is not None


def _value(measure: str, figures: statistics.Figures) -> tuple[Decimal | None, int]:
    if measure == "count":
        return Decimal(figures.cases), figures.cases
    if measure == "acknowledged_in_time":
        return figures.acknowledged_share, figures.cases
    if measure == "answered_in_time":
        return figures.answered_share, figures.cases
    return figures.median_days, figures.cases


def read(
    *, indicators: Iterable[Any], units: Iterable[Any], period: Any, **_options: Any
) -> list[sources.SourceValue]:
    """The measure of each indicator for each unit's branch and the cases received in the
    period (three queries: the first case's day, the organisation's minimum and the grouped
    cases). Nothing is read for a period that ends before the organisation's first case."""
    units = list(units)
    indicators = list(indicators)
    if not units or not indicators:
        return []
    organisation = period.organisation
    first = Case.objects.filter(organisation=organisation).aggregate(first=Min("received_on"))
    if first["first"] is None or first["first"] > period.ends:
        return []  # before the organisation's first case: no statistics, not zero
    found = ComplaintSettings.objects.filter(organisation=organisation).first()
    minimum = found.statistics_minimum if found else 5
    cases = statistics.cells(
        Case.objects.filter(
            organisation=organisation,
            received_on__gte=period.starts,
            received_on__lte=period.ends,
        )
    )
    vintage = min(timezone.localdate(), period.ends)
    values = []
    for indicator in indicators:
        parsed = parse(indicator.source_reference)
        if parsed is None:
            continue
        measure, kind = parsed
        wanted = [cell for cell in cases if kind is None or cell["kind"] == kind]
        tallies = statistics.roll_up(wanted, units)
        for unit in units:
            figures = statistics.figures(tallies[unit.pk], minimum)
            value, count = _value(measure, figures)
            if value is None:
                continue
            values.append(
                sources.SourceValue(
                    indicator=indicator,
                    unit=unit,
                    value=value.quantize(Decimal("0.1")) if measure != "count" else value,
                    vintage=vintage,
                    count=count,
                    comment=str(
                        _("From the complaint statistics: %(measure)s, %(period)s.")
                        % {"measure": describe(indicator.source_reference), "period": period}
                    ),
                )
            )
    return values


SOURCE = sources.IndicatorSource(
    key=KEY, label=_("Complaint statistics"), can_fill=can_fill, read=read
)


def due_periods(indicator: Any, periods: Iterable[Any], today: datetime.date) -> list[Any]:
    """The periods an indicator of its periodicity is reported for that have begun."""
    kinds = DUE.get(indicator.periodicity, set())
    return [p for p in periods if p.kind in kinds and p.starts <= today]
