"""Workbooks Roder writes and reads (openpyxl), made safe for people's text and for big files.

Writing: people's text is always a text cell, never a formula, even when it starts with "=", "+",
"-", "@", a tab or a carriage return (such cells also get Excel's quote prefix, so editing the
cell keeps it text); characters a workbook cannot hold are dropped; numbers and dates stay
numbers and dates. Every writer builds its cells with `write_row`, `cell` or `put`.

Reading: `open_book` checks the file's size, its unpacked size and the first sheet's stated
rows and columns before anything is parsed; `sheet_rows` streams the rows (read-only), stops
past the row and column limits whatever the sheet stated, and turns a formula cell into a row
error. `RowErrors` keeps the first errors and counts the rest. The limits are settings
(`IMPORT_MAX_MB`, `IMPORT_MAX_ROWS`, `IMPORT_MAX_COLUMNS`).
"""

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from roder.core import formatting

# A spreadsheet takes text starting with these for a formula (or, in CSV, for a command).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A workbook packs its XML: more than this many times the file's size unpacked is a zip bomb.
UNPACKED_FACTOR = 10
SHOWN_ERRORS = 50


# --- writing -----------------------------------------------------------------------------------


def clean_text(text: object) -> str:
    """Text without the control characters a workbook cannot hold (openpyxl refuses them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", "" if text is None else str(text))


def assign(target: Cell, value: Any) -> Cell:  # anything openpyxl takes
    """Give a cell its value: text as text (never a formula), anything else as it is."""
    if not isinstance(value, str):
        target.value = value
        return target
    target.value = clean_text(value)  # openpyxl cuts it at Excel's 32,767 characters
    target.data_type = "s"  # openpyxl takes text starting with "=" for a formula
    if target.value.startswith(FORMULA_STARTS):
        target.quotePrefix = True
    return target


def cell(sheet: Worksheet, value: object) -> Cell:
    """A cell for `sheet.append`."""
    # openpyxl's row and column default to None; types-openpyxl says they are required.
    return assign(Cell(sheet), value)  # type: ignore[call-arg]


def put(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """The value at a row and column of the sheet."""
    target = sheet.cell(row=row, column=column)
    assert isinstance(target, Cell), "a merged cell takes no value"
    return assign(target, value)


def write_row(sheet: Worksheet, values: Iterable[object]) -> tuple[Cell, ...]:
    """Append one row of values below the sheet's last row; returns its cells."""
    cells = tuple(cell(sheet, value) for value in values)
    sheet.append(cells)
    return cells


# --- reading -----------------------------------------------------------------------------------


class RowErrors:
    """An import's errors: the first SHOWN_ERRORS kept in file order, the rest only counted, so
    a file of a hundred thousand bad rows costs neither memory nor a huge page."""

    def __init__(self, shown: int = SHOWN_ERRORS) -> None:
        self.shown, self.count = shown, 0
        self.messages: list[str] = []

    def append(self, message: str) -> None:
        self.count += 1
        if len(self.messages) < self.shown:
            self.messages.append(str(message))

    def extend(self, messages: Iterable[str]) -> None:
        for message in messages:
            self.append(message)

    def __len__(self) -> int:
        return self.count

    def listed(self) -> list[str]:
        """The kept messages and, when some were left out, how many more there are."""
        more = self.count - len(self.messages)
        if not more:
            return list(self.messages)
        summary = ngettext("… and %(count)s more error.", "… and %(count)s more errors.", more) % {
            "count": formatting.number(more, 0)
        }
        return [*self.messages, summary]


def check_size(size: int) -> None:
    """Refuse a file larger than IMPORT_MAX_MB before it is read."""
    if size > settings.IMPORT_MAX_MB * 1024 * 1024:
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": settings.IMPORT_MAX_MB}
        )


def check_rows(rows: int | None) -> None:
    if rows is not None and rows > settings.IMPORT_MAX_ROWS:
        raise ValidationError(
            _("The file has more than %(count)s rows; split it.")
            % {"count": formatting.number(settings.IMPORT_MAX_ROWS, 0)}
        )


