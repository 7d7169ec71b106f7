import datetime

import pytest
from django.core.exceptions import ValidationError

from roder.core.models import HistoryEntry
from roder.periods import services
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
