"""The Excel round trip for outcomes and targets of a unit (and the units below) in a period.

Export writes one row per indicator and unit with a stable id ("U:<indicator>:<unit>"). Import
reads the filled file, checks every row, and either returns the changes for a preview or the
row-by-row errors; nothing is written unless the whole file is valid (`apply_rows`).
"""

from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from roder.core import xlsx
from roder.core.formatting import excel_format
from roder.core.models import TaskState
from roder.core.progress import every, queue_step, run_step
from roder.core.xlsx import RowErrors, open_book, sheet_rows, write_row
from roder.followup import services, tasks
from roder.followup.access import OUTCOME_REPORTER
from roder.followup.models import Outcome, OutcomeImport, ReportStatus, UnitReport
from roder.followup.visibility import Seen
from roder.indicators import services as indicator_services
from roder.indicators.access import INDICATOR_EDITOR
from roder.indicators.models import GoalIndicator, Indicator, Target
from roder.organisation.access import grants_for
from roder.organisation.models import Unit
from roder.periods.models import ReportingPeriod

COLUMNS = ["id", "unit", "indicator", "measure", "target", "outcome", "women", "men", "comment"]
EDITABLE = {"target", "outcome", "women", "men", "comment"}


def headers() -> list[str]:
    return [
        _("Id (do not change)"),
        _("Unit"),
        _("Indicator"),
        _("Unit of measure"),
        _("Target"),
        _("Outcome"),
        _("Women"),
        _("Men"),
        _("Comment"),
    ]


def _rows_for(unit: Unit, period: ReportingPeriod, grants):
    """(indicator, unit) pairs for the unit and the visible units below with goals that year."""
    links = (
        GoalIndicator.objects.filter(
            goal__plan__year=period.year, goal__plan__unit__path__startswith=unit.path
        )
        .select_related("indicator", "goal__plan__unit")
        .order_by("goal__plan__unit__path", "goal__order", "order")
    )
    seen, pairs = set(), []
    for link in links:
        key = (link.indicator_id, link.goal.plan.unit_id)
        if key not in seen and grants.can_see(link.goal.plan.unit):
            seen.add(key)
            pairs.append((link.indicator, link.goal.plan.unit))
    return pairs


def export_workbook(unit: Unit, period: ReportingPeriod, grants) -> bytes:
    """The template, filled with the outcomes the person sees (a reader: no drafts)."""
    pairs = _rows_for(unit, period, grants)
    indicator_ids = {i.pk for i, _u in pairs}
    unit_ids = {u.pk for _i, u in pairs}
    outcomes = {
        (o.indicator_id, o.unit_id): o
        for o in Seen.for_grants(grants).outcomes(
            Outcome.objects.filter(
                period=period, indicator_id__in=indicator_ids, unit_id__in=unit_ids
            )
        )
    }
    targets = {
        (t.indicator_id, t.unit_id): t.value
        for t in Target.objects.filter(
            year=period.year,
            period__isnull=True,
            indicator_id__in=indicator_ids,
            unit_id__in=unit_ids,
        )
    }
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
    sheet.title = _("Outcomes")[:31]
    for cell in write_row(sheet, headers()):
        cell.font = Font(bold=True)
    grey = PatternFill("solid", fgColor="EEEEEE")
    for indicator, row_unit in pairs:
        outcome = outcomes.get((indicator.pk, row_unit.pk))
        cells = write_row(
            sheet,
            [
                f"U:{indicator.pk}:{row_unit.pk}",
                row_unit.name,
                indicator.name,
                indicator.get_measure_display(),
                _number(targets.get((indicator.pk, row_unit.pk))),
                _number(outcome.value if outcome else None),
                _number(outcome.value_women if outcome else None),
                _number(outcome.value_men if outcome else None),
                outcome.comment if outcome else "",
            ],
        )
        for cell in cells[:4]:
            cell.fill = grey
        for cell in cells[4:8]:  # numbers shown with the indicator's decimals, kept exact
            cell.number_format = excel_format(indicator.decimals, grouping=False)
    numbers = DataValidation(
        type="decimal", allow_blank=True, showErrorMessage=True, error=_("Enter a number.")
    )
    sheet.add_data_validation(numbers)
    if sheet.max_row > 1:
        numbers.add(f"E2:H{sheet.max_row}")
    for column, width in zip("ABCDEFGHI", [14, 28, 50, 12, 10, 10, 10, 10, 40], strict=True):
        sheet.column_dimensions[column].width = width
    meta = book.create_sheet("roder")
    write_row(meta, ["period", period.pk, period.name])
    write_row(meta, ["unit", unit.pk, unit.name])
    meta.sheet_state = "hidden"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _number(value):
    return float(value) if value is not None else None


