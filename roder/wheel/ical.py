"""iCalendar (RFC 5545) feeds of occurrences, written with the `icalendar` library: one VEVENT
per day (recurrences expanded, so inherited events and exceptions read the same everywhere),
times in Europe/Stockholm with its VTIMEZONE, whole days as DATE values, and a refresh interval
(REFRESH-INTERVAL of RFC 7986 and Outlook's X-PUBLISHED-TTL)."""

import datetime
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vDuration

from roder.notices.services import absolute
from roder.wheel.sources import Occurrence

ZONE = "Europe/Stockholm"
REFRESH = datetime.timedelta(hours=6)


def _host() -> str:
    base = settings.RODER_BASE_URL.split("://")[-1].strip("/")
    return base.split("/")[0] or "roder"


def calendar(name: str, occurrences: Iterable[Occurrence]) -> bytes:
    zone = zoneinfo.ZoneInfo(ZONE)
    cal = Calendar()
    cal.add("prodid", "-//Roder//Annual wheel//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    cal.add("x-wr-timezone", ZONE)
    refresh = vDuration(REFRESH)
    refresh.params["VALUE"] = "DURATION"
    cal.add("refresh-interval", refresh)
    cal.add("x-published-ttl", vDuration(REFRESH))
    cal.add_component(Timezone.from_tzinfo(zone, first_date=datetime.date(2020, 1, 1)))
    stamp = timezone.now().replace(microsecond=0)
    host = _host()
    for occurrence in occurrences:
        event = Event()
        event.add("uid", f"{occurrence.uid or occurrence.day.isoformat()}@{host}")
        event.add("dtstamp", stamp)
        summary = occurrence.title
        if occurrence.unit is not None:
            summary = f"{summary} ({occurrence.unit.name})"
        event.add("summary", summary)
        event.add("categories", [str(occurrence.kind_label)])
        if occurrence.start_time is not None:
            begins = datetime.datetime.combine(occurrence.day, occurrence.start_time, zone)
            event.add("dtstart", begins)
            ends_at = occurrence.end_time or occurrence.start_time
            ends = datetime.datetime.combine(occurrence.day, ends_at, zone)
            if ends <= begins:
                ends = begins + datetime.timedelta(hours=1)
            event.add("dtend", ends)
        else:
            last = occurrence.ends or occurrence.day
            event.add("dtstart", occurrence.day)
            event.add("dtend", last + datetime.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        if occurrence.place:
            event.add("location", occurrence.place)
        if occurrence.description:
            event.add("description", occurrence.description)
        if occurrence.url:
            event.add("url", absolute(occurrence.url))
        cal.add_component(event)
    return cal.to_ical()
