"""Indicators, periods and outcomes for the shared test world."""

import datetime
from decimal import Decimal

from roder.followup import services
from roder.followup.models import PeriodKind
from roder.indicators import services as indicator_services
from roder.planning.testing import YEAR


def make_period(organisation, *, status: str = "open", ends=datetime.date(YEAR, 4, 30), **extra):
    period = services.period_create(
        organisation=organisation,
        year=extra.pop("year", YEAR),
        kind=extra.pop("kind", PeriodKind.TERTIAL),
        name=extra.pop("name", f"Tertial 1 {YEAR}"),
        starts=extra.pop("starts", datetime.date(YEAR, 1, 1)),
        ends=ends,
        deadline=extra.pop("deadline", None),
        by=None,
    )
    if status != "planned":
        services.period_set_status(period=period, status="open", expected_version=1, by=None)
        period.refresh_from_db()
    if status == "closed":
        services.period_set_status(period=period, status="closed", expected_version=2, by=None)
        period.refresh_from_db()
    return period


def make_indicator(owner, name: str = "Andel nöjda kunder", **values):
    defaults = {
        "measure": "percent",
        "direction": "higher",
        "periodicity": "tertial",
        "decimals": 0,
        "aggregation": "mean",
    }
    return indicator_services.indicator_create(
        organisation=owner.organisation, owner=owner, name=name, by=None, **{**defaults, **values}
    )


def follow_up(goal, indicator, *, target=None, yellow=None) -> None:
    """Attach the indicator to the goal and set the goal's unit's yearly target."""
    indicator_services.indicator_attach(goal=goal, indicator=indicator, by=None)
    if target is not None:
        indicator_services.target_set(
            indicator=indicator,
            unit=goal.plan.unit,
            year=goal.plan.year,
            value=Decimal(target),
            yellow_limit=None if yellow is None else Decimal(yellow),
            by=None,
        )


def report(indicator, unit, period, value, **extra):
    return services.outcome_write(
        indicator=indicator,
        unit=unit,
        period=period,
        value=None if value is None else Decimal(value),
        by=None,
        **extra,
    )


def approve(unit, period):
    """Submit and approve the unit's report for the period (it is then locked)."""
    return services.report_approve(
        report=services.report_submit(unit=unit, period=period, by=None), by=None
    )
