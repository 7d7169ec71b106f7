"""Compile self-assessments per unit and for a branch (fixed number of queries).

Results are hidden through `core.disclosure`, decided once over every self-assessment of the
period in the organisation, so that every page hides the same results and no two pages together
give one away: a round's own answers add up, with the rounds below, into each branch's total.

The answers are the survey round's (`Round.survey_round`): respondents are its used invitations
(an answer moved from before the survey engine is a response of its own, so responses are not
counted), a commitment's score its scale question's value, "cannot say" its "don't know", a
comment its comment question's text (`surveys.services.item_codes`)."""

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field

from django.db.models import Count, Q

from roder.core.disclosure import Reason, minimum_group_size, suppress
from roder.selfassessment.models import Round
from roder.surveys.indices import branch_groups, branch_key, own_key
from roder.surveys.models import Invitation, QuestionKind, ResponseAnswer


@dataclass(frozen=True)
class Disclosure:
    minimum: int
    hidden: dict[Hashable, Reason]


def disclosure(period) -> Disclosure:
    """Which results of the period's self-assessments to hide (two queries)."""
    minimum = minimum_group_size(period.organisation)
    respondents = (
        Round.objects.filter(period=period)
        .annotate(
            respondents=Count(
                "survey_round__invitations", filter=Q(survey_round__invitations__answered=True)
            )
        )
        .values_list("unit_id", "unit__path", "respondents")
    )
    groups = branch_groups(respondents)
    return Disclosure(minimum, suppress(groups, minimum=minimum))


def _goal_of(code: str) -> int | None:
    """The goal a question of the round's questionnaire asks about (`item_codes`)."""
    parts = code.split("-")
    return int(parts[1]) if len(parts) >= 2 and parts[0] == "item" and parts[1].isdigit() else None


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
    minimum: int
    hidden: Reason | None = None

    @property
    def shown(self) -> bool:
        return self.respondents >= self.minimum and self.hidden is None

    @property
    def mean(self) -> float | None:
        scores = [s for g in self.goals for s in g.scores]
        return sum(scores) / len(scores) if scores else None


def round_result(round_: Round, members: int) -> RoundResult:
    """The round's result per commitment; nothing of it is shown when `hidden` is set."""
    goals = {g.pk: GoalResult(g) for g in round_.goals.order_by("order", "pk")}
    rules = disclosure(round_.period)
    respondents = Invitation.objects.filter(round=round_.survey_round_id, answered=True).count()
    result = RoundResult(
        round_, respondents, members, [], rules.minimum, rules.hidden.get(own_key(round_.unit_id))
    )
    if not result.shown:
        return result  # the answers are not even read
    rows = ResponseAnswer.objects.filter(response__round=round_.survey_round_id).values_list(
        "question__code", "question__kind", "value", "dont_know", "text"
    )
    for code, kind, value, dont_know, text in rows:
        goal_id = _goal_of(code)
        goal = goals.get(goal_id) if goal_id is not None else None
        if goal is None:
            continue
        if kind == QuestionKind.TEXT:
            if text:
                goal.comments.append(text)
        elif dont_know:
            goal.cannot_say += 1
        elif value is not None:
            goal.scores.append(value)
    for goal in goals.values():
        goal.scores.sort()
        goal.comments.sort()  # alphabetical: no order that hints at a person
        goal.counts = [(n, goal.scores.count(n)) for n in range(1, round_.scale_max + 1)]
    result.goals = list(goals.values())
    return result


@dataclass
class BranchLine:
    round: Round
    respondents: int
    mean: float | None
    hidden: Reason | None = None

    @property
    def shown(self) -> bool:
        return self.hidden is None


@dataclass
class Branch:
    lines: list[BranchLine]
    respondents: int
    mean: float | None
    minimum: int
    hidden: Reason | None = None


def branch_results(unit, period, grants) -> Branch:
    """Every visible unit's self-assessment in the period, from `unit` down, and the branch's
    mean over all scores and its number of respondents (five queries)."""
    rounds = [
        r
        for r in Round.objects.filter(period=period, unit__path__startswith=unit.path)
        .select_related("unit")
        .order_by("unit__path")
        if grants.can_see(r.unit)
    ]
    rules = disclosure(period)
    survey_rounds = {r.survey_round_id: r.pk for r in rounds}
    respondents: defaultdict[int, int] = defaultdict(int)
    for survey_round_id in Invitation.objects.filter(
        round__in=list(survey_rounds), answered=True
    ).values_list("round_id", flat=True):
        respondents[survey_rounds[survey_round_id]] += 1
    sums: defaultdict[int, list[int]] = defaultdict(lambda: [0, 0])
    for survey_round_id, score in ResponseAnswer.objects.filter(
        response__round__in=list(survey_rounds),
        question__kind=QuestionKind.LIKERT,
        value__isnull=False,
    ).values_list("response__round_id", "value"):
        assert score is not None  # filtered above
        sums[survey_rounds[survey_round_id]][0] += score
        sums[survey_rounds[survey_round_id]][1] += 1
    lines = []
    for r in rounds:
        hidden = rules.hidden.get(own_key(r.unit_id))
        total, count = sums[r.pk]
        mean = total / count if count and hidden is None else None
        lines.append(BranchLine(r, respondents[r.pk], mean, hidden))
    total = sum(v[0] for v in sums.values())
    count = sum(v[1] for v in sums.values())
    hidden = rules.hidden.get(branch_key(unit.pk))
    people = sum(respondents.values())
    mean = total / count if count and hidden is None and people >= rules.minimum else None
    return Branch(lines, people, mean, rules.minimum, hidden)
