import datetime

import pytest
from django.core.exceptions import ValidationError

from roder.core.models import HistoryEntry
from roder.core.services import ConcurrentEditError
from roder.periods import selectors, services
from roder.periods.models import PeriodStatus
from roder.periods.testing import make_period

pytestmark = pytest.mark.django_db


def test_it_installs_tertial_interim_and_year_end(world):
    periods = services.periods_install_year(organisation=world.organisation, year=2026, by=None)
    assert [(p.kind, p.ends) for p in periods] == [
        ("tertial", datetime.date(2026, 4, 30)),
        ("interim", datetime.date(2026, 8, 31)),
        ("year_end", datetime.date(2026, 12, 31)),
    ]
    with pytest.raises(ValidationError):
        services.periods_install_year(organisation=world.organisation, year=2026, by=None)


def test_it_refuses_a_period_that_ends_before_it_starts(world):
    with pytest.raises(ValidationError):
        services.period_create(
            organisation=world.organisation,
            year=2026,
            kind="month",
            name="Fel",
            starts=datetime.date(2026, 3, 1),
            ends=datetime.date(2026, 2, 1),
            by=None,
        )


def test_it_opens_and_closes_periods_in_order(world):
    period = make_period(world.organisation, status="planned")
    with pytest.raises(ValidationError):
        services.period_set_status(period=period, status="closed", expected_version=1, by=None)
    services.period_set_status(period=period, status="open", expected_version=1, by=world.admin)
    assert HistoryEntry.objects.for_object(period).filter(action="update").count() == 1


def test_reopening_a_closed_period_needs_a_reason_kept_in_history(world):
    period = make_period(world.organisation, status="closed")
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as refused:
            services.period_set_status(
                period=period, status="open", expected_version=3, reason=reason, by=world.admin
            )
        assert "reason" in refused.value.message_dict
    period.refresh_from_db()
    assert (period.status, period.version) == ("closed", 3)
    services.period_set_status(
        period=period, status="open", expected_version=3, reason=" Sent utfall ", by=world.admin
    )
    (entry,) = selectors.reopenings([period]).values()
    assert selectors.reopen_reason(entry) == "Sent utfall"
    assert entry.actor == world.admin
    assert entry.changes["status"]["after"] == str(PeriodStatus.OPEN.label)


def test_opening_a_planned_period_needs_no_reason(world):
    period = make_period(world.organisation, status="planned")
    services.period_set_status(period=period, status="open", expected_version=1, by=None)
    assert selectors.reopenings([period]) == {}


def test_it_sets_the_due_date_with_history_and_the_version(world):
    period = make_period(world.organisation)
    services.period_set_deadline(
        period=period, deadline=datetime.date(2026, 5, 20), expected_version=2, by=world.admin
    )
    period.refresh_from_db()
    assert (period.deadline, period.version) == (datetime.date(2026, 5, 20), 3)
    entry = HistoryEntry.objects.for_object(period).newest_first().first()
    assert entry is not None and "deadline" in entry.changes
    with pytest.raises(ConcurrentEditError):
        services.period_set_deadline(period=period, deadline=None, expected_version=2, by=None)
    with pytest.raises(ValidationError):
        services.period_set_deadline(
            period=period, deadline=datetime.date(2025, 12, 31), expected_version=3, by=None
        )
    period.refresh_from_db()
    assert (period.deadline, period.version) == (datetime.date(2026, 5, 20), 3)
    services.period_set_deadline(period=period, deadline=None, expected_version=3, by=None)
    period.refresh_from_db()
    assert period.deadline is None
