"""Swedish working days (arbetsdagar), in which the complaint deadlines are counted.

A working day is a weekday (Monday to Friday) that is neither a public holiday (allmän helgdag:
Sweden's calendar in the `holidays` package) nor one of the three de facto days off that the
law does not name but on which the municipalities' offices are closed: midsommarafton, julafton
and nyårsafton (the package's "de_facto" category for Sweden). Påskafton and pingstafton fall
on Saturdays and are days off anyway; the half days (skärtorsdagen, valborgsmässoafton …) count
as working days. The package's calendar changes between versions, so its version is pinned in
pyproject.toml.
"""

import datetime
from functools import cache

import holidays

CATEGORIES = ("public", "de_facto")


@cache
def days_off(year: int) -> frozenset[datetime.date]:
    """The weekdays and weekend days of `year` that are holidays or de facto days off."""
    calendar = holidays.country_holidays("SE", years=year, categories=CATEGORIES)
    return frozenset(calendar)


def day_off_name(day: datetime.date) -> str:
    """The holiday's Swedish name ("Julafton"), or "" for an ordinary day."""
    calendar = holidays.country_holidays("SE", years=day.year, categories=CATEGORIES)
    return str(calendar.get(day) or "")


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in days_off(day.year)


def add_working_days(start: datetime.date, count: int) -> datetime.date:
    """The `count`th working day after `start` (`start` itself is not counted, whatever it is):
    a case received on a Friday with 2 days to acknowledge it has until Tuesday. 0 gives
    `start` if it is a working day, else the next one."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    if count == 0:
        while not is_working_day(day):
            day += datetime.timedelta(days=1)
        return day
    while count:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """The working days after `start` up to and including `end`; negative when `end` is before
    `start` (the days after `end` up to `start`). A case received on `start` and answered on
    `end` took this many working days."""
    if end < start:
        return -working_days_between(end, start)
    days = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            days += 1
    return days
