"""Compile self-assessments per unit and for a branch (fixed number of queries)."""

from collections import defaultdict
from dataclasses import dataclass, field

from roder.selfassessment.models import MIN_ANSWERS, Answer, Participant, Round


@dataclass
class GoalResult:
    goal: object
    scores: list[int] = field(default_factory=list)
    cannot_say: int = 0
    comments: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.scores)

    @property
    def mean(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None

    counts: list[tuple[int, int]] = field(default_factory=list)  # (score, answers)


@dataclass
class RoundResult:
    round: Round
    respondents: int
    members: int
    goals: list[GoalResult]

    @property
    def shown(self) -> bool:
        return self.respondents >= MIN_ANSWERS

    @property
    def mean(self) -> float | None:
        scores = [s for g in self.goals for s in g.scores]
        return sum(scores) / len(scores) if scores else None


def round_result(round_: Round, members: int) -> RoundResult:
    goals = {g.pk: GoalResult(g) for g in round_.goals.order_by("order", "pk")}
    for answer in Answer.objects.filter(round=round_).order_by("goal_id", "score"):
        result = goals[answer.goal_id]
        if answer.score is None:
            result.cannot_say += 1
        else:
            result.scores.append(answer.score)
        if answer.comment:
            result.comments.append(answer.comment)
    for result in goals.values():
        result.comments.sort()  # alphabetical: no order that hints at a person
        result.counts = [(n, result.scores.count(n)) for n in range(1, round_.scale_max + 1)]
    return RoundResult(round_, round_.participants.count(), members, list(goals.values()))


@dataclass
class BranchLine:
    round: Round
    respondents: int
    mean: float | None

    @property
    def shown(self) -> bool:
        return self.respondents >= MIN_ANSWERS


def branch_results(unit, period, grants) -> tuple[list[BranchLine], float | None, int]:
    """Every visible unit's self-assessment in the period, from `unit` down, and the branch's
    mean over all scores and its number of respondents (three queries)."""
    rounds = [
        r
        for r in Round.objects.filter(period=period, unit__path__startswith=unit.path)
        .select_related("unit")
        .order_by("unit__path")
        if grants.can_see(r.unit)
    ]
    respondents = defaultdict(int)
    for round_id in Participant.objects.filter(round__in=rounds).values_list("round_id", flat=True):
        respondents[round_id] += 1
    sums = defaultdict(lambda: [0, 0])
    for round_id, score in Answer.objects.filter(round__in=rounds, score__isnull=False).values_list(
        "round_id", "score"
    ):
        sums[round_id][0] += score
        sums[round_id][1] += 1
    lines = [
        BranchLine(r, respondents[r.pk], sums[r.pk][0] / sums[r.pk][1] if sums[r.pk][1] else None)
        for r in rounds
    ]
    total = sum(v[0] for v in sums.values())
    count = sum(v[1] for v in sums.values())
    people = sum(respondents.values())
    return lines, (total / count if count and people >= MIN_ANSWERS else None), people
