"""The outcome grid of a unit's report when two people save it: each row carries its version, a
stale row refuses the whole save, an unchanged row is not written."""

import pytest
from django.urls import reverse

from roder.core.models import HistoryEntry
from roder.core.testing import logged_in, page_form, stale_message
from roder.followup.models import Outcome
from roder.followup.testing import follow_up, make_indicator, report
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan
from roder.testing import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid(world):
    goal = make_goal(make_plan(world.unit_a), "Snabb återkoppling")
    first = make_indicator(world.unit_a, "Svar inom 8 timmar")
    second = make_indicator(world.unit_a, "Nöjda besökare")
    follow_up(goal, first, target="85")
    follow_up(goal, second, target="90")
    period = make_period(world.organisation)
    path = reverse(
        "followup:unit_report",
        kwargs={"org": "testkommun", "unit_pk": world.unit_a.pk, "period_pk": period.pk},
    )
    colleague = make_person(world.organisation, "kollega", role="reporter", unit=world.unit_a)
    return {"first": first, "second": second, "period": period, "path": path, "b": colleague}


def load(client, grid, indicator) -> dict:
    return page_form(client, grid["path"], containing=f"i{indicator.pk}-value")


def test_it_refuses_the_second_save_of_a_row_and_keeps_the_first(world, grid):
    outcome = report(grid["first"], world.unit_a, grid["period"], "80")
    a, b = logged_in(world.reporter), logged_in(grid["b"])
    form_a, form_b = load(a, grid, grid["first"]), load(b, grid, grid["first"])
    row = f"i{grid['first'].pk}"

    form_a[f"{row}-value"] = "90"
    assert a.post(grid["path"], form_a).status_code == 302
    form_b[f"{row}-comment"] = "Mätt i mars"
    form_b[f"i{grid['second'].pk}-value"] = "95"  # another row of the same refused save
    history = HistoryEntry.objects.count()
    response = b.post(grid["path"], form_b)

    assert response.status_code == 200
    assert stale_message() in response.content.decode()
    outcome.refresh_from_db()
    assert (outcome.value, outcome.comment, outcome.version) == (90, "", 2)
    assert not Outcome.objects.filter(indicator=grid["second"]).exists()
    assert HistoryEntry.objects.count() == history


def test_it_refuses_a_row_someone_else_created_meanwhile(world, grid):
    a, b = logged_in(world.reporter), logged_in(grid["b"])
    form_a, form_b = load(a, grid, grid["first"]), load(b, grid, grid["first"])
    row = f"i{grid['first'].pk}"
    form_a[f"{row}-value"], form_b[f"{row}-value"] = "70", "75"

    assert a.post(grid["path"], form_a).status_code == 302
    response = b.post(grid["path"], form_b)

    assert stale_message() in response.content.decode()
    assert Outcome.objects.get().value == 70


def test_it_saves_a_fresh_grid_and_leaves_its_unchanged_rows_alone(world, grid):
    kept = report(grid["first"], world.unit_a, grid["period"], "80", comment="Rad ett\nRad två")
    client = logged_in(world.reporter)
    form = load(client, grid, grid["second"])
    form[f"i{grid['second'].pk}-value"] = "93"

    assert client.post(grid["path"], form).status_code == 302

    assert Outcome.objects.get(indicator=grid["second"]).value == 93
    kept_before = (kept.value, kept.comment, kept.version, kept.entered_at)
    kept.refresh_from_db()
    assert (kept.value, kept.comment, kept.version, kept.entered_at) == kept_before
    assert HistoryEntry.objects.for_object(kept).count() == 1  # its creation only


def test_it_writes_nothing_when_the_page_is_saved_unchanged(world, grid):
    report(grid["first"], world.unit_a, grid["period"], "80", comment="Rad ett\nRad två")
    client = logged_in(world.reporter)
    form = load(client, grid, grid["first"])
    history, versions = HistoryEntry.objects.count(), list(Outcome.objects.values("version"))

    assert client.post(grid["path"], form).status_code == 302

    assert HistoryEntry.objects.count() == history
    assert list(Outcome.objects.values("version")) == versions


def test_it_shows_stored_values_as_typed_not_with_the_columns_four_decimals(world, grid):
    """A Swedish page never shows a raw value such as 79,0000."""
    report(grid["first"], world.unit_a, grid["period"], "79")
    report(grid["second"], world.unit_a, grid["period"], "91.5")
    form = load(logged_in(world.reporter), grid, grid["first"])
    assert form[f"i{grid['first'].pk}-value"] == "79"
    assert form[f"i{grid['second'].pk}-value"] == "91,5"
