"""Writes of quality evaluations: frameworks, evaluations, findings and their actions,
reference series, Kvalitetsutmärkelsen entries.

Transactional, validated (a ValidationError with a translated message writes nothing), versioned
and with history on the unit (frameworks: on the organisation). A framework version that is in
use, or shipped with Roder, is never changed: editing it makes a new version in the
organisation first (`writable_version`).
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from roder.actions.models import Action
from roder.actions.services import action_create
from roder.core.models import HistoryAction
from roder.core.services import history_record, save_versioned, snapshot, update_with_history
from roder.quality import frameworks
from roder.quality.models import (
    ACTIONABLE,
    Answer,
    Area,
    AreaFeedback,
    AreaScore,
    Entry,
    Evaluation,
    EvaluationKind,
    Finding,
    FindingAction,
    FindingKind,
    FrameworkStatus,
    FrameworkVersion,
    Question,
    ReferenceSeries,
    ReferenceValue,
    SubArea,
    SubAreaNarrative,
    steps_text,
)

VERSION_FIELDS = ("name", "version_label", "year", "description", "source", "status")
AREA_FIELDS = ("number", "name", "max_score", "scale", "help_text")
SUB_AREA_FIELDS = ("number", "name", "help_text")
QUESTION_FIELDS = ("number", "text", "help_text", "max_score", "scale", "asks_for_results")
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
ENTRY_FIELDS = ("title", "year", "entry_class", "introduction", "feedback_summary")


def _models():
    return (FrameworkVersion, Area, SubArea, Question)


# --- frameworks ----------------------------------------------------------------------------


def _free_label(organisation, code: str, label: str) -> str:
    taken = set(
        FrameworkVersion.objects.filter(organisation=organisation, code=code).values_list(
            "version_label", flat=True
        )
    )
    if label not in taken:
        return label
    n = 2
    while _numbered(label, n) in taken:
        n += 1
    return _numbered(label, n)


def _numbered(label: str, n: int) -> str:
    """ "2010 (2)"; a long label is shortened so the number fits the column."""
    suffix = f" ({n})"
    return label[: frameworks.TEXT_LIMITS["version_label"] - len(suffix)] + suffix


def _version_taken(organisation, data: dict) -> bool:
    return FrameworkVersion.objects.filter(
        organisation=organisation, code=data["code"], version_label=data["version_label"].strip()
    ).exists()


def _taken_error(data: dict) -> ValidationError:
    return ValidationError(
        _(
            "The organisation already has %(name)s version %(label)s. Change "
            '"version_label" in the file to import it as a new version.'
        )
        % {"name": data["name"].strip(), "label": data["version_label"].strip()}
    )


@transaction.atomic
def framework_import(*, organisation, raw: bytes | str, by) -> FrameworkVersion:
    """A new draft version in the organisation from a framework file; a bad file writes
    nothing."""
    data = frameworks.parse_file(raw)
    if _version_taken(organisation, data):
        raise _taken_error(data)
    try:
        # In a savepoint: when a parallel import of the same version commits between the check
        # above and this write, the unique constraint refuses it, and that is a message too.
        with transaction.atomic():
            version = frameworks.write_version(
                data, organisation=organisation, models=_models(), status=FrameworkStatus.DRAFT
            )
    except IntegrityError as error:
        raise _taken_error(data) from error
    history_record(
        obj=version,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=organisation,
        after={"imported": str(version)},
    )
    return version


@transaction.atomic
def framework_copy(*, source: FrameworkVersion, organisation, by) -> FrameworkVersion:
    """A new draft version in the organisation with everything of `source`; `source` and the
    evaluations that use it are not changed."""
    data = frameworks.export_data(source)
    label = _free_label(organisation, source.code, source.version_label)
    version = frameworks.write_version(
        data,
        organisation=organisation,
        models=_models(),
        version_label=label,
        status=FrameworkStatus.DRAFT,
        copied_from=source,
    )
    history_record(
        obj=version,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=organisation,
        after={"copied_from": str(source)},
    )
    return version


def writable_version(version: FrameworkVersion, *, organisation, by) -> FrameworkVersion:
    """`version` itself if it may be changed; else (in use or shipped) a new copy in the
    organisation. The version's row is locked first, so an evaluation created at the same
    moment cannot start on it while it changes."""
    FrameworkVersion.objects.select_for_update().filter(pk=version.pk).first()
    if version.is_shipped or version.is_locked:
        return framework_copy(source=version, organisation=organisation, by=by)
    return version


@dataclass
class Edited:
    """The result of a framework edit: the version the change went into, and whether that is a
    new version (because the edited one is in use or shipped)."""

    version: FrameworkVersion
    obj: object
    copied: bool


def _check_number(number, label) -> None:
    if not isinstance(number, int) or not 1 <= number <= frameworks.NUMBER_LIMIT:
        raise ValidationError(
            {
                "number": _("The number must be a whole number from 1 to %(max)s.")
                % {"max": frameworks.NUMBER_LIMIT}
            }
        )


def _check_max(value) -> None:
    if value is not None and (
        not isinstance(value, int) or not 0 <= value <= frameworks.STEP_LIMIT
    ):
        raise ValidationError(
            {
                "max_score": _("The maximum score must be a whole number from 0 to %(max)s.")
                % {"max": frameworks.STEP_LIMIT}
            }
        )


def _check_lines(values: dict, *names: str) -> None:
    """Names and labels are one line: a line break or control character would break the page
    headings, the Word files and the export's file name."""
    for name in names:
        if frameworks.LINE_CONTROL.search(values.get(name) or ""):
            raise ValidationError(
                {name: _("Write this on one line, without line breaks or control characters.")}
            )


