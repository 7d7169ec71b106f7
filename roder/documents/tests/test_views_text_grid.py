"""The unit's report texts when two people save them: each text carries its version, a stale text
refuses the whole save, an unchanged text is not written."""

import pytest
from django.urls import reverse

from roder.control.testing import make_year
from roder.core.models import HistoryEntry
from roder.core.testing import logged_in, page_form, stale_message
from roder.documents import services
from roder.documents.models import ReportText
from roder.testing import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid(world):
    t1 = make_year(world.organisation)["t1"]
    path = reverse(
        "documents:texts",
        kwargs={"org": "testkommun", "unit_pk": world.unit_a.pk, "kind": "tertial"},
    )
    colleague = make_person(world.organisation, "kollega", role="reporter", unit=world.unit_a)
    return {"t1": t1, "path": path, "b": colleague, "scope": f"period:{t1.pk}"}


def write(world, grid, key, body, version=0):
    return services.report_text_save(
        unit=world.unit_a,
        kind="tertial",
        scope=grid["scope"],
        key=key,
        body=body,
        expected_version=version,
        by=world.manager,
    )


def load(client, grid) -> dict:
    return page_form(client, grid["path"], containing="summary", period=grid["t1"].pk)


def test_it_refuses_the_second_save_of_a_text_and_keeps_the_first(world, grid):
    write(world, grid, "summary", "Först.")
    a, b = logged_in(world.reporter), logged_in(grid["b"])
    form_a, form_b = load(a, grid), load(b, grid)

    form_a["summary"] = "Reporterns sammanfattning."
    assert a.post(grid["path"], form_a).status_code == 302
    form_b["outlook"] = "Ljust."  # another text of the same refused save
    history = HistoryEntry.objects.count()
    response = b.post(grid["path"], form_b)

    assert response.status_code == 200
    assert stale_message() in response.content.decode()
    assert dict(ReportText.objects.values_list("key", "body")) == {
        "summary": "Reporterns sammanfattning."
    }
    assert HistoryEntry.objects.count() == history


def test_it_refuses_a_text_someone_else_wrote_meanwhile(world, grid):
    a, b = logged_in(world.reporter), logged_in(grid["b"])
    form_a, form_b = load(a, grid), load(b, grid)
    form_a["outlook"], form_b["outlook"] = "Ljust.", "Mörkt."

    assert a.post(grid["path"], form_a).status_code == 302
    response = b.post(grid["path"], form_b)

    assert stale_message() in response.content.decode()
    assert ReportText.objects.get().body == "Ljust."


def test_it_writes_nothing_when_the_texts_are_saved_unchanged(world, grid):
    write(world, grid, "summary", "Stycke ett.\n\nStycke två.")
    write(world, grid, "outlook", "Ljust.")
    client = logged_in(world.reporter)
    form = load(client, grid)
    history, versions = HistoryEntry.objects.count(), list(ReportText.objects.values("version"))

    assert client.post(grid["path"], form).status_code == 302

    assert HistoryEntry.objects.count() == history
    assert list(ReportText.objects.values("version")) == versions
