"""Proposals from below: a goal that others contribute to ("knyter an till") is proposed from
the statuses of those goals together with its own indicators' lights.

A contributing goal's status is its person's assessment if made, else its own proposal,
computed the same way, bottom-up. An own indicator without an outcome at the goal's unit uses
the roll-up aggregate over the units below (`aggregation.combine_units`). The rule is written
in this app's README ("Proposal from below").

Everything is loaded in bulk: a fixed number of queries however large the tree.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy, ngettext

from roder.followup.aggregation import Rollup, combine_units
from roder.followup.models import LEVEL_LIGHT, Assessment, Level, Outcome, ReportStatus, UnitReport
from roder.followup.proposal import IndicatorRow, Proposal, indicator_rows, propose_lights
from roder.followup.visibility import Seen
from roder.indicators.models import GoalIndicator, Light
from roder.organisation.models import Unit
from roder.periods.models import ReportingPeriod
from roder.planning.models import Goal, GoalLink

# A contributing goal's level counts as an indicator's light does.
LEVEL_VOTE = {
    Level.FULFILLED: Light.GREEN,
    Level.PARTLY: Light.YELLOW,
    Level.NOT_FULFILLED: Light.RED,
    Level.NOT_ASSESSABLE: Light.NONE,
}

REPORTED = {ReportStatus.SUBMITTED, ReportStatus.APPROVED}

# How the reason counts the contributing goals that are not fulfilled.
OTHER_LEVELS = {
    Level.PARTLY: gettext_lazy("partly fulfilled: %(count)s"),
    Level.NOT_FULFILLED: gettext_lazy("not fulfilled: %(count)s"),
    Level.NOT_ASSESSABLE: gettext_lazy("not assessable: %(count)s"),
}


@dataclass
class Contribution:
    """A goal that contributes to another, with its status in the period."""

    goal: Goal
    level: str
    is_proposal: bool
    reported: bool = True  # its unit's report for the period is submitted or approved
    reason: str = ""

    @property
    def light(self) -> str:
        return LEVEL_LIGHT[Level(self.level)]

    @property
    def level_label(self) -> str:
        return str(Level(self.level).label)


@dataclass
class BelowProposal(Proposal):
    """Roder's proposal with what it was made from: the contributing goals and the units
    whose report for the period is missing."""

    contributions: list[Contribution] = field(default_factory=list)
    not_reported: list[Unit] = field(default_factory=list)
    from_units_below: int = 0  # own indicators whose light is the units' aggregate


def combine(
    lights: list[str],
    contributions: list[Contribution],
    *,
    not_reported: list[Unit] | None = None,
    from_units_below: int = 0,
) -> BelowProposal:
    """The rule: contributing goals count as lights (fulfilled green, partly yellow, not
    fulfilled red, not assessable missing) beside the goal's own due indicators' lights; all
    green → fulfilled; all red or more than half red → not fulfilled; otherwise partly;
    nothing assessable → not assessable."""
    indicators = propose_lights(lights)
    votes: list[str] = [LEVEL_VOTE[Level(c.level)] for c in contributions]
    parts = [_contribution_reason(contributions, not_reported or [])] if contributions else []
    if not contributions or indicators.level != Level.NOT_ASSESSABLE:
        parts.append(indicators.reason)
    elif lights:  # own indicators, none with both a target and an outcome
        parts.append(
            ngettext(
                "%(count)s indicator without target or outcome.",
                "%(count)s indicators without target or outcome.",
                len(lights),
            )
            % {"count": len(lights)}
        )
    if from_units_below:
        parts.append(
            ngettext(
                "The outcome of %(count)s indicator is the aggregate of the units below.",
                "The outcomes of %(count)s indicators are the aggregates of the units below.",
                from_units_below,
            )
            % {"count": from_units_below}
        )
    return BelowProposal(
        propose_lights(lights + votes).level,
        " ".join(parts),
        indicators.green,
        indicators.yellow,
        indicators.red,
        indicators.missing,
        contributions=contributions,
        not_reported=not_reported or [],
        from_units_below=from_units_below,
    )


def _contribution_reason(contributions: list[Contribution], not_reported: list[Unit]) -> str:
    count = {level: 0 for level in Level.values}
    for contribution in contributions:
        count[contribution.level] += 1
    parts = [
        ngettext(
            "%(fulfilled)s of %(total)s contributing goal fulfilled",
            "%(fulfilled)s of %(total)s contributing goals fulfilled",
            len(contributions),
        )
        % {"fulfilled": count[Level.FULFILLED], "total": len(contributions)}
    ]
    for level, text in OTHER_LEVELS.items():
        if count[level]:
            parts.append(str(text) % {"count": count[level]})
    if not_reported:
        parts.append(
            ngettext(
                "%(units)s has not reported",
                "%(units)s have not reported",
                len(not_reported),
            )
            % {"units": ", ".join(unit.name for unit in not_reported)}
        )
    return "; ".join(parts) + "."


# --- loading ------------------------------------------------------------------------------


@dataclass
class _Tree:
    """The year's goals under the asked goals' units, loaded once."""

    goals: dict[int, Goal]
    contributors: dict[int, list[int]]  # target id -> ids of goals that link to it
    rows: dict[int, list[IndicatorRow]]
    assessments: dict[int, Assessment]
    reported: set[int]  # units whose report for the period is submitted or approved
    aggregates: dict[tuple[int, int], Rollup]  # (goal id, indicator id) -> Rollup


def proposals_from_below(
    goals: list[Goal],
    period: ReportingPeriod,
    *,
    rows: dict[int, list[IndicatorRow]],
    assessments: dict[int, Assessment],
    seen: Seen,
) -> dict[int, BelowProposal]:
    """{goal id: proposal} for the goals, whose own indicator rows and assessments the caller
    has loaded (as `seen` shows them); the goals below them are loaded here in bulk, their
    outcomes and assessments as `seen` shows them too."""
    tree = _load(goals, period, rows=rows, assessments=assessments, seen=seen)
    memo: dict[int, BelowProposal] = {}
    return {goal.pk: _propose(goal.pk, tree, memo, set()) for goal in goals}


def propose_for_goal(*, goal: Goal, period: ReportingPeriod) -> BelowProposal:
    """The proposal stored beside a person's assessment: from every outcome and assessment,
    whatever their report."""
    seen = Seen.everything()
    rows = indicator_rows([goal], period, seen=seen, trend_years=0)
    assessments = {a.goal_id: a for a in Assessment.objects.filter(goal=goal, period=period)}
    return proposals_from_below([goal], period, rows=rows, assessments=assessments, seen=seen)[
        goal.pk
    ]


def _propose(pk: int, tree: _Tree, memo: dict, visiting: set) -> BelowProposal:
    if pk in memo:
        return memo[pk]
    visiting.add(pk)  # links go upwards only, but a cycle must not loop forever
    contributions, not_reported = [], {}
    for child in tree.contributors.get(pk, []):
        if child in visiting:
            continue
        contribution, missing = _contribution(child, tree, memo, visiting)
        contributions.append(contribution)
        not_reported.update(missing)
    lights, from_below = _own_lights(pk, tree)
    units = sorted(not_reported.values(), key=lambda unit: (unit.depth, unit.name, unit.pk))
    memo[pk] = combine(lights, contributions, not_reported=units, from_units_below=from_below)
    visiting.discard(pk)
    return memo[pk]


def _contribution(pk: int, tree: _Tree, memo: dict, visiting: set):
    """A contributing goal's status, and the units that have not reported behind it."""
    goal = tree.goals[pk]
    unit = goal.plan.unit
    reported = unit.pk in tree.reported
    assessment = tree.assessments.get(pk)
    proposal = _propose(pk, tree, memo, visiting)
    missing: dict[int, Unit] = {}
    if assessment is not None:
        level, reason = assessment.level, ""
    else:
        level, reason = proposal.level, proposal.reason
        if level == Level.NOT_ASSESSABLE:
            missing = {u.pk: u for u in proposal.not_reported}
    if level == Level.NOT_ASSESSABLE and not reported:
        missing[unit.pk] = unit
    return Contribution(goal, level, assessment is None, reported, reason), missing


