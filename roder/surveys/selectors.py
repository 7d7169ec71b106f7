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
from functools import reduce

from django.db.models import CharField, Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roder.core.disclosure import Reason, minimum_group_size, suppress
from roder.organisation.models import Unit
from roder.surveys.indices import (
    DONT_KNOW,
    IndexResult,
    IndexSums,
    Method,
    QuestionResult,
    branch_groups,
    branch_key,
    index_sums,
    own_key,
    question_result,
)
from roder.surveys.models import (
    ImportedResult,
    Invitation,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    ResponseAnswer,
    RoundAccess,
    RoundKind,
    RoundStatus,
    RoundUnit,
    SurveyIndex,
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
    imported: "ImportedFigure | None" = None  # an imported round's figure for the question


@dataclass
class ImportedFigure:
    """A scale question's figures as imported: n, the mean on its scale, the share positive
    (0–1); either may be missing."""

    n: int
    mean: Fraction | None
    share_positive: Fraction | None
    k: int

    @property
    def index(self) -> Fraction | None:
        return None if self.mean is None else (self.mean - 1) * 100 / (self.k - 1)


@dataclass
class GroupResult:
    """The results of one group of respondents (a unit's, or the whole round's)."""

    key: Hashable
    name: str
    respondents: int
    hidden: Reason | None
    unit_id: int | None = None
    branch: bool = False  # the unit together with the units below it
    depth: int = 0  # levels below the owner unit
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
    units: list[GroupResult]  # in the tree's order: each unit's own answers and each branch
    indices: list
    years: list["YearLine"] = field(default_factory=list)


@dataclass
class YearLine:
    """One index over the closed rounds of the same questionnaire and owner unit: per round the
    total's value (None: hidden or no answers), earliest first."""

    code: str
    name: str
    values: list[tuple[SurveyRound, GroupResult, Fraction | None]]


def round_results(round_: SurveyRound, *, with_texts: bool = False) -> RoundResults:
    """Every round unit's results, every branch's (a unit with round units below it, up to the
    owner unit, whose branch is the total) and, for the indices, the same owner's earlier
    rounds of the questionnaire; suppression applied. A fixed number of queries."""
    minimum = minimum_group_size(round_.organisation)
    earlier = list(
        SurveyRound.objects.filter(
            organisation=round_.organisation_id,
            owner_unit=round_.owner_unit_id,
            questionnaire__code=round_.questionnaire.code,
            status=RoundStatus.CLOSED,
            closes_on__lt=round_.closes_on,
        )
        .exclude(pk=round_.pk)
        .select_related("questionnaire", "owner_unit")
        .order_by("closes_on")
    )
    everything = rounds_groups(
        [*earlier, round_], minimum=minimum, with_texts=with_texts, detail_round=round_
    )
    total, units = everything[round_.pk]
    indices = list(round_.questionnaire.indices.all())
    years = [
        YearLine(
            index.code,
            index.name,
            [
                (r, everything[r.pk][0], _index_value(everything[r.pk][0], index.code))
                for r in [*earlier, round_]
            ],
        )
        for index in indices
    ]
    return RoundResults(round_, minimum, total, units, indices, years if earlier else [])


def _index_value(group: GroupResult, code: str) -> Fraction | None:
    if not group.shown:
        return None
    for index, result in group.indices:
        if getattr(index, "code", None) == code:
            return result.value
    return None


def _chain(path: str) -> list[tuple[int, str]]:
    """(unit id, that unit's path) from the top of the tree down to the unit of `path`."""
    parts = path.strip("/").split("/")
    return [(int(part), "/" + "/".join(parts[: n + 1]) + "/") for n, part in enumerate(parts)]


def rounds_groups(
    rounds: list[SurveyRound],
    *,
    minimum: int,
    with_texts: bool = False,
    detail_round: SurveyRound | None = None,
) -> dict[int, tuple[GroupResult, list[GroupResult]]]:
    """For each round (its questionnaire and owner unit selected): the total (the owner unit's
    branch) and the groups in the tree's order: each round unit's own answers and each branch
    at or below the owner unit with round units below it. Indices for every round; the
    per-question lines only for `detail_round`. Seven queries whatever the number of rounds,
    units and answers."""
    if not rounds:
        return {}
    imported = [r for r in rounds if r.is_imported]
    found = _imported_groups(imported, minimum=minimum, detail_round=detail_round)
    rounds = [r for r in rounds if not r.is_imported]
    if not rounds:
        return found
    by_pk = {r.pk: r for r in rounds}
    round_units = list(
        RoundUnit.objects.filter(round__in=list(by_pk))
        .select_related("unit")
        .order_by("unit__path")
    )
    counts: dict[tuple[int, int], int] = {
        (round_id, unit_id): n
        for round_id, unit_id, n in Response.objects.filter(round__in=list(by_pk))
        .values("round_id", "unit_id")
        .annotate(n=Count("pk"))
        .values_list("round_id", "unit_id", "n")
    }
    owner_paths = {r.owner_unit_id: r.owner_unit.path for r in rounds}
    wanted = {
        unit_id
        for ru in round_units
        for unit_id, path in _chain(ru.unit.path)
        if path.startswith(owner_paths[by_pk[ru.round_id].owner_unit_id])
    }
    branch_units = list(Unit.objects.filter(pk__in=wanted).order_by("path"))
    indices_of: dict[int, list] = defaultdict(list)
    for index in SurveyIndex.objects.filter(
        questionnaire__in={r.questionnaire_id for r in rounds}
    ).prefetch_related("questions"):  # 2 queries
        indices_of[index.questionnaire_id].append(index)
    questions = (
        list(detail_round.questionnaire.questions.prefetch_related("choices"))  # 2 queries
        if detail_round is not None
        else []
    )
    # The respondent's key as text: only grouped by, and turning every row's key into a UUID
    # object costs more than the rest of the row.
    rows = (
        ResponseAnswer.objects.filter(response__round__in=list(by_pk))
        .annotate(respondent=Cast("response_id", CharField()))
        .values_list(
            "respondent",
            "response__round_id",
            "response__unit_id",
            "question_id",
            "value",
            "dont_know",
            "text",
        )
    )
    respondents: dict[object, dict[int, object]] = defaultdict(dict)
    where: dict[object, tuple[int, int]] = {}
    for response_id, round_id, unit_id, question_id, value, dont_know, text in rows:
        where[response_id] = (round_id, unit_id)
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
    by_unit: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for key, given in respondents.items():
        by_unit[where[key]].append(given)
    return found | {
        round_.pk: _round_tree(
            round_,
            [ru for ru in round_units if ru.round_id == round_.pk],
            branch_units,
            owner_paths[round_.owner_unit_id],
            counts,
            by_unit,
            minimum=minimum,
            indices=indices_of[round_.questionnaire_id],
            questions=questions if detail_round is not None and round_ == detail_round else [],
            with_texts=with_texts,
        )
        for round_ in rounds
    }


def _imported_groups(
    rounds: list[SurveyRound], *, minimum: int, detail_round: SurveyRound | None
) -> dict[int, tuple[GroupResult, list[GroupResult]]]:
    """Imported rounds (no answers): one group per unit the file gave figures for, the owner
    unit's being the total; a group under the minimum is hidden. Two queries for any number of
    imported rounds (none when there are none)."""
    if not rounds:
        return {}
    rows = list(
        ImportedResult.objects.filter(round__in=[r.pk for r in rounds])
        .select_related("unit", "index", "question")
        .order_by("unit__path", "pk")
    )
    indices_of: dict[int, list] = defaultdict(list)
    for index in SurveyIndex.objects.filter(
        questionnaire__in={r.questionnaire_id for r in rounds}
    ).order_by("pk"):
        indices_of[index.questionnaire_id].append(index)
    per: dict[int, dict[int, list[ImportedResult]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        per[row.round_id][row.unit_id].append(row)
    found = {}
    for round_ in rounds:
        owner_path = round_.owner_unit.path
        total = GroupResult(branch_key(round_.owner_unit_id), "", 0, None, None, branch=True)
        lines = []
        for unit_rows in per[round_.pk].values():
            unit = unit_rows[0].unit
            n = max(row.respondents for row in unit_rows)
            group = GroupResult(
                own_key(unit.pk),
                unit.name,
                n,
                Reason.SMALL if n < minimum else None,
                unit.pk,
                depth=unit.path.count("/") - owner_path.count("/"),
            )
            if group.shown:
                values = {
                    row.index_id: IndexResult(Fraction(row.value), row.respondents, Method.IMPORTED)
                    for row in unit_rows
                    if row.index_id and row.value is not None
                }
                group.indices = [
                    (index, values.get(index.pk, IndexResult(None, 0, Method.IMPORTED)))
                    for index in indices_of[round_.questionnaire_id]
                ]
                if detail_round is not None and round_.pk == detail_round.pk:
                    group.questions = [_imported_line(row) for row in unit_rows if row.question_id]
                    group.questions.sort(key=lambda line: getattr(line.question, "number", 0))
            if unit.pk == round_.owner_unit_id:
                total = group
            else:
                lines.append(group)
        total.name, total.unit_id = "", None
        found[round_.pk] = (total, lines)
    return found


def _imported_line(row: ImportedResult) -> QuestionLine:
    assert row.question is not None and row.question.scale_max  # a scale question's row
    figure = ImportedFigure(
        row.respondents,
        None if row.value is None else Fraction(row.value),
        None if row.share_positive is None else Fraction(row.share_positive) / 100,
        row.question.scale_max,
    )
    return QuestionLine(row.question, answered=row.respondents, imported=figure)


def _round_tree(
    round_,
    mine,
    branch_units,
    owner_path,
    counts,
    by_unit,
    *,
    minimum,
    indices,
    questions,
    with_texts,
) -> tuple[GroupResult, list[GroupResult]]:
    groups = branch_groups(
        (ru.unit_id, ru.unit.path, counts.get((round_.pk, ru.unit_id), 0)) for ru in mine
    )
    hidden = suppress(groups, minimum=minimum)
    scales = [
        {q.pk: q.scale_max for q in index.questions.all() if q.scale_max} for index in indices
    ]
    # Each unit's respondents are gone over once per index; a branch adds its units' sums.
    sums = {
        ru.unit_id: [index_sums(by_unit.get((round_.pk, ru.unit_id), []), s) for s in scales]
        for ru in mine
    }

    def answers_of(units) -> list[dict]:
        return [a for ru in units for a in by_unit.get((round_.pk, ru.unit_id), [])]

    def group(key, name, units, unit_id, *, branch=False, depth=0) -> GroupResult:
        n = sum(counts.get((round_.pk, ru.unit_id), 0) for ru in units)
        found = GroupResult(key, name, n, hidden.get(key), unit_id, branch=branch, depth=depth)
        if found.shown:
            for position, index in enumerate(indices):
                parts = [sums[ru.unit_id][position] for ru in units]
                added = reduce(IndexSums.add, parts) if parts else None
                found.indices.append(
                    (index, added.result() if added else IndexResult(None, 0, Method.RESPONDENTS))
                )
            if questions:
                answers = answers_of(units)
                found.questions = [_line(q, answers, with_texts) for q in questions]
        return found

    lines: list[GroupResult] = []
    total = None
    for unit in branch_units:
        if not unit.path.startswith(owner_path):
            continue
        below = [ru for ru in mine if ru.unit.path.startswith(unit.path)]
        if not below:
            continue
        depth = unit.path.count("/") - owner_path.count("/")
        own = [ru for ru in below if ru.unit_id == unit.pk]
        if own:
            lines.append(group(own_key(unit.pk), unit.name, own, unit.pk, depth=depth))
        if len(below) > len(own):
            line = group(branch_key(unit.pk), unit.name, below, unit.pk, branch=True, depth=depth)
            if unit.pk == round_.owner_unit_id:
                total = line
            else:
                lines.append(line)
    if total is None:  # no branch at the owner unit: its one unit, or no units below it
        total = group(branch_key(round_.owner_unit_id), "", mine, None, branch=True)
    total.name, total.unit_id = "", None
    return total, lines


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
    runs: bool = False  # the person runs it (set by the page)

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
        SurveyRound.objects.surveys()
        .filter(grants.sees("owner_unit"))
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
        .exclude(rounds__kind=RoundKind.SELF_ASSESSMENT)  # made for one self-assessment
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
    link: str = ""  # the open link as a full address (set by the page)


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


@dataclass
class Sending:
    invited: int
    unsent: int
    waiting: int  # sent and not answered: those a reminder goes to


def sending_counts(round_: SurveyRound) -> Sending:
    """How many personal links are not sent yet, and how many a reminder would go to (one
    query; counts only)."""
    counts = Invitation.objects.filter(round=round_).aggregate(
        invited=Count("pk"),
        unsent=Count("pk", filter=Q(sent_on__isnull=True)),
        waiting=Count("pk", filter=Q(sent_on__isnull=False, answered=False)),
    )
    return Sending(**counts)
