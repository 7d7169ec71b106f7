"""The wheel's events for the shared test world."""

import datetime

from roder.organisation.models import Unit
from roder.wheel import services
from roder.wheel.models import EventKind, WheelEvent

YEAR = 2026
THIRD_TUESDAY_EXCEPT_JULY = "FREQ=MONTHLY;BYDAY=+3TU;BYMONTH=1,2,3,4,5,6,8,9,10,11,12"


def make_event(unit: Unit, title: str = "Nämndsammanträde", **extra) -> WheelEvent:
    values = {
        "title": title,
        "kind": EventKind.MEETING,
        "starts_on": datetime.date(YEAR, 1, 1),
        "start_time": datetime.time(13, 0),
        "end_time": datetime.time(16, 0),
        "rrule": THIRD_TUESDAY_EXCEPT_JULY,
        "exceptions": [],
        "place": "",
        "description": "",
        "public": False,
        "remind": False,
    } | extra
    return services.event_create(unit=unit, by=None, **values)
