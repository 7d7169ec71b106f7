"""The framework file (JSON, format "roder-framework" version 1; README.md describes it):
validation, export and writing a version from it. Also installs the shipped frameworks.

`write_version` takes the model classes, so the data migration can call it with historical
models (a data migration never imports app models).
"""

import json
import re
from decimal import Decimal
from itertools import pairwise

from django.apps import apps as global_apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from roder.quality.frameworks.shipped import FORMAT, FORMAT_VERSION, SHIPPED

MAX_FILE_BYTES = 1_000_000
VERSION_KEYS = ("code", "name", "version_label", "areas")
TEXT_LIMITS = {"code": 80, "name": 200, "version_label": 50}
LABEL_LIMIT = 200
NAME_LIMIT = 200  # area and sub-area names (their columns)
NUMBER_LIMIT = 32767  # area, sub-area and question numbers (small-integer columns)
STEP_LIMIT = 999_999  # a score is stored with at most 7 digits, one of them a decimal
SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")
# Characters no column or Word file can hold (XML 1.0 refuses them, PostgreSQL refuses NUL,
# UTF-8 cannot encode a lone surrogate); tab and line breaks are fine in longer texts.
TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# In one-line values (names, labels, the version label in the export's file name) also no
# tab, line break or other control or line-separator character.
LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


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
    except RecursionError as error:  # nested deeper than the parser can follow
        raise ValidationError(_("The file is nested too deeply to be a framework file.")) from error
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
    if any(LINE_CONTROL.search(step["label"]) for step in steps):
        problems.append(
            _("The labels of the scale's steps must be one line, without control characters.")
        )
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
    """Every problem with a framework file's contents, as translated messages: each value's
    type, length or range as its column holds it, the numbers unique, no control characters
    where the column or the export cannot hold them."""
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
            % {"version": str(data.get("format_version"))[:20], "known": FORMAT_VERSION}
        ]
    problems = [
        _('The key "%(key)s" is missing.') % {"key": key} for key in VERSION_KEYS if key not in data
    ]
    if problems:
        return problems
    problems += _check_version(data)
    if not isinstance(data["areas"], list) or not data["areas"]:
        problems.append(_("The framework must have at least one area."))
        return problems
    problems += _check_areas(data["areas"])
    return problems