@dataclass
class RowChange:
    row: int
    indicator_id: int
    unit_id: int
    label: str
    target: str | None
    target_before: str | None
    outcome: str | None
    women: str | None
    men: str | None
    comment: str
    outcome_before: str | None
    # The stored outcome's version when the file was checked (0: none); the import refuses the
    # row if it changed since. None: checked before versions were kept (written over).
    outcome_version: int | None = None

    @property
    def changes_target(self) -> bool:
        return self.target != self.target_before


def _decimal(value, row: int, column: str, errors: list[str]) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float):
        return format(Decimal(str(value)).normalize(), "f")
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        return format(Decimal(text).normalize(), "f")
    except InvalidOperation:
        errors.append(
            _("Row %(row)s: %(column)s “%(value)s” is not a number.")
            % {"row": row, "column": column, "value": value}
        )
        return None


def stated_rows(data: bytes) -> int | None:
    """The rows below the header that the file's sheets say they have (None when one does not
    say; 0 for a file refused anyway): decides whether the check runs in the request or a task."""
    rows = xlsx.stated_rows(data)
    return None if rows is None else max(rows - 1, 0)


def read_workbook(data: bytes, *, unit: Unit, period: ReportingPeriod, grants, progress=None):
    """Check every row. Returns (changes, errors); errors is a list of Swedish messages, the
    first 50 and how many more. The file's size, rows and columns are checked before parsing,
    the rows are streamed, and a formula cell is refused (its value would be read as empty)."""
    errors = RowErrors()
    try:
        book = open_book(data)
    except ValidationError as error:
        return [], error.messages
    try:
        changes = _read_book(
            book, unit=unit, period=period, grants=grants, errors=errors, progress=progress
        )
    except ValidationError as error:  # past the row or column limit
        return [], error.messages
    finally:
        book.close()
    if not changes and not errors:
        errors.append(_("The file has no rows to import."))
    return changes, errors.listed()


def _read_book(book, *, unit, period, grants, errors, progress) -> list["RowChange"]:
    if "roder" in book.sheetnames:
        meta = {
            row[0]: row[1]
            for row in book["roder"].iter_rows(max_row=5, max_col=3, values_only=True)
            if row
        }
        if meta.get("period") != period.pk:
            errors.append(_("The file was exported for another period; export a new one."))
    if not period.is_open:
        errors.append(
            _("%(period)s is not open for reporting; nothing was saved.") % {"period": period}
        )
    allowed = {(i.pk, u.pk): (i, u) for i, u in _rows_for(unit, period, grants)}
    sheet = book.worksheets[0]
    total = sheet.max_row
    changes: list[RowChange] = []
    first_row: dict[tuple[int, int], int] = {}
    current = _current(allowed, period)
    for number, values in sheet_rows(sheet, errors):
        every(number, total, progress)
        if number == 1 or all(v in (None, "") for v in values):
            continue
        values = list(values) + [None] * (len(COLUMNS) - len(values))
        row = dict(zip(COLUMNS, values, strict=False))
        change = _check_row(number, row, allowed, current, grants, errors)
        if change is None:
            continue
        key = (change.indicator_id, change.unit_id)
        if key in first_row:
            errors.append(
                _("Row %(row)s: the id “%(id)s” is also on row %(first)s.")
                % {"row": number, "id": row["id"], "first": first_row[key]}
            )
            continue
        first_row[key] = number
        changes.append(change)
    return changes


