"""core.xlsx: people's text is written as text, never as a formula, and workbooks are sized up
before they are parsed."""

import datetime
import re
import zipfile
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from roder.core.xlsx import RowErrors, stated_rows, write_row

RISKY = ["=1+1", '=HYPERLINK("http://x","y")', "+46 8 123", "-5 kr", "@SUM(A1)", "\tx", "\rx"]


def saved(book) -> Workbook:
    buffer = BytesIO()
    book.save(buffer)
    return load_workbook(BytesIO(buffer.getvalue()))


def test_it_writes_text_that_a_spreadsheet_would_run_as_text():
    book = Workbook()
    write_row(book.active, RISKY)
    cells = saved(book).active[1]
    assert [c.value for c in cells] == RISKY
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.quotePrefix for c in cells)


def test_numbers_and_dates_stay_what_they_are_and_plain_text_gets_no_prefix():
    book = Workbook()
    write_row(book.active, [12, Decimal("-3.5"), 2.25, datetime.date(2026, 4, 30), "Enhet A"])
    number, decimal, floating, day, text = saved(book).active[1]
    assert (number.value, number.data_type) == (12, "n")
    assert (decimal.value, floating.value) == (-3.5, 2.25)
    assert day.value == datetime.datetime(2026, 4, 30)
    assert (text.value, text.data_type, text.quotePrefix) == ("Enhet A", "s", False)


def test_control_characters_are_dropped_instead_of_failing():
    book = Workbook()
    write_row(book.active, ["Rutin\x07 för\x1b klagomål\x00"])
    assert saved(book).active["A1"].value == "Rutin för klagomål"


def workbook_bytes(rows: int, *, dimension=True) -> bytes:
    book = Workbook()
    for n in range(rows):
        book.active.append([n, "x"])
    buffer = BytesIO()
    book.save(buffer)
    if dimension:
        return buffer.getvalue()
    packed = BytesIO()
    with zipfile.ZipFile(BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(packed, "w") as out:
        for member in source.infolist():
            data = source.read(member.filename)
            out.writestr(member, re.sub(rb"<dimension [^>]*/>", b"", data))
    return packed.getvalue()


@pytest.mark.parametrize(
    ("data", "rows"),
    [
        (workbook_bytes(7), 7),
        (workbook_bytes(7, dimension=False), None),  # says nothing: a task reads it
        (b"not a workbook", 0),
    ],
)
def test_it_reads_the_size_a_workbook_states_without_parsing_it(data, rows, settings):
    assert stated_rows(data) == rows


def test_it_keeps_the_first_errors_and_counts_the_rest():
    errors = RowErrors(shown=2)
    for n in range(1, 2006):
        errors.append(f"Row {n}: bad.")
    assert len(errors) == 2005
    assert errors.listed() == ["Row 1: bad.", "Row 2: bad.", "… och 2\xa0003 fel till."]
