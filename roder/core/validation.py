"""Values a column cannot hold, refused alike on SQLite and PostgreSQL.

PostgreSQL refuses a text longer than its column, an integer outside its column's range, a
decimal with too many whole digits and a NUL character (in text and in JSON); SQLite stores all
of them. Roder's database backends (`roder/core/db/`) check every value of every insert and
update against the model's own fields here, before any SQL is sent, so each of these is a
`ValidationError` naming the field, on both databases and on every path: forms, imports, the
demo, the admin site. Services may call `check_fields` to refuse early.
"""

import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import Case, Value
from django.db.models.functions import Cast
from django.utils.text import capfirst
from django.utils.translation import gettext as _

# PostgreSQL's column ranges (Django's base table; SQLite's own allows any 64-bit number).
INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges
# NUL, which PostgreSQL refuses in text and JSON, and lone surrogates, which UTF-8 cannot encode.
AnyField = models.Field[Any, Any]
Checker = Callable[[AnyField, Any], str | None]

UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def _label(field: AnyField) -> str:
    return capfirst(str(field.verbose_name))


def _text_problem(field: AnyField, value: Any) -> str | None:
    text = value if isinstance(value, str) else str(value)
    if UNSTORABLE.search(text):
        return _("%(field)s contains a character that cannot be stored (such as NUL).") % {
            "field": _label(field)
        }
    limit = getattr(field, "max_length", None)
    if isinstance(field, models.CharField) and limit is not None and len(text) > limit:
        return _("%(field)s may be at most %(limit)s characters long (this is %(length)s).") % {
            "field": _label(field),
            "limit": limit,
            "length": len(text),
        }
    return None


def _integer_problem(field: AnyField, value: Any) -> str | None:
    low, high = INTEGER_RANGES.get(field.get_internal_type(), (None, None))
    try:
        number = value if type(value) is int else int(value)
    except (TypeError, ValueError, OverflowError):
        number = None
    if number is None or (low is not None and high is not None and not low <= number <= high):
        return _("%(field)s must be a whole number from %(low)s to %(high)s.") % {
            "field": _label(field),
            "low": low,
            "high": high,
        }
    return None


def _decimal_problem(field: AnyField, value: Any) -> str | None:
    assert isinstance(field, models.DecimalField)
    whole = field.max_digits - field.decimal_places
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        if number.is_finite() and number and number.adjusted() + 1 >= whole:
            # At the limit, rounding to the column's decimal places may add a whole digit.
            number = number.quantize(Decimal(1).scaleb(-field.decimal_places))
    except (InvalidOperation, ValueError, TypeError):
        number = None
    if number is None or not number.is_finite() or (number and number.adjusted() + 1 > whole):
        return _(
            "%(field)s must be a number with at most %(digits)s digits before the decimal point."
        ) % {"field": _label(field), "digits": whole}
    return None


def _json_unstorable(value: Any) -> bool:
    if isinstance(value, str):
        return bool(UNSTORABLE.search(value))
    if isinstance(value, dict):
        return any(_json_unstorable(k) or _json_unstorable(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_json_unstorable(item) for item in value)
    return False


def _json_problem(field: AnyField, value: Any) -> str | None:
    if _json_unstorable(value):
        return _("%(field)s contains a character that cannot be stored (such as NUL).") % {
            "field": _label(field)
        }
    return None


@lru_cache(maxsize=4096)
def _checker(field: AnyField) -> Checker | None:
    """The check for one field's values, or None for a field the database takes as it is."""
    if field.is_relation:
        return None
    if isinstance(field, models.JSONField):
        return _json_problem
    if isinstance(field, models.CharField | models.TextField):
        return _text_problem
    if isinstance(field, models.DecimalField):
        return _decimal_problem
    if isinstance(field, models.IntegerField):
        return _integer_problem
    return None


def _literals(value: Any) -> Iterable[Any]:
    """The values that will be stored: the value itself, or those bulk_update writes as
    Case(When(…, then=Value(x))) (cast on PostgreSQL). Other expressions (F("depth") + 1) are
    computed by the database from stored values, so their parts are not checked."""
    if isinstance(value, Value):
        yield value.value
    elif isinstance(value, Case):
        for case in value.cases:
            yield from _literals(case.result)
        yield from _literals(value.default)
    elif isinstance(value, Cast):
        yield from _literals(value.get_source_expressions()[0])
    elif not hasattr(value, "resolve_expression"):
        yield value


def _check(values: Iterable[tuple[AnyField, Any, Any]]) -> None:
    """Raise ValidationError({field name: message}) for the first value of each field that its
    column cannot hold; `values` are (field, its check, value)."""
    problems: dict[str, str] = {}
    for field, checker, value in values:
        if value is None or field.name in problems:  # NULL: the column's NOT NULL decides
            continue
        literals = _literals(value) if hasattr(value, "resolve_expression") else (value,)
        for literal in literals:
            problem = None if literal is None else checker(field, literal)
            if problem:
                problems[field.name] = problem
                break
    if problems:
        raise ValidationError(problems)


def check_values(pairs: Iterable[tuple[AnyField, Any]]) -> None:
    """Raise ValidationError({field name: message}) for every value its column cannot hold."""
    _check((field, checker, value) for field, value in pairs if (checker := _checker(field)))


def check_objects(fields: Iterable[AnyField], objs: Iterable[models.Model]) -> None:
    """check_values for these fields of every object (an insert of many rows): each field's
    check is looked up once."""
    checked = [(field, checker) for field in fields if (checker := _checker(field))]
    _check(
        (field, checker, getattr(obj, field.attname)) for obj in objs for field, checker in checked
    )


def check_fields(obj: models.Model, fields: Iterable[str] | None = None) -> None:
    """Check the named fields of `obj` (all its concrete fields when None)."""
    meta = obj._meta
    chosen: Iterable[Any] = (
        meta.concrete_fields if fields is None else [meta.get_field(f) for f in fields]
    )
    check_values((field, getattr(obj, field.attname)) for field in chosen)
