"""The events Roder already knows, for the wheel: a registry that higher apps fill.

The wheel sits just above periods and notices, so the apps whose dates it shows (control's
reporting times, survey rounds' windows) are above it: each registers a `Source` in its
`AppConfig.ready()`:

    sources.register(Source(key="surveys", label=_("Survey rounds"), order=30, events=round_events))

`events(organisation, year)` returns the year's `Occurrence`s of the whole organisation in a
fixed number of queries; the wheel keeps those the person may see (an occurrence's `unit`, or
None for the organisation's own dates such as a period's due date, which everyone in it sees).
The reporting periods are the wheel's own source (periods is below it)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from roder.organisation.models import Organisation, Unit
from roder.periods.models import ReportingPeriod


@dataclass(frozen=True)
class Occurrence:
    """One day (or span of days) on the wheel."""

    day: datetime.date
    title: str
    kind: str  # a source's key, or an EventKind of the organisation's own events
    kind_label: StrOrPromise
    unit: Unit | None = None  # None: the whole organisation's
    ends: datetime.date | None = None  # the last day of a span (a survey round's window)
    url: str = ""
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    uid: str = ""  # stable over feeds: "<kind>-<pk>-<day>"
    place: str = ""
    description: str = ""


@dataclass(frozen=True)
class Source:
    key: str
    label: StrOrPromise
    order: int
    events: Callable[[Organisation, int], list[Occurrence]]


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    known = _SOURCES.get(source.key)
    if known is not None and known != source:
        raise ImproperlyConfigured(f"Two wheel sources are called {source.key!r}.")
    _SOURCES[source.key] = source


def all_sources() -> list[Source]:
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.key))


def period_events(organisation: Organisation, year: int) -> list[Occurrence]:
    """Each reporting period's due date (one query)."""
    periods = ReportingPeriod.objects.filter(
        organisation=organisation, deadline__year=year
    ).order_by("deadline", "pk")
    return [
        Occurrence(
            day=period.deadline,
            title=str(_("%(period)s due") % {"period": period.name}),
            kind="periods",
            kind_label=_("Report due"),
            url=reverse("periods:periods", kwargs={"org": organisation.slug}),
            uid=f"period-{period.pk}",
        )
        for period in periods
        if period.deadline is not None
    ]


PERIODS = Source(key="periods", label=_("Report due"), order=10, events=period_events)
