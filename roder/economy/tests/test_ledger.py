"""The ledger import: upload → column mapping → preview with totals per unit → confirm; a file
with any bad row is rejected whole."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from roder.economy import ledger, services
from roder.economy.models import BudgetLine, LedgerImport
from roder.economy.money import parse_amount
from roder.economy.testing import install, ledger_csv
from roder.periods.testing import make_period

pytestmark = pytest.mark.django_db

GOOD_ROWS = [
    "A;3511;14;2026-01-31;-120 000,00;Försäljning",
    "A;5010;14;2026-02-28;45 000,00;Löner",
    "A;5410;14 Allmän kommunadministration;2026-03-31;5 000,00;Sociala avgifter",
    "B;6420;15;2026-04-15;12 500,50;Material",
    "B;K5;;2026-04-30;1000;Kategorikod i stället för konto",
]
BAD_ROWS = [
    GOOD_ROWS[0],
    "X9;5010;14;2026-02-28;45 000,00;Okänd enhet",
    "A;9999;14;2026-03-31;5 000,00;Okänt konto",
    "B;6420;15;2025-12-31;12 500,50;Fel år",
    "B;K5;;2026-04-30;tolv;Inget tal",
]


@pytest.fixture
def setup(world):
    categories, activities = install(world.organisation)
    for code, accounts in [("I6", "3500-3599"), ("K5", "50-59"), ("K4", "64-69")]:
        category = categories[code]
        services.category_update(
            category=category, expected_version=category.version, by=None, accounts=accounts
        )
    return {"c": categories, "a": activities, "period": make_period(world.organisation)}


def upload_url(world, unit):
    return reverse("economy:import_upload", kwargs={"org": "testkommun", "unit_pk": unit.pk})


def detail_url(pk):
    return reverse("economy:import_detail", kwargs={"org": "testkommun", "pk": pk})


def upload(client, world, unit, data: bytes, name="huvudbok.csv"):
    response = client.post(upload_url(world, unit), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.context and response.context["form"].errors
    return LedgerImport.objects.latest("pk")


def mapping(chosen_period, **changes):
    data = {
        "unit": 0,
        "category": 1,
        "activity": 2,
        "date": 3,
        "amount": 4,
        "sign": "ledger",
        "kind": "outcome",
        "year": 2026,
        "period": chosen_period.pk,
    }
    return {**data, **changes}


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Ansvar", "Konto", "Verksamhet", "Bokföringsdatum", "Belopp", "Text"])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def amounts():
    return {
        (line.unit.code, line.category.code, line.activity.code if line.activity else None): (
            line.amount
        )
        for line in BudgetLine.objects.select_related("unit", "category", "activity")
    }


EXPECTED = {
    ("A", "I6", "14"): Decimal("120000.00"),
    ("A", "K5", "14"): Decimal("50000.00"),
    ("B", "K4", "15"): Decimal("12500.50"),
    ("B", "K5", None): Decimal("1000.00"),
}


def test_it_imports_a_csv_after_a_preview_with_totals_per_unit(world, client_for, setup):
    client = client_for(world.controller)
    staged = upload(client, world, world.administration, ledger_csv(GOOD_ROWS))
    page = client.get(detail_url(staged.pk))
    guessed = page.context["form"].initial
    assert (guessed["unit"], guessed["category"], guessed["activity"], guessed["date"]) == (
        0,
        1,
        2,
        3,
    )
    assert guessed["amount"] == 4
    preview = client.post(detail_url(staged.pk), mapping(setup["period"])).context["preview"]
    totals = {t.unit.code: (t.incomes, t.costs, t.result) for t in preview.units}
    assert totals == {
        "A": (Decimal("120000.00"), Decimal("50000.00"), Decimal("70000.00")),
        "B": (Decimal(0), Decimal("13500.50"), Decimal("-13500.50")),
    }
    assert not BudgetLine.objects.exists()  # a preview writes nothing
    response = client.post(detail_url(staged.pk), {**mapping(setup["period"]), "confirm": "1"})
    assert response.status_code == 302
    assert amounts() == EXPECTED
    staged.refresh_from_db()
    assert (staged.status, staged.line_count, staged.row_count) == ("imported", 4, 5)
    assert (staged.income_total, staged.cost_total) == (Decimal("120000"), Decimal("63500.50"))
    line = BudgetLine.objects.get(unit=world.unit_b, category=setup["c"]["K4"])
    assert (line.source, line.ledger_import, line.period) == ("import", staged, setup["period"])
    assert client.get(detail_url(staged.pk)).status_code == 200  # the record of the import


def test_it_imports_an_excel_file(world, client_for, setup):
    client = client_for(world.admin)
    rows = [
        ["A", 3511, 14, datetime.datetime(2026, 1, 31), -120000],
        ["A", 5010, 14, datetime.datetime(2026, 2, 28), 45000],
        ["A", "5410", "14", datetime.date(2026, 3, 31), 5000.0],
        ["B", 6420, 15, "2026-04-15", 12500.5],
        ["B", "K5", None, "20260430", "1000"],
    ]
    staged = upload(client, world, world.administration, xlsx(rows), name="agresso.xlsx")
    client.post(detail_url(staged.pk), {**mapping(setup["period"]), "confirm": "1"})
    assert amounts() == EXPECTED


def test_a_file_with_bad_rows_is_rejected_whole_with_every_row_named(world, client_for, setup):
    client = client_for(world.controller)
    staged = upload(client, world, world.administration, ledger_csv(BAD_ROWS))
    for data in (mapping(setup["period"]), {**mapping(setup["period"]), "confirm": "1"}):
        response = client.post(detail_url(staged.pk), data)
        assert response.status_code == 200
        errors = response.context["errors"]
        assert len(errors) == 4, errors
        assert [e.split(":")[0] for e in errors] == ["Rad 3", "Rad 4", "Rad 5", "Rad 6"]
        assert "X9" in errors[0] and "9999" in errors[1]
        assert "2025-12-31" in errors[2] and "tolv" in errors[3]
        assert response.context["preview"] is None
    assert not BudgetLine.objects.exists()
    staged.refresh_from_db()
    assert staged.status == "staged"
    corrected = upload(client, world, world.administration, ledger_csv(GOOD_ROWS))
    client.post(detail_url(corrected.pk), {**mapping(setup["period"]), "confirm": "1"})
    assert amounts() == EXPECTED


def test_importing_the_same_file_twice_changes_nothing(world, client_for, setup):
    client = client_for(world.controller)
    for _ in range(2):
        staged = upload(client, world, world.administration, ledger_csv(GOOD_ROWS))
        client.post(detail_url(staged.pk), {**mapping(setup["period"]), "confirm": "1"})
    assert amounts() == EXPECTED
    assert set(BudgetLine.objects.values_list("version", flat=True)) == {1}


def test_a_confirmed_import_cannot_be_confirmed_again(world, client_for, setup):
    client = client_for(world.controller)
    staged = upload(client, world, world.administration, ledger_csv(GOOD_ROWS))
    data = {**mapping(setup["period"]), "confirm": "1"}
    client.post(detail_url(staged.pk), data)
    BudgetLine.objects.update(amount=1)
    client.post(detail_url(staged.pk), data)
    assert set(BudgetLine.objects.values_list("amount", flat=True)) == {1}


def test_rows_must_belong_to_the_unit_or_below(world, client_for, setup):
    client = client_for(world.controller)
    staged = upload(client, world, world.unit_a, ledger_csv(GOOD_ROWS))
    errors = client.post(detail_url(staged.pk), mapping(setup["period"])).context["errors"]
    assert [e.split(":")[0] for e in errors] == ["Rad 5", "Rad 6"]
    assert "Enhet A" in errors[0]


def test_dates_must_lie_within_the_period(world, client_for, setup):
    client = client_for(world.controller)
    rows = ["A;5010;14;2026-05-02;100;Efter tertialet", "A;5010;14;202605;100;Maj"]
    staged = upload(client, world, world.administration, ledger_csv(rows))
    errors = client.post(detail_url(staged.pk), mapping(setup["period"])).context["errors"]
    assert len(errors) == 2
    # Without a period, the whole year is fine.
    response = client.post(detail_url(staged.pk), mapping(setup["period"], period=""))
    assert response.context["errors"] == []


def test_a_closed_period_rejects_the_file(world, client_for, setup):
    closed = make_period(
        world.organisation,
        status="closed",
        kind="interim",
        name="Delår",
        ends=datetime.date(2026, 8, 31),
    )
    client = client_for(world.controller)
    staged = upload(client, world, world.administration, ledger_csv(GOOD_ROWS))
    response = client.post(detail_url(staged.pk), {**mapping(closed), "confirm": "1"})
    assert response.context["errors"]
    assert not BudgetLine.objects.exists()


def test_positive_signs_and_a_comma_separated_windows_file(world, client_for, setup):
    client = client_for(world.controller)
    data = 'Kostnadsställe,Kontogrupp,Period,Utfall\nA,I6,202603,"1500,00"\nA,K5,202604,900\n'
    staged = upload(client, world, world.administration, data.encode("cp1252"))
    form = client.get(detail_url(staged.pk)).context["form"]
    assert (form.initial["unit"], form.initial["category"], form.initial["date"]) == (0, 1, 2)
    client.post(
        detail_url(staged.pk),
        {
            **mapping(setup["period"], activity="", date=2, amount=3, sign="positive"),
            "confirm": "1",
        },
    )
    assert amounts() == {("A", "I6", None): Decimal(1500), ("A", "K5", None): Decimal(900)}


def test_a_file_that_cannot_be_read_is_refused(world, client_for, setup):
    client = client_for(world.controller)
    url = upload_url(world, world.administration)
    for name, data in [("huvudbok.xlsx", b"not a workbook"), ("tom.csv", b"Ansvar;Belopp\n")]:
        response = client.post(url, {"file": SimpleUploadedFile(name, data)})
        assert response.status_code == 200
        assert response.context["form"].errors
    response = client.post(url, {"file": SimpleUploadedFile("bild.png", b"x")})
    assert "file" in response.context["form"].errors
    assert not LedgerImport.objects.exists()


def test_an_ambiguous_category_name_asks_for_the_code(world, setup):
    staged = services.ledger_import_stage(
        unit=world.administration,
        file_name="x.csv",
        data=ledger_csv(["A;Bidrag;;2026-01-10;100;"]),
        by=None,
    )
    _preview, errors = ledger.check(
        staged, ledger.Mapping(unit=0, category=1, amount=4, kind="budget", year=2026, date=3)
    )
    assert len(errors) == 1 and "Bidrag" in errors[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 234,50", Decimal("1234.50")),
        ("1\u00a0234,5", Decimal("1234.5")),
        ("-1234.5", Decimal("-1234.5")),
        ("1.234,50", Decimal("1234.50")),
        ("1,234.50", Decimal("1234.50")),
        ("(12)", Decimal(-12)),
        ("12-", Decimal(-12)),
        ("\u2212500", Decimal(-500)),
        ("tolv", None),
        ("1,2,3", None),
        ("NaN", None),
        ("", None),
    ],
)
def test_it_reads_amounts_as_ledgers_write_them(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2026-04-15", ("2026-04-15", "2026-04-15")),
        ("2026-04-15 00:00:00", ("2026-04-15", "2026-04-15")),
        ("15.04.2026", ("2026-04-15", "2026-04-15")),
        ("20260415", ("2026-04-15", "2026-04-15")),
        ("202602", ("2026-02-01", "2026-02-28")),
        ("2026-12", ("2026-12-01", "2026-12-31")),
        ("202613", ("2026-12-31", "2026-12-31")),
        ("2026-02-30", None),
        ("april", None),
    ],
)
def test_it_reads_dates_and_accounting_periods(text, span):
    parsed = ledger.parse_ledger_date(text)
    assert (None if parsed is None else tuple(d.isoformat() for d in parsed)) == span


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (  # Agresso/Unit4
            ["Ansvar", "Konto", "Verksamhet", "Period", "Belopp"],
            {"unit": 0, "category": 1, "activity": 2, "date": 3, "amount": 4},
        ),
        (  # Raindance
            ["Verifikationsdatum", "Ansvar", "Vht", "Konto", "Belopp SEK"],
            {"unit": 1, "category": 3, "activity": 2, "date": 0, "amount": 4},
        ),
        (  # Visma
            ["Kostnadsställe", "Kontonr", "Bokföringsdatum", "Text", "Belopp kr"],
            {"unit": 0, "category": 1, "activity": None, "date": 2, "amount": 4},
        ),
    ],
)
def test_it_guesses_the_columns_of_known_ledgers(headers, expected):
    assert ledger.guess_columns(headers) == expected
