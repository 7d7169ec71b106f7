"""Ledger exports (Agresso/Unit4, Raindance, Visma) as CSV or Excel: reading, column mapping,
and the row-by-row check that either yields a preview or the errors.

The file's first non-empty row is its header. Each data row is matched to a unit (by code, then
name), an account category (by code, then name, then by account number through the categories'
account ranges), an activity (by code) and a date or accounting period (2026-04-15, 20260415,
202604, 2026-04; period 13 is the closing period), and its amount is read as Swedish and
English ledgers write numbers. Rows with the same unit, category and activity are added up; the
sums are the lines the import writes. One bad row and nothing is written (`services`).
"""

import csv
import datetime
import io
import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from roder.core import formatting, xlsx
from roder.core.progress import every
from roder.core.xlsx import (
    RowErrors,
    check_columns,
    check_rows,
    check_size,
    not_a_workbook,
    open_book,
    sheet_rows,
)
from roder.economy.models import AccountCategory, Activity, BudgetLine, CategoryKind, LineKind
from roder.economy.money import parse_amount
from roder.organisation.models import Unit
from roder.periods.models import ReportingPeriod

SIGN_LEDGER = "ledger"  # costs positive (debit), incomes negative (credit)
SIGN_POSITIVE = "positive"  # both as positive amounts

# Header names the known ledgers write, lower case, most telling first.
KNOWN_HEADERS = {
    "unit": [
        "ansvar",
        "ansvarskod",
        "ansvarsenhet",
        "ansvarsställe",
        "kostnadsställe",
        "resultatenhet",
        "enhet",
        "kst",
        "unit",
        "cost centre",
        "cost center",
        "responsibility",
    ],
    "category": [
        "kontogrupp",
        "kategori",
        "kostnadsslag",
        "konto",
        "kontonr",
        "kontonummer",
        "account category",
        "account",
    ],
    "activity": ["verksamhet", "verksamhetskod", "vht", "verks", "activity"],
    "date": [
        "bokföringsdatum",
        "verifikationsdatum",
        "transaktionsdatum",
        "datum",
        "period",
        "bokföringsperiod",
        "redovisningsperiod",
        "accounting period",
        "date",
    ],
    "amount": [
        "belopp",
        "belopp sek",
        "belopp kr",
        "utfall",
        "summa",
        "saldo",
        "amount",
        "value",
    ],
}
MAPPED = ("unit", "category", "activity", "date", "amount")


# --- reading -------------------------------------------------------------------------------


def read_table(file_name: str, data: bytes, progress=None) -> tuple[list[str], list[list]]:
    """(headers, rows) where each row is [row number in the file, [cell texts]]. The size is
    checked before reading, the rows are streamed and reading stops past the row and column
    limits (`core.xlsx`); a formula cell in a workbook is refused."""
    check_size(len(data))
    errors = RowErrors()
    if is_workbook(file_name, data):
        book = _open_workbook(data)
        sheet = book.worksheets[0]
        cells = ((n, [_cell_text(v) for v in values]) for n, values in sheet_rows(sheet, errors))
        total = sheet.max_row
    else:
        book, cells, total = None, _read_csv(data), data.count(b"\n")
    try:
        numbered = []
        for n, row in cells:
            every(n, total, progress)
            if any(c.strip() for c in row):
                numbered.append((n, row))
    finally:
        if book is not None:
            book.close()
    if errors:
        raise ValidationError(errors.listed())
    if not numbered:
        raise ValidationError(_("The file is empty."))
    (_n, headers), *rows = numbered
    if not rows:
        raise ValidationError(_("The file has no rows below its header row."))
    width = len(headers)
    return [h.strip() for h in headers], [[n, (cells + [""] * width)[:width]] for n, cells in rows]


def is_workbook(file_name: str, data: bytes) -> bool:
    return file_name.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04"


