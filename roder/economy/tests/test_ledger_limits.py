"""The ledger import cannot exhaust the server or be fooled by a formula: limits checked before
and while reading, at most 50 errors listed, big files read, checked and imported by tasks, and
staged rows not kept once imported or after 30 days."""

import datetime
from io import BytesIO, StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from openpyxl import Workbook

from roder.core.models import HistoryEntry
from roder.economy import services
from roder.economy.models import BudgetLine, LedgerImport
from roder.economy.testing import install, ledger_csv
from roder.economy.tests.test_ledger import (
    EXPECTED,
    GOOD_ROWS,
    amounts,
    detail_url,
    mapping,
    upload,
    upload_url,
)
from roder.followup.models import OutcomeImport
from roder.periods.testing import make_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    """As in test_ledger: the default categories, K5 and K4 with their accounts, a period."""
    categories, _activities = install(world.organisation)
    for code, accounts in [("I6", "3500-3599"), ("K5", "50-59"), ("K4", "64-69")]:
        category = categories[code]
        services.category_update(
            category=category, expected_version=category.version, by=None, accounts=accounts
        )
    return {"period": make_period(world.organisation)}


def form_errors(response):
    return [e for errors in response.context["form"].errors.values() for e in errors]


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Ansvar", "Konto", "Verksamhet", "Bokföringsdatum", "Belopp"])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def post(client, world, name, data):
    return client.post(
        upload_url(world, world.administration), {"file": SimpleUploadedFile(name, data)}
    )


def test_a_formula_cell_is_refused_not_read(world, client_for, setup):
    client = client_for(world.controller)
    data = xlsx([["A", 5010, 14, "2026-02-28", 45000], ["A", 5010, 14, "2026-02-28", "=B3*2"]])
    history = HistoryEntry.objects.count()
    response = post(client, world, "huvudbok.xlsx", data)
    assert form_errors(response) == [
        "Rad 3: cellen E3 innehåller en formel; skriv in värdet i stället."
    ]
    assert not LedgerImport.objects.exists() and not BudgetLine.objects.exists()
    assert HistoryEntry.objects.count() == history


def test_the_size_limit_is_a_setting(world, client_for, setup, settings):
    settings.IMPORT_MAX_MB = 1
    data = ledger_csv(GOOD_ROWS) + b"\n" * (1024 * 1024)
    response = post(client_for(world.controller), world, "huvudbok.csv", data)
    assert form_errors(response) == ["Filen är större än 1 MB."]
    assert not LedgerImport.objects.exists()


def test_rows_and_columns_past_the_limits_are_refused(world, client_for, setup, settings):
    settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS = 4, 6
    client = client_for(world.controller)
    for name, data in [
        ("huvudbok.csv", ledger_csv(GOOD_ROWS)),
        ("huvudbok.xlsx", xlsx([["A", 5010, 14, "2026-02-28", 1]] * 5)),
    ]:
        assert form_errors(post(client, world, name, data)) == [
            "Filen har fler än 4 rader. Dela upp den."
        ]
    wide = ledger_csv(["A;5010;14;2026-02-28;1;text;one too many"])
    assert form_errors(post(client, world, "huvudbok.csv", wide)) == [
        "Filen har fler än 6 kolumner."
    ]
    assert not LedgerImport.objects.exists()


def test_a_million_row_file_stops_at_the_limit(world, client_for, setup, settings):
    settings.IMPORT_MAX_ROWS = 50_000
    data = b"Ansvar;Konto;Belopp\n" + b"A;K5;1\n" * 1_000_000
    response = post(client_for(world.controller), world, "huvudbok.csv", data)
    assert form_errors(response) == ["Filen har fler än 50\xa0000 rader. Dela upp den."]


def test_it_lists_the_first_50_errors_and_counts_the_rest(world, client_for, setup):
    client = client_for(world.controller)
    staged = upload(
        client, world, world.administration, ledger_csv(["X9;5010;14;2026-02-28;1"] * 120)
    )
    response = client.post(detail_url(staged.pk), mapping(setup["period"]))
    errors = response.context["errors"]
    assert len(errors) == 51 and errors[0].startswith("Rad 2: ")
    assert errors[50] == "… och 70 fel till."


