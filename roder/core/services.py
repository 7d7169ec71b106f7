"""Writes every domain app shares: versioned saves and history records."""

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from roder.core.models import HistoryAction, HistoryEntry


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
        ._default_manager.filter(pk=obj.pk, version=expected_version)
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
    if isinstance(value, datetime.time):
        return value.isoformat("minutes")  # 13:00
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
    actor: Any,
    organisation: Any,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    unit: Any = None,
    person: Any = None,
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


def update_with_history[M: models.Model](
    obj: M,
    *,
    fields: Iterable[str],
    values: dict[str, Any],
    expected_version: int,
    by: Any,
    organisation: Any,
    unit: Any = None,
    person: Any = None,
) -> M:
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


def create_with_history[M: models.Model](
    model: type[M],
    *,
    values: Mapping[str, Any],
    fields: Iterable[str] | None = None,
    by: Any,
    organisation: Any,
    unit: Any = None,
    person: Any = None,
) -> M:
    """The usual create: one row of `model` from `values`, and a history entry with the stored
    values of `fields` (default: the keys of `values`)."""
    obj = model._default_manager.create(**values)
    history_record(
        obj=obj,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=organisation,
        unit=unit,
        person=person,
        after=snapshot(obj, tuple(values) if fields is None else fields),
    )
    return obj


_STORED = object()


def upsert_with_history[M: models.Model](
    model: type[M],
    *,
    key: Mapping[str, Any],
    values: Mapping[str, Any],
    expected_version: int | None,
    by: Any,
    organisation: Any,
    unit: Any = None,
    stamp: Mapping[str, Any] | None = None,
    existing: Any = _STORED,
    fields: Iterable[str] | None = None,
    clear: bool = True,
) -> M | None:
    """Create, change or clear the one row of `model` with `key` (a unique constraint), with
    its version checked and its history recorded.

    `values` are the row's values as stored (checked by the caller); all empty clears (deletes)
    the row, or with `clear=False` keeps a stored row with the empty values (an empty row that
    was never stored stays unstored). `expected_version` is the row's version when the form was
    shown, 0 (or None from a form) if it showed none; None from a write that comes from no form
    (an import, the demo), which writes over whatever is stored. A row someone else created,
    changed or removed since raises ConcurrentEditError. A row whose values equal the stored
    ones is left alone (no new version, no history). `stamp` (who entered it, when) is written
    with every change but not compared. `existing` is the stored row when the caller already
    read (and locked) it; history shows `fields` (default: the keys of `values`).
    """
    fields = tuple(values) if fields is None else tuple(fields)
    stamp = dict(stamp or {})
    if existing is _STORED:
        existing = model._default_manager.filter(**key).first()
    stored: M | None = existing
    empty = all(value in (None, "") for value in values.values())
    history = {"actor": by, "organisation": organisation, "unit": unit}
    if existing is None:
        if expected_version:
            raise ConcurrentEditError()  # removed by someone else since the form was shown
        if empty:
            return None
        obj = create_versioned(model, **key, **values, **stamp)
        history_record(obj=obj, action="create", after=snapshot(obj, fields), **history)
        return obj
    version = existing.version if expected_version is None else expected_version
    before = snapshot(existing, fields)
    if empty and clear:
        history_record(
            obj=existing, action="update", before=before, after=dict.fromkeys(fields), **history
        )
        delete_versioned(existing, expected_version=version)
        return None
    if all(getattr(existing, name) == value for name, value in values.items()):
        if version != existing.version:
            raise ConcurrentEditError()
        return stored
    for name, value in {**values, **stamp}.items():
        setattr(existing, name, value)
    save_versioned(existing, expected_version=version, fields=(*values, *stamp))
    history_record(
        obj=existing, action="update", before=before, after=snapshot(existing, fields), **history
    )
    return stored


# --- grids of versioned rows (outcomes, targets, control results, report texts) --------------


@dataclass(frozen=True)
class GridRow:
    """One row of a grid as a person sent it back: what the row is about (`key`), the values,
    and the version its stored row had when the page was shown (None: there was no stored row)."""

    key: Any
    values: dict[str, Any]
    version: int | None = None


