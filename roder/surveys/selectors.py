"""A round's results (a fixed number of queries, whatever the number of answers).

Which results are hidden is decided once per round by `core.disclosure` over the additions of
the unit tree (`indices.branch_groups`): each round unit's own answers, and each branch up to
the root, whose total is the round's total. A hidden group shows no figure at all; the number of
answers is always shown.
"""

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roder.core.disclosure import Reason, minimum_group_size, suppress
from roder.surveys.indices import (
    DONT_KNOW,
    IndexResult,
    QuestionResult,
    branch_groups,
    branch_key,
    index_result,
    own_key,
    question_result,
)
from roder.surveys.models import (
    Invitation,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    ResponseAnswer,
    RoundAccess,
    RoundStatus,
    RoundUnit,
    SurveyRound,
)


@dataclass
class ChoiceCount:
    label: str
    count: int
    share: Fraction | None


@dataclass
class QuestionLine:
    question: object
    scale: QuestionResult | None = None  # scale questions
    choices: list[ChoiceCount] = field(default_factory=list)  # yes/no and choice questions
    answered: int = 0
    texts: list[str] = field(default_factory=list)  # free text, for the owners only


@dataclass
class GroupResult:
    """The results of one group of respondents (a unit's, or the whole round's)."""

    key: Hashable
    name: str
    respondents: int
    hidden: Reason | None
    unit_id: int | None = None
    indices: list[tuple[object, IndexResult]] = field(default_factory=list)
    questions: list[QuestionLine] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.hidden is None and self.respondents > 0


@dataclass
class RoundResults:
    round: SurveyRound
    minimum: int
    total: GroupResult
    units: list[GroupResult]
    indices: list


def round_results(round_: SurveyRound, *, with_texts: bool = False) -> RoundResults:
    """Every round unit's results and the total, suppression applied (seven queries)."""
    minimum = minimum_group_size(round_.organisation)
    round_units = list(
        RoundUnit.objects.filter(round=round_).select_related("unit").order_by("unit__path")
    )
    counts = dict(
        Response.objects.filter(round=round_)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .values_list("unit_id", "n")
    )
    groups = branch_groups(
        (ru.unit_id, ru.unit.path, counts.get(ru.unit_id, 0)) for ru in round_units
    )
    hidden = suppress(groups, minimum=minimum)
    questions = list(round_.questionnaire.questions.prefetch_related("choices"))  # 2 queries
    indices = list(round_.questionnaire.indices.prefetch_related("questions"))  # 2 queries
    rows = ResponseAnswer.objects.filter(response__round=round_).values_list(
        "response_id", "response__unit_id", "question_id", "value", "dont_know", "text"
    )
    respondents: dict[object, dict[int, object]] = defaultdict(dict)
    unit_of: dict[object, int] = {}
    for response_id, unit_id, question_id, value, dont_know, text in rows:
        unit_of[response_id] = unit_id
        answers = respondents[response_id]
        if dont_know:
            answers[question_id] = DONT_KNOW
        elif text:
            answers[question_id] = text
        elif question_id in answers:  # several choices
            previous = answers[question_id]
            answers[question_id] = [
                *(previous if isinstance(previous, list) else [previous]),
                value,
            ]
        else:
            answers[question_id] = value
    by_unit: dict[int, list[dict]] = defaultdict(list)
    for key, given in respondents.items():
        by_unit[unit_of[key]].append(given)
    everyone = [answers for unit_answers in by_unit.values() for answers in unit_answers]
    top = branch_groups_root(groups)

    def result(key, name, answers, n, unit_id=None):
        group = GroupResult(key, name, n, hidden.get(key), unit_id)
        if group.shown:
            group.indices = [(index, _index(index, answers)) for index in indices]
            group.questions = [_line(q, answers, with_texts) for q in questions]
        return group

    units = [
        result(
            own_key(ru.unit_id),
            ru.unit.name,
            by_unit.get(ru.unit_id, []),
            counts.get(ru.unit_id, 0),
            ru.unit_id,
        )
        for ru in round_units
    ]
    total = result(top, "", everyone, sum(counts.values()))
    return RoundResults(round_, minimum, total, units, indices)


def branch_groups_root(groups) -> Hashable:
    """The key of the tree's top branch (the round's total)."""
    tops = [g.key for g in groups if g.parent is None]
    return tops[0] if tops else branch_key(0)


def _index(index, answers: list[dict]) -> IndexResult:
    scales = {q.pk: q.scale_max for q in index.questions.all() if q.scale_max}
    return index_result(answers, scales)


