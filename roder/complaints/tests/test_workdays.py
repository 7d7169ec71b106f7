"""Working days in Sweden: weekends, public holidays and the three de facto days off
(midsommarafton, julafton, nyårsafton) are not counted."""

import datetime

import pytest

from roder.complaints.deadlines import acknowledgement, answer, deadlines_for
from roder.complaints.models import Case, ComplaintSettings
from roder.complaints.workdays import (
    add_working_days,
    day_off_name,
    is_working_day,
    working_days_between,
)

D = datetime.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 12, 2), True),  # a Wednesday
        (D(2026, 12, 5), False),  # Saturday
        (D(2026, 12, 6), False),  # Sunday
        (D(2026, 4, 2), True),  # skärtorsdagen: a half day, still a working day
        (D(2026, 4, 3), False),  # långfredagen
        (D(2026, 4, 6), False),  # annandag påsk
        (D(2026, 5, 14), False),  # Kristi himmelsfärdsdag
        (D(2026, 5, 15), True),  # klämdag: a working day
        (D(2026, 6, 19), False),  # midsommarafton (de facto)
        (D(2026, 6, 22), True),
        (D(2026, 12, 24), False),  # julafton (de facto)
        (D(2026, 12, 25), False),
        (D(2026, 12, 31), False),  # nyårsafton (de facto)
        (D(2027, 1, 1), False),
        (D(2027, 1, 6), False),  # trettondedag jul
        (D(2027, 6, 6), False),  # nationaldagen on a Sunday
        (D(2027, 6, 25), False),  # midsommarafton 2027
    ],
)
def test_it_knows_the_working_days(day, working):
    assert is_working_day(day) is working


def test_it_names_the_days_off():
    assert day_off_name(D(2026, 6, 19)) == "Midsommarafton"
    assert day_off_name(D(2026, 4, 3)) == "Långfredagen"
    assert day_off_name(D(2026, 12, 2)) == ""


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (D(2026, 12, 2), 2, D(2026, 12, 4)),  # Wednesday + 2 = Friday
        (D(2026, 12, 4), 2, D(2026, 12, 8)),  # Friday + 2 = Tuesday, over the weekend
        (D(2026, 12, 5), 1, D(2026, 12, 7)),  # received on a Saturday: Monday is the first
        # Easter 2026: Thursday 2 April + 2 = Wednesday 8 April (Friday, Monday off)
        (D(2026, 4, 2), 2, D(2026, 4, 8)),
        # Midsommar 2026: Thursday 18 June + 1 = Monday 22 June (midsommarafton off)
        (D(2026, 6, 18), 1, D(2026, 6, 22)),
        # Christmas and New Year: Wednesday 23 December + 2 = Monday 28, Tuesday 29
        (D(2026, 12, 23), 2, D(2026, 12, 29)),
        # … + 3 = Wednesday 30 December; + 4 passes nyårsafton, nyårsdagen and the weekend
        (D(2026, 12, 23), 3, D(2026, 12, 30)),
        (D(2026, 12, 23), 4, D(2027, 1, 4)),
        # 10 working days from 21 December 2026: past Christmas, New Year and Epiphany
        (D(2026, 12, 21), 10, D(2027, 1, 11)),
        (D(2026, 12, 24), 0, D(2026, 12, 28)),  # 0 days from a day off: the next working day
        (D(2026, 12, 2), 0, D(2026, 12, 2)),
    ],
)
def test_it_adds_working_days(start, count, expected):
    assert add_working_days(start, count) == expected


def test_a_deadline_that_would_end_on_a_holiday_moves_to_the_next_working_day():
    # One working day after the Wednesday before Kristi himmelsfärdsdag would be the holiday:
    # it is the Friday. The deadline is always a working day, never a day off.
    due = add_working_days(D(2026, 5, 13), 1)  # Wednesday before Kristi himmelsfärdsdag
    assert due == D(2026, 5, 15)
    assert is_working_day(due)
    assert add_working_days(D(2026, 12, 22), 2) == D(2026, 12, 28)  # not julafton


def test_it_counts_working_days_between_two_days():
    assert working_days_between(D(2026, 12, 2), D(2026, 12, 2)) == 0
    assert working_days_between(D(2026, 12, 4), D(2026, 12, 7)) == 1  # Friday → Monday
    assert working_days_between(D(2026, 12, 21), D(2027, 1, 11)) == 10
    assert working_days_between(D(2027, 1, 11), D(2026, 12, 21)) == -10
    assert working_days_between(D(2026, 3, 30), D(2026, 4, 10)) == 7  # Easter week


def test_it_refuses_a_negative_count():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 12, 2), -1)


def _case(received: datetime.date, **values) -> Case:
    acknowledge_by, answer_by = deadlines_for(ComplaintSettings(), received)
    return Case(received_on=received, acknowledge_by=acknowledge_by, answer_by=answer_by, **values)


def test_it_says_the_deadlines_in_words():
    case = _case(D(2026, 12, 1))  # Tuesday: acknowledge by Thursday 3, answer by Tuesday 15
    assert (case.acknowledge_by, case.answer_by) == (D(2026, 12, 3), D(2026, 12, 15))
    assert acknowledgement(case, D(2026, 12, 1)).text == "Senast 2026-12-03, om 2 arbetsdagar"
    assert acknowledgement(case, D(2026, 12, 3)).text == "Senast 2026-12-03, i dag"
    late = acknowledgement(case, D(2026, 12, 7))
    assert late.late
    assert late.text == "Försenad: skulle vara klar 2026-12-03, 2 arbetsdagar sedan"
    saturday = acknowledgement(_case(D(2026, 12, 2)), D(2026, 12, 5))  # due Friday 4
    assert saturday.late and saturday.text == "Försenad: skulle vara klar 2026-12-04"
    case.acknowledged_on = D(2026, 12, 2)
    assert acknowledgement(case, D(2026, 12, 7)).text == "Klar 2026-12-02, i tid"
    case.answered_on = D(2026, 12, 17)
    done = answer(case, D(2026, 12, 20))
    assert not done.late and done.text == "Klar 2026-12-17, 2 arbetsdagar för sent"


@pytest.mark.django_db
def test_a_type_may_have_its_own_working_days(world):
    from roder.complaints import services
    from roder.complaints.models import CaseKind
    from roder.complaints.testing import make_case

    services.settings_save(
        organisation=world.organisation,
        expected_version=0,
        by=None,
        acknowledge_days=2,
        answer_days=10,
        answer_days_question=3,
        acknowledge_days_question=1,
    )
    received = datetime.date(2026, 12, 1)  # a Tuesday
    question = make_case(world.unit_a, kind=CaseKind.QUESTION, received_on=received)
    complaint = make_case(world.unit_a, kind=CaseKind.COMPLAINT, received_on=received)
    assert question.acknowledge_by == datetime.date(2026, 12, 2)
    assert question.answer_by == datetime.date(2026, 12, 4)
    assert complaint.acknowledge_by == datetime.date(2026, 12, 3)
    assert complaint.answer_by == datetime.date(2026, 12, 15)


@pytest.mark.django_db
def test_a_types_answer_cannot_be_due_before_its_acknowledgement(world):
    from django.core.exceptions import ValidationError

    from roder.complaints import services

    with pytest.raises(ValidationError):
        services.settings_save(
            organisation=world.organisation,
            expected_version=0,
            by=None,
            acknowledge_days=2,
            answer_days=10,
            answer_days_praise=1,
        )
    assert services.settings_of(world.organisation).pk is None