class InvalidRowsError(ValidationError):
    """Rows of a grid whose values the service refused; `rows` maps a row's key to its error."""

    def __init__(self, rows: Mapping[Any, ValidationError]) -> None:
        super().__init__([message for error in rows.values() for message in error.messages])
        self.rows = dict(rows)


class StaleRowsError(ConcurrentEditError):
    """Rows of a grid that someone else saved, created or removed after the page was shown;
    `rows` maps each of their keys to the usual concurrent-edit error."""

    def __init__(self, keys: Iterable[Any]) -> None:
        super().__init__()
        self.rows = {key: ConcurrentEditError() for key in keys}


@transaction.atomic
def grid_save(
    rows: Iterable[GridRow],
    *,
    check: Callable[[GridRow], dict[str, Any]],
    read: Callable[[list[Any]], Mapping[Any, models.Model]],
    write: Callable[[GridRow, Any], Any],
) -> list[Any]:
    """Save a grid of versioned rows in one transaction: every row or none.

    `check(row)` validates one row's values and returns them as stored; every row is checked,
    and any refused row refuses the save (InvalidRowsError, each row with its own error).
    `read(keys)` then gives the stored rows by key. It runs in the transaction, which on SQLite
    (transaction_mode IMMEDIATE) already holds the write lock, so parallel saves take turns; on
    PostgreSQL it should lock the rows with select_for_update(). A row equal to its stored row
    (or empty, where none is stored) is left alone: no history, no new version. A row that
    differs while its stored version is not the one shown, or that someone else created or
    removed meanwhile, refuses the whole save (StaleRowsError). Only then `write(row, stored or
    None)` writes each changed row through save_versioned, create_versioned or
    delete_versioned, which refuse what still changes between the check and the write.
    Returns what `write` returned, for the changed rows.
    """
    rows = _grid_checked(rows, check)
    stored = read([row.key for row in rows])
    changed = [(row, stored.get(row.key)) for row in rows]
    changed = [(row, obj) for row, obj in changed if not _grid_same(obj, row.values)]
    stale = [row.key for row, obj in changed if _grid_version(obj) != (row.version or None)]
    if stale:
        raise StaleRowsError(stale)
    written = []
    for row, obj in changed:
        try:
            written.append(write(row, obj))
        except StaleRowsError:
            raise
        except ConcurrentEditError as error:
            raise StaleRowsError([row.key]) from error
    return written


def _grid_checked(
    rows: Iterable[GridRow], check: Callable[[GridRow], dict[str, Any]]
) -> list[GridRow]:
    checked, refused = [], {}
    for row in rows:
        try:
            values = check(replace(row, values=_grid_values(row.values)))
        except ValidationError as error:
            refused[row.key] = error
        else:
            checked.append(replace(row, values=_grid_values(values)))
    if refused:
        raise InvalidRowsError(refused)
    return checked


def _grid_text(value: Any) -> Any:
    # Browsers send a textarea's line breaks as CRLF; stored text may have LF: the same text.
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


def _grid_values(values: dict[str, Any]) -> dict[str, Any]:
    return {name: _grid_text(value) for name, value in values.items()}


def _grid_same(obj: models.Model | None, values: dict[str, Any]) -> bool:
    if obj is None:
        return all(value in (None, "") for value in values.values())
    return all(_grid_text(getattr(obj, name)) == value for name, value in values.items())


def _grid_version(obj: models.Model | None) -> int | None:
    return None if obj is None else obj.version  # type: ignore[attr-defined]


def create_versioned[M: models.Model](model: type[M], **values: Any) -> M:
    """Create a row that a unique constraint admits once. If someone else created it since the
    page was shown, the save is refused as a concurrent edit instead of failing with an
    IntegrityError (the savepoint keeps a PostgreSQL transaction usable)."""
    try:
        with transaction.atomic():
            return model._default_manager.create(**values)
    except IntegrityError as error:
        raise ConcurrentEditError() from error


def delete_versioned(obj: models.Model, *, expected_version: int) -> None:
    """Delete `obj` only if its stored version is still `expected_version`."""
    deleted, _by_model = (
        type(obj)._default_manager.filter(pk=obj.pk, version=expected_version).delete()
    )
    if not deleted:
        raise ConcurrentEditError()