def _own_lights(pk: int, tree: _Tree) -> tuple[list[str], int]:
    """The due indicators' lights at the goal's unit; an indicator without an outcome there
    takes the aggregate of the units below against the unit's target."""
    lights, from_below = [], 0
    for row in tree.rows.get(pk, []):
        if not row.due:
            continue
        light = row.light
        aggregate = tree.aggregates.get((pk, row.indicator.pk))
        if row.value is None and row.target and aggregate and aggregate.value is not None:
            light = row.target.light(aggregate.value)
            from_below += 1
        lights.append(light)
    return lights, from_below


def _load(goals, period, *, rows, assessments, seen: Seen) -> _Tree:
    if not goals:
        return _Tree({}, {}, rows, assessments, set(), {})
    branches = _branches(goal.plan.unit for goal in goals)
    year_goals = Goal.objects.filter(
        plan__unit__path__startswith=_common_path(branches),
        plan__year=period.year,
        plan__unit__organisation_id=period.organisation_id,
    )
    by_pk = {
        goal.pk: goal
        for goal in year_goals.select_related("plan__unit")
        if _under(goal.plan.unit, branches)
    }
    by_pk.update({goal.pk: goal for goal in goals})
    contributors: dict[int, list[int]] = defaultdict(list)
    for goal_id, target_id in GoalLink.objects.filter(goal__in=year_goals.values("pk")).values_list(
        "goal_id", "target_id"
    ):
        if goal_id in by_pk and target_id in by_pk:
            contributors[target_id].append(goal_id)
    for children in contributors.values():  # as the strategy map lists them
        children.sort(key=lambda pk: _place(by_pk[pk]))
    needed = _reachable([goal.pk for goal in goals], contributors)
    extra = [by_pk[pk] for pk in needed if pk not in rows]
    all_rows = (
        {**rows, **indicator_rows(extra, period, seen=seen, trend_years=0)} if extra else dict(rows)
    )
    all_assessments = dict(assessments)
    if extra:
        all_assessments.update(
            (a.goal_id, a)
            for a in seen.assessments(Assessment.objects.filter(goal__in=extra, period=period))
        )
    units = {by_pk[pk].plan.unit_id for pk in needed}
    reported = set(
        UnitReport.objects.filter(
            unit_id__in=units, period=period, status__in=REPORTED
        ).values_list("unit_id", flat=True)
    )
    needed_goals = [by_pk[pk] for pk in needed]
    aggregates = _aggregates(needed_goals, all_rows, by_pk, year_goals, period, seen)
    return _Tree(by_pk, contributors, all_rows, all_assessments, reported, aggregates)


