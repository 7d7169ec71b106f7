"""The follow-up's columns on the start page's overview (`core.overview`): the goals by light in
the latest period with assessments the person sees, and the reports of the open period not yet
submitted or returned. Each reads all listed units at once, in a fixed number of queries."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roder.core.overview import Column, ColumnData, Scope
from roder.core.panels import Panel
from roder.followup.models import LEVEL_LIGHT, Assessment, Level, ReportStatus, UnitReport
from roder.followup.visibility import Seen
from roder.periods.models import PeriodStatus, ReportingPeriod
from roder.planning.models import Goal, Plan


@dataclass(frozen=True)
class Lights:
    """Goals by light: green fulfilled, yellow partly, red not fulfilled, none not assessed
    (no assessment seen, or "not assessable")."""

    green: int = 0
    yellow: int = 0
    red: int = 0
    none: int = 0

    def __add__(self, other: "Lights") -> "Lights":
        return Lights(
            self.green + other.green,
            self.yellow + other.yellow,
            self.red + other.red,
            self.none + other.none,
        )

    @property
    def goals(self) -> int:
        return self.green + self.yellow + self.red + self.none

    @property
    def parts(self) -> list[tuple[str, str, int]]:
        return [
            ("green", str(Level.FULFILLED.label), self.green),
            ("yellow", str(Level.PARTLY.label), self.yellow),
            ("red", str(Level.NOT_FULFILLED.label), self.red),
            ("none", str(NOT_ASSESSED), self.none),
        ]


NOT_ASSESSED = gettext_lazy("Not assessed")


def _goal_year(units, seen: Seen, today) -> int:
    """The year whose goals the start page shows: that of the latest period with an assessment
    the person sees in the units, else the latest year up to this one with a plan among them,
    else this year (one or two queries). The table and the top unit's goals use the same year,
    so an organisation whose periods all lie in earlier years still shows this year's goals as
    not assessed rather than none."""
    assessed = Assessment.objects.filter(goal__plan__unit__in=units).filter(
        seen.condition(unit="goal__plan__unit")
    )
    year = assessed.order_by("-period__ends").values_list("period__year", flat=True).first()
    if year is not None:
        return year
    planned = Plan.objects.filter(unit__in=units, year__lte=today.year).aggregate(Max("year"))
    return planned["year__max"] or today.year


def goal_lights(scope: Scope) -> ColumnData | None:
    """Per unit its goals of the year by light, each goal by its latest assessment the person
    sees (four queries)."""
    seen = Seen.for_grants(scope.grants)
    year = _goal_year(scope.units, seen, scope.today)
    goals = dict(
        Goal.objects.filter(plan__unit__in=scope.units, plan__year=year)
        .values_list("plan__unit")
        .annotate(n=Count("pk"))
        .order_by()
    )
    latest: dict[int, tuple[int, str]] = {}  # goal -> (unit, level), the latest period last
    assessed = (
        Assessment.objects.filter(goal__plan__unit__in=scope.units, goal__plan__year=year)
        .filter(seen.condition(unit="goal__plan__unit"))
        .order_by("period__ends", "period_id")
        .values_list("goal_id", "goal__plan__unit", "level")
    )
    for goal, unit, level in assessed:
        latest[goal] = (unit, level)
    levels: dict[int, Counter] = {}
    for unit, level in latest.values():
        levels.setdefault(unit, Counter())[LEVEL_LIGHT[Level(level)]] += 1
    cells = {}
    for unit, n in goals.items():
        light = levels.get(unit, Counter())
        green, yellow, red = light["green"], light["yellow"], light["red"]
        cells[unit] = Lights(green, yellow, red, max(n - green - yellow - red, 0))
    heading = _("Goals %(year)s, latest assessment") % {"year": year}
    return ColumnData(heading=heading, cells=cells, context={"year": year})


@dataclass(frozen=True)
class Reports:
    """Reports of a period: expected (units with a plan), not submitted (draft or none), and
    returned."""

    expected: int = 0
    waiting: int = 0
    returned: int = 0

    def __add__(self, other: "Reports") -> "Reports":
        return Reports(
            self.expected + other.expected,
            self.waiting + other.waiting,
            self.returned + other.returned,
        )

    @property
    def done(self) -> bool:
        return not self.waiting and not self.returned


def open_reports(scope: Scope) -> ColumnData | None:
    """Per unit with a plan for the year: whether its report of the latest open period is still
    to be submitted or was returned (three queries)."""
    period = (
        ReportingPeriod.objects.filter(
            organisation=scope.grants.organisation, status=PeriodStatus.OPEN
        )
        .order_by("-ends", "-pk")
        .first()
    )
    if period is None:
        return None
    planned = Plan.objects.filter(unit__in=scope.units, year=period.year)
    statuses = dict(
        UnitReport.objects.filter(period=period, unit__in=scope.units).values_list(
            "unit_id", "status"
        )
    )
    cells = {}
    for unit in planned.values_list("unit_id", flat=True):
        status = statuses.get(unit)
        cells[unit] = Reports(
            expected=1,
            waiting=int(status in (None, ReportStatus.DRAFT)),
            returned=int(status == ReportStatus.RETURNED),
        )
    late = period.deadline is not None and period.deadline < scope.today
    heading = _("Reports, %(period)s") % {"period": period.name}
    return ColumnData(heading=heading, cells=cells, context={"period": period, "late": late})


GOALS = Column(key="goals", order=10, template="followup/_overview_goals.html", values=goal_lights)
REPORTS = Column(
    key="reports", order=20, template="followup/_overview_reports.html", values=open_reports
)


def top_unit_goals(request, grants, chain):
    """The goals of the first unit at the top of the overview (`chain`, top first) that has
    goals: a committee's, for a politician who reads the whole municipality. Each goal with
    its latest assessment the person sees in the year, and the latest approved reports of the
    unit and the units below it (four queries)."""
    seen = Seen.for_grants(grants)
    assessed = Assessment.objects.filter(goal__plan__unit__in=chain).filter(
        seen.condition(unit="goal__plan__unit")
    )
    year = _goal_year(chain, seen, timezone.localdate())
    goals = list(
        Goal.objects.filter(plan__unit__in=chain, plan__year=year)
        .select_related("plan")
        .order_by("order", "pk")
    )
    if not goals:
        return None
    depth = {unit.pk: n for n, unit in enumerate(chain)}
    unit = min((goal.plan.unit_id for goal in goals), key=depth.__getitem__)
    goals = [goal for goal in goals if goal.plan.unit_id == unit]
    levels = dict(
        assessed.filter(goal__in=goals)
        .order_by("period__ends", "period_id")
        .values_list("goal_id", "level")
    )  # the latest period's level last, so it wins
    for goal in goals:
        level = levels.get(goal.pk)
        goal.light = LEVEL_LIGHT[Level(level)] if level else "none"
        goal.light_label = str(Level(level).label) if level else str(NOT_ASSESSED)
    top = chain[depth[unit]]
    return {
        "goals": goals,
        "goal_year": year,
        "top": top,
        "approved": _latest_approved(grants, top),
    }


def _latest_approved(grants, top, count: int = 5) -> list[UnitReport]:
    """The latest approved reports of `top` and the units below it that the person sees, the
    newest period first (one query)."""
    units = grants.visible_units().within(top)
    return list(
        UnitReport.objects.filter(unit__in=units, status=ReportStatus.APPROVED)
        .select_related("unit", "period")
        .order_by("-period__ends", "unit__path")[:count]
    )


TOP_GOALS = Panel(
    key="goals", order=10, template="followup/_overview_top_goals.html", context=top_unit_goals
)