def _check_scale(values: dict, part) -> None:
    """The scale given (or the part's own, when none is given) is valid and agrees with the
    maximum score; the given scale is cleaned in place (two keys per step, labels trimmed)."""
    if "scale" in values:
        values["scale"] = values["scale"] or []
        problems = frameworks.scale_problems(values["scale"])
        if problems:
            raise ValidationError({"scale": problems})
        values["scale"] = frameworks.clean_scale(values["scale"])
    scale = values["scale"] if "scale" in values else getattr(part, "scale", [])
    problem = frameworks.scale_max_problem(scale, values.get("max_score"))
    if problem:
        raise ValidationError({"max_score": problem})


def _part_snapshot(part, fields) -> dict:
    """The part's values for history, its scale written as "1 = Label; 2 = Label"."""
    values = snapshot(part, fields)
    if "scale" in values:
        values["scale"] = part.scale_text or None
    return values


@transaction.atomic
def framework_update(
    *, version: FrameworkVersion, organisation, expected_version: int, by, **values
) -> Edited:
    if not (values.get("name") or "").strip() or not (values.get("version_label") or "").strip():
        raise ValidationError(_("Give the framework a name and a version."))
    if values.get("status") not in FrameworkStatus.values:
        raise ValidationError({"status": _("Choose draft or in use.")})
    _check_lines(values, "name", "version_label")
    target = writable_version(version, organisation=organisation, by=by)
    copied = target.pk != version.pk
    if copied:
        expected_version = target.version
        if values["version_label"] == version.version_label:
            values["version_label"] = target.version_label
    clash = FrameworkVersion.objects.filter(
        organisation=organisation, code=target.code, version_label=values["version_label"]
    ).exclude(pk=target.pk)
    if clash.exists():
        raise ValidationError({"version_label": _("The organisation already has this version.")})
    update_with_history(
        target,
        fields=VERSION_FIELDS,
        values=values,
        expected_version=expected_version,
        by=by,
        organisation=organisation,
    )
    return Edited(target, target, copied)


def _same_in(target: FrameworkVersion, area: Area | None) -> Area | None:
    return None if area is None else target.areas.get(number=area.number)


