"""Reads for follow-up pages: scorecard, roll-up, the controller's overview and a person's
to-do list (the strategy map is strategy_map.py). Each issues a fixed number of queries
however large the tree."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from roder.followup.access import decider_paths
from roder.followup.aggregation import combine_units
from roder.followup.from_below import proposals_from_below
from roder.followup.models import (
    LEVEL_LIGHT,
    Assessment,
    Level,
    Outcome,
    OutcomeRevision,
    ReportStatus,
    RevisionStatus,
    UnitReport,
)
from roder.followup.proposal import IndicatorRow, Proposal, indicator_rows
from roder.followup.visibility import Seen, mark_label, status_mark
from roder.indicators.models import GoalIndicator
from roder.organisation.access import Grants
from roder.organisation.models import ROLE_RANK, Role, RoleKind, Unit
from roder.periods.models import PeriodStatus, ReportingPeriod
from roder.planning.models import Goal, GoalLink, Plan
from roder.planning.selectors import plan_goals_by_category, walk


@dataclass
class GoalStatus:
    """A goal in a period: the person's assessment if made, else Roder's proposal."""

    goal: Goal
    rows: list[IndicatorRow]
    assessment: Assessment | None
    proposal: Proposal

    @property
    def level(self) -> str:
        return self.assessment.level if self.assessment else self.proposal.level

    @property
    def is_proposal(self) -> bool:
        return self.assessment is None

    @property
    def light(self) -> str:
        return LEVEL_LIGHT[Level(self.level)]

    @property
    def level_label(self) -> str:
        return str(Level(self.level).label)

    @property
    def report_status(self) -> str | None:
        """The status of the report the assessment belongs to (annotated by `Seen`)."""
        return getattr(self.assessment, "report_status", None)

    @property
    def mark(self) -> str:
        """ "draft", "submitted" or "returned" for an assessment in a report not approved."""
        return status_mark(self.report_status) if self.assessment else ""

    @property
    def mark_label(self) -> str:
        return mark_label(self.report_status) if self.assessment else ""


def goal_statuses(
    goals, period: ReportingPeriod, *, seen: Seen, trend: bool = True
) -> dict[int, GoalStatus]:
    """Each goal's status in the period from the outcomes and assessments `seen` shows."""
    goals = list(goals)
    rows = indicator_rows(goals, period, seen=seen, trend_years=4 if trend else 0)
    assessments = {
        a.goal_id: a
        for a in seen.assessments(Assessment.objects.filter(goal__in=goals, period=period))
    }
    proposals = proposals_from_below(goals, period, rows=rows, assessments=assessments, seen=seen)
    return {
        goal.pk: GoalStatus(goal, rows[goal.pk], assessments.get(goal.pk), proposals[goal.pk])
        for goal in goals
    }


def scorecard(unit: Unit, period: ReportingPeriod, *, seen: Seen):
    """The unit's plan for the period's year, its goals by category with statuses."""
    plan = Plan.objects.filter(unit=unit, year=period.year).first()
    if plan is None:
        return None, [], {}
    groups = plan_goals_by_category(plan)
    goals = [goal for group in walk(groups) for goal in group.goals]
    statuses = goal_statuses(goals, period, seen=seen)
    for goal in goals:
        goal.status = statuses[goal.pk]  # for the template
    return plan, groups, statuses


def rollup(goal: Goal, period: ReportingPeriod, grants: Grants, *, seen: Seen | None = None):
    """The goals below that contribute to `goal`, with their statuses, and the goal's indicators
    aggregated over the units below by each indicator's rule, from the outcomes and assessments
    `seen` shows (by default what the person of `grants` sees). Computed on read; nothing
    stored."""
    seen = seen or Seen.for_grants(grants)
    unit = goal.plan.unit
    below = list(
        Goal.objects.filter(plan__year=goal.plan.year, plan__unit__path__startswith=unit.path)
        .exclude(plan__unit=unit)
        .select_related("plan__unit")
    )
    links = defaultdict(list)
    for link in GoalLink.objects.filter(goal__in=below):
        links[link.target_id].append(link.goal_id)
    by_pk = {g.pk: g for g in below}
    contributors, frontier = [], [goal.pk]
    while frontier:
        nxt = [pk for target in frontier for pk in links.get(target, []) if pk in by_pk]
        contributors += [by_pk[pk] for pk in nxt if by_pk[pk] not in contributors]
        frontier = nxt
    contributors = [g for g in contributors if grants.can_see(g.plan.unit)]
    statuses = goal_statuses(contributors, period, seen=seen, trend=False)
    return [statuses[g.pk] for g in contributors], _aggregate(goal, below, period, grants, seen)


def rollup_period(goal: Goal, *, seen: Seen | None = None) -> ReportingPeriod | None:
    """The latest period of the goal's year with outcomes or assessments in the goal's branch
    (one query) as `seen` shows them (everything when None): the roll-up opens on it."""
    path, year = goal.plan.unit.path, goal.plan.year
    seen = seen or Seen.everything()
    outcomes = Outcome.objects.filter(period=OuterRef("pk"), unit__path__startswith=path).filter(
        seen.condition()
    )
    assessments = Assessment.objects.filter(
        period=OuterRef("pk"), goal__plan__unit__path__startswith=path, goal__plan__year=year
    ).filter(seen.condition(unit="goal__plan__unit"))
    return (
        ReportingPeriod.objects.filter(organisation_id=goal.plan.unit.organisation_id, year=year)
        .filter(Exists(outcomes) | Exists(assessments))
        .order_by("-ends", "-pk")
        .first()
    )


