"""Which results of anonymous answers to hide, so that no small group's answers can be shown or
worked out (self-assessments; surveys and published results use the same rule).

Results come in groups that add up: a unit's own answers and each unit below it add up to the
branch's total. Hiding a small group is not enough when its parent's total and its siblings are
shown: (24 + x) / 7 = 3.6 gives x away. So:

1. *Primary suppression*: a group with at least one but fewer than `minimum` respondents is
   hidden.
2. *Complementary suppression*: wherever one addition (a parent and its children) would have
   exactly one hidden term left, so that it could be worked out as parent − sum(visible
   children), one more term is hidden: the visible sibling with the fewest respondents (first
   in the order given on a tie); if there is none, the parent itself. The step repeats until no
   addition has exactly one hidden term, so hiding a parent also hides one of its children and
   its own parent's additions are checked again.

A group with no respondents is never hidden and never used as a complement: there is nothing to
protect, and everyone knows it adds nothing. The decision reads only the counts of respondents
and the tree, never the results, so what is hidden says nothing about the answers. Counts of
respondents stay public (who has answered how many); the results (sums, means, distributions,
comments) are what is hidden.

Callers describe every term of every addition as a `Group`: when a unit has answers of its own
as well as units below, its own answers are a child of the branch like the units below are.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from enum import StrEnum

DEFAULT_MINIMUM = 5
# Below three a group of two could tell each other's answers; above 100 nothing would show.
MINIMUM_RANGE = (3, 100)


class Reason(StrEnum):
    SMALL = "small"  # fewer respondents than the minimum
    COMPLEMENT = "complement"  # hidden so that a small group cannot be worked out


@dataclass(frozen=True)
class Group:
    """One result to show: `count` respondents; `parent` is the key of the group it adds up into
    (None at the top)."""

    key: Hashable
    count: int
    parent: Hashable | None = None


def minimum_group_size(organisation: object) -> int:
    """The organisation's setting (`Organisation.minimum_group_size`), never below the floor."""
    value = getattr(organisation, "minimum_group_size", None) or DEFAULT_MINIMUM
    return max(value, MINIMUM_RANGE[0])


def suppress(groups: Iterable[Group], *, minimum: int) -> dict[Hashable, Reason]:
    """The keys of the groups to hide, each with why. Groups not in the answer are shown."""
    groups = list(groups)
    by_key = {group.key: group for group in groups}
    terms: dict[Hashable, list[Group]] = {}
    for group in groups:
        if group.parent in by_key:  # an addition whose total is not given constrains nothing
            terms.setdefault(group.parent, []).append(group)
    hidden = {g.key: Reason.SMALL for g in groups if 0 < g.count < minimum}
    # Only additions with a hidden term can need a complement: check those, and again each
    # addition a newly hidden group takes part in (as a term, or as the total).
    pending = list(
        dict.fromkeys(key for g in groups if g.key in hidden for key in (g.parent, g.key))
    )
    while pending:
        parent_key = pending.pop()
        if parent_key not in terms:
            continue
        complement = _complement(by_key[parent_key], terms[parent_key], hidden)
        if complement is not None:
            hidden[complement] = Reason.COMPLEMENT
            pending += [parent_key, complement, by_key[complement].parent]
    return hidden


def _complement(
    parent: Group, terms: list[Group], hidden: dict[Hashable, Reason]
) -> Hashable | None:
    """What to hide so that the addition parent = sum(terms) has no single hidden term: the
    visible term with the fewest respondents, else the parent; None if it is already safe."""
    unknown = sum(term.key in hidden for term in terms) + (parent.key in hidden)
    if unknown != 1:
        return None
    candidates = [term for term in terms if term.key not in hidden and term.count > 0]
    if candidates:
        return min(candidates, key=lambda term: term.count).key  # min keeps the first on a tie
    return None if parent.key in hidden else parent.key
