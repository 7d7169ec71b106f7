"""The comparison page of a Kolada-linked indicator, read in a fixed number of queries:

- the organisation against its peers, its county's average (länssnitt) and riket over the years
  Kolada has, as a chart (`core.charts.series_chart`) with the same figures as a table;
- its rank among the county's municipalities for the latest year the organisation has a value,
  with Kolada's relative colouring: the best quarter, the middle half, the worst quarter — by
  the indicator's direction (higher or lower is better), relative to the others, never a
  judgement against a target;
- unit against unit (Väsbyjämföraren): Roder's own outcomes of the indicator at the units the
  person sees, private providers (units of kind company) among them. Those are Roder's
  figures, never labelled Kolada.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from roder.core import charts
from roder.followup.models import Outcome
from roder.followup.visibility import Seen
from roder.indicators.models import Direction, Indicator
from roder.kolada import values
from roder.kolada.models import Municipality, MunicipalityGroup, Value
from roder.organisation.access import Grants
from roder.organisation.models import UnitKind

LAST_YEARS = 10
UNIT_PERIODS = 5  # the unit table's latest periods


@dataclass(frozen=True)
class Rank:
    """The organisation's place among the county's municipalities in one year."""

    year: int
    rank: int  # 1 is the best
    count: int  # municipalities with a value
    band: str  # "best", "middle", "worst" or "" (too few to split into quarters)
    value: Decimal

    @property
    def light(self) -> str:
        return {"best": "green", "middle": "yellow", "worst": "red"}.get(self.band, "none")

    @property
    def label(self) -> str:
        return {
            "best": _("among the best 25 %"),
            "middle": _("among the middle 50 %"),
            "worst": _("among the worst 25 %"),
        }.get(self.band, "")


def rank_of(own: Decimal, others: list[Decimal], *, higher_is_better: bool, year: int) -> Rank:
    """Rank `own` among `others` (the county's municipalities with a value, own included):
    1 + how many are better; ties share a rank. A quarter is n // 4 municipalities (at least
    four are needed to split them)."""
    better = [v for v in others if (v > own if higher_is_better else v < own)]
    rank = 1 + len(better)
    count = len(others)
    quarter = count // 4
    if quarter == 0:
        band = ""
    elif rank <= quarter:
        band = "best"
    elif rank > count - quarter:
        band = "worst"
    else:
        band = "middle"
    return Rank(year=year, rank=rank, count=count, band=band, value=own)


def comparison(indicator: Indicator, grants: Grants) -> dict[str, Any] | None:
    """Everything the comparison page shows; None when the indicator is not linked. Nine
    queries whatever the number of years, places, units or periods."""
    kpi = values.linked_kpi(indicator)
    if kpi is None:
        return None
    organisation = indicator.organisation
    places = values.places(organisation)
    county = next((p for p in places if p.role == "county"), None)
    group = MunicipalityGroup.objects.filter(pk=county.target).first() if county else None
    members = list(group.members) if group else []
    stored = Value.objects.filter(
        kpi=kpi, gender="T", target__in=[p.target for p in places] + members
    ).only("target", "year", "value", "fetched_on", "publication_date")
    cell: dict[tuple[str, int], Decimal | None] = {}
    fetched_on = publication_date = None
    for value in stored:
        cell[value.target, value.year] = value.value
        fetched_on = max(filter(None, [fetched_on, value.fetched_on]), default=None)
        publication_date = max(
            filter(None, [publication_date, value.publication_date]), default=None
        )
    shown = {p.target for p in places}
    years = sorted(
        {year for (target, year), v in cell.items() if target in shown and v is not None}
    )
    years = years[-LAST_YEARS:]
    series = [(place.title, [cell.get((place.target, year)) for year in years]) for place in places]
    known = {key: value for key, value in cell.items() if value is not None}
    rank = _rank(indicator, known, members)
    chart = None
    if years:
        chart = charts.series_chart(
            title=_("%(indicator)s: %(own)s compared (Source: Kolada)")
            % {"indicator": indicator.name, "own": organisation.name},
            periods=[str(year) for year in years],
            series=series,
            unit_label=indicator.get_measure_display(),
            decimals=indicator.decimals,
        )
    return {
        "kpi": kpi,
        "places": places,
        "years": years,
        "rows": [
            (place, [indicator.format(v) if v is not None else "" for v in row])
            for place, (_title, row) in zip(places, series, strict=True)
        ],
        "chart": chart,
        "county": group,
        "rank": rank,
        "ranking": _ranking(indicator, rank, known, members),
        "fetched_on": fetched_on,
        "publication_date": publication_date,
        "units": unit_table(indicator, grants),
    }


def _rank(
    indicator: Indicator, cell: dict[tuple[str, int], Decimal], members: list[str]
) -> Rank | None:
    code = indicator.organisation.municipality_code
    if indicator.direction == Direction.RANGE or not code or code not in members:
        return None
    years = sorted(year for target, year in cell if target == code)
    for year in reversed(years):
        others = [cell[m, year] for m in members if (m, year) in cell]
        if len(others) >= 2:
            return rank_of(
                cell[code, year],
                others,
                higher_is_better=indicator.direction == Direction.HIGHER,
                year=year,
            )
    return None


def _ranking(
    indicator: Indicator,
    rank: Rank | None,
    cell: dict[tuple[str, int], Decimal],
    members: list[str],
) -> list[dict[str, Any]]:
    """The county's municipalities in the rank's year, best first (one query for the names)."""
    if rank is None:
        return []
    names = dict(Municipality.objects.filter(pk__in=members).values_list("pk", "title"))
    found = [(m, cell[m, rank.year]) for m in members if (m, rank.year) in cell]
    found.sort(key=lambda pair: pair[1], reverse=indicator.direction == Direction.HIGHER)
    own = indicator.organisation.municipality_code
    return [
        {"code": m, "name": names.get(m, m), "value": indicator.format(v), "own": m == own}
        for m, v in found
    ]


def unit_table(indicator: Indicator, grants: Grants) -> dict[str, Any]:
    """Roder's outcomes of the indicator at the units the person sees (their reports as far as
    the person may see them), for the latest periods with any: {"periods", "rows": [(unit,
    [text per period])]}, units in tree order, private providers (kind company) marked. One
    query."""
    outcomes = (
        Seen.for_grants(grants)
        .outcomes(Outcome.objects.filter(indicator=indicator, value__isnull=False))
        .filter(grants.sees("unit"))
        .select_related("unit", "period")
    )
    by_unit: dict[int, Any] = {}
    periods: dict[int, Any] = {}
    cell: dict[tuple[int, int], str] = {}
    for outcome in outcomes:
        by_unit[outcome.unit_id] = outcome.unit
        periods[outcome.period_id] = outcome.period
        cell[outcome.unit_id, outcome.period_id] = indicator.format(outcome.value)
    latest = sorted(periods.values(), key=lambda p: (p.ends, p.pk))[-UNIT_PERIODS:]
    units = sorted(by_unit.values(), key=lambda u: u.path)
    return {
        "periods": latest,
        "rows": [
            {
                "unit": unit,
                "private": unit.kind == UnitKind.COMPANY,
                "cells": [cell.get((unit.pk, p.pk), "") for p in latest],
            }
            for unit in units
            if any((unit.pk, p.pk) in cell for p in latest)
        ],
    }
