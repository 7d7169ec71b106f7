"""An indicator's trend at a unit, for the scorecard's sparklines and the indicator page: the
outcomes of the same kind of period in earlier years (Delår 2022–2025 beside Delår 2026; the
year-end where a year has no such period or the indicator is not reported in it) and this
year's periods up to the one shown, each with its target and its year's länssnitt.

Read as tuples (`values_list`), never as model objects: building Outcome objects for every
earlier period was the scorecard's main cost (issue 18). Four queries for any number of
indicators and units; the outcomes are those `Seen` shows (a reader sees no draft figures),
filtered inside the same query."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from roder.followup.models import Outcome
from roder.followup.visibility import Seen
from roder.indicators.models import ComparisonKind, ComparisonValue, Periodicity, Target
from roder.periods.models import PeriodKind, ReportingPeriod

YEARS = 4  # earlier years in a trend

# Which kinds of period an indicator is reported in: a yearly indicator at year-end, a tertial
# one at every tertial, the interim report and year-end, a monthly one always.
DUE: dict[str, set[str]] = {
    Periodicity.MONTH: set(PeriodKind.values),
    Periodicity.TERTIAL: {PeriodKind.TERTIAL, PeriodKind.INTERIM, PeriodKind.YEAR_END},
    Periodicity.YEAR: {PeriodKind.YEAR_END},
}


@dataclass(frozen=True)
class Slot:
    """A period of a trend: (id, name, kind, year, month of its end)."""

    pk: int
    name: str
    kind: str
    year: int
    month: int


@dataclass(frozen=True)
class TrendPoint:
    """One period of a trend: the outcome (None: none reported, or not shown to the person),
    the target that applied (the period's own, else the year's) and the year's länssnitt."""

    label: str
    year: int
    period_id: int
    value: Decimal | None
    target: Decimal | None = None
    target_high: Decimal | None = None
    county: Decimal | None = None
    current: bool = False


def slots_for(periodicity: str, period: ReportingPeriod, periods: list[Slot]) -> list[Slot]:
    """The periods of a trend, oldest first: one per earlier year, the period of the same kind
    ending in the same month as `period` (Delår 2025 beside Delår 2026), else that year's
    year-end (Helår 2025: the demo and many municipalities keep only year-ends for earlier
    years; and a yearly indicator is reported only then); then this year's periods the
    indicator is reported in, up to `period`."""
    due = DUE[Periodicity(periodicity)]
    same_kind = period.kind in due
    earlier: dict[int, Slot] = {}
    for slot in periods:
        if slot.year >= period.year:
            continue
        if same_kind and slot.kind == period.kind and slot.month == period.ends.month:
            earlier[slot.year] = slot  # the same kind wins over the year-end
        elif slot.kind == PeriodKind.YEAR_END:
            earlier.setdefault(slot.year, slot)
    this_year = [slot for slot in periods if slot.year == period.year and slot.kind in due]
    return [earlier[year] for year in sorted(earlier)] + this_year


def trends(
    indicators: dict, unit_ids, period: ReportingPeriod, *, seen: Seen, years: int = YEARS
) -> dict[tuple[int, int], list[TrendPoint]]:
    """{(indicator id, unit id): [TrendPoint]} for every indicator ({id: Indicator}) at every
    unit given. Four queries."""
    periods = [
        Slot(pk, name, kind, year, ends.month)
        for pk, name, kind, year, ends in ReportingPeriod.objects.filter(
            organisation_id=period.organisation_id,
            year__gte=period.year - years,
            ends__lte=period.ends,
        )
        .order_by("ends", "pk")
        .values_list("pk", "name", "kind", "year", "ends")
    ]
    period_ids = [slot.pk for slot in periods]
    unit_ids = list(unit_ids)
    values = {
        (indicator, unit, period_pk): value
        for indicator, unit, period_pk, value in Outcome.objects.filter(
            indicator_id__in=indicators, unit_id__in=unit_ids, period_id__in=period_ids
        )
        .filter(seen.condition())
        .values_list("indicator_id", "unit_id", "period_id", "value")
    }
    targets = _targets(indicators, unit_ids, period, years)
    county = _county(indicators, period, years)
    result = {}
    by_periodicity: dict[str, list[Slot]] = {}
    for indicator_id, indicator in indicators.items():
        periodicity = indicator.periodicity
        if periodicity not in by_periodicity:
            by_periodicity[periodicity] = slots_for(periodicity, period, periods)
        for unit_id in unit_ids:
            result[(indicator_id, unit_id)] = [
                _point(slot, indicator_id, unit_id, values, targets, county, period)
                for slot in by_periodicity[periodicity]
            ]
    return result


def _point(slot: Slot, indicator_id, unit_id, values, targets, county, period) -> TrendPoint:
    target = targets.get((indicator_id, unit_id, slot.year, slot.pk)) or targets.get(
        (indicator_id, unit_id, slot.year, None), (None, None)
    )
    return TrendPoint(
        label=slot.name,
        year=slot.year,
        period_id=slot.pk,
        value=values.get((indicator_id, unit_id, slot.pk)),
        target=target[0],
        target_high=target[1],
        county=county.get((indicator_id, slot.year)),
        current=slot.pk == period.pk,
    )


def _targets(indicator_ids, unit_ids, period, years) -> dict:
    """{(indicator, unit, year, period or None): (target, upper target)}."""
    return {
        (indicator, unit, year, period_pk): (value, high)
        for indicator, unit, year, period_pk, value, high in Target.objects.filter(
            indicator_id__in=indicator_ids,
            unit_id__in=unit_ids,
            year__gte=period.year - years,
            year__lte=period.year,
        )
        .filter(Q(period__isnull=True) | Q(period__ends__lte=period.ends))
        .values_list("indicator_id", "unit_id", "year", "period_id", "value", "value_high")
    }


def _county(indicator_ids, period, years) -> dict:
    """{(indicator, year): länssnitt}: the county average published for each year."""
    return {
        (indicator, year): value
        for indicator, year, value in ComparisonValue.objects.filter(
            indicator_id__in=indicator_ids,
            kind=ComparisonKind.COUNTY,
            year__gte=period.year - years,
            year__lte=period.year,
        ).values_list("indicator_id", "year", "value")
    }