def _place(goal: Goal) -> tuple:
    unit = goal.plan.unit
    return (unit.depth, unit.name, goal.order, goal.pk)


def _branches(units) -> set[str]:
    """The fewest unit paths that cover the units' branches."""
    kept: list[str] = []
    for path in sorted({unit.path for unit in units}):
        if not any(path.startswith(top) for top in kept):
            kept.append(path)
    return set(kept)


def _common_path(paths: set[str]) -> str:
    """The path of the deepest unit above or at all the branches: one condition, not one per
    branch (a query of a thousand conditions is too deep for SQLite)."""
    parts = [path.strip("/").split("/") for path in paths]
    common = []
    for ids in zip(*parts, strict=False):
        if len(set(ids)) > 1:
            break
        common.append(ids[0])
    return "/" + "".join(f"{part}/" for part in common)


def _under(unit: Unit, branches: set[str]) -> bool:
    ids = unit.path.strip("/").split("/")
    return any("/" + "".join(f"{i}/" for i in ids[:n]) in branches for n in range(1, len(ids) + 1))


def _reachable(pks: list[int], contributors: dict[int, list[int]]) -> list[int]:
    seen, order, frontier = set(pks), list(pks), list(pks)
    while frontier:
        frontier = [c for pk in frontier for c in contributors.get(pk, []) if c not in seen]
        frontier = list(dict.fromkeys(frontier))
        seen.update(frontier)
        order += frontier
    return order


def _aggregates(goals, rows, by_pk, year_goals, period, seen: Seen) -> dict:
    """The roll-up aggregate of each own due indicator that has no outcome at its goal's
    unit, over the units below that unit (two queries)."""
    wanted = {
        (goal.pk, row.indicator.pk): row
        for goal in goals
        for row in rows.get(goal.pk, [])
        if row.due and row.value is None and row.target is not None
    }
    if not wanted:
        return {}
    indicator_ids = {indicator_id for _goal, indicator_id in wanted}
    branches = _branches(by_pk[pk].plan.unit for pk, _indicator in wanted)
    outcomes: dict[int, dict[Unit, Outcome]] = defaultdict(dict)
    for outcome in seen.outcomes(
        Outcome.objects.filter(
            unit__path__startswith=_common_path(branches),
            period=period,
            indicator_id__in=indicator_ids,
        ).select_related("unit")
    ):
        outcomes[outcome.indicator_id][outcome.unit] = outcome
    following: dict[int, set[Unit]] = defaultdict(set)
    for indicator_id, goal_id in GoalIndicator.objects.filter(
        goal__in=year_goals.values("pk"), indicator_id__in=indicator_ids
    ).values_list("indicator_id", "goal_id"):
        if goal_id in by_pk:
            following[indicator_id].add(by_pk[goal_id].plan.unit)
    result = {}
    for (goal_pk, indicator_id), row in wanted.items():
        unit = by_pk[goal_pk].plan.unit
        units = sorted(
            (
                u
                for u in following[indicator_id] | set(outcomes[indicator_id])
                if u.pk != unit.pk and unit.contains(u)
            ),
            key=lambda u: u.path,
        )
        if units:
            result[(goal_pk, indicator_id)] = combine_units(
                row.indicator, units, outcomes[indicator_id]
            )
    return result
