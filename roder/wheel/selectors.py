"""Reads for the wheel: a year's (or a window's) occurrences the person may see, in a fixed
number of queries (one for the organisation's own events, a fixed number per source and year)."""

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from roder.organisation.access import Grants
from roder.organisation.models import Organisation, Unit
from roder.wheel import recurrence
from roder.wheel.models import EventKind, PublicFeed, WheelEvent
from roder.wheel.sources import Occurrence, all_sources


def may_see(grants: Grants, unit: Unit | None) -> bool:
    """Whether the person sees events of `unit`: those of the units they see, and those of the
    units above their own (an event applies to the units below it). None: the organisation's."""
    if unit is None or grants.is_superuser:
        return unit is None or unit.organisation_id == grants.organisation.pk
    return any(
        unit.path.startswith(path) or path.startswith(unit.path) for path, _kind in grants.roles
    )


def applies_to(occurrence: Occurrence, unit: Unit) -> bool:
    """The organisation's dates and the events of `unit` and of the units above it."""
    return occurrence.unit is None or unit.path.startswith(occurrence.unit.path)


def own_occurrences(
    events, start: datetime.date, end: datetime.date, *, organisation: Organisation
) -> list[Occurrence]:
    found = []
    for event in events:
        url = reverse("wheel:event_edit", kwargs={"org": organisation.slug, "pk": event.pk})
        for day in recurrence.days_of(
            starts_on=event.starts_on,
            rrule=event.rrule,
            exceptions=event.exception_days,
            start=start,
            end=end,
        ):
            found.append(
                Occurrence(
                    day=day,
                    title=event.title,
                    kind=event.kind,
                    kind_label=event.get_kind_display(),
                    unit=event.unit,
                    url=url,
                    start_time=event.start_time,
                    end_time=event.end_time,
                    uid=f"event-{event.pk}-{day:%Y%m%d}",
                    place=event.place,
                    description=event.description,
                )
            )
    return found


def occurrences(
    organisation: Organisation,
    start: datetime.date,
    end: datetime.date,
    *,
    keep,
    public_only: bool = False,
    remind_only: bool = False,
) -> list[Occurrence]:
    """Every occurrence from `start` to `end` that `keep(occurrence)` admits, by day; only the
    organisation's own events marked public (or to remind of) with `public_only` (`remind_only`)."""
    events = WheelEvent.objects.filter(organisation=organisation).select_related("unit")
    if public_only:
        events = events.filter(public=True)
    if remind_only:
        events = events.filter(remind=True)
    found = own_occurrences(events, start, end, organisation=organisation)
    if not (public_only or remind_only):
        for year in range(start.year, end.year + 1):
            for source in all_sources():
                found.extend(source.events(organisation, year))
    kept = [o for o in found if start <= o.day <= end and keep(o)]
    return sorted(kept, key=lambda o: (o.day, o.start_time or datetime.time(), o.title))


def kind_choices() -> list[tuple[str, str]]:
    return [(s.key, str(s.label)) for s in all_sources()] + [
        (kind.value, str(kind.label)) for kind in EventKind
    ]


@dataclass
class Month:
    number: int
    name: str
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def counts(self) -> list[tuple[str, int]]:
        """(kind label, how many) in the order the kinds first come."""
        counted: dict[str, int] = {}
        for occurrence in self.occurrences:
            label = str(occurrence.kind_label)
            counted[label] = counted.get(label, 0) + 1
        return list(counted.items())


@dataclass
class Wheel:
    year: int
    months: list[Month]

    @property
    def total(self) -> int:
        return sum(len(m.occurrences) for m in self.months)


def wheel_of(grants: Grants, year: int, *, unit: Unit | None = None, kind: str = "") -> Wheel:
    """The year's occurrences the person sees, by month; only those that apply to `unit`
    (its own, inherited from above, the organisation's) and of `kind` when given."""

    def keep(occurrence: Occurrence) -> bool:
        if kind and occurrence.kind != kind:
            return False
        if unit is not None and not applies_to(occurrence, unit):
            return False
        return may_see(grants, occurrence.unit)

    found = occurrences(
        grants.organisation,
        datetime.date(year, 1, 1),
        datetime.date(year, 12, 31),
        keep=keep,
    )
    months = [
        Month(n, formats.date_format(datetime.date(year, n, 1), "F").capitalize())
        for n in range(1, 13)
    ]
    for occurrence in found:
        months[occurrence.day.month - 1].occurrences.append(occurrence)
    return Wheel(year=year, months=months)


def events_for_editing(grants: Grants):
    """The organisation's own events whose unit the person sees (one query)."""
    events = WheelEvent.objects.filter(organisation=grants.organisation).select_related("unit")
    return [event for event in events if may_see(grants, event.unit)]


def has_public_feed(unit: Unit) -> bool:
    return PublicFeed.objects.filter(unit=unit, public=True).exists()


def public_feed_of(unit: Unit) -> PublicFeed | None:
    return PublicFeed.objects.filter(unit=unit).first()


def feed_name(unit: Unit | None = None) -> str:
    if unit is None:
        return _("Roder: your dates")
    return _("Roder: %(unit)s") % {"unit": unit.name}