def _current(allowed, period):
    """The stored outcomes and targets of the allowed rows, and the status of the units' reports
    for the period that are submitted or approved (their outcomes are locked)."""
    keys = list(allowed)
    outcomes = {
        (o.indicator_id, o.unit_id): o
        for o in Outcome.objects.filter(
            period=period, indicator_id__in={k[0] for k in keys}, unit_id__in={k[1] for k in keys}
        )
    }
    targets = {
        (t.indicator_id, t.unit_id): t
        for t in Target.objects.filter(
            year=period.year,
            period__isnull=True,
            indicator_id__in={k[0] for k in keys},
            unit_id__in={k[1] for k in keys},
        )
    }
    locked = dict(
        UnitReport.objects.filter(
            period=period,
            unit_id__in={k[1] for k in keys},
            status__in=(ReportStatus.APPROVED, ReportStatus.SUBMITTED),
        ).values_list("unit_id", "status")
    )
    return outcomes, targets, locked


def _changes_outcome(old, values, comment: str) -> bool:
    stored = [getattr(old, name, None) for name in ("value", "value_women", "value_men")]
    typed = [None if values[n] is None else Decimal(values[n]) for n in ("outcome", "women", "men")]
    return stored != typed or (old.comment if old else "") != comment


def _locked_row(number, unit, status: str) -> str:
    names = {"row": number, "unit": unit.name}
    if status == ReportStatus.SUBMITTED:
        return (
            _(
                "Row %(row)s: the report of %(unit)s is submitted; its outcomes cannot be changed "
                "until it is approved or returned."
            )
            % names
        )
    return (
        _("Row %(row)s: the report of %(unit)s is approved; its outcomes cannot be changed.")
        % names
    )


def _check_row(number, row, allowed, current, grants, errors) -> RowChange | None:
    raw_id = str(row["id"] or "").strip()
    parts = raw_id.split(":")
    if len(parts) != 3 or parts[0] != "U" or not parts[1].isdigit() or not parts[2].isdigit():
        errors.append(
            _("Row %(row)s: the id “%(id)s” is not one Roder exported.")
            % {"row": number, "id": raw_id}
        )
        return None
    key = (int(parts[1]), int(parts[2]))
    if key not in allowed:
        errors.append(
            _("Row %(row)s: the id “%(id)s” does not belong to this unit and period.")
            % {"row": number, "id": raw_id}
        )
        return None
    indicator, unit = allowed[key]
    if not grants.has_role(unit, OUTCOME_REPORTER):
        errors.append(
            _("Row %(row)s: you may not report for %(unit)s.") % {"row": number, "unit": unit.name}
        )
        return None
    count = len(errors)
    values = {
        name: _decimal(row[name], number, label, errors)
        for name, label in (
            ("target", _("Target")),
            ("outcome", _("Outcome")),
            ("women", _("Women")),
            ("men", _("Men")),
        )
    }
    if len(errors) > count:
        return None
    outcomes, targets, locked = current
    old_target = targets.get(key)
    target_before = format(old_target.value.normalize(), "f") if old_target else None
    if values["target"] != target_before and not grants.has_role(unit, INDICATOR_EDITOR):
        errors.append(
            _("Row %(row)s: you may not change the target for %(unit)s.")
            % {"row": number, "unit": unit.name}
        )
        return None
    if values["target"] is None and target_before is not None:
        errors.append(_("Row %(row)s: a target cannot be removed by import.") % {"row": number})
        return None
    if not indicator.by_gender and (values["women"] or values["men"]):
        errors.append(
            _("Row %(row)s: %(indicator)s is not reported for women and men.")
            % {"row": number, "indicator": indicator.name}
        )
        return None
    old = outcomes.get(key)
    comment = str(row["comment"] or "").strip()
    if unit.pk in locked and _changes_outcome(old, values, comment):
        errors.append(_locked_row(number, unit, locked[unit.pk]))
        return None
    return RowChange(
        row=number,
        indicator_id=indicator.pk,
        unit_id=unit.pk,
        label=f"{unit.name}: {indicator.name}",
        target=values["target"],
        target_before=target_before,
        outcome=values["outcome"],
        women=values["women"],
        men=values["men"],
        comment=comment,
        outcome_before=format(old.value.normalize(), "f")
        if old and old.value is not None
        else None,
        outcome_version=old.version if old else 0,
    )


