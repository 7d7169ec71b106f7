"""The questionnaire file (JSON, format "roder-questionnaire" version 1; README.md describes it):
checking, export and writing a version from it, and installing the shipped questionnaires.

`write_version` takes the model classes, so the data migration can call it with historical
models (a data migration never imports app models).
"""

import json
import re

from django.apps import apps as global_apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from roder.surveys.shipped import FORMAT, FORMAT_VERSION, SHIPPED

MAX_FILE_BYTES = 1_000_000
ANSWER_TEXT_LIMIT = 4000  # a free-text answer
KINDS = ("likert", "yes_no", "single", "multiple", "text")
LIKERT_SCALES = (5, 6, 10)
TOP_KEYS = ("code", "name", "version_label", "groups")
TOP_LIMITS = {"code": 80, "name": 200, "version_label": 50}
CODE = re.compile(r"^[-a-zA-Z0-9_]{1,40}\Z")
SLUG = re.compile(r"^[-a-zA-Z0-9_]+\Z")
LINE_LIMIT = 200
LABEL_LIMIT = 100
NUMBER_LIMIT = 32767
# What no column or export can hold; in one-line texts also no line break or tab.
TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
LINE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def parse_file(raw: bytes | str) -> dict:
    """The checked contents of a questionnaire file, or ValidationError with every problem
    found. Nothing is written here."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            raise ValidationError(_("The file is too large (at most 1 MB)."))
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not UTF-8 text.")) from error
    try:
        data = json.loads(raw)
    except RecursionError as error:
        raise ValidationError(_("The file is nested too deeply.")) from error
    except ValueError as error:
        # The parser's own message is English: the place is said in Swedish instead.
        raise ValidationError(
            _("The file is not valid JSON: look at line %(line)s, column %(column)s.")
            % {"line": getattr(error, "lineno", "?"), "column": getattr(error, "colno", "?")}
        ) from error
    problems = check_data(data)
    if problems:
        raise ValidationError(problems)
    return data


def check_data(data) -> list[str]:
    """Every problem with a questionnaire file's contents, as translated messages."""
    if not isinstance(data, dict):
        return [_("The file must hold one JSON object.")]
    if data.get("format") != FORMAT:
        return [
            _('This is not a Roder questionnaire file ("format" must be "%(format)s").')
            % {"format": FORMAT}
        ]
    if data.get("format_version") != FORMAT_VERSION:
        return [
            _("Unknown format version %(version)s; this Roder reads version %(known)s.")
            % {"version": str(data.get("format_version"))[:20], "known": FORMAT_VERSION}
        ]
    problems = [
        _('The key "%(key)s" is missing.') % {"key": key} for key in TOP_KEYS if key not in data
    ]
    if problems:
        return problems
    for key, limit in TOP_LIMITS.items():
        problems += _text(data, key, key, limit=limit, required=True, line=True)
    if isinstance(data["code"], str) and not SLUG.match(data["code"]):
        problems.append(_('"code" may hold only letters a–z, digits, "-" and "_".'))
    for key in ("description", "source"):
        problems += _text(data, key, key)
    groups = data["groups"]
    if not isinstance(groups, list) or not groups:
        return [*problems, _("The questionnaire must have at least one question group.")]
    numbers: set = set()
    codes: dict[str, str] = {}  # question code -> kind
    for index, group in enumerate(groups, start=1):
        problems += _check_group(group, index, numbers, codes)
    problems += _check_indices(data.get("indices", []), codes)
    return problems


def _where(where: str, problems: list[str]) -> list[str]:
    return [_("%(where)s: %(problem)s") % {"where": where, "problem": p} for p in problems]


def _text(part: dict, key: str, label: str, *, limit=None, required=False, line=False):
    value = part.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        return [_('"%(key)s" must be a text.') % {"key": label}]
    if required and not value.strip():
        return [_('"%(key)s" must not be empty.') % {"key": label}]
    if limit is not None and len(value.strip()) > limit:
        return [
            _('"%(key)s" is longer than %(limit)s characters.') % {"key": label, "limit": limit}
        ]
    if (LINE_CONTROL if line else TEXT_CONTROL).search(value):
        return [_('"%(key)s" holds control characters.') % {"key": label}]
    return []


