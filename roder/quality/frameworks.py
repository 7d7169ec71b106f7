"""The framework file (JSON, format "roder-framework" version 1; README.md describes it):
validation, export and writing a version from it. Also installs the shipped frameworks.

`write_version` takes the model classes, so the data migration can call it with historical
models (a data migration never imports app models).
"""

import json
from decimal import Decimal
from itertools import pairwise

from django.apps import apps as global_apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from roder.quality.shipped import FORMAT, FORMAT_VERSION, SHIPPED

MAX_FILE_BYTES = 1_000_000
VERSION_KEYS = ("code", "name", "version_label", "areas")
TEXT_LIMITS = {"code": 80, "name": 200, "version_label": 50}
LABEL_LIMIT = 200
STEP_LIMIT = 999_999  # a score is stored with at most 7 digits, one of them a decimal


def parse_file(raw: bytes | str) -> dict:
    """The checked contents of a framework file, or ValidationError with every problem found
    (in Swedish at run time). Nothing is written here."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            raise ValidationError(_("The file is too large (at most 1 MB)."))
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not UTF-8 text.")) from error
    try:
        data = json.loads(raw)
    except ValueError as error:
        raise ValidationError(
            _("The file is not valid JSON (line %(line)s): %(error)s")
            % {"line": getattr(error, "lineno", "?"), "error": getattr(error, "msg", error)}
        ) from error
    problems = check_data(data)
    if problems:
        raise ValidationError(problems)
    return data


def _is_count(value, *, nullable: bool) -> bool:
    if value is None:
        return nullable
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def scale_problems(scale) -> list[str]:
    """Every problem with a scale (a list of steps {"value": whole number ≥ 0, "label": text},
    values strictly increasing, at least two steps); an empty list or None is no scale."""
    if scale is None or scale == []:
        return []
    if not isinstance(scale, list):
        return [_("The scale must be a list of steps.")]
    problems = []
    steps = [step for step in scale if isinstance(step, dict)]
    if len(steps) != len(scale) or not all(
        _is_count(step.get("value"), nullable=False)
        and step["value"] <= STEP_LIMIT
        and isinstance(step.get("label"), str)
        and 0 < len(step["label"].strip()) <= LABEL_LIMIT
        for step in steps
    ):
        return [
            _(
                'Every step of the scale needs a whole-number "value" from 0 to %(max)s and a '
                '"label" of 1 to %(limit)s characters.'
            )
            % {"max": STEP_LIMIT, "limit": LABEL_LIMIT}
        ]
    if len(steps) < 2:
        problems.append(_("A scale needs at least two steps."))
    values = [step["value"] for step in steps]
    if any(later <= earlier for earlier, later in pairwise(values)):
        problems.append(_("The values of the scale's steps must increase from step to step."))
    return problems


def scale_max_problem(scale, max_score) -> str | None:
    """With a scale, the maximum score is empty or the last step's value."""
    if scale and max_score is not None and max_score != scale[-1]["value"]:
        return _(
            "With a scale, leave the maximum score empty or give the last step's value, %(max)s."
        ) % {"max": scale[-1]["value"]}
    return None


def clean_scale(scale) -> list[dict]:
    """A checked scale with only its two keys per step and the labels trimmed."""
    return [{"value": step["value"], "label": step["label"].strip()} for step in scale or []]


def _check_scale_of(part: dict, where: str) -> list[str]:
    """The problems with a part's optional "scale" in a file, each prefixed with where."""
    problems = scale_problems(part.get("scale"))
    if not problems and _is_count(part.get("max_score"), nullable=True):
        problem = scale_max_problem(part.get("scale"), part.get("max_score"))
        problems += [problem] if problem else []
    return [_("%(where)s: %(problem)s") % {"where": where, "problem": p} for p in problems]


