"""The strategy map: the year's visible goals as a tree along the "knyter an till" links, drawn
as levels of units (fullmäktige → nämnd → förvaltning → enhet), each goal a card with its status.

The map opens with the goals of the units down to the administrations (förvaltningar); the goals
of departments and units below load on demand, one branch at a time (`opened`, or the branch
fragment of a `path`), so a page holds what is unfolded and no more. A goal that contributes
to several goals appears under each of them, marked as the same goal.

The cost is fixed however large the tree: one query for the ids, units and categories of the
year's goals, one for their links, one for the shown goals (and the goals they link to), then
`selectors.goal_statuses` for the shown goals only.
"""

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from django.db.models import Q
from django.utils.translation import gettext_lazy

from roder.followup.selectors import GoalStatus, goal_statuses
from roder.followup.visibility import Seen
from roder.organisation.access import Grants
from roder.organisation.models import Unit, UnitKind
from roder.periods.models import ReportingPeriod
from roder.planning.models import Goal, GoalCategory, GoalLink

# The goals of these units are shown when the map opens; those of departments and units below
# the administrations load when a person unfolds their branch.
FOLDED_KINDS = frozenset({UnitKind.DEPARTMENT, UnitKind.UNIT})


@dataclass
class MapNode:
    """One appearance of a goal on the map: under `parent` (None at the top), at `path` (the
    ids from the top goal down to this one, which names the appearance on the page)."""

    goal: Goal
    status: GoalStatus
    parent: Goal | None
    path: tuple[int, ...]
    column: int  # the unit's level below the map's highest units (0 = the top level)
    children: list["MapNode"] = field(default_factory=list)
    hidden: int = 0  # contributing goals not unfolded
    # A goal that knyter an till several goals on the map: under its first one (`first`)
    # it is drawn in full; elsewhere it says "same goal as under …" (`same_as`).
    others: list[Goal] = field(default_factory=list)
    same_as: Goal | None = None
    same_path: tuple[int, ...] = ()  # the path of its full appearance
    offset: int = 0  # the unit levels skipped between its parent's column and its own
    # Set by the page (map_views): unfold (the page, and the fragment for htmx), and the
    # full appearance of a goal drawn again.
    open_url: str = ""
    branch_url: str = ""
    same_url: str = ""

    @property
    def same_anchor(self) -> str:
        return "goal-" + "-".join(str(pk) for pk in self.same_path)

    @property
    def anchor(self) -> str:
        return "goal-" + "-".join(str(pk) for pk in self.path)

    @property
    def kids_id(self) -> str:
        return "kids-" + "-".join(str(pk) for pk in self.path)

    @property
    def path_text(self) -> str:
        return "-".join(str(pk) for pk in self.path)

    @property
    def heading(self) -> int:
        """The heading level of its card: h2 for the top goals, one deeper per level."""
        return min(2 + len(self.path) - 1, 6)

    @property
    def indicators(self) -> int:
        """The goal's due indicators (its own, as the proposal counts them)."""
        proposal = self.status.proposal
        return proposal.green + proposal.yellow + proposal.red + proposal.missing

    @property
    def on_target(self) -> int:
        return self.status.proposal.green

    @property
    def contributing(self) -> int:
        return len(self.children) + self.hidden


@dataclass
class Level:
    """A column of the map: the unit level and the kinds of unit on it ("Nämnd")."""

    column: int
    labels: list[str]


@dataclass
class StrategyMap:
    roots: list[MapNode]
    levels: list[Level]
    top: int  # the unit depth of the highest units with goals (column 0)

    def __iter__(self) -> Iterator[MapNode]:
        """Every appearance, depth first."""
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def __len__(self) -> int:
        return sum(1 for _node in self)

    def __bool__(self) -> bool:
        return bool(self.roots)


