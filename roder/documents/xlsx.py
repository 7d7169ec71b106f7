"""A document's tables as an Excel workbook (openpyxl): one sheet per table.

Row 1 holds the column headers (bold, frozen, filterable), the rows below the cells: numbers as
numbers (`Cell.value`), everything else as the text the document prints. The caption is the
sheet's printed page header, so the data reads back exactly as the table.
"""

import io
import re
from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from roder.core.formatting import excel_format
from roder.core.xlsx import clean_text, put
from roder.documents.blocks import Cell, Document, Table

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

SHEET_NAME_LENGTH = 31
NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
# Excel keeps "History" for itself (change tracking), in any case.
RESERVED_SHEET_NAMES = {"history"}
HEADER_LENGTH = 250
MIN_WIDTH, MAX_WIDTH = 8, 60


def render_xlsx(document: Document) -> bytes:
    """Every table of the document (charts' tables included), one sheet each, in order."""
    with translation.override(document.language):
        workbook = _workbook(document.tables, title=document.title)
        workbook.properties.creator = document.produced_by or None
        workbook.properties.language = "sv-SE" if document.language == "sv" else "en-GB"
        if not document.tables:
            sheet = workbook.create_sheet(_sheet_names([document.title])[0])
            sheet["A1"] = _("This document has no tables.")
        return _save(workbook)


def table_xlsx(table: Table) -> bytes:
    """One table as a workbook, for "download this table as Excel"."""
    return _save(_workbook([table], title=table.caption))


def sheet_names(tables: Iterable[Table]) -> list[str]:
    """The tables' sheet names: `sheet` or the caption, without the characters Excel forbids,
    at most 31 characters, unique (ignoring case) with " (2)", " (3)" … added."""
    return _sheet_names([table.sheet or table.caption for table in tables])


def _sheet_names(wanted: list[str]) -> list[str]:
    taken = set(RESERVED_SHEET_NAMES)
    names = []
    for number, text in enumerate(wanted, start=1):
        base = " ".join(NOT_IN_SHEET_NAMES.sub(" ", clean_text(text)).split()).strip("'")
        base = base or _("Table %(number)s") % {"number": number}
        name, copy = base[:SHEET_NAME_LENGTH].rstrip(), 1
        while name.casefold() in taken:
            copy += 1
            suffix = f" ({copy})"
            name = base[: SHEET_NAME_LENGTH - len(suffix)].rstrip() + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _workbook(tables: list[Table], *, title: str) -> Workbook:
    workbook = Workbook()
    first = workbook.active
    assert isinstance(first, Worksheet)  # a new workbook has one worksheet
    workbook.remove(first)
    workbook.properties.title = clean_text(title)
    for table, name in zip(tables, sheet_names(tables), strict=True):
        _write_sheet(workbook.create_sheet(name), table)
    return workbook


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(sheet: Worksheet, table: Table) -> None:
    for column, text in enumerate(table.columns, start=1):
        target = put(sheet, 1, column, clean_text(text))
        target.font = Font(bold=True)
        _align(target, table, column)
    for row, cells in enumerate(table.rows, start=2):
        for column, cell in enumerate(cells[: len(table.columns)], start=1):
            target = put(sheet, row, column, _value(cell))
            if cell.decimals is not None and target.data_type == "n":
                target.number_format = excel_format(cell.decimals)
            if cell.bold or cell.light:
                target.font = Font(
                    bold=True, color=cell.light_colour.upper() if cell.light else None
                )
            _align(target, table, column)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"
    # "&" starts a formatting code in Excel's page headers; "&&" prints one.
    assert sheet.oddHeader is not None and sheet.oddHeader.center is not None  # openpyxl's own
    header = sheet.oddHeader.center
    header.text = clean_text(table.caption).replace("&", "&&")[:HEADER_LENGTH]
    _fit_columns(sheet, table)


def _value(cell: Cell):
    """The number when there is one (a Decimal is written exactly as its digits), else the
    printed text, missing marks included, so the sheet reads like the document."""
    if cell.value is not None and not isinstance(cell.value, bool):
        return cell.value
    return clean_text(cell.text)


def _align(target, table: Table, column: int) -> None:
    if column <= len(table.numeric) and table.numeric[column - 1]:
        target.alignment = Alignment(horizontal="right")


def _fit_columns(sheet: Worksheet, table: Table) -> None:
    for column, header in enumerate(table.columns, start=1):
        texts = [header] + [row[column - 1].text for row in table.rows if len(row) >= column]
        longest = max(len(text) for text in texts)
        width = min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(column)].width = width
