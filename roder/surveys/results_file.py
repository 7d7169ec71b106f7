"""Survey results from elsewhere (issue 14 part 6): an Excel (.xlsx) or CSV file of figures per
unit and index or question, for a questionnaire and a year (SCB's medborgarundersökning, a
vendor's HME file, figures out of an old report).

The columns, in this order: the unit's code, the index's or question's code (of the
questionnaire), n (the number of answers behind the figure), the value (an index on 0–100, a
scale question's mean on its scale) and, optionally, the share positive in per cent. A first
line naming the columns is skipped. Every row is checked (`read`): what it will write, or its
error in Swedish; nothing is written unless every row is right (`services.results_import`).
A group under the organisation's minimum group size is refused, as it would not be shown.
Pure reading: three queries whatever the number of rows.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from roder.core.xlsx import RowErrors, check_rows, check_size, open_book, sheet_rows
from roder.organisation.models import Unit
from roder.surveys.models import QuestionKind

COLUMNS = 5  # unit, code, n, value, share positive
DELIMITERS = ";,\t"


@dataclass
class ImportLine:
    """One row of the file as checked: what it writes, or why not (`error`)."""

    row: int
    unit_code: str
    code: str
    n: int | None = None
    value: Decimal | None = None
    share: Decimal | None = None
    unit_id: int | None = None
    unit_name: str = ""
    index_id: int | None = None
    question_id: int | None = None
    target_name: str = ""  # the index's or the question's name
    error: str = ""


def _cells(data: bytes) -> list[tuple[int, list[object]]]:
    """(row number, cells) of the first sheet or of the CSV file; ValidationError when the file
    is neither."""
    check_size(len(data))
    if data[:2] == b"PK":  # a zip archive: a workbook
        errors = RowErrors()
        book = open_book(data)
        try:
            rows = [(n, list(v)) for n, v in sheet_rows(book.worksheets[0], errors)]
        finally:
            book.close()
        if errors:
            raise ValidationError(errors.listed())
        return rows
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ValidationError(_("The file is neither an Excel workbook (.xlsx) nor a CSV file."))
    first = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ";"
    lines = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    check_rows(len(lines))
    return [(n, list(cells)) for n, cells in enumerate(lines, start=1)]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(value: object) -> Decimal | None:
    """A number from a cell (decimal comma or point, spaces allowed); None when empty;
    InvalidOperation when it is not a number."""
    if value is None or isinstance(value, bool):
        return None if value is None else Decimal("x")
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    text = text.removesuffix("%")
    if not text:
        return None
    number = Decimal(text)
    if not number.is_finite():
        raise InvalidOperation
    return number


def _is_header(cells: list[object]) -> bool:
    try:
        return _number(cells[2] if len(cells) > 2 else None) is None and bool(_text(cells[0]))
    except InvalidOperation:
        return True


def read(data: bytes, *, questionnaire, owner_unit, minimum: int) -> tuple[list[ImportLine], list]:
    """Every row checked: (lines, errors). The file's own problems (not a workbook, too big)
    give no lines and one error; a row's error is on its line and among the errors."""
    try:
        rows = _cells(data)
    except ValidationError as error:
        return [], error.messages
    units = {
        unit.code.casefold(): unit
        for unit in Unit.objects.filter(
            organisation=owner_unit.organisation_id, path__startswith=owner_unit.path
        ).exclude(code="")
    }
    indices = {index.code.casefold(): index for index in questionnaire.indices.all()}
    questions = {q.code.casefold(): q for q in questionnaire.questions.all()}
    lines: list[ImportLine] = []
    seen: dict[tuple[int, str], int] = {}
    for number, cells in rows:
        if all(_text(c) == "" for c in cells):
            continue
        if not lines and number == rows[0][0] and _is_header(cells):
            continue
        cells = [*cells, *([None] * COLUMNS)][:COLUMNS]
        line = ImportLine(number, _text(cells[0]), _text(cells[1]))
        line.error = _check(line, cells, units, indices, questions, minimum)
        if not line.error:
            key = (line.unit_id or 0, line.code.casefold())
            if key in seen:
                line.error = _(
                    "Row %(row)s: %(unit)s and “%(code)s” are also on row %(first)s."
                ) % {
                    "row": number,
                    "unit": line.unit_name,
                    "code": line.code,
                    "first": seen[key],
                }
            else:
                seen[key] = number
        lines.append(line)
    errors = RowErrors()
    errors.extend(line.error for line in lines if line.error)
    if not lines:
        errors.append(_("The file has no rows to import."))
    return lines, errors.listed()


def _check(line: ImportLine, cells, units, indices, questions, minimum: int) -> str:
    names = {"row": line.row, "unit": line.unit_code, "code": line.code}
    unit = units.get(line.unit_code.casefold())
    if unit is None:
        return _("Row %(row)s: there is no unit with the code “%(unit)s” here.") % names
    line.unit_id, line.unit_name = unit.pk, unit.name
    index = indices.get(line.code.casefold())
    question = None if index else questions.get(line.code.casefold())
    if index is None and question is None:
        return (
            _("Row %(row)s: the questionnaire has no index or question with the code “%(code)s”.")
            % names
        )
    if question is not None and question.kind != QuestionKind.LIKERT:
        return (
            _("Row %(row)s: “%(code)s” is not a scale question; only scale figures are imported.")
            % names
        )
    try:
        n = _number(cells[2])
        value = _number(cells[3])
        share = _number(cells[4])
    except InvalidOperation:
        return _("Row %(row)s: n, the value and the share positive must be numbers.") % names
    if n is None:
        return _("Row %(row)s: n (the number of answers) is missing.") % names
    if n != n.to_integral_value() or n < 0:
        return _("Row %(row)s: n must be a whole number.") % names
    if n < minimum:
        return _(
            "Row %(row)s: %(n)s answers is fewer than the minimum group size %(minimum)s; such "
            "a group is never shown, so leave the row out."
        ) % {**names, "n": int(n), "minimum": minimum}
    line.n = int(n)
    if share is not None and not 0 <= share <= 100:
        return _("Row %(row)s: the share positive must be between 0 and 100 %%.") % names
    if index is not None:
        if value is None:
            return _("Row %(row)s: the index's value is missing.") % names
        if not 0 <= value <= 100:
            return _("Row %(row)s: an index lies between 0 and 100, not %(value)s.") % {
                **names,
                "value": value,
            }
        line.index_id, line.target_name = index.pk, index.name
    else:
        assert question is not None
        if value is None and share is None:
            return _("Row %(row)s: give the question's mean or its share positive.") % names
        if value is not None and not 1 <= value <= question.scale_max:
            return _(
                "Row %(row)s: the mean of “%(code)s” lies on its scale 1–%(k)s, not %(value)s."
            ) % {**names, "k": question.scale_max, "value": value}
        line.question_id, line.target_name = question.pk, question.text
    line.value, line.share = value, share
    return ""