def check_data(data) -> list[str]:
    """Every problem with a framework file's contents, as translated messages."""
    if not isinstance(data, dict):
        return [_("The file must hold one JSON object.")]
    if data.get("format") != FORMAT:
        return [
            _('This is not a Roder framework file ("format" must be "%(format)s").')
            % {"format": FORMAT}
        ]
    if data.get("format_version") != FORMAT_VERSION:
        return [
            _("Unknown format version %(version)s; this Roder reads version %(known)s.")
            % {"version": data.get("format_version"), "known": FORMAT_VERSION}
        ]
    problems = [
        _('The key "%(key)s" is missing.') % {"key": key} for key in VERSION_KEYS if key not in data
    ]
    if problems:
        return problems
    for key, limit in TEXT_LIMITS.items():
        value = data[key]
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            problems.append(
                _('"%(key)s" must be a text of 1 to %(limit)s characters.')
                % {"key": key, "limit": limit}
            )
    year = data.get("year")
    if year is not None and not (isinstance(year, int) and 1900 <= year <= 2100):
        problems.append(_('"year" must be a year between 1900 and 2100, or null.'))
    if not isinstance(data["areas"], list) or not data["areas"]:
        problems.append(_("The framework must have at least one area."))
        return problems
    problems += _check_areas(data["areas"])
    return problems


def _check_areas(areas: list) -> list[str]:
    problems: list[str] = []
    area_numbers: set = set()
    question_numbers: set = set()
    for index, area in enumerate(areas, start=1):
        where = _("Area %(n)s") % {"n": index}
        if not isinstance(area, dict) or "number" not in area or "name" not in area:
            problems.append(_('%(where)s: "number" and "name" are required.') % {"where": where})
            continue
        number = area["number"]
        if not _is_count(number, nullable=False) or number == 0:
            problems.append(
                _("%(where)s: the number must be a whole number from 1.") % {"where": where}
            )
        elif number in area_numbers:
            problems.append(_("Area number %(number)s appears twice.") % {"number": number})
        area_numbers.add(number)
        if not isinstance(area["name"], str) or not area["name"].strip():
            problems.append(_("%(where)s: the name is empty.") % {"where": where})
        if not _is_count(area.get("max_score"), nullable=True):
            problems.append(
                _("%(where)s: the maximum score must be zero or more, or null.") % {"where": where}
            )
        problems += _check_scale_of(area, where)
        problems += _check_children(area, where, question_numbers)
    return problems


def _list_of(area: dict, key: str, where: str, problems: list[str]) -> list:
    """area[key] as a list (missing or null: empty); anything else is a problem."""
    value = area.get(key) or []
    if not isinstance(value, list):
        problems.append(_('%(where)s: "%(key)s" must be a list.') % {"where": where, "key": key})
        return []
    return value


def _check_children(area: dict, where: str, question_numbers: set) -> list[str]:
    problems: list[str] = []
    sub_numbers: set = set()
    if not isinstance(area.get("help_text") or "", str):
        problems.append(_("%(where)s: the help text must be text.") % {"where": where})
    for sub in _list_of(area, "sub_areas", where, problems):
        if (
            not isinstance(sub, dict)
            or not isinstance(sub.get("name"), str)
            or not sub["name"].strip()
            or not isinstance(sub.get("help_text") or "", str)
        ):
            problems.append(
                _('%(where)s: every sub-area needs "number" and "name".') % {"where": where}
            )
            continue
        number = sub.get("number")
        if not _is_count(number, nullable=False) or number == 0:
            problems.append(
                _("%(where)s: a sub-area number must be a whole number from 1.") % {"where": where}
            )
        elif number in sub_numbers:
            problems.append(
                _("%(where)s: sub-area number %(number)s appears twice.")
                % {"where": where, "number": number}
            )
        sub_numbers.add(number)
    for question in _list_of(area, "questions", where, problems):
        if (
            not isinstance(question, dict)
            or not isinstance(question.get("text", ""), str)
            or not isinstance(question.get("help_text") or "", str)
        ):
            problems.append(
                _('%(where)s: every question needs "number" and "text".') % {"where": where}
            )
            continue
        number = question.get("number")
        if not _is_count(number, nullable=False) or number == 0:
            problems.append(
                _("%(where)s: a question number must be a whole number from 1.") % {"where": where}
            )
        elif number in question_numbers:
            problems.append(_("Question number %(number)s appears twice.") % {"number": number})
        question_numbers.add(number)
        if not _is_count(question.get("max_score"), nullable=True):
            problems.append(
                _("Question %(number)s: the maximum score must be zero or more, or null.")
                % {"number": number}
            )
        problems += _check_scale_of(question, _("Question %(number)s") % {"number": number})
    return problems


