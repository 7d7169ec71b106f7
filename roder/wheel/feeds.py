"""What the calendar feeds carry: a person's (the dates of every organisation they hold a role
in, as they see them on the wheel) and a unit's public one (its public events and those of the
units above it). A window of a month back and a year ahead."""

import datetime

from django.utils import timezone

from roder.organisation.access import grants_for
from roder.organisation.models import Organisation, Role, Unit
from roder.wheel import ical, selectors

BACK = datetime.timedelta(days=31)
AHEAD = datetime.timedelta(days=366)


def person_calendar(person, today: datetime.date) -> bytes:
    start, end = today - BACK, today + AHEAD
    if person.is_superuser:
        organisations = Organisation.objects.order_by("pk")
    else:
        held = Role.objects.filter(person=person).values("unit__organisation")
        organisations = Organisation.objects.filter(pk__in=held).order_by("pk")
    found = []
    for organisation in organisations:
        grants = grants_for(person, organisation)
        found += selectors.occurrences(
            organisation,
            start,
            end,
            keep=lambda o, grants=grants: selectors.may_see(grants, o.unit),
        )
    return ical.calendar(str(selectors.feed_name()), found)


def unit_calendar(unit: Unit, today: datetime.date | None = None) -> bytes:
    today = today or timezone.localdate()
    found = selectors.occurrences(
        unit.organisation,
        today - BACK,
        today + AHEAD,
        keep=lambda o: o.unit is not None and selectors.applies_to(o, unit),
        public_only=True,
    )
    return ical.calendar(str(selectors.feed_name(unit)), found)
