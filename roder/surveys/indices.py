"""Survey arithmetic (issue 14 part 4, ../shared/domain-reference.md §3), pure functions on
answers, exact (fractions) and rounded only when shown.

An answer to a scale question 1..k is an int, `DONT_KNOW` ("vet ej / ej aktuellt", never in any
figure but its own count) or None (not answered). Per question: the distribution, the mean, the
share positive (the top `positive_steps` steps, two by default) and the 0–100 index
`(x − 1) × 100 / (k − 1)` of the mean. Per index (HME, a sub-index, NKI) two explicit methods,
because vendors differ and the rule for missing answers is a choice:

- `RESPONDENTS` (default): each respondent's mean of the 0–100 values of the index's questions
  they answered, then the mean over the respondents who answered at least one;
- `QUESTIONS`: the mean of the question indices (each over its own respondents).

With every respondent answering every question the two agree. Which results to hide is decided
by `core.disclosure` on the number of respondents; `branch_groups` describes a unit tree's
additions for it.
"""

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from typing import TypeGuard

from roder.core.disclosure import Group

DONT_KNOW = "dont_know"

Value = int | str | None


class Method(StrEnum):
    RESPONDENTS = "respondents"
    QUESTIONS = "questions"
    IMPORTED = "imported"  # a figure imported from elsewhere, not computed from answers


def scaled(value: int, k: int) -> Fraction:
    """A step 1..k on 0–100: (x − 1) × 100 / (k − 1)."""
    if not 1 <= value <= k:
        raise ValueError(f"{value} is outside 1..{k}")
    return Fraction((value - 1) * 100, k - 1)


@dataclass(frozen=True)
class QuestionResult:
    k: int
    distribution: dict[int, int]  # step -> answers, every step present
    dont_know: int
    missing: int

    @property
    def n(self) -> int:
        """Answers on the scale ("don't know" and missing left out)."""
        return sum(self.distribution.values())

    @property
    def mean(self) -> Fraction | None:
        if not self.n:
            return None
        return Fraction(sum(step * count for step, count in self.distribution.items()), self.n)

    def share_positive(self, positive_steps: int = 2) -> Fraction | None:
        """The share (0–1) of the answers in the top `positive_steps` steps."""
        if not self.n:
            return None
        top = range(self.k - positive_steps + 1, self.k + 1)
        return Fraction(sum(self.distribution[step] for step in top), self.n)

    @property
    def index(self) -> Fraction | None:
        mean = self.mean
        return None if mean is None else (mean - 1) * 100 / (self.k - 1)


def question_result(values: Iterable[Value], k: int) -> QuestionResult:
    distribution = dict.fromkeys(range(1, k + 1), 0)
    dont_know = missing = 0
    for value in values:
        if value is None:
            missing += 1
        elif value == DONT_KNOW:
            dont_know += 1
        elif isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= k:
            distribution[value] += 1
        else:
            raise ValueError(f"{value!r} is not an answer on 1..{k}")
    return QuestionResult(k, distribution, dont_know, missing)


@dataclass(frozen=True)
class IndexResult:
    value: Fraction | None
    respondents: int  # who answered at least one of its questions on the scale
    method: Method


def index_result(
    respondents: Iterable[Mapping[Hashable, Value]],
    scales: Mapping[Hashable, int],
    *,
    method: Method = Method.RESPONDENTS,
) -> IndexResult:
    """The index of the questions in `scales` (question -> k) over the respondents' answers
    (each a mapping question -> value; a question left out is not answered)."""
    rows = [_scaled_row(row, scales) for row in respondents]
    answered = [row for row in rows if row]
    if not answered:
        return IndexResult(None, 0, method)
    if method == Method.RESPONDENTS:
        per_person = [_mean(row.values()) for row in answered]
        return IndexResult(_mean(per_person), len(answered), method)
    indices = [_mean(values) for q in scales if (values := [r[q] for r in answered if q in r])]
    return IndexResult(_mean(indices), len(answered), method)