def to_session(changes: list[RowChange]) -> list[dict]:
    return [asdict(change) for change in changes]


def from_session(data: list[dict]) -> list[RowChange]:
    return [RowChange(**item) for item in data]


@transaction.atomic
def apply_rows(changes: list[RowChange], *, period: ReportingPeriod, by, progress=None) -> int:
    """Write every row, or nothing: `outcome_write` refuses a closed period, a submitted or
    approved report and an outcome someone changed since the file was checked ("Rad N: …")."""
    indicators = Indicator.objects.in_bulk({c.indicator_id for c in changes})
    units = Unit.objects.in_bulk({c.unit_id for c in changes})
    for number, change in enumerate(changes, start=1):
        every(number, len(changes), progress)
        indicator, unit = indicators[change.indicator_id], units[change.unit_id]
        if change.changes_target:
            assert change.target is not None  # _check_row refuses removing a target
            indicator_services.target_set(
                indicator=indicator,
                unit=unit,
                year=period.year,
                value=Decimal(change.target),
                by=by,
            )
        try:
            services.outcome_write(
                indicator=indicator,
                unit=unit,
                period=period,
                by=by,
                value=_d(change.outcome),
                value_women=_d(change.women),
                value_men=_d(change.men),
                comment=change.comment,
                expected_version=change.outcome_version,
            )
        except ValidationError as error:
            raise ValidationError(
                _("Row %(row)s: %(error)s") % {"row": change.row, "error": " ".join(error.messages)}
            ) from error
    return len(changes)


def _d(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


# --- big files: checked and imported by tasks --------------------------------------------------

STEP_CHECK, STEP_APPLY = "check", "apply"


def needs_task(data: bytes) -> bool:
    """More rows than IMPORT_TASK_ROWS (or a sheet that does not say): check it in a task."""
    return xlsx.needs_task(stated_rows(data))


@transaction.atomic
def stage(*, unit: Unit, period: ReportingPeriod, file_name: str, data: bytes, by) -> OutcomeImport:
    """Keep a big file for its check, which a task runs; nothing else is written."""
    staged = OutcomeImport.objects.create(
        unit=unit, period=period, file_name=file_name[:255], content=data, created_by=by
    )
    queue_step(staged, STEP_CHECK, tasks.check_outcome_import)
    return staged


def run_check(staged: OutcomeImport) -> None:
    """The check of `read_workbook`, with the uploader's roles as they are now."""

    def work(progress) -> dict:
        grants = grants_for(staged.created_by, staged.unit.organisation)
        changes, errors = read_workbook(
            bytes(staged.content),
            unit=staged.unit,
            period=staged.period,
            grants=grants,
            progress=progress,
        )
        rows = [] if errors else to_session(changes)
        OutcomeImport.objects.filter(pk=staged.pk).update(content=b"", rows=rows)
        return {"errors": errors, "count": len(rows)}

    run_step(staged, STEP_CHECK, work)


def checked_rows(staged: OutcomeImport) -> list[RowChange]:
    return from_session(staged.rows)


@transaction.atomic
def queue_apply(staged: OutcomeImport) -> None:
    """Import the checked rows in a task (the services check the period again)."""
    checked = staged.task_step == STEP_CHECK and staged.task_state == TaskState.DONE
    if not checked or not staged.rows:
        raise ValidationError(_("Nothing to import: upload the file again."))
    queue_step(staged, STEP_APPLY, tasks.apply_outcome_import)


def run_apply(staged: OutcomeImport) -> None:
    def work(progress) -> dict:
        try:
            count = apply_rows(
                checked_rows(staged), period=staged.period, by=staged.created_by, progress=progress
            )
        except ValidationError as error:
            return {"errors": error.messages, "count": 0}
        OutcomeImport.objects.filter(pk=staged.pk).update(rows=[], imported_at=timezone.now())
        return {"errors": [], "count": count}

    run_step(staged, STEP_APPLY, work)