@dataclass
class _Skeleton:
    """The year's goals on the map as ids: enough to decide what is shown."""

    place: dict[int, tuple]  # goal id -> (unit depth, unit name, order, id)
    kind: dict[int, str]  # goal id -> its unit's kind
    depth: dict[int, int]
    children: dict[int, list[int]]  # target -> contributing goals, in place order
    parents: dict[int, list[int]]  # goal -> the goals it contributes to, in place order

    @property
    def top(self) -> int:
        return min(self.depth.values(), default=0)

    def roots(self) -> list[int]:
        return sorted(
            (pk for pk in self.place if not self.parents.get(pk)), key=self.place.__getitem__
        )

    def first_path(self, pk: int, below: tuple[int, ...] = ()) -> tuple[int, ...]:
        """Where a goal is drawn in full: under the first goal it contributes to, that one
        under its first, up to the top."""
        path = (pk, *below)
        parents = [parent for parent in self.parents.get(pk, []) if parent not in path]
        return self.first_path(parents[0], path) if parents else path


def map_goals(
    grants: Grants,
    period: ReportingPeriod,
    *,
    unit: Unit | None = None,
    category: GoalCategory | None = None,
):
    """The query set of the goals the map may show: the year's goals of the units the person
    sees, in the branch of `unit`, of `category` (or one of its sub-areas)."""
    goals = Goal.objects.filter(
        plan__year=period.year, plan__unit__in=grants.visible_units().values("pk")
    )
    if unit is not None:
        goals = goals.filter(plan__unit__path__startswith=unit.path)
    if category is not None:
        goals = goals.filter(Q(category=category) | Q(category__parent=category))
    return goals


def _skeleton(goals) -> _Skeleton:
    place, kind, depth = {}, {}, {}
    for pk, unit_depth, unit_name, unit_kind, order in goals.values_list(
        "pk", "plan__unit__depth", "plan__unit__name", "plan__unit__kind", "order"
    ):
        place[pk] = (unit_depth, unit_name, order, pk)
        kind[pk], depth[pk] = unit_kind, unit_depth
    children: dict[int, list[int]] = defaultdict(list)
    parents: dict[int, list[int]] = defaultdict(list)
    links = GoalLink.objects.filter(goal__in=goals.values("pk"), target__in=goals.values("pk"))
    for goal_id, target_id in links.values_list("goal_id", "target_id"):
        if goal_id in place and target_id in place:
            children[target_id].append(goal_id)
            parents[goal_id].append(target_id)
    for ids in (*children.values(), *parents.values()):
        ids.sort(key=place.__getitem__)
    return _Skeleton(place, kind, depth, children, parents)


def strategy_map(
    grants: Grants,
    period: ReportingPeriod,
    *,
    unit: Unit | None = None,
    category: GoalCategory | None = None,
    opened: Sequence[int] = (),  # the goals whose branch the person unfolded
    everything: bool = False,  # every level unfolded (the printed map and the PDF)
    seen: Seen | None = None,
) -> StrategyMap:
    """The map as the person sees it (statuses from what `seen` shows, by default what the
    person of `grants` sees)."""
    skeleton = _skeleton(map_goals(grants, period, unit=unit, category=category))
    unfolded = set(opened)

    def shows(parent: int, child: int) -> bool:
        return everything or parent in unfolded or skeleton.kind[child] not in FOLDED_KINDS

    shape = [_grow(pk, (pk,), None, skeleton, shows) for pk in skeleton.roots()]
    return _build(shape, skeleton, period, seen or Seen.for_grants(grants))


def strategy_branch(
    grants: Grants,
    period: ReportingPeriod,
    path: Sequence[int],
    *,
    unit: Unit | None = None,
    category: GoalCategory | None = None,
    opened: Sequence[int] = (),
    seen: Seen | None = None,
) -> MapNode | None:
    """The appearance of the goal at `path` with every goal that contributes to it (its
    branch unfolded one level; deeper ones as `open` says), or None when the path is not a
    chain of links of goals the person sees on this map."""
    skeleton = _skeleton(map_goals(grants, period, unit=unit, category=category))
    if not path or path[0] not in skeleton.place or skeleton.parents.get(path[0]):
        return None
    for parent, child in pairwise(path):
        if child not in skeleton.children.get(parent, []):
            return None
    unfolded = {*opened, path[-1]}

    def shows(parent: int, child: int) -> bool:
        return parent in unfolded or skeleton.kind[child] not in FOLDED_KINDS

    above = path[-2] if len(path) > 1 else None
    shape = _grow(path[-1], tuple(path), above, skeleton, shows)
    built = _build([shape], skeleton, period, seen or Seen.for_grants(grants))
    return built.roots[0]


