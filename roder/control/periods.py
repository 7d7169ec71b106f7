"""How a control's reporting time (T1, T2, year-end) maps to the organisation's periods.

Plans print "Följs upp i: T1, T2" while periods are configuration (periods.ReportingPeriod),
so the mapping is by kind and order within the plan's year, never by name or date:

- T1 is the year's first period of kind *tertial* (by end date): Tertial 1, per 30 April.
- T2 is the year's second *tertial* period when the organisation has one; otherwise its
  *interim* period (the delårsrapport per 31 August, which is the second tertial in most
  municipalities, Upplands Väsby included).
- Year-end is the year's *year-end* period.

Monthly periods, and any further tertial or interim periods, carry no controls.
"""

from roder.control.models import ReportingTime
from roder.periods.models import PeriodKind, ReportingPeriod


def time_periods(periods) -> dict[str, ReportingPeriod]:
    """{reporting time: period} for one organisation's periods of one year."""
    ordered = sorted(periods, key=lambda p: (p.ends, p.pk))
    tertials = [p for p in ordered if p.kind == PeriodKind.TERTIAL]
    interims = [p for p in ordered if p.kind == PeriodKind.INTERIM]
    year_ends = [p for p in ordered if p.kind == PeriodKind.YEAR_END]
    found: dict[str, ReportingPeriod] = {}
    if tertials:
        found[ReportingTime.T1] = tertials[0]
    second = tertials[1:2] or interims[:1]
    if second:
        found[ReportingTime.T2] = second[0]
    if year_ends:
        found[ReportingTime.YEAR_END] = year_ends[-1]
    return found


def time_of(period: ReportingPeriod, periods) -> str | None:
    """The reporting time `period` stands for among `periods` (its year's), or None."""
    return next((time for time, p in time_periods(periods).items() if p.pk == period.pk), None)


def periods_of_year(organisation, year: int) -> list[ReportingPeriod]:
    return list(ReportingPeriod.objects.filter(organisation=organisation, year=year))
