"""Indicators and outcomes for the shared test world (periods: periods.testing)."""

from decimal import Decimal

from roder.followup import services
from roder.indicators import services as indicator_services


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