def _check_group(group, index: int, numbers: set, codes: dict) -> list[str]:
    where = _("Question group %(n)s") % {"n": index}
    if not isinstance(group, dict):
        return _where(where, [_("must be an object.")])
    problems = _text(group, "title", "title", limit=LINE_LIMIT, required=True, line=True)
    problems += _text(group, "help_text", "help_text")
    number = group.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= NUMBER_LIMIT:
        problems.append(
            _('"number" must be a whole number from 1 to %(max)s.') % {"max": NUMBER_LIMIT}
        )
    elif number in numbers:
        problems.append(_("The number %(n)s is used twice.") % {"n": number})
    else:
        numbers.add(number)
    questions = group.get("questions")
    if not isinstance(questions, list) or not questions:
        problems.append(_("The group must have at least one question."))
        return _where(where, problems)
    problems = _where(where, problems)
    for q_index, question in enumerate(questions, start=1):
        q_where = _("Question group %(n)s, question %(q)s") % {"n": index, "q": q_index}
        problems += _where(q_where, _check_question(question, codes))
    return problems


def _check_question(question, codes: dict) -> list[str]:
    if not isinstance(question, dict):
        return [_("must be an object.")]
    problems = []
    code = question.get("code")
    if not isinstance(code, str) or not CODE.match(code):
        problems.append(_('"code" must be 1 to 40 letters a–z, digits, "-" or "_".'))
    elif code in codes:
        problems.append(_('The code "%(code)s" is used twice.') % {"code": code})
    kind = question.get("kind")
    if kind not in KINDS:
        problems.append(_('"kind" must be one of %(kinds)s.') % {"kinds": ", ".join(KINDS)})
    elif isinstance(code, str) and CODE.match(code) and code not in codes:
        codes[code] = kind
    problems += _text(question, "text", "text", required=True)
    problems += _text(question, "help_text", "help_text")
    if not isinstance(question.get("required", False), bool):
        problems.append(_('"%(key)s" must be true or false.') % {"key": "required"})
    if kind == "likert":
        problems += _check_scale(question)
    if kind in ("single", "multiple"):
        choices = question.get("choices")
        if not isinstance(choices, list) or len(choices) < 2:
            problems.append(_("A choice question must have at least two choices."))
        else:
            for choice in choices:
                if not isinstance(choice, str) or not choice.strip():
                    problems.append(_("Every choice must be a text."))
                elif len(choice.strip()) > LINE_LIMIT or LINE_CONTROL.search(choice):
                    problems.append(
                        _("A choice must be one line of at most %(limit)s characters.")
                        % {"limit": LINE_LIMIT}
                    )
            labels = [c.strip() for c in choices if isinstance(c, str)]
            if len(set(labels)) != len(labels):
                problems.append(_("Two choices have the same text."))
    return problems


def _check_scale(question: dict) -> list[str]:
    problems = []
    scale_max = question.get("scale_max")
    if scale_max not in LIKERT_SCALES or isinstance(scale_max, bool):
        problems.append(_('"scale_max" must be 5, 6 or 10.'))
    for key in ("low_label", "high_label"):
        problems += _text(question, key, key, limit=LABEL_LIMIT, required=True, line=True)
    if not isinstance(question.get("dont_know", False), bool):
        problems.append(_('"%(key)s" must be true or false.') % {"key": "dont_know"})
    steps = question.get("positive_steps", 2)
    if (
        not isinstance(steps, int)
        or isinstance(steps, bool)
        or not 1 <= steps < (scale_max if scale_max in LIKERT_SCALES else 11)
    ):
        problems.append(_('"positive_steps" must be at least 1 and fewer than the steps.'))
    return problems


def _check_indices(indices, codes: dict) -> list[str]:
    if not isinstance(indices, list):
        return [_('"indices" must be a list.')]
    problems = []
    seen: set = set()
    for number, index in enumerate(indices, start=1):
        where = _("Index %(n)s") % {"n": number}
        if not isinstance(index, dict):
            problems += _where(where, [_("must be an object.")])
            continue
        found = []
        code = index.get("code")
        if not isinstance(code, str) or not CODE.match(code):
            found.append(_('"code" must be 1 to 40 letters a–z, digits, "-" or "_".'))
        elif code in seen:
            found.append(_('The code "%(code)s" is used twice.') % {"code": code})
        else:
            seen.add(code)
        found += _text(index, "name", "name", limit=LINE_LIMIT, required=True, line=True)
        found += _text(index, "description", "description")
        members = index.get("questions")
        if not isinstance(members, list) or not members:
            found.append(_("An index must name at least one question."))
        else:
            for member in members:
                if codes.get(member) != "likert":
                    found.append(
                        _('"%(code)s" is not a scale question of the questionnaire.')
                        % {"code": str(member)[:40]}
                    )
        problems += _where(where, found)
    return problems