def stated_rows(file_name: str, data: bytes) -> int | None:
    """About how many rows the file has, without parsing it: a CSV's lines, a workbook's stated
    size (None when it states none). Decides whether reading runs in the request or a task;
    a file that has more than IMPORT_MAX_ROWS is refused here."""
    if not is_workbook(file_name, data):
        lines = data.count(b"\n")
        check_rows(lines - 1)  # a header and more lines than the limit: refused unread
        return lines
    return xlsx.stated_rows(data)


def _open_workbook(data: bytes):
    try:
        return open_book(data)
    except ValidationError as error:
        if error.messages == not_a_workbook().messages:
            raise ValidationError(
                _("The file could not be read as an Excel workbook (.xlsx).")
            ) from None
        raise


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_csv(data: bytes):
    """The rows, streamed: past IMPORT_MAX_ROWS rows or IMPORT_MAX_COLUMNS columns reading
    stops with an error."""
    text = ""
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):  # ledgers often write Windows-1252
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise ValidationError(_("The file could not be read as CSV or Excel (.xlsx)."))
    first_line = text.lstrip().split("\n", 1)[0]
    delimiter = max(";,\t|", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for n, row in enumerate(reader, start=1):
            if n > settings.IMPORT_MAX_ROWS + 1:
                check_rows(n - 1)
            check_columns(len(row))
            yield n, row
    except csv.Error:
        raise ValidationError(_("The file could not be read as CSV or Excel (.xlsx).")) from None


def _normal(header: str) -> str:
    return " ".join(header.casefold().replace(":", " ").replace("_", " ").split())


def guess_columns(headers: list[str]) -> dict[str, int | None]:
    """The column each field most likely is, from the header names; None where none fits.
    An exact name wins over a column whose name merely contains a known word."""
    names = [_normal(h) for h in headers]
    taken: set[int] = set()
    guess: dict[str, int | None] = dict.fromkeys(MAPPED)
    for exact in (True, False):
        for name in MAPPED:
            if guess[name] is not None:
                continue
            for known in KNOWN_HEADERS[name]:
                hits = [
                    i
                    for i, header in enumerate(names)
                    if i not in taken and (header == known if exact else known in header)
                ]
                if hits:
                    guess[name] = hits[0]
                    taken.add(hits[0])
                    break
    return guess


# --- the mapping and the check -------------------------------------------------------------


@dataclass(frozen=True)
class Mapping:
    """Which column holds what, and what the amounts are (kind, year, period, sign)."""

    unit: int
    category: int
    amount: int
    kind: str
    year: int
    activity: int | None = None
    date: int | None = None
    period_id: int | None = None
    sign: str = SIGN_LEDGER

    def as_dict(self) -> dict:
        return asdict(self)


def _texts(incomes: Decimal, costs: Decimal, result: Decimal) -> tuple[str, str, str]:
    return formatting.number(incomes, 2), formatting.number(costs, 2), formatting.number(result, 2)


@dataclass
class PreviewLine:
    unit: Unit
    category: AccountCategory
    activity: Activity | None
    amount: Decimal
    before: Decimal | None
    rows: int = 0

    @property
    def text(self) -> str:
        return formatting.number(self.amount, 2)

    @property
    def before_text(self) -> str:
        return formatting.number(self.before, 2)

    @property
    def changes(self) -> bool:
        return self.before != self.amount


@dataclass
class UnitTotal:
    unit: Unit
    incomes: Decimal = Decimal(0)
    costs: Decimal = Decimal(0)
    rows: int = 0

    @property
    def result(self) -> Decimal:
        return self.incomes - self.costs

    @property
    def texts(self) -> tuple[str, str, str]:
        return _texts(self.incomes, self.costs, self.result)


@dataclass
class Preview:
    period: ReportingPeriod | None
    lines: list[PreviewLine] = field(default_factory=list)
    units: list[UnitTotal] = field(default_factory=list)
    row_count: int = 0

    @property
    def incomes(self) -> Decimal:
        return sum((u.incomes for u in self.units), Decimal(0))

    @property
    def costs(self) -> Decimal:
        return sum((u.costs for u in self.units), Decimal(0))

    @property
    def total_texts(self) -> tuple[str, str, str]:
        return _texts(self.incomes, self.costs, self.incomes - self.costs)


class _Lookups:
    """The organisation's units below the import's unit, categories and activities: three
    queries, whatever the file's size."""

    def __init__(self, ledger_import):
        organisation, top = ledger_import.organisation, ledger_import.unit
        units = list(Unit.objects.filter(organisation=organisation))
        self.top = top
        self.units_by_code = {u.code.casefold(): u for u in units}
        self.units_by_name = _unique({u.name.casefold(): u for u in units}, units, "name")
        self.categories = list(AccountCategory.objects.filter(organisation=organisation))
        self.categories_by_code = {c.code.casefold(): c for c in self.categories}
        self.categories_by_name = _unique(
            {c.name.casefold(): c for c in self.categories}, self.categories, "name"
        )
        self.activities = list(Activity.objects.filter(organisation=organisation))
        self.activities_by_code = {_activity_key(a.code): a for a in self.activities}


def _unique(by_key: dict, objects: list, attr: str) -> dict:
    """Keep only keys that one object has (a name two categories share matches neither)."""
    counts: dict[str, int] = {}
    for obj in objects:
        key = getattr(obj, attr).casefold()
        counts[key] = counts.get(key, 0) + 1
    return {key: obj for key, obj in by_key.items() if counts[key] == 1}


def _activity_key(code: str) -> str:
    code = code.strip().casefold()
    return str(int(code)) if code.isdigit() else code


def check(ledger_import, mapping: Mapping, progress=None) -> tuple[Preview | None, list[str]]:
    """Check every row. Returns (preview, []) or (None, errors), errors in the reader's
    language, one or more per bad row, in file order: the first 50 and how many more."""
    errors = RowErrors()
    period = _check_mapping(ledger_import, mapping, errors)
    lookups = _Lookups(ledger_import)
    sums: dict[tuple, list] = {}
    for count, (number, cells) in enumerate(ledger_import.rows, start=1):
        every(count, len(ledger_import.rows), progress)
        row = _check_row(number, cells, mapping, lookups, period, errors)
        if row is not None:
            key = row[:3]
            entry = sums.setdefault(key, [Decimal(0), 0])
            entry[0] += row[3]
            entry[1] += 1
    if errors:
        return None, errors.listed()
    return _preview(ledger_import, mapping, period, sums), []


def _check_mapping(ledger_import, mapping: Mapping, errors) -> ReportingPeriod | None:
    width = len(ledger_import.headers)
    columns = [mapping.unit, mapping.category, mapping.amount, mapping.activity, mapping.date]
    if any(c is not None and not 0 <= c < width for c in columns):
        errors.append(_("Choose the columns again; the file has %(count)s.") % {"count": width})
    if mapping.kind not in LineKind.values:
        errors.append(_("Choose budget, outcome, prognosis or plan."))
    if not 2000 <= mapping.year <= 2100:
        errors.append(_("Enter a year between 2000 and 2100."))
    period = None
    if mapping.period_id is not None:
        period = ReportingPeriod.objects.filter(
            organisation=ledger_import.organisation, pk=mapping.period_id
        ).first()
        if period is None or period.year != mapping.year:
            errors.append(_("The period must be one of %(year)s.") % {"year": mapping.year})
            period = None
        elif mapping.kind == LineKind.PLAN:
            errors.append(_("A plan year has no reporting period."))
        elif not period.is_open:
            errors.append(
                _("%(period)s is not open for reporting; nothing was saved.") % {"period": period}
            )
    return period


def _check_row(number, cells, mapping, lookups, period, errors):
    """(unit, category, activity, amount in the category's direction) or None (errors added)."""
    count = len(errors)
    unit = _match_unit(number, cells[mapping.unit].strip(), lookups, errors)
    category = _match_category(number, cells[mapping.category].strip(), lookups, errors)
    activity = None
    if mapping.activity is not None and cells[mapping.activity].strip():
        activity = _match_activity(number, cells[mapping.activity].strip(), lookups, errors)
    if mapping.date is not None:
        _check_date(number, cells[mapping.date].strip(), mapping.year, period, errors)
    raw = cells[mapping.amount].strip()
    amount = parse_amount(raw) if raw else None
    if not raw:
        errors.append(_("Row %(row)s: the amount is missing.") % {"row": number})
    elif amount is None:
        errors.append(
            _("Row %(row)s: the amount “%(value)s” is not a number.")
            % {"row": number, "value": raw}
        )
    if len(errors) > count:
        return None
    amount = amount.quantize(Decimal("0.01"))
    if mapping.sign == SIGN_LEDGER and category.kind == CategoryKind.INCOME:
        amount = -amount  # the ledger credits incomes; Roder keeps them positive
    return unit, category, activity, amount


def _match_unit(number, value, lookups, errors):
    if not value:
        errors.append(_("Row %(row)s: the unit is missing.") % {"row": number})
        return None
    unit = lookups.units_by_code.get(value.casefold()) or lookups.units_by_name.get(
        value.casefold()
    )
    if unit is None:
        errors.append(_("Row %(row)s: unknown unit “%(value)s”.") % {"row": number, "value": value})
        return None
    if not unit.path.startswith(lookups.top.path):
        errors.append(
            _("Row %(row)s: the unit “%(value)s” is not %(unit)s or a unit below it.")
            % {"row": number, "value": value, "unit": lookups.top}
        )
        return None
    return unit


def _match_category(number, value, lookups, errors):
    if not value:
        errors.append(_("Row %(row)s: the account category is missing.") % {"row": number})
        return None
    folded = value.casefold()
    category = lookups.categories_by_code.get(folded) or lookups.categories_by_name.get(folded)
    if category is None:
        account = re.match(r"\d+", value)
        candidates = []
        if account:
            scored = [(c.account_match(account.group()), c) for c in lookups.categories]
            best = max((score for score, _c in scored), default=0)
            candidates = [c for score, c in scored if score and score == best]
        if len(candidates) > 1:
            errors.append(
                _(
                    "Row %(row)s: “%(value)s” matches more than one account category; use the "
                    "category's code."
                )
                % {"row": number, "value": value}
            )
            return None
        category = candidates[0] if candidates else None
    if category is None:
        errors.append(
            _("Row %(row)s: unknown account category “%(value)s”.")
            % {"row": number, "value": value}
        )
        return None
    if not category.is_active:
        errors.append(
            _("Row %(row)s: the account category %(category)s is not in use.")
            % {"row": number, "category": category}
        )
        return None
    return category


def _match_activity(number, value, lookups, errors):
    code = _activity_key(re.split(r"[\s:–-]+", value, maxsplit=1)[0])
    activity = lookups.activities_by_code.get(code)
    if activity is None:
        errors.append(
            _("Row %(row)s: unknown activity “%(value)s”.") % {"row": number, "value": value}
        )
        return None
    if not activity.is_active:
        errors.append(
            _("Row %(row)s: the activity %(activity)s is not in use.")
            % {"row": number, "activity": activity}
        )
        return None
    return activity


DATE_FORMATS = [
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})[-/ ]?(\d{2})$"), ("y", "m")),  # an accounting period: 202604
]