@dataclass
class IndexSums:
    """What a group's index over respondents (`Method.RESPONDENTS`) adds up from, so that a
    branch adds its units' sums instead of going over their respondents again. A respondent's
    mean over the m questions they answered is `numerator / (denominator × m)` with the common
    `denominator` of the index's scales; `numerators[m]` sums those of the respondents who
    answered m questions. Exact: integers only, until `result`."""

    denominator: int
    numerators: dict[int, int]
    respondents: int = 0

    def add(self, other: "IndexSums") -> "IndexSums":
        numerators = dict(self.numerators)
        for m, numerator in other.numerators.items():
            numerators[m] = numerators.get(m, 0) + numerator
        return IndexSums(self.denominator, numerators, self.respondents + other.respondents)

    def result(self) -> IndexResult:
        if not self.respondents:
            return IndexResult(None, 0, Method.RESPONDENTS)
        total = sum(
            (Fraction(n, self.denominator * m) for m, n in self.numerators.items()), Fraction(0)
        )
        return IndexResult(total / self.respondents, self.respondents, Method.RESPONDENTS)


def index_sums(
    respondents: Iterable[Mapping[Hashable, Value]], scales: Mapping[Hashable, int]
) -> IndexSums:
    """The sums of `index_result(respondents, scales)` over respondents, to be added up."""
    denominator = math.lcm(*(k - 1 for k in scales.values())) if scales else 1
    weights = [(q, k, 100 * denominator // (k - 1)) for q, k in scales.items()]
    numerators: dict[int, int] = {}
    count = 0
    for row in respondents:
        numerator = answered = 0
        for q, k, weight in weights:
            value = row.get(q)
            if _on_scale(value):
                if not 1 <= value <= k:
                    raise ValueError(f"{value} is outside 1..{k}")
                numerator += (value - 1) * weight
                answered += 1
        if answered:
            numerators[answered] = numerators.get(answered, 0) + numerator
            count += 1
    return IndexSums(denominator, numerators, count)


def _scaled_row(row: Mapping[Hashable, Value], scales: Mapping[Hashable, int]):
    """The respondent's answers on the scale, each on 0–100."""
    scaled_row: dict[Hashable, Fraction] = {}
    for q, k in scales.items():
        value = row.get(q)
        if _on_scale(value):
            scaled_row[q] = scaled(value, k)
    return scaled_row


def _mean(values: Iterable[Fraction]) -> Fraction:
    values = list(values)
    return sum(values, Fraction(0)) / len(values)


def _on_scale(value: Value) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def rounded(value: Fraction | None, places: int = 0) -> Decimal | None:
    """For showing: half up, `places` decimals (None stays None)."""
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def own_key(unit_id: int) -> tuple[str, int]:
    """A unit's own respondents (not those of the units below)."""
    return ("own", unit_id)


def branch_key(unit_id: int) -> tuple[str, int]:
    """A unit's respondents together with those of every unit below it."""
    return ("branch", unit_id)


def branch_groups(counts: Iterable[tuple[int, str, int]]) -> list[Group]:
    """The additions a unit tree's results make, for `core.disclosure.suppress`: from
    (unit id, materialised path "/1/4/9/", respondents of the unit itself) for each unit with
    respondents, each unit's own result and each branch's total (every ancestor of a unit with
    respondents) with the branch it adds up into."""
    branches: dict[int, int] = {}
    parents: dict[int, int | None] = {}
    groups = []
    for unit_id, path, count in counts:
        groups.append(Group(own_key(unit_id), count, branch_key(unit_id)))
        chain = [int(part) for part in path.strip("/").split("/")]
        for depth, ancestor in enumerate(chain):
            branches[ancestor] = branches.get(ancestor, 0) + count
            parents[ancestor] = chain[depth - 1] if depth else None
    for unit_id, count in branches.items():
        parent_id = parents[unit_id]
        groups.append(
            Group(branch_key(unit_id), count, None if parent_id is None else branch_key(parent_id))
        )
    return groups
