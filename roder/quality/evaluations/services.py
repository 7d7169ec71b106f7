"""Writes of evaluations: the evaluation and its evaluators, the score and texts per area, the
findings, and an improvement area or weakness turned into actions.

Transactional, validated (a ValidationError with a translated message writes nothing), versioned
and with history on the evaluated unit. An evaluation locks its framework version: a later edit
of the framework goes into a new version (frameworks/services.py).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from roder.actions.models import Action
from roder.actions.services import action_create
from roder.core.models import HistoryAction
from roder.core.services import create_with_history, history_record, update_with_history
from roder.quality.frameworks.services import check_framework_visible
from roder.quality.models import (
    ACTIONABLE,
    Area,
    AreaScore,
    Evaluation,
    EvaluationKind,
    Finding,
    FindingAction,
    FindingKind,
    FrameworkVersion,
    SubArea,
    SubAreaNarrative,
)
from roder.quality.roles import check_people
from roder.quality.scores import score_of

EVALUATION_FIELDS = (
    "kind",
    "title",
    "evaluators",
    "starts",
    "ends",
    "reported_on",
    "summary",
    "key_facts",
)
FINDING_FIELDS = ("kind", "text", "municipality", "sub_area")


def _evaluation_checks(values: dict) -> None:
    if values.get("kind") not in EvaluationKind.values:
        raise ValidationError({"kind": _("Choose external evaluation or self-assessment.")})
    if not (values.get("title") or "").strip():
        raise ValidationError({"title": _("Give the evaluation a title.")})
    starts, ends = values.get("starts"), values.get("ends")
    if starts and ends and ends < starts:
        raise ValidationError({"ends": _("The evaluation cannot end before it starts.")})


@transaction.atomic
def evaluation_create(
    *, unit, framework: FrameworkVersion, by, evaluator_people=(), **values
) -> Evaluation:
    """A new evaluation with an empty score row per area and narrative per sub-area."""
    values.setdefault("kind", EvaluationKind.EXTERNAL)
    _evaluation_checks(values)
    check_framework_visible(framework, unit.organisation)
    people = list(evaluator_people)
    check_people(people, unit.organisation)
    values["title"] = values["title"].strip()
    # Lock the version: an edit of its parts waits, then sees it in use and makes a copy.
    FrameworkVersion.objects.select_for_update().filter(pk=framework.pk).first()
    evaluation = create_with_history(
        Evaluation,
        values={"unit": unit, "framework": framework, **values},
        fields=(*EVALUATION_FIELDS, "framework"),
        by=by,
        organisation=unit.organisation,
        unit=unit,
    )
    evaluation.evaluator_people.set(people)
    areas = list(framework.areas.all())
    AreaScore.objects.bulk_create(AreaScore(evaluation=evaluation, area=area) for area in areas)
    SubAreaNarrative.objects.bulk_create(
        SubAreaNarrative(evaluation=evaluation, sub_area=sub)
        for sub in SubArea.objects.filter(area__framework=framework)
    )
    return evaluation


@transaction.atomic
def evaluation_update(
    *, evaluation: Evaluation, expected_version: int, by, evaluator_people=None, **values
) -> Evaluation:
    merged = {name: values.get(name, getattr(evaluation, name)) for name in EVALUATION_FIELDS}
    _evaluation_checks(merged)
    organisation = evaluation.unit.organisation
    update_with_history(
        evaluation,
        fields=EVALUATION_FIELDS,
        values=merged,
        expected_version=expected_version,
        by=by,
        organisation=organisation,
        unit=evaluation.unit,
    )
    if evaluator_people is not None:
        people = list(evaluator_people)
        check_people(people, organisation)
        evaluation.evaluator_people.set(people)
    return evaluation


@transaction.atomic
def area_score_save(
    *, row: AreaScore, score, text: str, narratives: dict, expected_version: int, by
) -> AreaScore:
    """The area's score (0..max, or one of its scale's values), general text and the narratives
    of its sub-areas ({SubAreaNarrative: text}). An out-of-range score writes nothing."""
    area = row.area
    value = score_of(area, score)
    evaluation = row.evaluation
    update_with_history(
        row,
        fields=("score", "text"),
        values={"score": value, "text": (text or "").strip()},
        expected_version=expected_version,
        by=by,
        organisation=evaluation.unit.organisation,
        unit=evaluation.unit,
    )
    for narrative, new_text in narratives.items():
        if narrative.evaluation_id != evaluation.pk or narrative.sub_area.area_id != area.pk:
            raise ValidationError(_("A narrative belongs to another evaluation or area."))
        new_text = (new_text or "").strip()
        if new_text != narrative.text:
            update_with_history(
                narrative,
                fields=("text",),
                values={"text": new_text},
                expected_version=narrative.version,
                by=by,
                organisation=evaluation.unit.organisation,
                unit=evaluation.unit,
            )
    return row


def _finding_checks(evaluation: Evaluation, area: Area, values: dict) -> None:
    if area.framework_id != evaluation.framework_id:
        raise ValidationError({"area": _("The area belongs to another framework.")})
    if values.get("kind") not in FindingKind.values:
        raise ValidationError(
            {"kind": _("Choose strength, improvement area, weakness or good example.")}
        )
    if not (values.get("text") or "").strip():
        raise ValidationError({"text": _("Describe the finding.")})
    sub_area = values.get("sub_area")
    if sub_area is not None and sub_area.area_id != area.pk:
        raise ValidationError({"sub_area": _("The sub-area belongs to another area.")})
    if (
        values["kind"] == FindingKind.GOOD_EXAMPLE
        and not (values.get("municipality") or "").strip()
    ):
        raise ValidationError({"municipality": _("Name the municipality of the good example.")})


@transaction.atomic
def finding_create(*, evaluation: Evaluation, area: Area, by, **values) -> Finding:
    values.setdefault("sub_area", None)
    values.setdefault("municipality", "")
    _finding_checks(evaluation, area, values)
    values["text"] = values["text"].strip()
    values["municipality"] = values["municipality"].strip()
    order = evaluation.findings.aggregate(top=Max("order"))["top"] or 0
    finding = Finding.objects.create(evaluation=evaluation, area=area, order=order + 1, **values)
    history_record(
        obj=evaluation,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=evaluation.unit.organisation,
        unit=evaluation.unit,
        after={f"{finding.get_kind_display()} ({area.number})": finding.text},
    )
    return finding


@transaction.atomic
def finding_update(*, finding: Finding, expected_version: int, by, **values) -> Finding:
    """Change a finding, also moving it to another area of the same framework (`area=`)."""
    fields = (*FINDING_FIELDS, "area")
    merged = {name: values.get(name, getattr(finding, name)) for name in fields}
    merged["municipality"] = (merged["municipality"] or "").strip()
    _finding_checks(finding.evaluation, merged["area"], merged)
    merged["text"] = merged["text"].strip()
    if finding.action_links.exists() and merged["kind"] not in ACTIONABLE:
        raise ValidationError(
            {"kind": _("The finding has actions, so it stays an improvement area or weakness.")}
        )
    evaluation = finding.evaluation
    update_with_history(
        finding,
        fields=fields,
        values=merged,
        expected_version=expected_version,
        by=by,
        organisation=evaluation.unit.organisation,
        unit=evaluation.unit,
    )
    return finding


@transaction.atomic
def finding_delete(*, finding: Finding, by) -> None:
    if finding.action_links.exists():
        raise ValidationError(_("The finding has actions and cannot be removed."))
    evaluation = finding.evaluation
    history_record(
        obj=evaluation,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=evaluation.unit.organisation,
        unit=evaluation.unit,
        before={f"{finding.get_kind_display()} ({finding.area.number})": finding.text},
    )
    finding.delete()


@transaction.atomic
def finding_to_action(
    *,
    finding: Finding,
    title: str,
    by,
    unit=None,
    description: str = "",
    responsible=None,
    due=None,
) -> Action:
    """An action in the action list from an improvement area or weakness, linked back to it.
    The action belongs to the evaluated unit unless another unit is given."""
    if finding.kind not in ACTIONABLE:
        raise ValidationError(_("Only an improvement area or a weakness becomes an action."))
    evaluation = finding.evaluation
    unit = unit or evaluation.unit
    if not unit.path.startswith(evaluation.unit.path):
        raise ValidationError(
            {"unit": _("The action must belong to the evaluated unit or below it.")}
        )
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the action a title.")})
    description = description or _("From the %(kind)s in %(evaluation)s: %(text)s") % {
        "kind": finding.get_kind_display().lower(),
        "evaluation": evaluation,
        "text": finding.text,
    }
    action = action_create(
        unit=unit, title=title, description=description, responsible=responsible, due=due, by=by
    )
    FindingAction.objects.create(finding=finding, action=action)
    history_record(
        obj=evaluation,
        action=HistoryAction.LINK,
        actor=by,
        organisation=evaluation.unit.organisation,
        unit=evaluation.unit,
        after={"action": str(action)},
    )
    return action
