"""The outcome workbook is safe both ways: people's text is written as text, a formula in an
uploaded file is refused (not read as empty), and a big or huge file cannot exhaust the server."""

import re
from decimal import Decimal
from io import BytesIO
from zipfile import ZipFile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from roder.core import xlsx as excel_module
from roder.core.models import HistoryEntry
from roder.followup import services
from roder.followup.models import Outcome, OutcomeImport
from roder.followup.testing import follow_up, make_indicator
from roder.periods.testing import make_period
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
        services.outcome_write(
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


def workbook(rows, *, header=True):
    book = Workbook()
    sheet = book.active
    if header:
        sheet.append(["Id", "Enhet", "Nyckeltal", "Mått", "Mål", "Utfall", "K", "M", "Kommentar"])
    for row in rows:
        sheet.append(row)
    return book


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    world, client_for, setup, settings
):
    settings.IMPORT_MAX_MB = 1
    client = client_for(world.reporter)
    file = SimpleUploadedFile("utfall.xlsx", b"x" * (1024 * 1024 + 1))
    response = client.post(url("excel_import", world, setup["period"]), {"file": file})
    assert response.context["form"].errors["file"] == ["Filen är större än 1 MB."]


def test_too_many_rows_are_refused_before_parsing(world, client_for, setup, settings, monkeypatch):
    settings.IMPORT_MAX_ROWS = 3
    client = client_for(world.reporter)
    rows = [[f"U:{n}:1", "x"] for n in range(4)]
    monkeypatch.setattr(excel_module, "sheet_rows", fail_if_parsed)
    response = upload(client, world, setup["period"], workbook(rows))
    assert response.context["errors"] == ["Filen har fler än 3 rader. Dela upp den."]


def fail_if_parsed(*args, **kwargs):
    raise AssertionError("the rows were parsed")


def test_rows_past_the_limit_are_refused_whatever_the_sheet_states(
    world, client_for, setup, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_MAX_ROWS = 3
    book = workbook([[f"U:{n}:1", "x"] for n in range(4)])
    assert checked_in_a_task(
        client_for(world.reporter), world, setup, book, capture=(django_capture_on_commit_callbacks)
    ) == ["Filen har fler än 3 rader. Dela upp den."]


def checked_in_a_task(client, world, setup, book, *, capture):
    """A sheet that does not state its size is checked by a task: its errors."""
    with capture(execute=True):
        response = client.post(
            url("excel_import", world, setup["period"]),
            {"file": SimpleUploadedFile("utfall.xlsx", without_dimension(book))},
        )
    assert response.status_code == 302
    return OutcomeImport.objects.latest("pk").task_result["errors"]


def without_dimension(book) -> bytes:
    """The workbook without the size its sheet states (<dimension>), as some writers leave it."""
    buffer, packed = BytesIO(), BytesIO()
    book.save(buffer)
    with ZipFile(BytesIO(buffer.getvalue())) as source, ZipFile(packed, "w") as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<dimension [^>]*/>", b"", data)
            target.writestr(member, data)
    return packed.getvalue()


def test_too_many_columns_are_refused(
    world, client_for, setup, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_MAX_COLUMNS = 9
    rows = [[f"U:{setup['first'].pk}:{world.unit_a.pk}"] + [None] * 8 + ["extra"]]
    client = client_for(world.reporter)
    response = upload(client, world, setup["period"], workbook(rows))
    assert response.context["errors"] == ["Filen har fler än 9 kolumner."]
    assert checked_in_a_task(
        client, world, setup, workbook(rows), capture=django_capture_on_commit_callbacks
    ) == ["Filen har fler än 9 kolumner."]


def test_it_lists_the_first_50_errors_and_counts_the_rest(world, client_for, setup):
    rows = [[f"U:9{n}:1", "Okänd"] for n in range(1060)]
    response = upload(client_for(world.reporter), world, setup["period"], workbook(rows))
    errors = response.context["errors"]
    assert len(errors) == 51
    assert errors[0].startswith("Rad 2: ") and errors[49].startswith("Rad 51: ")
    assert errors[50] == "… och 1\xa0010 fel till."
    assert len(response.content) < 50_000


def test_the_same_id_twice_is_refused(world, client_for, setup):
    client = client_for(world.reporter)
    book = exported(client, world, setup["period"])
    book.worksheets[0].append([f"U:{setup['first'].pk}:{world.unit_a.pk}", "", "", "", 85, 1])
    response = upload(client, world, setup["period"], book)
    row_id = f"U:{setup['first'].pk}:{world.unit_a.pk}"
    assert response.context["errors"] == [f"Rad 4: id ”{row_id}” finns också på rad 2."]


def test_a_big_file_is_checked_and_imported_by_tasks_with_progress(
    world, client_for, setup, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_TASK_ROWS = 1
    client = client_for(world.reporter)
    book = exported(client, world, setup["period"])
    book.worksheets[0]["F2"], book.worksheets[0]["F3"] = 81, 71
    before, history = stored(), HistoryEntry.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, world, setup["period"], book)
    assert response.status_code == 302
    staged = OutcomeImport.objects.get()
    assert (staged.task_step, staged.task_state, staged.progress) == ("check", "done", 100)
    assert staged.content == b"" and len(staged.rows) == 2
    page = client.get(response.url)
    assert [c.outcome for c in page.context["changes"]] == ["81", "71"]
    assert (stored(), HistoryEntry.objects.count()) == (before, history)  # checked only
    assert client_for(world.manager).get(response.url).status_code == 404  # the uploader's
    client = client_for(world.reporter)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(response.url).status_code == 302
    assert [v for _i, v, _c, _v in stored()] == [81, 71]
    staged.refresh_from_db()
    assert (staged.task_step, staged.task_state, staged.rows) == ("apply", "done", [])
    assert "2 rader importerades." in client.get(response.url).content.decode()


def test_the_progress_region_polls_until_the_task_is_done(world, client_for, setup):
    staged = OutcomeImport.objects.create(
        unit=world.unit_a,
        period=setup["period"],
        file_name="u.xlsx",
        created_by=world.reporter,
        task_step="check",
        task_state="running",
        progress=40,
    )
    client = client_for(world.reporter)
    path = url("excel_import", world, setup["period"]) + f"{staged.pk}/"
    poll = client.get(path, HTTP_HX_REQUEST="true")
    assert 'value="40"' in poll.content.decode() and "hx-trigger" in poll.content.decode()
    OutcomeImport.objects.filter(pk=staged.pk).update(task_state="done", task_result={"errors": []})
    assert client.get(path, HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