def _aggregate(goal: Goal, below: list[Goal], period: ReportingPeriod, grants: Grants, seen: Seen):
    indicators = [link.indicator for link in goal.indicator_links.select_related("indicator")]
    if not indicators:
        return []
    reporting = defaultdict(set)  # indicator -> units below that follow it up
    for link in GoalIndicator.objects.filter(
        goal__in=below, indicator__in=indicators
    ).select_related("goal__plan__unit"):
        reporting[link.indicator_id].add(link.goal.plan.unit)
    outcomes: defaultdict[int, dict[Unit, Outcome]] = defaultdict(dict)
    for outcome in seen.outcomes(
        Outcome.objects.filter(
            period=period, indicator__in=indicators, unit__path__startswith=goal.plan.unit.path
        )
        .exclude(unit=goal.plan.unit)
        .select_related("unit")
    ):
        outcomes[outcome.indicator_id][outcome.unit] = outcome
    result = []
    for indicator in indicators:
        units = sorted(reporting[indicator.pk] | set(outcomes[indicator.pk]), key=lambda u: u.path)
        units = [u for u in units if grants.can_see(u)]
        result.append(combine_units(indicator, units, outcomes[indicator.pk]))
    return result


@dataclass
class ReportLine:
    unit: Unit
    report: UnitReport | None
    late: bool


def overview(grants: Grants, period: ReportingPeriod) -> list[ReportLine]:
    """Every visible unit with a plan for the period's year, and how far its report has come."""
    units = list(grants.visible_units().filter(plans__year=period.year).order_by("path").distinct())
    reports = {r.unit_id: r for r in UnitReport.objects.filter(period=period, unit__in=units)}
    past_due = period.deadline is not None and period.deadline < timezone.localdate()
    pending = {None, ReportStatus.DRAFT, ReportStatus.RETURNED}
    return [
        ReportLine(
            unit,
            reports.get(unit.pk),
            past_due and getattr(reports.get(unit.pk), "status", None) in pending,
        )
        for unit in units
    ]


@dataclass
class RevisionLine:
    """A pending revision beside the outcome it would replace."""

    revision: OutcomeRevision
    outcome: Outcome | None

    @property
    def current_text(self) -> str:
        return self.revision.indicator.format(self.outcome.value if self.outcome else None)

    @property
    def revised_text(self) -> str:
        return self.revision.indicator.format(self.revision.value)

    @property
    def outcome_version(self) -> int:
        return self.outcome.version if self.outcome else 0


def _pending(grants: Grants, period: ReportingPeriod | None):
    """Pending revisions under the units where the person decides them (see access.py)."""
    found = OutcomeRevision.objects.filter(
        status=RevisionStatus.PENDING, unit__organisation=grants.organisation
    )
    paths = decider_paths(grants)
    if paths is not None:
        if not paths:
            return found.none()
        condition = Q()
        for path in paths:
            condition |= Q(unit__path__startswith=path)
        found = found.filter(condition)
    return found.filter(period=period) if period is not None else found


def pending_revisions(grants: Grants, *, period: ReportingPeriod | None = None):
    """The pending revisions the person may decide, oldest period first, each with the outcome
    it would replace (two queries)."""
    revisions = list(
        _pending(grants, period)
        .select_related("indicator", "unit", "period")
        .order_by("period__ends", "unit__path", "indicator__name", "pk")
    )
    outcomes = (
        {
            (o.indicator_id, o.unit_id, o.period_id): o
            for o in Outcome.objects.filter(
                indicator_id__in={r.indicator_id for r in revisions},
                unit_id__in={r.unit_id for r in revisions},
                period_id__in={r.period_id for r in revisions},
            )
        }
        if revisions
        else {}
    )
    return [
        RevisionLine(r, outcomes.get((r.indicator_id, r.unit_id, r.period_id))) for r in revisions
    ]


def pending_revision_count(grants: Grants, *, period: ReportingPeriod | None = None) -> int:
    return _pending(grants, period).count()


@dataclass
class Todo:
    kind: str
    unit: Unit
    period: ReportingPeriod
    report: UnitReport | None


def todo_for(user) -> list[Todo]:
    """What the person must do: reports to write or resubmit for their own units, and reports
    to approve under units where they are controller (four queries)."""
    roles = list(Role.objects.filter(person=user).select_related("unit__organisation"))
    if not roles:
        return []
    organisations = {role.unit.organisation_id for role in roles}
    periods = list(
        ReportingPeriod.objects.filter(organisation_id__in=organisations, status=PeriodStatus.OPEN)
    )
    if not periods:
        return []
    own = [r.unit for r in roles if ROLE_RANK[RoleKind(r.kind)] >= ROLE_RANK[RoleKind.REPORTER]]
    approver = [
        r.unit for r in roles if ROLE_RANK[RoleKind(r.kind)] >= ROLE_RANK[RoleKind.CONTROLLER]
    ]
    reports = {
        (r.unit_id, r.period_id): r
        for r in UnitReport.objects.filter(period__in=periods).select_related("unit__organisation")
    }
    planned = set(
        Plan.objects.filter(unit__in=own, year__in={p.year for p in periods}).values_list(
            "unit_id", "year"
        )
    )
    todos = []
    for period in periods:
        for unit in own:
            report = reports.get((unit.pk, period.pk))
            if (unit.pk, period.year) in planned and (
                report is None or report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)
            ):
                todos.append(Todo("report", unit, period, report))
        for report in reports.values():
            if (
                report.period_id == period.pk
                and report.status == ReportStatus.SUBMITTED
                and any(u.contains(report.unit) for u in approver)
            ):
                todos.append(Todo("approve", report.unit, period, report))
    return todos