def _line(question, answers: list[dict], with_texts: bool) -> QuestionLine:
    values = [a.get(question.pk) for a in answers]
    given = [v for v in values if v not in (None, "", [])]
    line = QuestionLine(question, answered=len(given))
    if question.kind == QuestionKind.LIKERT:
        line.scale = question_result(values, question.scale_max)
    elif question.kind == QuestionKind.TEXT:
        line.texts = sorted(given, key=str.casefold) if with_texts else []
    else:
        options = (
            [(1, _("Yes")), (0, _("No"))]
            if question.kind == QuestionKind.YES_NO
            else [(c.number, c.label) for c in question.choices.all()]
        )
        chosen = [v for value in given for v in (value if isinstance(value, list) else [value])]
        line.choices = [
            ChoiceCount(
                label,
                chosen.count(number),
                Fraction(chosen.count(number), len(given)) if given else None,
            )
            for number, label in options
        ]
    return line


# --- the overview and the owners' round page ---------------------------------------------------


STATE_LABELS = {
    "open": gettext_lazy("Open for answers"),
    "not_open": gettext_lazy("Not open yet"),
    "ended": gettext_lazy("Past its closing date"),
    "closed": gettext_lazy("Closed"),
}


@dataclass
class RoundRow:
    round: SurveyRound
    state: str  # "open", "not_open", "ended", "closed"
    answered: int
    invited: int

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


def round_state(round_: SurveyRound, today) -> str:
    """Where the round stands: closed, not open yet, past its end (closed tonight), or open."""
    if round_.status == RoundStatus.CLOSED:
        return "closed"
    if today < round_.opens_on:
        return "not_open"
    if today > round_.closes_on:
        return "ended"
    return "open"


def _answered_subquery():
    return Subquery(
        Response.objects.filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )


def _invited_subquery():
    return Subquery(
        Invitation.objects.filter(round=OuterRef("pk"))
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )


def visible_rounds(grants, *, unit=None, today) -> list[RoundRow]:
    """The rounds whose own unit the person sees (optionally those of `unit` and below), with
    how many have answered and, for personal links, been invited (one query)."""
    rounds = (
        SurveyRound.objects.filter(grants.sees("owner_unit"))
        .select_related("questionnaire", "owner_unit")
        .annotate(
            answered=Coalesce(_answered_subquery(), 0),
            invited=Coalesce(_invited_subquery(), 0),
        )
        .order_by("-opens_on", "name", "pk")
    )
    if unit is not None:
        rounds = rounds.filter(owner_unit__path__startswith=unit.path)
    return [RoundRow(r, round_state(r, today), r.answered, r.invited) for r in rounds]


def questionnaire_list(organisation):
    """The shipped questionnaires and the organisation's own, with how many rounds each has
    (one query)."""
    return (
        Questionnaire.objects.filter(Q(organisation=None) | Q(organisation=organisation))
        .annotate(
            round_count=Coalesce(
                Subquery(
                    SurveyRound.objects.filter(questionnaire=OuterRef("pk"))
                    .order_by()
                    .values("questionnaire")
                    .annotate(n=Count("pk"))
                    .values("n")[:1],
                    output_field=IntegerField(),
                ),
                0,
            )
        )
        .order_by("name", "code", "version_label", "pk")
    )


def questionnaire_contents(questionnaire) -> tuple[list, list]:
    """The groups with their questions (and choices), and the indices with the questions that
    feed them (four queries)."""
    groups = list(
        questionnaire.groups.prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.order_by("number").prefetch_related("choices"),
            )
        ).order_by("number")
    )
    indices = list(
        questionnaire.indices.prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("number"))
        )
    )
    return groups, indices


@dataclass
class UnitCounts:
    round_unit: RoundUnit
    invited: int = 0
    answered: int = 0


def round_unit_counts(round_: SurveyRound) -> list[UnitCounts]:
    """Per round unit: invited and answered personal links (counts only, never who), or for an
    open link the number of answers (three queries)."""
    rows = [
        UnitCounts(ru)
        for ru in RoundUnit.objects.filter(round=round_)
        .select_related("unit")
        .order_by("unit__path")
    ]
    by_unit = {row.round_unit.unit_id: row for row in rows}
    if round_.access == RoundAccess.PERSONAL:
        counts = (
            Invitation.objects.filter(round=round_)
            .values("unit_id")
            .annotate(n=Count("pk"), done=Count("pk", filter=Q(answered=True)))
            .values_list("unit_id", "n", "done")
        )
        for unit_id, n, done in counts:
            if unit_id in by_unit:
                by_unit[unit_id].invited, by_unit[unit_id].answered = n, done
    else:
        answers = (
            Response.objects.filter(round=round_)
            .values("unit_id")
            .annotate(n=Count("pk"))
            .values_list("unit_id", "n")
        )
        for unit_id, n in answers:
            if unit_id in by_unit:
                by_unit[unit_id].answered = n
    return rows