def _save_part(part, *, fields, expected_version: int | None, copied: bool) -> None:
    """Save a changed area, sub-area or question only if nobody saved it since the form was shown
    (`expected_version`, the part's version then; a missing version counts as stale). In a new
    copy of the version the part was just made, so the form's version (of the original part) is
    not compared."""
    if copied:
        expected_version = part.version
    save_versioned(part, expected_version=expected_version or 0, fields=fields)


@transaction.atomic
def area_save(
    *,
    framework: FrameworkVersion,
    organisation,
    by,
    area: Area | None = None,
    expected_version: int | None = None,
    **values,
) -> Edited:
    """Add an area (area None) or change one (`expected_version`: its version when the form was
    shown); in a locked or shipped version the change goes into a new version."""
    _check_number(values["number"], "area")
    _check_max(values["max_score"])
    _check_scale(values, area)
    _check_lines(values, "name")
    if not (values["name"] or "").strip():
        raise ValidationError({"name": _("Name the area.")})
    target = writable_version(framework, organisation=organisation, by=by)
    copied = target.pk != framework.pk
    area = _same_in(target, area) if copied else area
    if target.areas.filter(number=values["number"]).exclude(pk=getattr(area, "pk", None)).exists():
        raise ValidationError({"number": _("Another area has this number.")})
    return _write_part(
        Area,
        area,
        parent={"framework": target},
        values=values,
        fields=AREA_FIELDS,
        expected_version=expected_version,
        copied=copied,
        organisation=organisation,
        by=by,
    )


@transaction.atomic
def sub_area_save(
    *,
    area: Area,
    organisation,
    by,
    sub_area: SubArea | None = None,
    expected_version: int | None = None,
    **values,
) -> Edited:
    _check_number(values["number"], "sub_area")
    _check_lines(values, "name")
    if not (values["name"] or "").strip():
        raise ValidationError({"name": _("Name the sub-area.")})
    framework = area.framework
    target = writable_version(framework, organisation=organisation, by=by)
    copied = target.pk != framework.pk
    if copied:
        area = _same_in(target, area)
        sub_area = area.sub_areas.get(number=sub_area.number) if sub_area else None
    others = area.sub_areas.filter(number=values["number"])
    if others.exclude(pk=getattr(sub_area, "pk", None)).exists():
        raise ValidationError({"number": _("Another sub-area of the area has this number.")})
    return _write_part(
        SubArea,
        sub_area,
        parent={"area": area},
        values=values,
        fields=SUB_AREA_FIELDS,
        expected_version=expected_version,
        copied=copied,
        organisation=organisation,
        by=by,
    )


@transaction.atomic
def question_save(
    *,
    area: Area,
    organisation,
    by,
    question: Question | None = None,
    expected_version: int | None = None,
    **values,
) -> Edited:
    _check_number(values["number"], "question")
    _check_max(values["max_score"])
    _check_scale(values, question)
    framework = area.framework
    target = writable_version(framework, organisation=organisation, by=by)
    copied = target.pk != framework.pk
    if copied:
        area = _same_in(target, area)
        question = (
            Question.objects.get(area__framework=target, number=question.number)
            if question
            else None
        )
    clash = Question.objects.filter(area__framework=target, number=values["number"])
    if clash.exclude(pk=getattr(question, "pk", None)).exists():
        raise ValidationError({"number": _("Another question of the framework has this number.")})
    return _write_part(
        Question,
        question,
        parent={"area": area},
        values=values,
        fields=QUESTION_FIELDS,
        expected_version=expected_version,
        copied=copied,
        organisation=organisation,
        by=by,
    )


def _write_part(
    model, part, *, parent: dict, values: dict, fields, expected_version, copied, organisation, by
) -> Edited:
    """Create an area, sub-area or question under `parent` ({"area": …} or {"framework": …}),
    or change it in place with the version check, and record it on the framework version."""
    target = parent.get("framework") or parent["area"].framework
    before = _part_snapshot(part, fields) if part else {}
    if part is None:
        part = model.objects.create(**parent, **values)
        action = HistoryAction.CREATE
    else:
        for name, value in {**values, **parent}.items():
            setattr(part, name, value)
        changed = [*values, *parent]
        _save_part(part, fields=changed, expected_version=expected_version, copied=copied)
        action = HistoryAction.UPDATE
    after = _part_snapshot(part, fields)
    _framework_history(target, organisation, by, before, after, part, action)
    return Edited(target, part, copied)


