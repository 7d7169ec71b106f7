"""Writes every domain app shares: versioned saves and history records."""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _

from roder.core.models import HistoryEntry


class ConcurrentEditError(ValidationError):
    """Someone saved the same object after this form was shown."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Someone else changed this while you were editing. Nothing was saved: "
                "reload the page to see their change, then make yours again."
            ),
            code="concurrent_edit",
        )


def save_versioned(obj: models.Model, *, expected_version: int, fields: Iterable[str]) -> None:
    """Save `fields` of `obj` only if its stored version is still `expected_version`."""
    values = {name: getattr(obj, name) for name in fields}
    updated = (
        type(obj)
        .objects.filter(pk=obj.pk, version=expected_version)
        .update(version=F("version") + 1, **values)
    )
    if updated != 1:
        raise ConcurrentEditError()
    obj.version = expected_version + 1  # type: ignore[attr-defined]


def _display(obj: models.Model, name: str) -> Any:
    field = obj._meta.get_field(name)
    if field.is_relation:
        related = getattr(obj, name)
        return str(related) if related is not None else None
    if getattr(field, "choices", None):
        return str(getattr(obj, f"get_{name}_display")())
    value = getattr(obj, name)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 85.0000 -> "85"
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The human-readable values of `fields`, as history stores them."""
    return {name: _display(obj, name) for name in fields}


def history_record(
    *,
    obj: models.Model,
    action: str,
    actor,
    organisation,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    unit=None,
    person=None,
) -> HistoryEntry | None:
    """Record one change. Fields whose value did not change are left out; no change, no entry."""
    before = before or {}
    after = after or {}
    changes = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            changes[name] = {"before": old, "after": new}
    if not changes and action == "update":
        return None
    return HistoryEntry.objects.create(
        organisation=organisation,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        unit=unit,
        person=person,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        changes=changes,
    )


def update_with_history(
    obj: models.Model,
    *,
    fields: Iterable[str],
    values: dict[str, Any],
    expected_version: int,
    by,
    organisation,
    unit=None,
    person=None,
) -> models.Model:
    """The usual edit: set `fields` from `values`, save only if nobody saved since the form was
    shown, and record what changed."""
    fields = tuple(fields)
    before = snapshot(obj, fields)
    for name in fields:
        setattr(obj, name, values[name])
    save_versioned(obj, expected_version=expected_version, fields=fields)
    history_record(
        obj=obj,
        action="update",
        actor=by,
        organisation=organisation,
        unit=unit,
        person=person,
        before=before,
        after=snapshot(obj, fields),
    )
    return obj