def _check_version(data: dict) -> list[str]:
    problems = []
    for key, limit in TEXT_LIMITS.items():
        value = data[key]
        if not isinstance(value, str) or not value.strip() or len(value.strip()) > limit:
            problems.append(
                _('"%(key)s" must be a text of 1 to %(limit)s characters.')
                % {"key": key, "limit": limit}
            )
        elif LINE_CONTROL.search(value):
            problems.append(
                _('"%(key)s" must be one line, without line breaks or control characters.')
                % {"key": key}
            )
    if isinstance(data["code"], str) and not SLUG.match(data["code"]):
        problems.append(_('"code" may hold only letters a–z, digits, hyphens and underscores.'))
    year = data.get("year")
    if year is not None and not (_is_count(year, nullable=False) and 1900 <= year <= 2100):
        problems.append(_('"year" must be a year between 1900 and 2100, or null.'))
    for key in ("description", "source"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(_('"%(key)s" must be text.') % {"key": key})
        elif value and TEXT_CONTROL.search(value):
            problems.append(
                _('"%(key)s" contains control characters that cannot be stored.') % {"key": key}
            )
    return problems


def _text_problems(part: dict, key: str, where: str, label, *, required=False, line=False):
    """The problems with part[key]: text (missing or null: empty), not empty when `required`,
    at most NAME_LIMIT characters and one line when `line`, no control characters a column or
    a Word file cannot hold."""
    value = part.get(key)
    if value is None and not required:
        return []
    field = {"where": where, "field": label}
    if not isinstance(value, str):
        return [_("%(where)s: %(field)s must be text.") % field]
    if required and not value.strip():
        return [_("%(where)s: %(field)s is missing.") % field]
    if line and len(value.strip()) > NAME_LIMIT:
        return [
            _("%(where)s: %(field)s may be at most %(limit)s characters long (this is %(length)s).")
            % {**field, "limit": NAME_LIMIT, "length": len(value.strip())}
        ]
    if line and LINE_CONTROL.search(value):
        return [
            _("%(where)s: %(field)s must be one line, without line breaks or control characters.")
            % field
        ]
    if TEXT_CONTROL.search(value):
        return [
            _("%(where)s: %(field)s contains control characters that cannot be stored.") % field
        ]
    return []


def _number_problems(part: dict, where: str, seen: set, duplicate) -> list[str]:
    """The problems with part["number"] (a whole number 1..NUMBER_LIMIT, not in `seen`);
    `duplicate(number)` is the message for a number given twice. A valid number is added to
    `seen` (checked first: a list or an object cannot be looked up)."""
    number = part.get("number")
    if (
        not _is_count(number, nullable=False)
        or not isinstance(number, int)  # for the type checker: _is_count saw to it
        or not 1 <= number <= NUMBER_LIMIT
    ):
        return [
            _("%(where)s: %(field)s must be a whole number from %(low)s to %(high)s.")
            % {"where": where, "field": _("the number"), "low": 1, "high": NUMBER_LIMIT}
        ]
    if number in seen:
        return [duplicate(number)]
    seen.add(number)
    return []


def _max_problems(part: dict, where: str) -> list[str]:
    if (
        _is_count(part.get("max_score"), nullable=True)
        and (part.get("max_score") or 0) <= STEP_LIMIT
    ):
        return _check_scale_of(part, where)
    return [
        _("%(where)s: %(field)s must be a whole number from %(low)s to %(high)s, or null.")
        % {"where": where, "field": _("the maximum score"), "low": 0, "high": STEP_LIMIT}
    ]


def _check_areas(areas: list) -> list[str]:
    problems: list[str] = []
    area_numbers: set = set()
    question_numbers: set = set()
    for index, area in enumerate(areas, start=1):
        where = _("Area %(n)s") % {"n": index}
        if not isinstance(area, dict) or "number" not in area or "name" not in area:
            problems.append(_('%(where)s: "number" and "name" are required.') % {"where": where})
            continue
        problems += _number_problems(
            area,
            where,
            area_numbers,
            lambda n: _("Area number %(number)s appears twice.") % {"number": n},
        )
        problems += _text_problems(area, "name", where, _("the name"), required=True, line=True)
        problems += _text_problems(area, "help_text", where, _("the help text"))
        problems += _max_problems(area, where)
        problems += _check_sub_areas(area, index, where)
        problems += _check_questions(area, index, where, question_numbers)
    return problems


def _list_of(area: dict, key: str, where: str, problems: list[str]) -> list:
    """area[key] as a list (missing or null: empty); anything else is a problem."""
    value = area.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(_('%(where)s: "%(key)s" must be a list.') % {"where": where, "key": key})
        return []
    return value


def _check_sub_areas(area: dict, index: int, area_where: str) -> list[str]:
    problems: list[str] = []
    numbers: set = set()

    def duplicate(number):
        return _("%(where)s: sub-area number %(number)s appears twice.") % {
            "where": area_where,
            "number": number,
        }

    for position, sub in enumerate(_list_of(area, "sub_areas", area_where, problems), start=1):
        where = _("Area %(n)s, sub-area %(m)s") % {"n": index, "m": position}
        if not isinstance(sub, dict) or "number" not in sub or "name" not in sub:
            problems.append(_('%(where)s: "number" and "name" are required.') % {"where": where})
            continue
        problems += _number_problems(sub, where, numbers, duplicate)
        problems += _text_problems(sub, "name", where, _("the name"), required=True, line=True)
        problems += _text_problems(sub, "help_text", where, _("the help text"))
    return problems


def _check_questions(area: dict, index: int, area_where: str, numbers: set) -> list[str]:
    problems: list[str] = []

    def duplicate(number):
        return _("Question number %(number)s appears twice.") % {"number": number}

    for position, question in enumerate(_list_of(area, "questions", area_where, problems), start=1):
        where = _("Area %(n)s, question %(m)s") % {"n": index, "m": position}
        if not isinstance(question, dict) or "number" not in question:
            problems.append(_('%(where)s: "number" is required.') % {"where": where})
            continue
        problems += _number_problems(question, where, numbers, duplicate)
        problems += _text_problems(question, "text", where, _("the question"))
        problems += _text_problems(question, "help_text", where, _("the help text"))
        problems += _max_problems(question, where)
        if not isinstance(question.get("asks_for_results", False), bool):
            problems.append(
                _('%(where)s: "asks_for_results" must be true or false.') % {"where": where}
            )
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