def _framework_history(version, organisation, by, before, after, part, action) -> None:
    history_record(
        obj=version,
        action=action,
        actor=by,
        organisation=organisation,
        before={f"{part._meta.verbose_name} {k}": v for k, v in before.items()},
        after={f"{part._meta.verbose_name} {k}": v for k, v in after.items()},
    )


# --- evaluations ---------------------------------------------------------------------------


def _check_framework_visible(framework: FrameworkVersion, organisation) -> None:
    if framework.organisation_id not in (None, organisation.pk):
        raise ValidationError({"framework": _("The framework belongs to another organisation.")})


def _evaluation_checks(values: dict) -> None:
    if values.get("kind") not in EvaluationKind.values:
        raise ValidationError({"kind": _("Choose external evaluation or self-assessment.")})
    if not (values.get("title") or "").strip():
        raise ValidationError({"title": _("Give the evaluation a title.")})
    starts, ends = values.get("starts"), values.get("ends")
    if starts and ends and ends < starts:
        raise ValidationError({"ends": _("The evaluation cannot end before it starts.")})


def _check_people(people, organisation) -> None:
    for person in people:
        if person.organisation_id != organisation.pk:
            raise ValidationError(
                {
                    "evaluator_people": _("%(person)s belongs to another organisation.")
                    % {"person": person}
                }
            )


