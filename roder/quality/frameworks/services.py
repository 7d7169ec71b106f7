"""Writes of evaluation frameworks: import, copy, the version's particulars, its areas,
sub-areas and questions, and the organisation's reference series.

Transactional, validated (a ValidationError with a translated message writes nothing), versioned
and with history on the organisation. A framework version that is in use, or shipped with Roder,
is never changed: editing it makes a new version in the organisation first (`writable_version`).
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import overload

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from roder.core.models import HistoryAction
from roder.core.services import (
    ConcurrentEditError,
    create_with_history,
    history_record,
    save_versioned,
    snapshot,
    update_with_history,
)
from roder.quality.frameworks import files
from roder.quality.models import (
    Area,
    FrameworkStatus,
    FrameworkVersion,
    Question,
    ReferenceSeries,
    ReferenceValue,
    SubArea,
)
from roder.quality.scores import parse_score

VERSION_FIELDS = ("name", "version_label", "year", "description", "source", "status")
AREA_FIELDS = ("number", "name", "max_score", "scale", "help_text")
SUB_AREA_FIELDS = ("number", "name", "help_text")
QUESTION_FIELDS = ("number", "text", "help_text", "max_score", "scale", "asks_for_results")


def _models():
    return (FrameworkVersion, Area, SubArea, Question)


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
    return label[: files.TEXT_LIMITS["version_label"] - len(suffix)] + suffix


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
    data = files.parse_file(raw)
    if _version_taken(organisation, data):
        raise _taken_error(data)
    try:
        # In a savepoint: when a parallel import of the same version commits between the check
        # above and this write, the unique constraint refuses it, and that is a message too.
        with transaction.atomic():
            version = files.write_version(
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
    data = files.export_data(source)
    label = _free_label(organisation, source.code, source.version_label)
    version = files.write_version(
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
    if not isinstance(number, int) or not 1 <= number <= files.NUMBER_LIMIT:
        raise ValidationError(
            {
                "number": _("The number must be a whole number from 1 to %(max)s.")
                % {"max": files.NUMBER_LIMIT}
            }
        )


def _check_max(value) -> None:
    if value is not None and (not isinstance(value, int) or not 0 <= value <= files.STEP_LIMIT):
        raise ValidationError(
            {
                "max_score": _("The maximum score must be a whole number from 0 to %(max)s.")
                % {"max": files.STEP_LIMIT}
            }
        )


def _check_lines(values: dict, *names: str) -> None:
    """Names and labels are one line: a line break or control character would break the page
    headings, the Word files and the export's file name."""
    for name in names:
        if files.LINE_CONTROL.search(values.get(name) or ""):
            raise ValidationError(
                {name: _("Write this on one line, without line breaks or control characters.")}
            )


def _check_scale(values: dict, part) -> None:
    """The scale given (or the part's own, when none is given) is valid and agrees with the
    maximum score; the given scale is cleaned in place (two keys per step, labels trimmed)."""
    if "scale" in values:
        values["scale"] = values["scale"] or []
        problems = files.scale_problems(values["scale"])
        if problems:
            raise ValidationError({"scale": problems})
        values["scale"] = files.clean_scale(values["scale"])
    scale = values["scale"] if "scale" in values else getattr(part, "scale", [])
    problem = files.scale_max_problem(scale, values.get("max_score"))
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


def _pk(part: Area | SubArea | Question | None) -> int:
    """The part's pk, 0 (no row has it) for a new part: what `exclude` leaves out."""
    return 0 if part is None else part.pk


@overload
def _same_in(target: FrameworkVersion, area: Area) -> Area: ...
@overload
def _same_in(target: FrameworkVersion, area: None) -> None: ...
@overload
def _same_in(target: FrameworkVersion, area: Area | None) -> Area | None: ...
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
    if target.areas.filter(number=values["number"]).exclude(pk=_pk(area)).exists():
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
    if others.exclude(pk=_pk(sub_area)).exists():
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
    if clash.exclude(pk=_pk(question)).exists():
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


def check_framework_visible(framework: FrameworkVersion, organisation) -> None:
    """An evaluation, entry or reference series uses a shipped version or the organisation's own."""
    if framework.organisation_id not in (None, organisation.pk):
        raise ValidationError({"framework": _("The framework belongs to another organisation.")})


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
    published_total=None,
    series: ReferenceSeries | None = None,
    expected_version: int | None = None,
) -> ReferenceSeries:
    """Create or change a reference series: its name, source, published total (None: the
    areas' sum) and value per area ({Area: value or None}); each value within the area's
    range, the total within the version's maximum. A series may give only some areas."""
    if not (name or "").strip():
        raise ValidationError({"name": _("Name the reference series.")})
    check_framework_visible(framework, organisation)
    maxima = [area.max_value for area in framework.areas.all()]
    maximum = None if None in maxima else sum(m for m in maxima if m is not None)
    published = parse_score(published_total, maximum, field="published_total")
    parsed = {}
    for area, value in values.items():
        if area.framework_id != framework.pk:
            raise ValidationError(_("An area belongs to another framework."))
        # A reference value is an average, so it need not be one of a scale's steps.
        parsed[area] = parse_score(value, area.max_value, field=f"area_{area.pk}")
    if series is None:
        series = create_with_history(
            ReferenceSeries,
            values={
                "organisation": organisation,
                "framework": framework,
                "name": name.strip(),
                "source": source,
                "published_total": published,
            },
            fields=("name", "source", "published_total"),
            by=by,
            organisation=organisation,
        )
    else:
        if expected_version is None:  # a missing version counts as stale
            raise ConcurrentEditError()
        update_with_history(
            series,
            fields=("name", "source", "published_total"),
            values={"name": name.strip(), "source": source, "published_total": published},
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
        elif value is not None and row is not None and row.value != value:
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
