"""Scores against a framework's area or question: read from a form (0..the part's maximum, one
decimal at most, or one of its scale's steps) and written for a page ("68", "7,5", "–"; with
the step's label when the part has a scale). The models, frameworks (reference series),
evaluations and entries use them; this module imports none of them.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from roder.core.formatting import number


def steps_text(values: list[int]) -> str:
    """The values of a scale's steps as people read them: "1–6" when consecutive, else
    "0, 2, 4"."""
    if values and values == list(range(values[0], values[-1] + 1)):
        return f"{values[0]}–{values[-1]}"
    return ", ".join(str(value) for value in values)


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


def format_score(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return number(value, 0 if value == value.to_integral_value() else 1)


def format_step(part, value: Decimal | None) -> str:
    """The score with its step's label when the area or question has a scale
    ("4 – Stämmer i hög grad"), else the score alone ("68"; "–" when not scored)."""
    label = part.step_label(value)
    return f"{format_score(value)} – {label}" if label else format_score(value)


def not_scored() -> str:
    """What a page or report writes for an area without a score ("ej bedömt"), rather than a
    dash that reads as nothing or a zero."""
    return pgettext("evaluation area", "not scored")


def not_given() -> str:
    """What a comparison writes where a reference series gives no value for an area."""
    return pgettext("reference value", "not given")


def score_or_not_scored(value: Decimal | None) -> str:
    return not_scored() if value is None else format_score(value)


def coverage_text(scored: int, count: int) -> str:
    """ "7 av 8 områden bedömda": how many of a version's areas a total covers."""
    return ngettext(
        "%(scored)s of %(count)s area scored", "%(scored)s of %(count)s areas scored", count
    ) % {"scored": scored, "count": count}
