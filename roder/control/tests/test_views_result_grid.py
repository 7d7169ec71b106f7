"""The results grid of a period when two people save it: each row carries its version, a stale
row refuses the whole save (no deviation action either), an unchanged row is not written."""

import pytest
from django.urls import reverse

from roder.actions.models import Action
from roder.control.models import ControlResult
from roder.control.services import result_record
from roder.control.testing import make_control, make_control_plan, make_risk, make_year
from roder.core.models import HistoryEntry
from roder.core.testing import logged_in, page_form, stale_message
from roder.testing import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid(world):
    periods = make_year(world.organisation)
    plan = make_control_plan(world.unit_a)
    risk = make_risk(plan)
    first, second = make_control(risk), make_control(risk, "Kontrollera leveranser")
    path = reverse(
        "control:results",
        kwargs={"org": "testkommun", "pk": plan.pk, "period_pk": periods["t1"].pk},
    )
    colleague = make_person(world.organisation, "kollega", role="reporter", unit=world.unit_a)
    return {"t1": periods["t1"], "first": first, "second": second, "path": path, "b": colleague}


def load(client, grid) -> dict:
    return page_form(client, grid["path"], containing=f"c{grid['first'].pk}-comment")


def test_it_refuses_the_second_save_of_a_result_and_keeps_the_first(world, grid):
    result_record(control=grid["first"], period=grid["t1"], outcome="done", by=world.reporter)
    a, b = logged_in(world.reporter), logged_in(grid["b"])
    form_a, form_b = load(a, grid), load(b, grid)
    first, second = f"c{grid['first'].pk}", f"c{grid['second'].pk}"

    form_a[f"{first}-comment"] = "Tio stickprov utan anmärkning"
    assert a.post(grid["path"], form_a).status_code == 302
    form_b[f"{first}-outcome"] = "not_done"
    form_b[f"{first}-comment"] = "Ingen tid"
    form_b[f"{second}-outcome"] = "deviation"  # another row of the same refused save
    form_b[f"{second}-comment"] = "Leverans utan avtal"
    history = HistoryEntry.objects.count()
    response = b.post(grid["path"], form_b)

    assert response.status_code == 200
    assert stale_message() in response.content.decode()
    result = ControlResult.objects.get()
    assert (result.outcome, result.comment, result.version) == (
        "done",
        "Tio stickprov utan anmärkning",
        2,
    )
    assert not Action.objects.exists()
    assert HistoryEntry.objects.count() == history


def test_it_refuses_a_result_someone_else_recorded_meanwhile(world, grid):
    a, b = logged_in(world.reporter), logged_in(grid["b"])
    form_a, form_b = load(a, grid), load(b, grid)
    first = f"c{grid['first'].pk}"
    form_a[f"{first}-outcome"], form_b[f"{first}-outcome"] = "done", "not_done"
    form_b[f"{first}-comment"] = "Ingen tid"

    assert a.post(grid["path"], form_a).status_code == 302
    response = b.post(grid["path"], form_b)
    assert stale_message() in response.content.decode()
    assert ControlResult.objects.get().outcome == "done"


def test_it_writes_nothing_when_the_results_are_saved_unchanged(world, grid):
    for control in (grid["first"], grid["second"]):
        result_record(
            control=control,
            period=grid["t1"],
            outcome="done",
            comment="Rad ett\nRad två",
            by=world.reporter,
        )
    client = logged_in(world.reporter)
    form = load(client, grid)
    form[f"c{grid['second'].pk}-comment"] = "Ändrad"
    history = HistoryEntry.objects.count()

    assert client.post(grid["path"], form).status_code == 302

    assert HistoryEntry.objects.count() == history + 1  # the second row only
    kept = ControlResult.objects.get(control=grid["first"])
    assert (kept.comment, kept.version) == ("Rad ett\nRad två", 1)
