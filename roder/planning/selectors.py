"""Reads of plans and goal chains, each with a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Subquery

from roder.organisation.access import Grants
from roder.organisation.models import Unit
from roder.planning.models import Goal, GoalCategory, GoalLink, Plan


@dataclass
class CategoryGroup:
    category: GoalCategory | None
    goals: list[Goal] = field(default_factory=list)
    children: list["CategoryGroup"] = field(default_factory=list)


def goals_with_links():
    """Goals with their category, responsible person and upward links (three queries)."""
    targets = GoalLink.objects.select_related("target", "target__plan", "target__plan__unit")
    return Goal.objects.select_related("plan__unit", "category", "responsible").prefetch_related(
        Prefetch("upward_links", queryset=targets)
    )


def plan_goals_by_category(plan: Plan, *, keep=frozenset()) -> list[CategoryGroup]:
    """The plan's goals grouped under the organisation's categories and sub-areas, in number
    order; goals without a category last. Categories without goals are left out, except those
    in `keep` (ids; e.g. areas the plan has written a text for)."""
    goals = list(goals_with_links().filter(plan=plan).order_by("order", "pk"))
    categories = list(GoalCategory.objects.filter(organisation_id=plan.unit.organisation_id))
    groups = {c.pk: CategoryGroup(c) for c in categories}
    for goal in goals:
        if goal.category_id in groups:
            groups[goal.category_id].goals.append(goal)
    for category in sorted(categories, key=lambda c: c.sort_key):
        if category.parent_id in groups:
            groups[category.parent_id].children.append(groups[category.pk])
    roots = [
        groups[c.pk] for c in sorted(categories, key=lambda c: c.sort_key) if c.parent_id is None
    ]
    roots = [group for group in roots if _shown(group, keep)]
    for group in roots:
        group.children = [child for child in group.children if _shown(child, keep)]
    loose = [goal for goal in goals if goal.category_id is None]
    if loose:
        roots.append(CategoryGroup(None, loose))
    return roots


def _shown(group: CategoryGroup, keep) -> bool:
    return (
        bool(group.goals)
        or (group.category is not None and group.category.pk in keep)
        or any(_shown(child, keep) for child in group.children)
    )


def walk(groups: list[CategoryGroup]):
    """Every group, depth first: a category, then its sub-areas."""
    for group in groups:
        yield group
        yield from walk(group.children)


def category_tree(organisation) -> list[tuple[GoalCategory, int]]:
    """Every category of the organisation with its depth, in number order (one query)."""
    categories = sorted(
        GoalCategory.objects.filter(organisation=organisation), key=lambda c: c.sort_key
    )
    depth: dict[int, int] = {}
    for category in categories:
        depth[category.pk] = (
            0 if category.parent_id is None else depth.get(category.parent_id, 0) + 1
        )
    return [(category, depth[category.pk]) for category in categories]


def goal_chain_up(goal: Goal) -> list[list[Goal]]:
    """The goals this goal contributes to, level by level upwards (one query per level)."""
    levels, current = [], [goal.pk]
    seen = {goal.pk}
    while current:
        above = list(
            Goal.objects.filter(downward_links__goal_id__in=current)
            .select_related("plan__unit")
            .distinct()
        )
        above = [g for g in above if g.pk not in seen]
        if not above:
            break
        levels.append(above)
        seen.update(g.pk for g in above)
        current = [g.pk for g in above]
    return levels


def goal_chain_down(goal: Goal, grants: Grants) -> list[list[Goal]]:
    """The goals that contribute to this goal, level by level downwards (one query per level).
    Only goals of units the person may see are returned, but the walk goes on through hidden
    levels, so a unit manager sees their own goals under the council's."""
    levels, current = [], [goal.pk]
    seen = {goal.pk}
    while current:
        below = list(
            Goal.objects.filter(upward_links__target_id__in=current)
            .select_related("plan__unit")
            .distinct()
        )
        below = [g for g in below if g.pk not in seen]
        if not below:
            break
        visible = [g for g in below if grants.can_see(g.plan.unit)]
        if visible:
            levels.append(visible)
        seen.update(g.pk for g in below)
        current = [g.pk for g in below]
    return levels


def link_candidates(goal: Goal) -> list[Goal]:
    """Goals of the units above this goal's unit in the same year (one query)."""
    unit = goal.plan.unit
    return list(
        Goal.objects.filter(plan__unit_id__in=unit.ancestor_ids, plan__year=goal.plan.year)
        .exclude(downward_links__goal=goal)
        .select_related("plan__unit")
        .order_by("plan__unit__depth", "order", "pk")
    )


@dataclass
class MissingPlan:
    """A unit above a goal's unit without a plan for the goal's year, and its latest earlier
    plan (the one to copy), if it has one."""

    unit: Unit
    year: int
    latest_pk: int | None
    latest_title: str | None


def missing_higher_plans(goal: Goal, *, candidates: list[Goal]) -> list[MissingPlan]:
    """The units above the goal's unit that have no plan for the goal's year but had one before
    (their plan is yet to be copied), top down; when nothing above offers a goal to link to,
    the parent unit too if it has never had a plan (one query)."""
    unit, year = goal.plan.unit, goal.plan.year
    if not unit.ancestor_ids:
        return []
    earlier = Plan.objects.filter(unit=OuterRef("pk"), year__lt=year).order_by("-year")
    ancestors = (
        Unit.objects.filter(pk__in=unit.ancestor_ids)
        .annotate(
            has_plan=Exists(Plan.objects.filter(unit=OuterRef("pk"), year=year)),
            latest_pk=Subquery(earlier.values("pk")[:1]),
            latest_title=Subquery(earlier.values("title")[:1]),
        )
        .order_by("depth")
    )
    missing = []
    for above in ancestors:
        is_parent = above.pk == unit.parent_id
        if above.has_plan or (above.latest_pk is None and (candidates or not is_parent)):
            continue
        missing.append(MissingPlan(above, year, above.latest_pk, above.latest_title))
    return missing


def plans_of_unit(unit):
    return Plan.objects.filter(unit=unit).order_by("-year")


def plan_for(unit, year: int) -> Plan | None:
    """The unit's plan of the year, if any (one query)."""
    return Plan.objects.filter(unit=unit, year=year).select_related("unit").first()