def export_data(questionnaire) -> dict:
    """The questionnaire version as file data (what `parse_file` reads back)."""
    questions = list(questionnaire.questions.prefetch_related("choices").order_by("number"))
    by_group: dict[int, list] = {}
    for question in questions:
        by_group.setdefault(question.group_id, []).append(question)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "code": questionnaire.code,
        "name": questionnaire.name,
        "version_label": questionnaire.version_label,
        "description": questionnaire.description,
        "source": questionnaire.source,
        "groups": [
            {
                "number": group.number,
                "title": group.title,
                "help_text": group.help_text,
                "questions": [_question_data(q) for q in by_group.get(group.pk, [])],
            }
            for group in questionnaire.groups.order_by("number")
        ],
        "indices": [
            {
                "code": index.code,
                "name": index.name,
                "description": index.description,
                "questions": [q.code for q in index.questions.order_by("number")],
            }
            for index in questionnaire.indices.order_by("pk")
        ],
    }


def _question_data(question) -> dict:
    data = {
        "code": question.code,
        "kind": question.kind,
        "text": question.text,
        "help_text": question.help_text,
        "required": question.required,
    }
    if question.kind == "likert":
        data |= {
            "scale_max": question.scale_max,
            "low_label": question.low_label,
            "high_label": question.high_label,
            "dont_know": question.dont_know,
            "positive_steps": question.positive_steps,
        }
    if question.kind in ("single", "multiple"):
        data["choices"] = [choice.label for choice in question.choices.all()]
    return data


def export_json(questionnaire) -> str:
    return json.dumps(export_data(questionnaire), ensure_ascii=False, indent=2) + "\n"


def write_version(data: dict, *, organisation, models, **overrides):
    """Create a questionnaire version from checked file data. `models` gives Questionnaire,
    QuestionGroup, Question, Choice and SurveyIndex (real or historical)."""
    Questionnaire, QuestionGroup, Question, Choice, SurveyIndex = models
    fields = {
        "code": data["code"],
        "name": data["name"].strip(),
        "version_label": data["version_label"].strip(),
        "description": data.get("description", "") or "",
        "source": data.get("source", "") or "",
    }
    fields.update(overrides)
    questionnaire = Questionnaire.objects.create(organisation=organisation, **fields)
    by_code = {}
    number = 0
    for group_data in data["groups"]:
        group = QuestionGroup.objects.create(
            questionnaire=questionnaire,
            number=group_data["number"],
            title=group_data["title"].strip(),
            help_text=group_data.get("help_text", "") or "",
        )
        for q in group_data["questions"]:
            number += 1
            scale = q["kind"] == "likert"
            question = Question.objects.create(
                questionnaire=questionnaire,
                group=group,
                number=number,
                code=q["code"],
                kind=q["kind"],
                text=q["text"].strip(),
                help_text=q.get("help_text", "") or "",
                scale_max=q["scale_max"] if scale else None,
                low_label=q["low_label"].strip() if scale else "",
                high_label=q["high_label"].strip() if scale else "",
                dont_know=bool(q.get("dont_know", False)) if scale else False,
                positive_steps=q.get("positive_steps", 2) if scale else 2,
                required=bool(q.get("required", False)),
            )
            by_code[question.code] = question
            if q["kind"] in ("single", "multiple"):
                Choice.objects.bulk_create(
                    Choice(question=question, number=i, label=label.strip())
                    for i, label in enumerate(q["choices"], start=1)
                )
    for index_data in data.get("indices", []) or []:
        index = SurveyIndex.objects.create(
            questionnaire=questionnaire,
            code=index_data["code"],
            name=index_data["name"].strip(),
            description=index_data.get("description", "") or "",
        )
        index.questions.set([by_code[code] for code in index_data["questions"]])
    return questionnaire


def questionnaire_models(apps=global_apps):
    return tuple(
        apps.get_model("surveys", name)
        for name in ("Questionnaire", "QuestionGroup", "Question", "Choice", "SurveyIndex")
    )


def install_shipped(apps=global_apps) -> int:
    """Install the shipped questionnaires not installed yet (idempotent); how many were."""
    models = questionnaire_models(apps)
    Questionnaire = models[0]
    installed = 0
    for data in SHIPPED:
        exists = Questionnaire.objects.filter(
            organisation=None, code=data["code"], version_label=data["version_label"]
        ).exists()
        if not exists:
            write_version(data, organisation=None, models=models, status="in_use")
            installed += 1
    return installed
