"""Status columns of the start page's overview: how each listed unit is doing, one column per
app, without the start page (`home`, top floor) naming the apps.

An app registers a `Column` in its `AppConfig.ready()`:

    overview.register(Column(key="actions", order=30,
                             template="actions/_overview_cell.html", values=overdue_per_unit))

`values(scope)` reads, in a fixed number of queries for all of `scope.units` (a query set of
every unit counted: use it as a subquery, `unit__in=scope.units`, never loop over it), one value
per unit pk, and returns them with the column's heading (or None: nothing to show, the column is
left out). Values add up with `+` (ints, or small dataclasses with `__add__`): each listed row
shows the sum over its branch (`rows`: row key -> the pks of its units, from `home`). The cell
template gets `cell` (the sum, or None when no unit of the branch has a value), `row` (what the
page lists, with `.unit`) and `column`.
"""

import datetime
import functools
import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from roder.core.panels import Slot


@dataclass(frozen=True)
class Scope:
    """What the overview counts: `grants` (organisation.access.Grants, the current
    organisation's), `units` (a query set of the units counted, all visible to the person) and
    the day."""

    grants: Any
    units: Any
    today: datetime.date


@dataclass(frozen=True)
class ColumnData:
    heading: str  # "Mål, Delår 2026": says which period or year the cells are of
    cells: Mapping[int, Any]  # unit pk -> a value that adds up
    context: Mapping[str, Any] = field(default_factory=dict)  # for the cell template (a period)


@dataclass(frozen=True)
class Column:
    key: str
    order: int
    template: str
    values: Callable[[Scope], ColumnData | None]


@dataclass(frozen=True)
class BoundColumn:
    """A column with its data for one page; `cells[row key]` the branch sums."""

    key: str
    template: str
    heading: str
    context: Mapping[str, Any]
    cells: Mapping[Any, Any]


_columns: dict[str, Column] = {}


def register(column: Column) -> None:
    known = _columns.get(column.key)
    if known is not None and known != column:
        raise ImproperlyConfigured(f"Overview: two columns are called {column.key!r}.")
    _columns[column.key] = column


def columns() -> list[Column]:
    return sorted(_columns.values(), key=lambda column: (column.order, column.key))


def total(values: Iterable[Any]) -> Any:
    """The sum of the values, None for none."""
    values = list(values)
    return functools.reduce(operator.add, values) if values else None


def collect(scope: Scope, rows: Mapping[Any, Iterable[int]]) -> list[BoundColumn]:
    """Every registered column with a sum per row (`rows`: row key -> its units' pks)."""
    branches = {key: list(pks) for key, pks in rows.items()}
    bound = []
    for column in columns():
        data = column.values(scope)
        if data is None:
            continue
        cells = data.cells
        sums = {key: total(cells[pk] for pk in pks if pk in cells) for key, pks in branches.items()}
        bound.append(BoundColumn(column.key, column.template, data.heading, data.context, sums))
    return bound


# Sections about the units at the top of the overview (a committee's goals, its latest approved
# report), below the table; T is the list of those units, top first: the unit the listing starts
# from and each unit below it that is alone under its parent. Context functions get
# (request, grants, units).
TOP_UNIT: Slot[Any] = Slot("start-top-unit")