@dataclass
class _Shape:
    pk: int
    path: tuple[int, ...]
    parent: int | None
    children: list["_Shape"]
    hidden: int


def _grow(pk, path, parent, skeleton: _Skeleton, shows) -> _Shape:
    children, hidden = [], 0
    for child in skeleton.children.get(pk, []):
        if child in path:  # links go upwards only, but a cycle must not loop forever
            continue
        if shows(pk, child):
            children.append(_grow(child, (*path, child), pk, skeleton, shows))
        else:
            hidden += 1
    return _Shape(pk, path, parent, children, hidden)


def _walk(shapes: list[_Shape]) -> Iterator[_Shape]:
    for shape in shapes:
        yield shape
        yield from _walk(shape.children)


def _build(shapes, skeleton: _Skeleton, period, seen: Seen) -> StrategyMap:
    shown = {shape.pk for shape in _walk(shapes)}
    wanted = shown | {target for pk in shown for target in skeleton.parents.get(pk, [])}
    goals = {
        goal.pk: goal
        for goal in Goal.objects.filter(pk__in=wanted).select_related("plan__unit", "category")
    }
    ordered = sorted((goals[pk] for pk in shown), key=lambda goal: skeleton.place[goal.pk])
    statuses = goal_statuses(ordered, period, seen=seen, trend=False)
    top = skeleton.top

    def node(shape: _Shape) -> MapNode:
        goal = goals[shape.pk]
        column = goal.plan.unit.depth - top
        parent = goals[shape.parent] if shape.parent else None
        made = MapNode(
            goal,
            statuses[shape.pk],
            parent,
            shape.path,
            column,
            [node(child) for child in shape.children],
            shape.hidden,
            others=[goals[pk] for pk in skeleton.parents.get(shape.pk, []) if pk != shape.parent],
            offset=max(column - (parent.plan.unit.depth - top) - 1, 0) if parent else column,
        )
        first = skeleton.first_path(shape.pk)
        if made.others and first != shape.path:
            made.same_as, made.same_path = goals[first[-2]], first
        return made

    roots = [node(shape) for shape in shapes]
    built = StrategyMap(roots, [], top)
    built.levels = _levels(skeleton)
    return built


def _levels(skeleton: _Skeleton) -> list[Level]:
    """The columns of every goal the map may show (unfolded or not), so a branch unfolded
    later lands under its level's name."""
    kinds: dict[int, set[str]] = defaultdict(set)
    for pk, depth in skeleton.depth.items():
        kinds[depth - skeleton.top].add(skeleton.kind[pk])
    if not kinds:
        return []
    return [
        Level(
            column,
            [str(LEVEL_NAMES.get(UnitKind(kind), kind)) for kind in _in_order(kinds[column])],
        )
        for column in range(max(kinds) + 1)
    ]


def _in_order(kinds: set[str]) -> list[str]:
    order = list(UnitKind.values)
    return sorted(kinds, key=order.index)


# The names of the levels over the map's columns: a municipality's own goals are fullmäktige's.
LEVEL_NAMES: dict[UnitKind, object] = {
    UnitKind.MUNICIPALITY: gettext_lazy("Council"),
    UnitKind.COMMITTEE: gettext_lazy("Committee"),
    UnitKind.ADMINISTRATION: gettext_lazy("Administration"),
    UnitKind.DEPARTMENT: UnitKind.DEPARTMENT.label,
    UnitKind.UNIT: UnitKind.UNIT.label,
    UnitKind.COMPANY: UnitKind.COMPANY.label,
    UnitKind.ASSOCIATION: UnitKind.ASSOCIATION.label,
}