def test_the_staged_rows_are_dropped_once_imported(world, client_for, setup):
    client = client_for(world.controller)
    staged = upload(client, world, world.administration, ledger_csv(GOOD_ROWS))
    client.post(detail_url(staged.pk), {**mapping(setup["period"]), "confirm": "1"})
    staged.refresh_from_db()
    assert (staged.status, staged.rows, staged.row_count) == ("imported", [], 5)
    assert client.get(detail_url(staged.pk)).status_code == 200  # the record remains


def test_a_big_file_is_read_checked_and_imported_by_tasks(
    world,
    client_for,
    setup,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.IMPORT_TASK_ROWS = 2
    client = client_for(world.controller)
    with django_capture_on_commit_callbacks(execute=True):
        staged = upload(client, world, world.administration, ledger_csv(GOOD_ROWS))
    staged.refresh_from_db()
    assert (staged.task_step, staged.task_state, staged.row_count) == ("read", "done", 5)
    assert staged.content == b""
    assert client.get(detail_url(staged.pk)).context["form"]  # the mapping page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(detail_url(staged.pk), mapping(setup["period"])).status_code == 302
    page = client.get(detail_url(staged.pk))
    totals = {t.unit.code: t.result for t in page.context["preview"].units}
    assert totals == {"A": 70000, "B": -13500.50}
    assert not BudgetLine.objects.exists()  # checked only
    assert 'name="confirm"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(detail_url(staged.pk), {**mapping(setup["period"]), "confirm": "1"})
    assert response.status_code == 302
    assert amounts() == EXPECTED
    staged.refresh_from_db()
    assert (staged.status, staged.rows, staged.task_state) == ("imported", [], "done")


def test_a_big_file_with_bad_rows_writes_nothing(
    world,
    client_for,
    setup,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.IMPORT_TASK_ROWS = 2
    client = client_for(world.controller)
    with django_capture_on_commit_callbacks(execute=True):
        staged = upload(
            client, world, world.administration, ledger_csv(["X9;5010;14;2026-02-28;1"] * 3)
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(detail_url(staged.pk), {**mapping(setup["period"]), "confirm": "1"})
    page = client.get(detail_url(staged.pk))
    assert len(page.context["errors"]) == 3 and page.context["preview"] is None
    assert not BudgetLine.objects.exists()
    staged.refresh_from_db()
    assert staged.status == "staged"


def test_staged_imports_older_than_30_days_are_pruned(world, client_for, setup):
    client = client_for(world.controller)
    old = upload(client, world, world.administration, ledger_csv(GOOD_ROWS))
    recent = upload(client, world, world.administration, ledger_csv(GOOD_ROWS))
    done = upload(client, world, world.administration, ledger_csv(GOOD_ROWS))
    client.post(detail_url(done.pk), {**mapping(setup["period"]), "confirm": "1"})
    # An import made before the staged rows were dropped on import.
    LedgerImport.objects.filter(pk=done.pk).update(rows=[[2, ["A", "5010"]]])
    month_ago = timezone.now() - datetime.timedelta(days=31)
    LedgerImport.objects.filter(pk__in=[old.pk, done.pk]).update(created_at=month_ago)
    outcome_file = OutcomeImport.objects.create(
        unit=world.unit_a, period=setup["period"], file_name="u.xlsx", created_by=world.reporter
    )
    OutcomeImport.objects.filter(pk=outcome_file.pk).update(created_at=month_ago)
    out = StringIO()
    call_command("prune_staged_imports", stdout=out)
    assert set(LedgerImport.objects.values_list("pk", flat=True)) == {recent.pk, done.pk}
    assert LedgerImport.objects.get(pk=done.pk).rows == []
    assert not OutcomeImport.objects.exists()
    assert "Deleted 1 staged ledger files and 1 outcome files" in out.getvalue()
