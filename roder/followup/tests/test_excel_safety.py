"""The outcome workbook is safe both ways: people's text is written as text, a formula in an
uploaded file is refused (not read as empty), and a big or huge file cannot exhaust the server."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from roder.core.models import HistoryEntry
from roder.followup import services
from roder.followup.models import Outcome
from roder.followup.testing import follow_up, make_indicator, make_period
from roder.planning.testing import make_goal, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    goal = make_goal(make_plan(world.unit_a), "Snabb återkoppling")
    first = make_indicator(world.unit_a, "Svar inom 8 timmar")
    second = make_indicator(world.unit_a, "Servicegrad")
    follow_up(goal, first, target="85")
    follow_up(goal, second)
    period = make_period(world.organisation)
    for indicator, value in ((first, "80"), (second, "70")):
        services.outcome_record(
            indicator=indicator,
            unit=world.unit_a,
            period=period,
            value=Decimal(value),
            comment="=1+1",
            by=None,
        )
    return {"period": period, "first": first, "second": second}


def url(name, world, period):
    kwargs = {"org": "testkommun", "unit_pk": world.unit_a.pk, "period_pk": period.pk}
    return reverse(f"followup:{name}", kwargs=kwargs)


def exported(client, world, period):
    response = client.get(url("excel_export", world, period))
    return load_workbook(BytesIO(response.content))


def upload(client, world, period, book):
    buffer = BytesIO()
    book.save(buffer)
    file = SimpleUploadedFile("utfall.xlsx", buffer.getvalue())
    return client.post(url("excel_import", world, period), {"file": file})


def stored():
    return sorted(Outcome.objects.values_list("indicator_id", "value", "comment", "version"))


def test_it_writes_a_comment_that_looks_like_a_formula_as_text(world, client_for, setup):
    sheet = exported(client_for(world.reporter), world, setup["period"]).worksheets[0]
    comment = sheet["I2"]
    assert (comment.value, comment.data_type, comment.quotePrefix) == ("=1+1", "s", True)
    assert (sheet["F2"].value, sheet["F2"].data_type) == (80, "n")  # numbers stay numbers


def test_it_refuses_a_formula_cell_and_changes_nothing(world, client_for, setup):
    client = client_for(world.reporter)
    book = exported(client, world, setup["period"])
    book.worksheets[0]["F2"] = "=40*2"  # a live formula: openpyxl stores no value for it
    book.worksheets[0]["F3"] = 75
    before, history = stored(), HistoryEntry.objects.count()
    response = upload(client, world, setup["period"], book)
    assert response.context["errors"] == [
        "Rad 2: cellen F2 innehåller en formel; skriv in värdet i stället."
    ]
    assert response.context["changes"] is None
    assert client.post(url("excel_import", world, setup["period"]), {"confirm": "1"})
    assert stored() == before
    assert HistoryEntry.objects.count() == history
