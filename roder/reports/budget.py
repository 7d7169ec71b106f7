"""The economy tables of seed 004 in the plan and the follow-up reports."""

from django.utils.translation import gettext as _

from roder.documents.blocks import Cell, Heading, Paragraphs, Table
from roder.economy import selectors as economy
from roder.economy.models import LineKind
from roder.organisation.models import Unit


def money_cells(cells) -> list[Cell]:
    return [Cell(text=cell.text, value=cell.shown, decimals=cell.decimals) for cell in cells]


def overview_table(unit: Unit, year: int, caption: str) -> Table | None:
    """Incomes and costs by category over the plan's years (seed 004, 3.4.1.1)."""
    table = economy.overview(unit, year)
    if table.is_empty:
        return None
    rows = [[Cell(_("INCOMES (+)"), bold=True)] + [Cell("") for _h in table.headings]]
    rows += [[Cell(row.label), *money_cells(row.cells)] for row in table.incomes]
    rows.append([Cell(table.income_sum.label, bold=True), *money_cells(table.income_sum.cells)])
    rows.append([Cell(_("COSTS (−)"), bold=True)] + [Cell("") for _h in table.headings])
    rows += [[Cell(row.label), *money_cells(row.cells)] for row in table.costs]
    rows.append([Cell(table.cost_sum.label, bold=True), *money_cells(table.cost_sum.cells)])
    rows.append([Cell(table.result.label, bold=True), *money_cells(table.result.cells)])
    return Table(
        caption=f"{caption} ({table.scale_label})",
        columns=[_("Incomes/costs"), *table.headings],
        rows=rows,
        numeric=[False] + [True] * len(table.headings),
        sheet=_("Incomes and costs"),
    )


def activity_table(unit: Unit, year: int, caption: str, kind=LineKind.BUDGET) -> Table | None:
    """The budget per verksamhet (seed 004): incomes and costs by column per activity code."""
    table = economy.activity_table(unit, year, kind)
    if not table.rows:
        return None
    rows = [[Cell(row.label), *money_cells(row.cells)] for row in table.rows]
    rows.append([Cell(table.total.label, bold=True), *money_cells(table.total.cells)])
    return Table(
        caption=f"{caption} ({table.scale_label})",
        columns=[_("Activity"), *table.headings],
        rows=rows,
        numeric=[False] + [True] * len(table.headings),
        sheet=_("Per activity"),
    )


def economy_blocks(unit: Unit, year: int, number: str, title: str) -> list:
    """The economic overview: a heading and both budget tables of seed 004."""
    blocks: list = [Heading(len(number.split(".")), title, number)]
    overview = overview_table(unit, year, _("Incomes and costs"))
    activities = activity_table(unit, year, _("Budget %(year)s per activity") % {"year": year})
    if overview is None and activities is None:
        blocks.append(Paragraphs(_("No budget has been entered for %(year)s.") % {"year": year}))
    blocks += [table for table in (overview, activities) if table is not None]
    return blocks
