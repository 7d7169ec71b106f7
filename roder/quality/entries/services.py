"""Writes of award entries (Kvalitetsutmärkelsen): the entry and its evaluators, the answers
(also with figures from Roder's indicators) and the evaluators' feedback report per area.

Transactional, validated (a ValidationError with a translated message writes nothing), versioned
and with history on the unit.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roder.core.models import HistoryAction
from roder.core.services import create_with_history, history_record, update_with_history
from roder.quality.frameworks.services import check_framework_visible
from roder.quality.models import Answer, AreaFeedback, Entry, FrameworkVersion, Question
from roder.quality.roles import check_people
from roder.quality.scores import score_of

ENTRY_FIELDS = ("title", "year", "entry_class", "introduction", "feedback_summary")


@transaction.atomic
def entry_create(
    *,
    unit,
    framework: FrameworkVersion,
    title: str,
    year: int,
    by,
    entry_class: str = "",
    evaluators=(),
) -> Entry:
    """A new entry with an empty answer per question and feedback row per area."""
    check_framework_visible(framework, unit.organisation)
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the entry a title.")})
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Enter a year between 2000 and 2100.")})
    people = list(evaluators)
    check_people(people, unit.organisation)
    values = {"title": title.strip(), "year": year, "entry_class": entry_class}
    entry = create_with_history(
        Entry,
        values={"unit": unit, "framework": framework, **values},
        fields=("title", "year", "framework"),
        by=by,
        organisation=unit.organisation,
        unit=unit,
    )
    entry.evaluators.set(people)
    Answer.objects.bulk_create(
        Answer(entry=entry, question=q) for q in Question.objects.filter(area__framework=framework)
    )
    AreaFeedback.objects.bulk_create(
        AreaFeedback(entry=entry, area=area) for area in framework.areas.all()
    )
    return entry


@transaction.atomic
def entry_update(*, entry: Entry, expected_version: int, by, evaluators=None, **values) -> Entry:
    merged = {name: values.get(name, getattr(entry, name)) for name in ENTRY_FIELDS}
    if not (merged["title"] or "").strip():
        raise ValidationError({"title": _("Give the entry a title.")})
    update_with_history(
        entry,
        fields=ENTRY_FIELDS,
        values=merged,
        expected_version=expected_version,
        by=by,
        organisation=entry.unit.organisation,
        unit=entry.unit,
    )
    if evaluators is not None:
        people = list(evaluators)
        check_people(people, entry.unit.organisation)
        before = _names(entry.evaluators.all())
        entry.evaluators.set(people)
        history_record(
            obj=entry,
            action=HistoryAction.UPDATE,
            actor=by,
            organisation=entry.unit.organisation,
            unit=entry.unit,
            before={"evaluators": before},
            after={"evaluators": _names(people)},
        )
    return entry


def _names(people) -> str:
    return ", ".join(sorted(person.get_full_name() or person.username for person in people))


@transaction.atomic
def answer_save(*, answer: Answer, text: str, expected_version: int, by) -> Answer:
    entry = answer.entry
    update_with_history(
        answer,
        fields=("text",),
        values={"text": (text or "").strip()},
        expected_version=expected_version,
        by=by,
        organisation=entry.unit.organisation,
        unit=entry.unit,
    )
    return answer


@transaction.atomic
def answer_add_figures(*, answer: Answer, lines: list[str], expected_version: int, by) -> Answer:
    """Append figure lines ("Nyckeltal: name – 2011: 67, 2010: 67") to the answer."""
    if not lines:
        raise ValidationError({"indicators": _("Choose at least one indicator.")})
    text = answer.text.rstrip()
    text = f"{text}\n\n" if text else ""
    return answer_save(
        answer=answer, text=text + "\n".join(lines), expected_version=expected_version, by=by
    )


@transaction.atomic
def feedback_save(
    *,
    feedback: AreaFeedback,
    score,
    strengths: str,
    improvements: str,
    question_scores: dict,
    expected_version: int,
    by,
) -> AreaFeedback:
    """The feedback report's part for one area and the scores of its questions
    ({Answer: score}); a score out of range writes nothing."""
    entry = feedback.entry
    value = score_of(feedback.area, score)
    parsed = {}
    for answer, given in question_scores.items():
        if answer.entry_id != entry.pk or answer.question.area_id != feedback.area_id:
            raise ValidationError(_("A question belongs to another entry or area."))
        parsed[answer] = score_of(answer.question, given, field=f"q{answer.question.number}")
    organisation = entry.unit.organisation
    update_with_history(
        feedback,
        fields=("score", "strengths", "improvements"),
        values={
            "score": value,
            "strengths": strengths.strip(),
            "improvements": improvements.strip(),
        },
        expected_version=expected_version,
        by=by,
        organisation=organisation,
        unit=entry.unit,
    )
    for answer, given in parsed.items():
        if given != answer.score:
            update_with_history(
                answer,
                fields=("score",),
                values={"score": given},
                expected_version=answer.version,
                by=by,
                organisation=organisation,
                unit=entry.unit,
            )
    return feedback
