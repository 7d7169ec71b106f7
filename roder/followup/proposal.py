"""Indicator rows (target, outcome, light, comparison, trend) for goals in a period, and the
assessment Roder proposes from them. Loaded in bulk: a fixed number of queries for any number
of goals."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from roder.followup.models import Level, Outcome, ReportingPeriod
from roder.indicators.models import ComparisonKind, ComparisonValue, GoalIndicator, Light, Target


@dataclass
class IndicatorRow:
    indicator: object
    unit: object
    target: Target | None = None
    outcome: Outcome | None = None
    comparison: Decimal | None = None
    trend: list[tuple[str, Decimal | None]] = field(default_factory=list)

    @property
    def value(self) -> Decimal | None:
        return self.outcome.value if self.outcome else None

    @property
    def light(self) -> str:
        if self.target is None:
            return Light.NONE
        return self.target.light(self.value)

    @property
    def light_label(self) -> str:
        return Light(self.light).label


@dataclass
class Proposal:
    level: str
    reason: str

    @property
    def label(self) -> str:
        return Level(self.level).label

    green: int = 0
    yellow: int = 0
    red: int = 0
    missing: int = 0


def indicator_rows(goals, period: ReportingPeriod, *, trend_years: int = 4) -> dict[int, list]:
    """{goal id: [IndicatorRow]} for the goals' indicators at each goal's own unit (5 queries)."""
    goals = list(goals)
    links = list(
        GoalIndicator.objects.filter(goal__in=goals)
        .select_related("indicator")
        .order_by("order", "pk")
    )
    if not links:
        return {goal.pk: [] for goal in goals}
    unit_of = {goal.pk: goal.plan.unit for goal in goals}
    indicator_ids = {link.indicator_id for link in links}
    unit_ids = {unit.pk for unit in unit_of.values()}
    targets = {}
    for target in Target.objects.filter(
        indicator_id__in=indicator_ids, unit_id__in=unit_ids, year=period.year
    ).filter(Q(period__isnull=True) | Q(period=period)):
        key = (target.indicator_id, target.unit_id)
        if target.period_id or key not in targets:  # a period's own target wins
            targets[key] = target
    outcomes = {}
    history = defaultdict(list)
    for outcome in (
        Outcome.objects.filter(
            indicator_id__in=indicator_ids,
            unit_id__in=unit_ids,
            period__kind=period.kind,
            period__organisation_id=period.organisation_id,
            period__year__gte=period.year - trend_years,
            period__ends__lte=period.ends,
        )
        .select_related("period")
        .order_by("period__ends")
    ):
        key = (outcome.indicator_id, outcome.unit_id)
        if outcome.period_id == period.pk:
            outcomes[key] = outcome
        history[key].append((outcome.period.name, outcome.value))
    comparisons = {
        c.indicator_id: c.value
        for c in ComparisonValue.objects.filter(
            indicator_id__in=indicator_ids, year=period.year, kind=ComparisonKind.COUNTY
        )
    }
    rows = {goal.pk: [] for goal in goals}
    for link in links:
        unit = unit_of[link.goal_id]
        key = (link.indicator_id, unit.pk)
        target = targets.get(key)
        if target is not None:
            target.indicator = link.indicator  # spare Target.light a query
        rows[link.goal_id].append(
            IndicatorRow(
                indicator=link.indicator,
                unit=unit,
                target=target,
                outcome=outcomes.get(key),
                comparison=comparisons.get(link.indicator_id),
                trend=history.get(key, []),
            )
        )
    return rows


def propose(rows: list[IndicatorRow]) -> Proposal:
    lights = [row.light for row in rows]
    green, yellow, red = (lights.count(x) for x in (Light.GREEN, Light.YELLOW, Light.RED))
    missing = lights.count(Light.NONE)
    assessed = green + yellow + red
    counts = {"green": green, "yellow": yellow, "red": red, "missing": missing}
    if assessed == 0:
        reason = _("No indicator has both a target and an outcome for the period.")
        return Proposal(Level.NOT_ASSESSABLE, reason, **counts)
    if yellow == 0 and red == 0:
        level = Level.FULFILLED
    elif (green == 0 and yellow == 0) or red * 2 > assessed:
        level = Level.NOT_FULFILLED
    else:
        level = Level.PARTLY
    reason = _("%(green)s of %(total)s indicators on target; %(yellow)s yellow, %(red)s red.") % {
        "green": green,
        "total": assessed,
        "yellow": yellow,
        "red": red,
    }
    if missing:
        reason += " " + _("%(missing)s without target or outcome.") % {"missing": missing}
    return Proposal(level, reason, **counts)


def propose_for_goal(*, goal, period: ReportingPeriod) -> Proposal:
    return propose(indicator_rows([goal], period)[goal.pk])
