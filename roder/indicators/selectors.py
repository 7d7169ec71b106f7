"""Reads of indicators for one goal (fixed number of queries)."""

from dataclasses import dataclass

from roder.indicators.models import GoalIndicator, Indicator, Target


@dataclass
class GoalIndicatorRow:
    link: GoalIndicator
    year_target: Target | None
    period_targets: int


def goal_indicator_targets(goal) -> list[GoalIndicatorRow]:
    """The goal's indicators with its unit's target for the plan's year (two queries)."""
    links = list(goal.indicator_links.select_related("indicator"))
    targets = Target.objects.filter(
        indicator_id__in=[link.indicator_id for link in links],
        unit_id=goal.plan.unit_id,
        year=goal.plan.year,
    )
    yearly: dict[int, Target] = {}
    per_period: dict[int, int] = {}  # indicator id -> number of period targets
    for target in targets:
        if target.period_id is None:
            yearly[target.indicator_id] = target
        else:
            per_period[target.indicator_id] = per_period.get(target.indicator_id, 0) + 1
    return [
        GoalIndicatorRow(link, yearly.get(link.indicator_id), per_period.get(link.indicator_id, 0))
        for link in links
    ]


def attachable_indicators(goal):
    return Indicator.objects.filter(
        organisation_id=goal.plan.unit.organisation_id, is_active=True
    ).exclude(goal_links__goal=goal)


def latest_comparisons(indicator_ids, year: int, *, before: bool = False) -> dict[int, list]:
    """{indicator id: [ComparisonValue]}: the latest länssnitt, riket, similar municipalities and
    each peer up to the year (before it when `before`: a plan compares with what was published),
    in that order. Comparison values are published a year late, so each keeps its own year.
    One query for any number of indicators."""
    from roder.indicators.models import COMPARISON_ORDER, ComparisonValue

    years = {"year__lt" if before else "year__lte": year}
    latest: dict[int, dict[tuple[str, str], ComparisonValue]] = {}
    for comparison in (
        ComparisonValue.objects.filter(indicator_id__in=list(indicator_ids), **years)
        .select_related("indicator")
        .order_by("year")
    ):
        latest.setdefault(comparison.indicator_id, {})[comparison.kind, comparison.label] = (
            comparison
        )
    order = {kind: i for i, kind in enumerate(COMPARISON_ORDER)}
    return {
        pk: sorted(found.values(), key=lambda c: (order.get(c.kind, 99), c.label))
        for pk, found in latest.items()
    }
