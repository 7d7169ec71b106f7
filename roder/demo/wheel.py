"""The demo's annual wheel (issue 19): the organisations' own events of 2026, through the wheel's
services. The reporting periods, control reporting (T1, T2) and survey rounds are on the wheel
already from their own demo steps (wheel.sources).

Upplands Väsby: the meeting days are the demo's (the seeds give none): Kommunfullmäktige and
Kommunstyrelsen meet monthly except in July, public, in Stöd & process's public feed (turned
on); Allmänna utskottet the third Tuesday of each month except July; Stöd & process's budget
dialogues in March and October; Väsby Direkt's APT the first Thursday of each month except July,
with New Year's Day left out and reminders on.

Stockholm: seed 000 says Nämndsekretariatet keeps a kalendarium per committee with its
recurring items — verksamhetsberättelse, budget, the meeting dates and the elections of
sub-committees — but gives no dates: the items are Trafiknämnden's, on days chosen here.

`build_wheel()` runs last (it needs the trees only)."""

import datetime

from roder.organisation.models import Unit
from roder.wheel import services
from roder.wheel.models import EventKind

YEAR = 2026
EXCEPT_JULY = "BYMONTH=1,2,3,4,5,6,8,9,10,11,12"


def _unit(slug: str, code: str) -> Unit:
    return Unit.objects.select_related("organisation").get(organisation__slug=slug, code=code)


def _event(unit: Unit, title: str, kind: str, rrule: str, **extra) -> None:
    values = {
        "title": title,
        "kind": kind,
        "starts_on": datetime.date(YEAR, 1, 1),
        "start_time": None,
        "end_time": None,
        "rrule": rrule,
        "exceptions": [],
        "place": "",
        "description": "",
        "public": False,
        "remind": False,
    } | extra
    services.event_create(unit=unit, by=None, **values)


def build_wheel() -> None:
    vasby = "upplands-vasby"
    time = datetime.time
    _event(
        _unit(vasby, "KF"),
        "Kommunfullmäktiges sammanträde",
        EventKind.MEETING,
        f"FREQ=MONTHLY;BYDAY=+2MO;{EXCEPT_JULY}",
        start_time=time(18, 0),
        end_time=time(21, 0),
        place="Kommunhuset, sessionssalen",
        public=True,
    )
    _event(
        _unit(vasby, "KS"),
        "Kommunstyrelsens sammanträde",
        EventKind.MEETING,
        f"FREQ=MONTHLY;BYDAY=+4MO;{EXCEPT_JULY}",
        start_time=time(13, 0),
        end_time=time(17, 0),
        place="Kommunhuset",
        public=True,
    )
    _event(
        _unit(vasby, "AU"),
        "Allmänna utskottets sammanträde",
        EventKind.MEETING,
        f"FREQ=MONTHLY;BYDAY=+3TU;{EXCEPT_JULY}",
        start_time=time(9, 0),
        end_time=time(12, 0),
    )
    office = _unit(vasby, "SP")
    _event(
        office,
        "Budgetdialog med Allmänna utskottet",
        EventKind.BUDGET,
        "FREQ=YEARLY;BYMONTH=3,10;BYDAY=+2WE",
        start_time=time(13, 0),
        end_time=time(15, 0),
    )
    _event(
        _unit(vasby, "SP-VD"),
        "APT Väsby Direkt",
        EventKind.APT,
        f"FREQ=MONTHLY;BYDAY=+1TH;{EXCEPT_JULY}",
        start_time=time(8, 30),
        end_time=time(9, 30),
        exceptions=[datetime.date(YEAR, 1, 1)],  # nyårsdagen
        remind=True,
    )
    services.public_feed_set(unit=office, public=True, expected_version=None, by=None)

    board = _unit("stockholm", "TN")
    _event(
        board,
        "Trafiknämndens sammanträde",
        EventKind.MEETING,
        f"FREQ=MONTHLY;BYDAY=+3TH;{EXCEPT_JULY}",
        start_time=time(16, 0),
        end_time=time(19, 0),
    )
    _event(
        board,
        "Verksamhetsberättelse till nämnden",
        EventKind.DEADLINE,
        "FREQ=YEARLY",
        starts_on=datetime.date(YEAR, 2, 19),
    )
    _event(
        board,
        "Budget till nämnden",
        EventKind.DEADLINE,
        "FREQ=YEARLY",
        starts_on=datetime.date(YEAR, 10, 15),
    )
    _event(
        board,
        "Val av utskott och beredningar",
        EventKind.OTHER,
        "FREQ=YEARLY",
        starts_on=datetime.date(YEAR, 1, 22),
    )
