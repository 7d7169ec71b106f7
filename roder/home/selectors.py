"""The start page's overview: which units to list for the person, and each one's status from
the columns other apps register on `core.overview` (a fixed number of queries for 10 or 1,000
units).

The units listed are bounded whatever the tree: from the top of what the person sees (or the
unit asked for with `?unit=`), the chain of units that have a single unit below them (Väsby's
KS → AU → Stöd & process), then the units directly below the first that has several, a page of
`PAGE_SIZE` at a time. Each row counts its unit and everything below it that the person sees;
a row with units below links to the same view from there ("drill down").
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator

from roder.core import overview
from roder.organisation.access import Grants, get_unit_for_user
from roder.organisation.models import Unit

PAGE_SIZE = 25


@dataclass
class Row:
    unit: Unit
    level: int  # indentation: 0 for the top of the listing
    below: int  # units below it that the person sees
    cells: list[tuple[overview.BoundColumn, Any]] = field(default_factory=list)


@dataclass
class Overview:
    top: Unit | None  # the unit the listing starts from (None: several, listed side by side)
    chain: list[Unit]  # `top` and the units below it each alone under its parent, top first
    up: Unit | None  # the unit above `top`, when the person sees it
    rows: list[Row]
    columns: list[overview.BoundColumn]
    page: Page[Unit] | None  # of the units directly below, when there are more than PAGE_SIZE
    counted: int  # units counted in all


def unit_overview(
    grants: Grants, *, unit_pk: int | None = None, page: str | int = 1, today: datetime.date
) -> Overview:
    """The rows to list and their cells (one query for the units, one or two for `unit_pk`,
    and each column's own)."""
    units = grants.visible_units().valid_on(today)  # type: ignore[no-untyped-call]  # access.py is not strict
    start = get_unit_for_user(grants, unit_pk) if unit_pk is not None else None
    if start is not None:
        units = units.within(start)
    fields = ("pk", "path", "parent_id", "name", "code", "kind", "depth", "organisation_id")
    every = list(units.only(*fields).order_by("depth", "name", "pk"))
    by_pk = {unit.pk: unit for unit in every}
    children: dict[int | None, list[Unit]] = defaultdict(list)
    tops = []
    for unit in every:
        if unit.parent_id in by_pk:
            children[unit.parent_id].append(unit)
        else:
            tops.append(unit)
    listed: list[tuple[Unit, int]] = []
    chain: list[Unit] = []
    below_page = None
    level = 0
    if len(tops) == 1:
        unit = tops[0]
        listed.append((unit, 0))
        while len(children[unit.pk]) == 1:
            unit = children[unit.pk][0]
            level += 1
            listed.append((unit, level))
        chain = [unit for unit, _level in listed]
        lower = children[unit.pk]
        level += 1
    else:
        lower, level = tops, 0
    paginator = Paginator(lower, PAGE_SIZE)
    shown = paginator.get_page(page)
    listed += [(unit, level) for unit in shown]
    if paginator.num_pages > 1:
        below_page = shown
    branches = _branches(every, [unit for unit, _level in listed])
    scope = overview.Scope(grants=grants, units=units, today=today)
    columns = overview.collect(scope, {unit.pk: pks for unit, pks in branches.items()})
    rows = [
        Row(unit, level, len(branches[unit]) - 1, [(c, c.cells[unit.pk]) for c in columns])
        for unit, level in listed
    ]
    top = tops[0] if len(tops) == 1 else None
    up = None
    if top is not None and start is not None and top.parent_id is not None:
        parent = Unit.objects.filter(pk=top.parent_id).first()
        up = parent if parent is not None and grants.can_see(parent) else None
    return Overview(top, chain, up, rows, columns, below_page, len(every))


def _branches(every: list[Unit], listed: list[Unit]) -> dict[Unit, list[int]]:
    """Each listed unit with the pks of its branch among `every` (by path prefix; a unit id
    appears once in a path, so the listed ancestors of a unit are found in its path)."""
    by_pk = {unit.pk: unit for unit in listed}
    branches: dict[Unit, list[int]] = {unit: [] for unit in listed}
    for unit in every:
        for part in unit.path.strip("/").split("/"):
            ancestor = by_pk.get(int(part)) if part else None
            if ancestor is not None:
                branches[ancestor].append(unit.pk)
    return branches