def check_columns(columns: int | None) -> None:
    if columns is not None and columns > settings.IMPORT_MAX_COLUMNS:
        raise ValidationError(
            _("The file has more than %(count)s columns.") % {"count": settings.IMPORT_MAX_COLUMNS}
        )


def not_a_workbook() -> ValidationError:
    return ValidationError(_("The file is not an Excel workbook (.xlsx)."))


def _check_archive(data: bytes) -> zipfile.ZipFile:
    """The workbook's zip archive, once its size and unpacked size are within the limits."""
    check_size(len(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise not_a_workbook() from None
    if unpacked > UNPACKED_FACTOR * settings.IMPORT_MAX_MB * 1024 * 1024:
        raise ValidationError(_("The file unpacks to far more than a workbook of its size."))
    return archive


def open_book(data: bytes) -> Workbook:
    """The workbook opened read-only (streaming, formulas kept as formulas), once its size and
    unpacked size are within the limits. Its first sheet's stated size is checked too."""
    _check_archive(data).close()
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = book.worksheets[0]
    except Exception:  # openpyxl raises several kinds for a file that is not a workbook
        raise not_a_workbook() from None
    # The sheet states its size; a stated size over the limits is refused unread.
    check_rows(None if sheet.max_row is None else sheet.max_row - 1)
    check_columns(sheet.max_column)
    return book


DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)"')
SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData[\s>/]")
HEAD_BYTES = 64 * 1024


def stated_rows(data: bytes) -> int | None:
    """The most rows a sheet of the workbook states it has, header included: None when a sheet
    does not state its size, 0 when the file is refused anyway. Read from the start of each
    sheet's XML, without openpyxl, which reads a sheet that states no size to its end before
    anything else: cheap enough for a request to decide whether a task should read the file."""
    try:
        archive = _check_archive(data)
    except ValidationError:
        return 0
    most, sheets = 0, 0
    with archive:
        for member in archive.infolist():
            name = member.filename
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with archive.open(member) as source:
                head = source.read(HEAD_BYTES)
            found, data_at = DIMENSION.search(head), SHEET_DATA.search(head)
            if found is None or (data_at is not None and data_at.start() < found.start()):
                return None
            most, sheets = max(most, range_boundaries(found.group(1).decode())[3] or 0), sheets + 1
    return most if sheets else None


def needs_task(rows: int | None) -> bool:
    """A file of more than IMPORT_TASK_ROWS rows, or one that does not say, is read in a task;
    one stating more than IMPORT_MAX_ROWS is refused in the request, unread."""
    return rows is None or settings.IMPORT_TASK_ROWS < rows <= settings.IMPORT_MAX_ROWS


def sheet_rows(sheet: Any, errors: RowErrors) -> Iterator[tuple[int, list[object]]]:
    """(row number, values) for every row of a read-only sheet, streamed. The stated size is
    not trusted: reading stops with a ValidationError at a row past IMPORT_MAX_ROWS rows below
    the first, or at a value past IMPORT_MAX_COLUMNS columns. A formula cell is a row error and
    reads as None."""
    max_rows, max_columns = settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # read to the real last row, not the stated one
    for number, cells in enumerate(sheet.iter_rows(max_col=max_columns + 1), start=1):
        if number > max_rows + 1:
            check_rows(number - 1)
        values = [_value(number, item, errors) for item in cells]
        if len(values) > max_columns and values[max_columns] not in (None, ""):
            check_columns(max_columns + 1)
        yield number, values[:max_columns]


def _value(number: int, item: Any, errors: RowErrors) -> object:
    if getattr(item, "data_type", None) != "f":
        return getattr(item, "value", None)
    errors.append(
        _("Row %(row)s: cell %(cell)s holds a formula; enter its value instead.")
        % {"row": number, "cell": f"{get_column_letter(item.column)}{number}"}
    )
    return None
