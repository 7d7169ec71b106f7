"""Recurrence by RRULE: the builder's rules, their days across months, summer time and
exceptions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from roder.wheel import recurrence

D = datetime.date
EXCEPT_JULY = [7]


def third_tuesday() -> str:
    return recurrence.build_rrule(
        frequency="monthly", ordinal=3, weekdays=["TU"], skip_months=EXCEPT_JULY
    )


def test_the_builder_writes_the_third_tuesday_of_each_month_except_july():
    assert third_tuesday() == "FREQ=MONTHLY;BYDAY=+3TU;BYMONTH=1,2,3,4,5,6,8,9,10,11,12"


def test_the_third_tuesday_except_july_falls_on_eleven_days_of_2026():
    days = recurrence.days_of(
        starts_on=D(2026, 1, 1),
        rrule=third_tuesday(),
        exceptions=[],
        start=D(2026, 1, 1),
        end=D(2026, 12, 31),
    )
    assert len(days) == 11
    assert days[0] == D(2026, 1, 20)
    assert all(day.weekday() == 1 and 15 <= day.day <= 21 for day in days)
    assert 7 not in {day.month for day in days}
    # Across both changes of summer time (29 March, 25 October) the days stay the same.
    assert D(2026, 3, 17) in days and D(2026, 4, 21) in days
    assert D(2026, 10, 20) in days and D(2026, 11, 17) in days


def test_exceptions_leave_days_out():
    days = recurrence.days_of(
        starts_on=D(2026, 1, 1),
        rrule=third_tuesday(),
        exceptions=[D(2026, 4, 21), D(2026, 12, 15)],
        start=D(2026, 1, 1),
        end=D(2026, 12, 31),
    )
    assert len(days) == 9
    assert D(2026, 4, 21) not in days


def test_a_yearly_event_falls_once_a_year_from_its_first_day():
    rule = recurrence.build_rrule(frequency="yearly")
    assert rule == "FREQ=YEARLY"
    days = recurrence.days_of(
        starts_on=D(2025, 6, 15),
        rrule=rule,
        exceptions=[],
        start=D(2024, 1, 1),
        end=D(2027, 12, 31),
    )
    assert days == [D(2025, 6, 15), D(2026, 6, 15), D(2027, 6, 15)]


def test_a_single_event_and_a_rule_with_an_end():
    assert recurrence.days_of(
        starts_on=D(2026, 5, 4), rrule="", exceptions=[], start=D(2026, 1, 1), end=D(2026, 12, 31)
    ) == [D(2026, 5, 4)]
    weekly = recurrence.build_rrule(
        frequency="weekly", interval=2, weekdays=["MO"], until=D(2026, 2, 28)
    )
    assert weekly == "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;UNTIL=20260228"
    days = recurrence.days_of(
        starts_on=D(2026, 1, 5),
        rrule=weekly,
        exceptions=[],
        start=D(2026, 1, 1),
        end=D(2026, 12, 31),
    )
    assert days == [D(2026, 1, 5), D(2026, 1, 19), D(2026, 2, 2), D(2026, 2, 16)]


@pytest.mark.parametrize(
    "text", ["FREQ=HOURLY", "FREQ=MONTHLY;BYHOUR=3", "FREQ=MONTHLY;BYDAY=XX", "nonsense"]
)
def test_a_bad_rule_is_refused_in_swedish(text):
    with pytest.raises(ValidationError) as error:
        recurrence.check_rrule(text)
    assert "upprepning" in " ".join(error.value.messages).lower() or error.value.messages


def test_the_builder_reads_back_what_it_wrote():
    parsed = recurrence.parse_builder(third_tuesday())
    assert recurrence.build_rrule(**parsed) == third_tuesday()
