"""Writes of the wheel: the organisation's own events (versioned, with history), a unit's
public feed, and each person's feed token."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roder.core.models import HistoryAction
from roder.core.services import (
    create_with_history,
    delete_versioned,
    history_record,
    snapshot,
    update_with_history,
    upsert_with_history,
)
from roder.organisation.models import Unit
from roder.wheel import recurrence
from roder.wheel.models import FeedToken, PublicFeed, WheelEvent

EVENT_FIELDS = (
    "unit",
    "title",
    "kind",
    "starts_on",
    "start_time",
    "end_time",
    "rrule",
    "exceptions",
    "place",
    "description",
    "public",
    "remind",
)


def _checked(values: dict) -> dict:
    values = dict(values)
    values["rrule"] = recurrence.check_rrule(values.get("rrule") or "")
    days = sorted({day.isoformat() for day in values.get("exceptions") or []})
    values["exceptions"] = " ".join(days)
    start, end = values.get("start_time"), values.get("end_time")
    if end is not None and start is None:
        raise ValidationError({"end_time": _("Give the start time too.")})
    if start is not None and end is not None and end <= start:
        raise ValidationError({"end_time": _("The event must end after it starts.")})
    if not values.get("title", "").strip():
        raise ValidationError({"title": _("Give the event a title.")})
    return values


@transaction.atomic
def event_create(*, unit: Unit, by, **values) -> WheelEvent:
    values = _checked({"unit": unit, **values})
    return create_with_history(
        WheelEvent,
        values={"organisation": unit.organisation, **values},
        fields=EVENT_FIELDS,
        by=by,
        organisation=unit.organisation,
        unit=unit,
    )


@transaction.atomic
def event_update(*, event: WheelEvent, expected_version: int, by, **values) -> WheelEvent:
    values = _checked({"unit": event.unit, **values})
    if values["unit"].organisation_id != event.organisation_id:
        raise ValidationError(_("The unit is not in the organisation."))
    return update_with_history(
        event,
        fields=EVENT_FIELDS,
        values=values,
        expected_version=expected_version,
        by=by,
        organisation=event.organisation,
        unit=values["unit"],
    )


@transaction.atomic
def event_delete(*, event: WheelEvent, expected_version: int, by) -> None:
    before = snapshot(event, EVENT_FIELDS)
    history_record(
        obj=event,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=event.organisation,
        unit=event.unit,
        before=before,
        after=dict.fromkeys(EVENT_FIELDS),
    )
    delete_versioned(event, expected_version=expected_version)


@transaction.atomic
def public_feed_set(*, unit: Unit, public: bool, expected_version: int | None, by) -> None:
    upsert_with_history(
        PublicFeed,
        key={"unit": unit},
        values={"public": public},
        expected_version=expected_version,
        by=by,
        organisation=unit.organisation,
        unit=unit,
        clear=False,
    )


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def feed_token_of(*, person) -> FeedToken:
    """The person's feed token, made on first use."""
    token, _made = FeedToken.objects.get_or_create(person=person, defaults={"token": _new_token()})
    return token


@transaction.atomic
def feed_token_renew(*, person) -> FeedToken:
    """A new secret: the old URL stops working at once."""
    token = feed_token_of(person=person)
    token.token = _new_token()
    token.save(update_fields=["token", "created_at"])
    return token
