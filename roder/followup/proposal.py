"""Indicator rows (target, outcome, light, comparison, trend) for goals in a period, and the
assessment Roder proposes from them. Loaded in bulk: a fixed number of queries for any number
of goals."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from roder.core import minicharts
from roder.followup.models import LEVEL_LIGHT, Level, Outcome
from roder.followup.trends import DUE, TrendPoint, trends
from roder.followup.visibility import Seen, mark_label, status_mark
from roder.indicators import sources
from roder.indicators.models import (
    ComparisonKind,
    ComparisonValue,
    GoalIndicator,
    Indicator,
    Light,
    Periodicity,
    Target,
)
from roder.indicators.selectors import latest_comparisons
from roder.organisation.models import Unit
from roder.periods.models import ReportingPeriod

__all__ = ["DUE", "IndicatorRow", "Proposal", "indicator_rows", "propose", "propose_lights"]


@dataclass
class IndicatorRow:
    indicator: Indicator
    unit: Unit
    due: bool = True
    target: Target | None = None
    outcome: Outcome | None = None
    comparison: Decimal | None = None
    comparison_year: int | None = None
    # Every latest comparison value (länssnitt, riket, similar, peers), each with its year.
    comparisons: list[ComparisonValue] = field(default_factory=list)
    points: list[TrendPoint] = field(default_factory=list)  # the trend, gaps included

    @property
    def value(self) -> Decimal | None:
        return self.outcome.value if self.outcome else None

    @property
    def light(self) -> str:
        if self.target is None:
            return Light.NONE
        return self.target.light(self.value)

    # Values as people read them: the indicator's decimals, Swedish decimal comma.
    @property
    def value_text(self) -> str:
        return self.indicator.format(self.value)

    @property
    def target_text(self) -> str:
        if self.target is None:
            return "–"
        text = self.indicator.format(self.target.value)
        if self.target.value_high is not None:
            text += "–" + self.indicator.format(self.target.value_high)
        return text

    @property
    def comparison_text(self) -> str:
        return self.indicator.format(self.comparison)

    @property
    def comparison_lines(self) -> list[str]:
        """ "Länssnitt 2025: 78 %", "Riket 2025: 80 %", "Göteborg 2025: 75 %"."""
        return [comparison.text for comparison in self.comparisons]

    @property
    def comparison_sources(self) -> str:
        """The sources of the comparison values ("Kolada"), as "Källa: …" names them; a value
        typed without a source names none. Outcomes Roder computed are never among them."""
        names = dict.fromkeys(c.source for c in self.comparisons if c.source)
        return ", ".join(names)

    @property
    def compare_page(self) -> str:
        """The URL name of the page comparing the indicator with others, offered by its
        source (`IndicatorSource.compare`, e.g. Kolada's), or ""."""
        source = next(
            (s for s in sources.registered() if s.key == self.indicator.source and s.compare),
            None,
        )
        return source.compare if source is not None and source.can_fill(self.indicator) else ""

    @property
    def trend(self) -> list[tuple[str, Decimal]]:
        """(period name, outcome) of the trend's periods that have an outcome shown."""
        return [(p.label, p.value) for p in self.points if p.value is not None]

    @property
    def trend_text(self) -> list[tuple[str, str]]:
        return [(name, self.indicator.format(value)) for name, value in self.trend]

    @property
    def sparkline(self) -> SafeString | str:
        """The trend as a small inline SVG with its numbers in its <title> ("" without one)."""
        if not self.trend:
            return ""
        points = self.points
        current = next((i for i, p in enumerate(points) if p.current), None)
        return minicharts.sparkline(
            values=[p.value for p in points],
            labels=[p.label for p in points],
            title=_("Trend of %(indicator)s") % {"indicator": self.indicator.name},
            fmt=self.indicator.format,
            targets=[p.target for p in points],
            comparisons=[p.county for p in points],
            current=current,
        )

    @property
    def change_text(self) -> str:
        """The outcome against the latest of the year before, in words: "ned från 94 %
        (Helår 2025)" ("" when either is missing)."""
        now = next((p for p in self.points if p.current), None)
        if now is None or now.value is None:
            return ""
        earlier = [p for p in self.points if p.year == now.year - 1 and p.value is not None]
        if not earlier:
            return ""
        before = earlier[-1]
        assert before.value is not None  # filtered above
        values = {"value": self.indicator.format(before.value), "period": before.label}
        if now.value > before.value:
            return _("up from %(value)s (%(period)s)") % values
        if now.value < before.value:
            return _("down from %(value)s (%(period)s)") % values
        return _("as in %(period)s") % values

    @property
    def report_status(self) -> str | None:
        """The status of the report the outcome belongs to (None without an outcome)."""
        return getattr(self.outcome, "report_status", None) if self.outcome else None

    @property
    def mark(self) -> str:
        """ "draft", "submitted" or "returned" for an outcome of a report not approved."""
        return status_mark(self.report_status) if self.outcome else ""

    @property
    def mark_label(self) -> str:
        return mark_label(self.report_status) if self.outcome else ""

    @property
    def light_label(self) -> str:
        if not self.due and self.value is None:
            return _("Not reported this period")
        return str(Light(self.light).label)


@dataclass
class Proposal:
    level: str
    reason: str
    green: int = 0
    yellow: int = 0
    red: int = 0
    missing: int = 0

    @property
    def label(self) -> str:
        return str(Level(self.level).label)

    @property
    def light(self) -> str:
        return LEVEL_LIGHT[Level(self.level)]


def indicator_rows(
    goals, period: ReportingPeriod, *, seen: Seen, trend_years: int = 4
) -> dict[int, list]:
    """{goal id: [IndicatorRow]} for the goals' indicators at each goal's own unit (5 queries,
    and 4 for the trend), with the outcomes (this period's and the trend's) that `seen` shows.
    `trend_years=0` skips the history of earlier periods (the strategy map needs none)."""
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
    targets = _targets(indicator_ids, unit_ids, period)
    outcomes = _outcomes(indicator_ids, unit_ids, period, seen)
    history: dict = {}
    if trend_years:
        indicators = {link.indicator_id: link.indicator for link in links}
        history = trends(indicators, unit_ids, period, seen=seen, years=trend_years)
    comparisons = latest_comparisons(indicator_ids, period.year)
    rows: dict[int, list[IndicatorRow]] = {goal.pk: [] for goal in goals}
    for link in links:
        unit = unit_of[link.goal_id]
        key = (link.indicator_id, unit.pk)
        target = targets.get(key)
        if target is not None:
            target.indicator = link.indicator  # spare Target.light a query
        found = comparisons.get(link.indicator_id, [])
        comparison = next((c for c in found if c.kind == ComparisonKind.COUNTY), None)
        rows[link.goal_id].append(
            IndicatorRow(
                indicator=link.indicator,
                unit=unit,
                due=period.kind in DUE[Periodicity(link.indicator.periodicity)],
                target=target,
                outcome=outcomes.get(key),
                comparison=comparison.value if comparison else None,
                comparison_year=comparison.year if comparison else None,
                comparisons=found,
                points=history.get(key, []),
            )
        )
    return rows


def _targets(indicator_ids, unit_ids, period) -> dict:
    targets = {}
    for target in Target.objects.filter(
        indicator_id__in=indicator_ids, unit_id__in=unit_ids, year=period.year
    ).filter(Q(period__isnull=True) | Q(period=period)):
        key = (target.indicator_id, target.unit_id)
        if target.period_id or key not in targets:  # a period's own target wins
            targets[key] = target
    return targets


def _outcomes(indicator_ids, unit_ids, period, seen: Seen) -> dict:
    """This period's outcomes as `seen` shows them (with their report's status); the trend's
    earlier periods come from `trends`, read as tuples."""
    found = seen.outcomes(
        Outcome.objects.filter(indicator_id__in=indicator_ids, unit_id__in=unit_ids, period=period)
    )
    return {(outcome.indicator_id, outcome.unit_id): outcome for outcome in found}


def propose(rows: list[IndicatorRow]) -> Proposal:
    """Only indicators due in the period count; a missing due value counts as missing."""
    return propose_lights([row.light for row in rows if row.due])


def propose_lights(lights: list[str]) -> Proposal:
    """The proposal from the lights of the due indicators (see the README's rule)."""
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
