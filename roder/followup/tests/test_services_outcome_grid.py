"""followup.services.outcomes_save and the shared grid helper it stands on (core.services)."""

from decimal import Decimal

import pytest
from django.db import connection

from roder.core.models import HistoryEntry
from roder.core.services import (
    ConcurrentEditError,
    GridRow,
    InvalidRowsError,
    StaleRowsError,
    create_versioned,
    delete_versioned,
    grid_save,
)
from roder.followup import services
from roder.followup.models import Outcome
from roder.followup.testing import make_indicator, report
from roder.periods.testing import make_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid(world):
    return {
        "first": make_indicator(world.unit_a, "Svar inom 8 timmar"),
        "second": make_indicator(world.unit_a, "Nöjda besökare"),
        "period": make_period(world.organisation),
    }


def save(world, grid, *rows):
    services.outcomes_save(unit=world.unit_a, period=grid["period"], rows=list(rows), by=None)


def test_it_checks_every_row_before_it_writes_any(world, grid):
    good = GridRow(grid["first"], {"value": Decimal(80)})
    bad = GridRow(grid["second"], {"value": Decimal(1), "value_women": Decimal(2)})
    history = HistoryEntry.objects.count()
    with pytest.raises(InvalidRowsError) as refused:
        save(world, grid, good, bad)
    assert list(refused.value.rows) == [grid["second"]]
    assert not Outcome.objects.exists()
    assert HistoryEntry.objects.count() == history


def test_it_refuses_a_changed_row_that_was_removed_meanwhile(world, grid):
    outcome = report(grid["first"], world.unit_a, grid["period"], "80")
    report(grid["first"], world.unit_a, grid["period"], None)  # cleared by someone else
    with pytest.raises(StaleRowsError) as refused:
        save(world, grid, GridRow(grid["first"], {"value": Decimal(85)}, version=outcome.version))
    assert list(refused.value.rows) == [grid["first"]]
    assert not Outcome.objects.exists()


def test_it_accepts_a_stale_row_that_already_holds_what_was_typed(world, grid):
    report(grid["first"], world.unit_a, grid["period"], "80")
    report(grid["first"], world.unit_a, grid["period"], "85")  # version 2
    save(world, grid, GridRow(grid["first"], {"value": Decimal(85)}, version=1))
    assert Outcome.objects.get().version == 2


def test_it_clears_an_outcome_only_at_the_version_shown(world, grid):
    outcome = report(grid["first"], world.unit_a, grid["period"], "80")
    save(world, grid, GridRow(grid["first"], {"value": None}, version=outcome.version))
    assert not Outcome.objects.exists()
    with pytest.raises(ConcurrentEditError):
        delete_versioned(outcome, expected_version=outcome.version)


def test_it_turns_a_row_created_between_check_and_write_into_a_refusal(world, grid):
    report(grid["first"], world.unit_a, grid["period"], "80")
    unit, period = world.unit_a, grid["period"]

    def write(row, existing):  # the race: the check saw no row, the insert meets one
        return create_versioned(Outcome, indicator=row.key, unit=unit, period=period, **row.values)

    with pytest.raises(StaleRowsError):
        grid_save(
            [GridRow(grid["first"], {"value": Decimal(90)})],
            check=lambda row: row.values,
            read=lambda keys: {},
            write=write,
        )
    assert Outcome.objects.get().value == 80  # and the transaction is still usable
    assert connection.needs_rollback is False