def parse_ledger_date(value: str) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day a date or accounting period covers; period 13 (the closing
    period) is 31 December. None if it is neither."""
    for pattern, order in DATE_FORMATS:
        match = pattern.match(value)
        if not match:
            continue
        parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
        year, month = parts["y"], parts["m"]
        try:
            if "d" in parts:
                day = datetime.date(year, month, parts["d"])
                return day, day
            if month == 13:
                return datetime.date(year, 12, 31), datetime.date(year, 12, 31)
            first = datetime.date(year, month, 1)
        except ValueError:
            return None
        following = datetime.date(year + month // 12, month % 12 + 1, 1)
        return first, following - datetime.timedelta(days=1)
    return None


def _check_date(number, value, year, period, errors) -> None:
    span = parse_ledger_date(value) if value else None
    if span is None:
        errors.append(
            _("Row %(row)s: “%(value)s” is not a date or an accounting period.")
            % {"row": number, "value": value}
        )
        return
    first, last = span
    if first.year != year:
        errors.append(
            _("Row %(row)s: the date %(value)s is not in %(year)s.")
            % {"row": number, "value": value, "year": year}
        )
    elif period is not None and (first < period.starts or last > period.ends):
        errors.append(
            _("Row %(row)s: the date %(value)s is outside %(period)s (%(starts)s – %(ends)s).")
            % {
                "row": number,
                "value": value,
                "period": period,
                "starts": period.starts.isoformat(),
                "ends": period.ends.isoformat(),
            }
        )


def _preview(ledger_import, mapping: Mapping, period, sums: dict) -> Preview:
    units = {unit.pk: unit for unit, _c, _a in sums}
    existing = {
        (line.unit_id, line.category_id, line.activity_id): line.amount
        for line in BudgetLine.objects.filter(
            unit_id__in=units,
            year=mapping.year,
            kind=mapping.kind,
            period=period,
            activity_column="",
        )
    }
    preview = Preview(period=period, row_count=len(ledger_import.rows))
    for (unit, category, activity), (amount, rows) in sums.items():
        key = (unit.pk, category.pk, activity.pk if activity else None)
        preview.lines.append(
            PreviewLine(unit, category, activity, amount, existing.get(key), rows=rows)
        )
    return _with_totals(preview)


def _with_totals(preview: Preview) -> Preview:
    """The lines in the order of the tables, and the totals per unit."""
    totals: dict[int, UnitTotal] = {}
    for line in preview.lines:
        total = totals.setdefault(line.unit.pk, UnitTotal(line.unit))
        total.rows += line.rows
        if line.category.kind == CategoryKind.INCOME:
            total.incomes += line.amount
        else:
            total.costs += line.amount
    preview.lines.sort(
        key=lambda line: (
            line.unit.path,
            line.category.kind != CategoryKind.INCOME,
            line.category.order,
            line.activity.sort_key if line.activity else (-1, ""),
        )
    )
    preview.units = sorted(totals.values(), key=lambda total: total.unit.path)
    return preview


def preview_data(preview: Preview) -> dict:
    """The preview as JSON, for a check that ran as a task."""
    return {
        "period": preview.period.pk if preview.period else None,
        "row_count": preview.row_count,
        "lines": [
            [
                line.unit.pk,
                line.category.pk,
                line.activity.pk if line.activity else None,
                str(line.amount),
                None if line.before is None else str(line.before),
                line.rows,
            ]
            for line in preview.lines
        ],
    }


def preview_from_data(data: dict) -> Preview:
    """The preview `preview_data` stored (four queries, whatever the number of lines)."""
    lines = data["lines"]
    units = Unit.objects.in_bulk({line[0] for line in lines})
    categories = AccountCategory.objects.in_bulk({line[1] for line in lines})
    activities = Activity.objects.in_bulk({line[2] for line in lines if line[2]})
    period = ReportingPeriod.objects.filter(pk=data["period"]).first() if data["period"] else None
    preview = Preview(period=period, row_count=data["row_count"])
    for unit, category, activity, amount, before, rows in lines:
        preview.lines.append(
            PreviewLine(
                units[unit],
                categories[category],
                activities.get(activity),
                Decimal(amount),
                None if before is None else Decimal(before),
                rows=rows,
            )
        )
    return _with_totals(preview)


def mapping_form_data(mapping: Mapping) -> dict:
    """The mapping as the mapping form posts it."""
    data = mapping.as_dict()
    data["period"] = data.pop("period_id")
    return {name: "" if value is None else value for name, value in data.items()}
