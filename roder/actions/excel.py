"""The action list as an Excel workbook (openpyxl), with the columns of the list page."""

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from roder.actions.models import Action
from roder.core.xlsx import write_row

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd"


def headers() -> list[str]:
    return [
        # Django's admin catalogue has "Action" in another sense (Händelse).
        pgettext("action list", "Action"),
        _("Unit"),
        _("Responsible"),
        _("Start"),
        _("Due date"),
        _("Status"),
        _("Overdue"),
        _("Latest note"),
    ]


WIDTHS = [50, 24, 24, 12, 12, 14, 10, 60]


def row(action: Action) -> list:
    """One action as cells; `latest_note` comes from selectors.actions_for."""
    return [
        action.title,
        action.unit.name,
        str(action.responsible) if action.responsible else "",
        action.starts,
        action.due,
        action.get_status_display(),
        _("Yes") if action.is_overdue else "",
        getattr(action, "latest_note", None) or "",
    ]


def actions_workbook(actions: Iterable[Action]) -> bytes:
    """A workbook with one sheet: a bold, frozen, filterable header row and one row per
    action. Dates are real dates, so Excel sorts and filters them."""
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook has one worksheet
    sheet.title = _("Actions")[:31]
    for cell in write_row(sheet, headers()):
        cell.font = Font(bold=True)
    for action in actions:
        write_row(sheet, row(action))
    for column in (4, 5):
        for (date_cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            date_cell.number_format = DATE_FORMAT
    for number, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
