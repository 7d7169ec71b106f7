"""The Excel round trip: export with stable ids, import with preview, all rows or none."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from roder.followup import services
from roder.followup.models import Outcome
from roder.followup.testing import approve, follow_up, make_indicator
from roder.indicators.models import Target
from roder.periods import services as period_services
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    goal = make_goal(make_plan(world.unit_a), "Snabb återkoppling")
    b_goal = make_goal(make_plan(world.unit_b), "B:s mål")
    first = make_indicator(world.unit_a, "Svar inom 8 timmar")
    second = make_indicator(world.unit_a, "Servicegrad", by_gender=True)
    follow_up(goal, first, target="85")
    follow_up(goal, second)
    follow_up(b_goal, first, target="80")
    return {"period": make_period(world.organisation), "first": first, "second": second}


def url(name, world, unit, period):
    return reverse(
        f"followup:{name}", kwargs={"org": "testkommun", "unit_pk": unit.pk, "period_pk": period.pk}
    )


def exported(client, world, unit, period):
    response = client.get(url("excel_export", world, unit, period))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content))


def upload(client, world, unit, period, book):
    buffer = BytesIO()
    book.save(buffer)
    file = SimpleUploadedFile("utfall.xlsx", buffer.getvalue())
    return client.post(url("excel_import", world, unit, period), {"file": file})


def test_it_exports_rows_with_stable_ids_for_the_unit_and_below(world, client_for, setup):
    book = exported(client_for(world.controller), world, world.administration, setup["period"])
    rows = list(book.worksheets[0].iter_rows(min_row=2, values_only=True))
    ids = [row[0] for row in rows]
    assert ids == [
        f"U:{setup['first'].pk}:{world.unit_a.pk}",
        f"U:{setup['second'].pk}:{world.unit_a.pk}",
        f"U:{setup['first'].pk}:{world.unit_b.pk}",
    ]
    assert rows[0][4] == 85  # the target
    target = book.worksheets[0]["E2"]  # a number, shown with the indicator's decimals (0)
    assert (target.data_type, target.number_format) == ("n", "0")
    # The outsider's own export holds only Enhet B.
    book = exported(client_for(world.outsider), world, world.unit_b, setup["period"])
    assert [r[0] for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)] == [ids[2]]


def test_it_imports_after_a_preview(world, client_for, setup):
    client = client_for(world.manager)
    period = setup["period"]
    book = exported(client, world, world.unit_a, period)
    sheet = book.worksheets[0]
    sheet["F2"], sheet["I2"] = 87.5, "Bra tertial"
    sheet["F3"], sheet["G3"], sheet["H3"] = "91,5", 93, 90
    sheet["E2"] = 88
    response = upload(client, world, world.unit_a, period, book)
    assert response.status_code == 200
    assert len(response.context["changes"]) == 2
    assert not Outcome.objects.exists()  # preview only
    response = client.post(url("excel_import", world, world.unit_a, period), {"confirm": "1"})
    assert response.status_code == 302
    first = Outcome.objects.get(indicator=setup["first"])
    assert (str(first.value.normalize()), first.comment) == ("87.5", "Bra tertial")
    second = Outcome.objects.get(indicator=setup["second"])
    assert (second.value, second.value_women, second.value_men) == (91.5, 93, 90)
    assert Target.objects.get(indicator=setup["first"], unit=world.unit_a).value == 88


def test_one_bad_row_rejects_the_whole_file(world, client_for, setup):
    client = client_for(world.controller)
    period = setup["period"]
    book = exported(client, world, world.administration, period)
    sheet = book.worksheets[0]
    sheet["F2"] = 80  # fine
    sheet["F3"] = "åttio"  # text in a number cell
    sheet.append(["U:999:999", "Okänd", "Okänd"])  # unknown id
    response = upload(client, world, world.administration, period, book)
    errors = response.context["errors"]
    assert any("Rad 3" in e or "Row 3" in e for e in errors)
    assert any("U:999:999" in e for e in errors)
    assert not Outcome.objects.exists()


def test_a_reporter_may_not_change_targets_or_report_for_other_units(world, client_for, setup):
    period = setup["period"]
    book = exported(client_for(world.controller), world, world.administration, period)
    sheet = book.worksheets[0]
    sheet["E2"] = 99
    sheet["F4"] = 70  # Enhet B's row
    response = upload(client_for(world.reporter), world, world.unit_a, period, book)
    errors = response.context["errors"]
    assert len(errors) == 2, errors
    assert not Outcome.objects.exists()


def test_a_closed_period_rejects_the_file(world, client_for, setup):
    period = setup["period"]
    client = client_for(world.manager)
    book = exported(client, world, world.unit_a, period)
    book.worksheets[0]["F2"] = 80
    period_services.period_set_status(
        period=period, status="closed", expected_version=period.version, by=None
    )
    response = upload(client, world, world.unit_a, period, book)
    assert response.context["errors"]
    assert not Outcome.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused(world, client_for, setup):
    client = client_for(world.manager)
    file = SimpleUploadedFile("utfall.xlsx", b"not a workbook")
    response = client.post(
        url("excel_import", world, world.unit_a, setup["period"]), {"file": file}
    )
    assert response.context["errors"]


@pytest.mark.parametrize(
    ("persona", "status"), [("reader", 403), ("outsider", 404), ("reporter", 200), ("manager", 200)]
)
def test_import_needs_a_reporter_role(world, client_for, setup, persona, status):
    response = client_for(world.personas[persona]).get(
        url("excel_import", world, world.unit_a, setup["period"])
    )
    assert response.status_code == status


def test_the_outsider_cannot_export_unit_a(world, client_for, setup):
    response = client_for(world.outsider).get(
        url("excel_export", world, world.unit_a, setup["period"])
    )
    assert response.status_code == 404


def test_rows_that_change_an_approved_report_reject_the_file(world, client_for, setup):
    """Issue 12: an approved report's outcomes are locked; its unchanged rows pass."""
    period = setup["period"]
    services.outcome_write(
        indicator=setup["first"], unit=world.unit_b, period=period, value=Decimal(70), by=None
    )
    approve(world.unit_b, period)
    client = client_for(world.controller)
    book = exported(client, world, world.administration, period)
    sheet = book.worksheets[0]
    sheet["F2"] = 87  # Enhet A's row: its report is a draft
    response = upload(client, world, world.administration, period, book)
    assert response.context["errors"] == [] and len(response.context["changes"]) == 3
    sheet["F4"] = 75  # Enhet B's row
    response = upload(client, world, world.administration, period, book)
    assert len(response.context["errors"]) == 1
    assert response.context["errors"][0].startswith(("Rad 4:", "Row 4:"))  # before the catalogue
    assert "Enhet B" in response.context["errors"][0]


def test_an_outcome_changed_after_the_check_refuses_the_import(world, client_for, setup):
    period = setup["period"]
    client = client_for(world.manager)
    book = exported(client, world, world.unit_a, period)
    book.worksheets[0]["F2"] = 87
    upload(client, world, world.unit_a, period, book)  # checked: no outcome stored yet
    services.outcome_write(  # someone enters it on the report page meanwhile
        indicator=setup["first"], unit=world.unit_a, period=period, value=Decimal(80), by=None
    )
    response = client.post(
        url("excel_import", world, world.unit_a, period), {"confirm": "1"}, follow=True
    )
    (message,) = [str(m) for m in response.context["messages"]]
    assert message.startswith(("Rad 2:", "Row 2:"))
    assert Outcome.objects.get(indicator=setup["first"]).value == 80