@transaction.atomic
def evaluation_create(
    *, unit, framework: FrameworkVersion, by, evaluator_people=(), **values
) -> Evaluation:
    """A new evaluation with an empty score row per area and narrative per sub-area."""
    values.setdefault("kind", EvaluationKind.EXTERNAL)
    _evaluation_checks(values)
    _check_framework_visible(framework, unit.organisation)
    people = list(evaluator_people)
    _check_people(people, unit.organisation)
    values["title"] = values["title"].strip()
    # Lock the version: an edit of its parts waits, then sees it in use and makes a copy.
    FrameworkVersion.objects.select_for_update().filter(pk=framework.pk).first()
    evaluation = Evaluation.objects.create(unit=unit, framework=framework, **values)
    evaluation.evaluator_people.set(people)
    areas = list(framework.areas.all())
    AreaScore.objects.bulk_create(AreaScore(evaluation=evaluation, area=area) for area in areas)
    SubAreaNarrative.objects.bulk_create(
        SubAreaNarrative(evaluation=evaluation, sub_area=sub)
        for sub in SubArea.objects.filter(area__framework=framework)
    )
    history_record(
        obj=evaluation,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=unit.organisation,
        unit=unit,
        after={**snapshot(evaluation, EVALUATION_FIELDS), "framework": str(framework)},
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
        _check_people(people, organisation)
        evaluation.evaluator_people.set(people)
    return evaluation


def parse_score(value, max_score, *, field: str = "score", scale=None) -> Decimal | None:
    """A score as Decimal, or None for empty. Outside 0..max_score, or (with a scale) not one of
    its steps' values: ValidationError."""
    if value in (None, ""):
        return None
    try:
        score = Decimal(str(value).replace(",", "."))
    except InvalidOperation as error:
        raise ValidationError({field: _("Enter the score as a number.")}) from error
    if scale:
        _check_step(score, scale, field)
        return score.quantize(Decimal("0.1"))
    if not score.is_finite() or score < 0 or (max_score is not None and score > max_score):
        if max_score is None:
            message = _("The score must be zero or more.")
        else:
            message = _("The score must be between 0 and %(max)s.") % {"max": max_score}
        raise ValidationError({field: message})
    if score != score.quantize(Decimal("0.1")):
        raise ValidationError({field: _("Give the score with at most one decimal.")})
    return score


def _check_step(score: Decimal, scale: list, field: str) -> None:
    values = [step["value"] for step in scale]
    if not score.is_finite() or score not in values:
        message = _("Choose one of the scale's steps: %(steps)s.") % {"steps": steps_text(values)}
        raise ValidationError({field: message})


def score_of(part, value, *, field: str = "score") -> Decimal | None:
    """A score for an area or question: one of its scale's values, or 0..its maximum."""
    return parse_score(value, part.max_value, field=field, scale=part.scale)


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


# --- reference series ----------------------------------------------------------------------


@transaction.atomic
def reference_save(
    *,
    organisation,
    framework: FrameworkVersion,
    name: str,
    source: str,
    values: dict,
    by,
    series: ReferenceSeries | None = None,
    expected_version: int | None = None,
) -> ReferenceSeries:
    """Create or change a reference series: its name, source and value per area ({Area: value
    or None}); each value within the area's range."""
    if not (name or "").strip():
        raise ValidationError({"name": _("Name the reference series.")})
    _check_framework_visible(framework, organisation)
    parsed = {}
    for area, value in values.items():
        if area.framework_id != framework.pk:
            raise ValidationError(_("An area belongs to another framework."))
        # A reference value is an average, so it need not be one of a scale's steps.
        parsed[area] = parse_score(value, area.max_value, field=f"area_{area.pk}")
    if series is None:
        series = ReferenceSeries.objects.create(
            organisation=organisation, framework=framework, name=name.strip(), source=source
        )
        history_record(
            obj=series,
            action=HistoryAction.CREATE,
            actor=by,
            organisation=organisation,
            after={"name": series.name, "source": source},
        )
    else:
        update_with_history(
            series,
            fields=("name", "source"),
            values={"name": name.strip(), "source": source},
            expected_version=expected_version,
            by=by,
            organisation=organisation,
        )
    existing = {row.area_id: row for row in series.values.select_related("area")}
    before, after = {}, {}
    for area, value in parsed.items():
        row = existing.get(area.pk)
        old = row.value if row else None
        if value is None and row:
            row.delete()
        elif value is not None and row is None:
            ReferenceValue.objects.create(series=series, area=area, value=value)
        elif value is not None and row.value != value:
            row.value = value
            row.save(update_fields=["value"])
        if old != value:
            label = f"{area.number} {area.name}"
            before[label], after[label] = _plain(old), _plain(value)
    if after:  # the values per area leave history too
        history_record(
            obj=series,
            action=HistoryAction.UPDATE,
            actor=by,
            organisation=organisation,
            before=before,
            after=after,
        )
    return series


def _plain(value) -> str | None:
    """A score as text without trailing zeros ("55", "62.5") for history."""
    return None if value is None else format(Decimal(value).normalize(), "f")


# --- Kvalitetsutmärkelsen entries ----------------------------------------------------------


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
    _check_framework_visible(framework, unit.organisation)
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the entry a title.")})
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Enter a year between 2000 and 2100.")})
    people = list(evaluators)
    _check_people(people, unit.organisation)
    entry = Entry.objects.create(
        unit=unit, framework=framework, title=title.strip(), year=year, entry_class=entry_class
    )
    entry.evaluators.set(people)
    Answer.objects.bulk_create(
        Answer(entry=entry, question=q) for q in Question.objects.filter(area__framework=framework)
    )
    AreaFeedback.objects.bulk_create(
        AreaFeedback(entry=entry, area=area) for area in framework.areas.all()
    )
    history_record(
        obj=entry,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=unit.organisation,
        unit=unit,
        after={"title": entry.title, "year": year, "framework": str(framework)},
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
        _check_people(people, entry.unit.organisation)
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
            before = snapshot(answer, ("score",))
            answer.score = given
            save_versioned(answer, expected_version=answer.version, fields=("score",))
            history_record(
                obj=answer,
                action=HistoryAction.UPDATE,
                actor=by,
                organisation=organisation,
                unit=entry.unit,
                before=before,
                after=snapshot(answer, ("score",)),
            )
    return feedback