def _with_scale(data: dict, part) -> dict:
    """The part's data with its "scale" when it has one (the key is optional)."""
    if part.scale:
        data["scale"] = clean_scale(part.scale)
    return data


def export_data(version) -> dict:
    """A framework version as the file's data (areas, sub-areas, questions in order; "scale"
    only on the parts that have one)."""
    areas = version.areas.prefetch_related("sub_areas", "questions")
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "code": version.code,
        "name": version.name,
        "version_label": version.version_label,
        "year": version.year,
        "description": version.description,
        "source": version.source,
        "areas": [
            _with_scale(
                {
                    "number": area.number,
                    "name": area.name,
                    "max_score": area.max_score,
                    "help_text": area.help_text,
                    "sub_areas": [
                        {"number": sub.number, "name": sub.name, "help_text": sub.help_text}
                        for sub in area.sub_areas.all()
                    ],
                    "questions": [
                        _with_scale(
                            {
                                "number": q.number,
                                "text": q.text,
                                "help_text": q.help_text,
                                "max_score": q.max_score,
                                "asks_for_results": q.asks_for_results,
                            },
                            q,
                        )
                        for q in area.questions.all()
                    ],
                },
                area,
            )
            for area in areas
        ],
    }


def export_json(version) -> str:
    return json.dumps(export_data(version), ensure_ascii=False, indent=2)


def write_version(data: dict, *, organisation, models, **overrides):
    """Create a framework version with its areas, sub-areas and questions from checked file
    data. `models` gives FrameworkVersion, Area, SubArea and Question (real or historical)."""
    FrameworkVersion, Area, SubArea, Question = models
    fields = {
        "code": data["code"],
        "name": data["name"].strip(),
        "version_label": data["version_label"].strip(),
        "year": data.get("year"),
        "description": data.get("description", "") or "",
        "source": data.get("source", "") or "",
    }
    fields.update(overrides)
    version = FrameworkVersion.objects.create(organisation=organisation, **fields)
    for area_data in data["areas"]:
        area = Area.objects.create(
            framework=version,
            number=area_data["number"],
            name=area_data["name"].strip(),
            max_score=area_data.get("max_score"),
            help_text=area_data.get("help_text", "") or "",
            **_scale_of(area_data),
        )
        SubArea.objects.bulk_create(
            SubArea(
                area=area,
                number=sub["number"],
                name=sub["name"].strip(),
                help_text=sub.get("help_text", "") or "",
            )
            for sub in area_data.get("sub_areas", []) or []
        )
        Question.objects.bulk_create(
            Question(
                area=area,
                number=q["number"],
                text=q.get("text", "") or "",
                help_text=q.get("help_text", "") or "",
                max_score=q.get("max_score"),
                asks_for_results=bool(q.get("asks_for_results", False)),
                **_scale_of(q),
            )
            for q in area_data.get("questions", []) or []
        )
    return version


def _scale_of(part: dict) -> dict:
    """{"scale": steps} for a part with a scale, else nothing: the shipped frameworks have none,
    and migration 0002 writes them with historical models that have no scale field."""
    return {"scale": clean_scale(part["scale"])} if part.get("scale") else {}


def framework_models(apps=global_apps):
    return tuple(
        apps.get_model("quality", name)
        for name in ("FrameworkVersion", "Area", "SubArea", "Question")
    )


def install_shipped_frameworks(apps=global_apps) -> int:
    """Install the shipped frameworks that are not installed yet (idempotent). Returns how many
    were installed."""
    models = framework_models(apps)
    FrameworkVersion = models[0]
    installed = 0
    for data in SHIPPED:
        exists = FrameworkVersion.objects.filter(
            organisation=None, code=data["code"], version_label=data["version_label"]
        ).exists()
        if not exists:
            write_version(data, organisation=None, models=models, status="in_use")
            installed += 1
    return installed


def as_decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)
