"""The economy's tables, computed from the lines on every read (never stored), each with a
fixed number of queries whatever the number of units, lines or years.

Every table adds up the unit and every unit below it. Whole-year figures come from lines
without a period; "to date" and "at a period" figures from the lines of that period.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Min, Sum
from django.utils.translation import gettext as _

from roder.core.formatting import percent, scale_label
from roder.core.models import HistoryEntry
from roder.economy.models import (
    COST_COLUMNS,
    INCOME_COLUMNS,
    AccountCategory,
    Activity,
    ActivityColumn,
    BudgetLine,
    CategoryKind,
    LedgerImport,
    LineKind,
)
from roder.economy.money import Cell
from roder.organisation.access import Grants
from roder.organisation.models import Unit
from roder.periods.models import ReportingPeriod

ZERO = Decimal(0)
INCOME, COST = CategoryKind.INCOME, CategoryKind.COST


def _branch(unit: Unit):
    return BudgetLine.objects.filter(
        unit__organisation_id=unit.organisation_id, unit__path__startswith=unit.path
    )


def categories_for(organisation, used_ids=()) -> list[AccountCategory]:
    """Categories in use, and those no longer in use that still have amounts; incomes first."""
    categories = AccountCategory.objects.filter(organisation=organisation)
    return sorted(
        (c for c in categories if c.is_active or c.pk in used_ids),
        key=lambda c: (c.kind != INCOME, c.order, c.code),
    )


def _signed(category_kind: str, amount: Decimal) -> Decimal:
    """Seed 004's presentation: incomes positive, costs negative."""
    return amount if category_kind == INCOME else -amount


# --- which lines a column is made of --------------------------------------------------------


@dataclass(frozen=True)
class ColumnSpec:
    kind: str
    year: int

    @property
    def heading(self) -> str:
        names = {
            LineKind.OUTCOME: _("Final accounts"),
            LineKind.BUDGET: _("Budget"),
            LineKind.PROGNOSIS: _("Prognosis"),
            LineKind.PLAN: _("Plan"),
        }
        return f"{names[LineKind(self.kind)]} {self.year}"


def overview_columns(year: int) -> list[ColumnSpec]:
    """Seed 004's columns for a plan year: the final accounts two years back, last year's
    budget and prognosis, this year's budget and the two plan years after it."""
    return [
        ColumnSpec(LineKind.OUTCOME, year - 2),
        ColumnSpec(LineKind.BUDGET, year - 1),
        ColumnSpec(LineKind.PROGNOSIS, year - 1),
        ColumnSpec(LineKind.BUDGET, year),
        ColumnSpec(LineKind.PLAN, year + 1),
        ColumnSpec(LineKind.PLAN, year + 2),
    ]


def pick_rows(rows: list[dict], kind: str, year: int) -> tuple[list[dict], int | None]:
    """The grouped rows a whole-year column is made of, and the period they come from.

    Budgets, final accounts and plan years are the lines without a period. A prognosis is the one
    stated without a period (with the plan) if there is one, else the one given at the latest
    period of the year that has one.
    """
    own = [r for r in rows if r["kind"] == kind and r["year"] == year]
    whole_year = [r for r in own if r["period_id"] is None]
    if kind != LineKind.PROGNOSIS or whole_year:
        return whole_year, None
    if not own:
        return [], None
    latest = max(own, key=lambda r: (r["period__ends"], r["period_id"]))["period_id"]
    return [r for r in own if r["period_id"] == latest], latest


# --- seed 004: incomes and costs by category, over the plan's years -----------------------


@dataclass
class TableRow:
    label: str
    cells: list[Cell]
    category: AccountCategory | None = None


@dataclass
class OverviewTable:
    """Intäkter/kostnader (seed 004): incomes positive, costs negative, sums and the result."""

    columns: list[ColumnSpec]
    headings: list[str]
    incomes: list[TableRow]
    income_sum: TableRow
    costs: list[TableRow]
    cost_sum: TableRow
    result: TableRow
    scale: str

    @property
    def scale_label(self) -> str:
        return scale_label(self.scale)

    @property
    def is_empty(self) -> bool:
        return all(cell.value is None for cell in self.result.cells)


def overview(unit: Unit, year: int, *, scale: str = "mkr") -> OverviewTable:
    """Two queries: the lines' sums by kind, year, period and category; the categories."""
    columns = overview_columns(year)
    rows = list(
        _branch(unit)
        .filter(year__in={c.year for c in columns})
        .values("kind", "year", "period_id", "period__ends", "category_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    per_column = []  # {category_id: amount} or None where the column has no lines at all
    headings = []
    for column in columns:
        picked, _period_id = pick_rows(rows, column.kind, column.year)
        totals: dict[int, Decimal] = defaultdict(Decimal)
        for row in picked:
            totals[row["category_id"]] += row["total"]
        per_column.append(totals if picked else None)
        headings.append(column.heading)
    categories = categories_for(unit.organisation, {r["category_id"] for r in rows})

    def cells_for(category) -> list[Cell]:
        return [
            Cell.of(None if t is None else _signed(category.kind, t.get(category.pk, ZERO)), scale)
            for t in per_column
        ]

    def sum_cells(kind) -> list[Cell]:
        ids = {c.pk for c in categories if c.kind == kind}
        return [
            Cell.of(
                None
                if t is None
                else _signed(kind, sum((v for k, v in t.items() if k in ids), ZERO)),
                scale,
            )
            for t in per_column
        ]

    incomes = [TableRow(c.name, cells_for(c), c) for c in categories if c.kind == INCOME]
    costs = [TableRow(c.name, cells_for(c), c) for c in categories if c.kind == COST]
    income_sum, cost_sum = sum_cells(INCOME), sum_cells(COST)
    result = [
        Cell.of(None if i.value is None or c.value is None else i.value + c.value, scale)
        for i, c in zip(income_sum, cost_sum, strict=True)
    ]
    return OverviewTable(
        columns=columns,
        headings=headings,
        incomes=incomes,
        income_sum=TableRow(_("Total incomes"), income_sum),
        costs=costs,
        cost_sum=TableRow(_("Total costs"), cost_sum),
        result=TableRow(_("Result"), result),
        scale=scale,
    )


# --- seed 004: the table per activity ------------------------------------------------------

ACTIVITY_COLUMNS = [*INCOME_COLUMNS, "income_sum", *COST_COLUMNS, "cost_sum", "net"]


def activity_headings() -> list[str]:
    headings = [
        ActivityColumn.MUNICIPAL_COMPENSATION.label,
        ActivityColumn.SALES_OF_ACTIVITY.label,
        ActivityColumn.OTHER_INCOME.label,
        _("Total incomes"),
        ActivityColumn.PURCHASE_OF_ACTIVITY.label,
        ActivityColumn.OTHER_COST.label,
        _("Total costs"),
        _("Net"),
    ]
    return [str(heading) for heading in headings]


@dataclass
class ActivityTable:
    """Per verksamhet (seed 004): incomes by column, their sum, costs by column (negative),
    their sum, and the net, for each activity and in total."""

    column: ColumnSpec
    period: ReportingPeriod | None
    headings: list[str]
    rows: list[TableRow]
    total: TableRow
    scale: str

    @property
    def scale_label(self) -> str:
        return scale_label(self.scale)


def _activity_cells(amounts: dict[str, Decimal], scale: str) -> list[Cell]:
    """amounts by column, positive in their direction → the eight signed cells."""
    incomes = [amounts.get(c, ZERO) for c in INCOME_COLUMNS]
    costs = [-amounts.get(c, ZERO) for c in COST_COLUMNS]
    values = [*incomes, sum(incomes, ZERO), *costs, sum(costs, ZERO)]
    values.append(values[3] + values[6])
    return [Cell.of(value, scale) for value in values]


def activity_table(unit: Unit, year: int, kind: str, *, scale: str = "mkr") -> ActivityTable:
    """Three queries: the sums by activity and column, the activities, the period if any."""
    column = ColumnSpec(kind, year)
    rows = list(
        _branch(unit)
        .filter(year=year, kind=kind)
        .values(
            "kind",
            "year",
            "period_id",
            "period__ends",
            "activity_id",
            "activity_column",
            "category__activity_column",
        )
        .annotate(total=Sum("amount"))
        .order_by()
    )
    picked, period_id = pick_rows(rows, kind, year)
    by_activity: dict[int | None, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    overall: dict[str, Decimal] = defaultdict(Decimal)
    for row in picked:
        name = row["activity_column"] or row["category__activity_column"]
        by_activity[row["activity_id"]][name] += row["total"]
        overall[name] += row["total"]
    activities = Activity.objects.filter(pk__in=[pk for pk in by_activity if pk is not None])
    table_rows = [
        TableRow(str(activity), _activity_cells(by_activity[activity.pk], scale))
        for activity in sorted(activities, key=lambda a: a.sort_key)
    ]
    if None in by_activity:
        table_rows.append(
            TableRow(_("Not allocated to an activity"), _activity_cells(by_activity[None], scale))
        )
    period = ReportingPeriod.objects.filter(pk=period_id).first() if period_id else None
    return ActivityTable(
        column=column,
        period=period,
        headings=activity_headings(),
        rows=table_rows,
        total=TableRow(_("Total activities"), _activity_cells(overall, scale)),
        scale=scale,
    )


# --- seed 000: budget, final accounts, difference and net per year --------------------------


@dataclass
class ResultRow:
    """One year of seed 000's table: costs positive, incomes negative; Diff = Budget − Final
    accounts per column; Net = Diff K + Diff I. `is_prognosis`: no final accounts yet, the
    outcome columns hold the year-end prognosis."""

    year: int
    is_prognosis: bool
    cells: list[Cell]


@dataclass
class ResultTable:
    rows: list[ResultRow]
    scale: str

    @property
    def scale_label(self) -> str:
        return scale_label(self.scale)


def _k_and_i(rows: list[dict]) -> tuple[Decimal, Decimal] | None:
    if not rows:
        return None
    costs = sum((r["total"] for r in rows if r["category__kind"] == COST), ZERO)
    incomes = sum((r["total"] for r in rows if r["category__kind"] == INCOME), ZERO)
    return costs, -incomes


def result_table(unit: Unit, *, scale: str = "tkr") -> ResultTable:
    """One query: the lines' sums by kind, year, period and income or cost."""
    rows = list(
        _branch(unit)
        .filter(kind__in=[LineKind.BUDGET, LineKind.OUTCOME, LineKind.PROGNOSIS])
        .values("kind", "year", "period_id", "period__ends", "category__kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    table = []
    for year in sorted({r["year"] for r in rows}):
        budget = _k_and_i(pick_rows(rows, LineKind.BUDGET, year)[0])
        outcome = _k_and_i(pick_rows(rows, LineKind.OUTCOME, year)[0])
        is_prognosis = outcome is None
        if is_prognosis:
            outcome = _k_and_i(pick_rows(rows, LineKind.PROGNOSIS, year)[0])
        if budget is None and outcome is None:
            continue
        diff = (
            (budget[0] - outcome[0], budget[1] - outcome[1])
            if budget is not None and outcome is not None
            else None
        )
        values = [
            *(budget or (None, None)),
            *(outcome or (None, None)),
            *(diff or (None, None)),
            diff[0] + diff[1] if diff else None,
        ]
        table.append(ResultRow(year, is_prognosis, [Cell.of(value, scale) for value in values]))
    return ResultTable(rows=table, scale=scale)


# --- following the year: deviation, prognosis at each period, trend ------------------------


@dataclass
class FollowupRow:
    """Budget for the year, outcome to date, share of the budget used, the year-end prognosis
    and its deviation from the budget (positive: better than budget)."""

    label: str
    budget: Cell
    outcome: Cell
    used: str
    prognosis: Cell
    deviation: Cell
    category: AccountCategory | None = None


@dataclass
class TrendRow:
    period: ReportingPeriod
    outcome: Cell
    prognosis: Cell
    deviation: Cell
    change: Cell


@dataclass
class Followup:
    period: ReportingPeriod
    elapsed: str
    incomes: list[FollowupRow]
    income_sum: FollowupRow
    costs: list[FollowupRow]
    cost_sum: FollowupRow
    result: FollowupRow
    trend: list[TrendRow]
    units: list[FollowupRow]
    scale: str
    has_data: bool

    @property
    def scale_label(self) -> str:
        return scale_label(self.scale)


def _share(part: Decimal | None, whole: Decimal | None) -> str:
    if part is None or not whole:
        return "–"
    return percent(part / whole * 100, 0)


def _row(label, budget, outcome, prognosis, scale, category=None) -> FollowupRow:
    deviation = prognosis - budget if prognosis is not None and budget is not None else None
    return FollowupRow(
        label=label,
        budget=Cell.of(budget, scale),
        outcome=Cell.of(outcome, scale),
        used=_share(outcome, budget),
        prognosis=Cell.of(prognosis, scale),
        deviation=Cell.of(deviation, scale),
        category=category,
    )


def _elapsed(period: ReportingPeriod) -> str:
    """How much of the year the period covers, as a share."""
    start = datetime.date(period.year, 1, 1)
    days = (datetime.date(period.year, 12, 31) - start).days + 1
    return _share(Decimal((period.ends - start).days + 1), Decimal(days))


class _Sums:
    """Signed sums (incomes +, costs −) of the grouped rows, by category and kind."""

    def __init__(self, rows):
        self.by_category: dict[int, Decimal] = defaultdict(Decimal)
        self.by_kind: dict[str, Decimal] = defaultdict(Decimal)
        self.present = bool(rows)
        for row in rows:
            value = _signed(row["category__kind"], row["total"])
            self.by_category[row["category_id"]] += value
            self.by_kind[row["category__kind"]] += value

    def category(self, category) -> Decimal | None:
        return self.by_category.get(category.pk, ZERO) if self.present else None

    def kind(self, kind) -> Decimal | None:
        return self.by_kind.get(kind, ZERO) if self.present else None

    def result(self) -> Decimal | None:
        return sum(self.by_kind.values(), ZERO) if self.present else None


def followup(unit: Unit, period: ReportingPeriod, *, scale: str = "mkr") -> Followup:
    """Four queries: the year's lines grouped, the categories, the year's periods, the units
    directly below."""
    rows = list(
        _branch(unit)
        .filter(year=period.year, kind__in=[LineKind.BUDGET, LineKind.OUTCOME, LineKind.PROGNOSIS])
        .values("unit__path", "kind", "period_id", "category_id", "category__kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )

    def select(kind, period_id, rows=rows):
        return [r for r in rows if r["kind"] == kind and r["period_id"] == period_id]

    budget = _Sums(select(LineKind.BUDGET, None))
    outcome = _Sums(select(LineKind.OUTCOME, period.pk))
    prognosis = _Sums(select(LineKind.PROGNOSIS, period.pk))
    categories = categories_for(unit.organisation, {r["category_id"] for r in rows})

    def category_row(c):
        return _row(
            c.name, budget.category(c), outcome.category(c), prognosis.category(c), scale, c
        )

    periods = list(
        ReportingPeriod.objects.filter(organisation=unit.organisation, year=period.year).order_by(
            "ends", "pk"
        )
    )
    children = list(Unit.objects.filter(parent=unit).order_by("code"))
    return Followup(
        period=period,
        elapsed=_elapsed(period),
        incomes=[category_row(c) for c in categories if c.kind == INCOME],
        income_sum=_row(
            _("Total incomes"),
            budget.kind(INCOME),
            outcome.kind(INCOME),
            prognosis.kind(INCOME),
            scale,
        ),
        costs=[category_row(c) for c in categories if c.kind == COST],
        cost_sum=_row(
            _("Total costs"), budget.kind(COST), outcome.kind(COST), prognosis.kind(COST), scale
        ),
        result=_row(_("Result"), budget.result(), outcome.result(), prognosis.result(), scale),
        trend=_trend(rows, periods, budget, scale),
        units=_unit_rows(unit, children, rows, period, scale),
        scale=scale,
        has_data=bool(rows),
    )


def _trend(rows, periods, budget: _Sums, scale) -> list[TrendRow]:
    """The result to date and the year-end prognosis given at each period that has either."""
    trend, previous = [], None
    for period in periods:
        outcome = _Sums(
            [r for r in rows if r["kind"] == LineKind.OUTCOME and r["period_id"] == period.pk]
        )
        prognosis = _Sums(
            [r for r in rows if r["kind"] == LineKind.PROGNOSIS and r["period_id"] == period.pk]
        )
        if not (outcome.present or prognosis.present):
            continue
        result = prognosis.result()
        budget_result = budget.result()
        trend.append(
            TrendRow(
                period=period,
                outcome=Cell.of(outcome.result(), scale),
                prognosis=Cell.of(result, scale),
                deviation=Cell.of(
                    result - budget_result
                    if result is not None and budget_result is not None
                    else None,
                    scale,
                ),
                change=Cell.of(
                    result - previous if result is not None and previous is not None else None,
                    scale,
                ),
            )
        )
        previous = result if result is not None else previous
    return trend


def _unit_rows(unit, children, rows, period, scale) -> list[FollowupRow]:
    """The result per unit: the unit's own lines, then each unit directly below with its
    branch."""
    groups = [(unit, lambda path: path == unit.path)] + [
        (child, lambda path, child=child: path.startswith(child.path)) for child in children
    ]
    table = []
    for member, belongs in groups:
        own = [r for r in rows if belongs(r["unit__path"])]
        if not own:
            continue

        def pick(kind, period_id, own=own):
            return _Sums([r for r in own if r["kind"] == kind and r["period_id"] == period_id])

        label = member.name if member != unit else _("%(unit)s (own lines)") % {"unit": unit.name}
        table.append(
            _row(
                label,
                pick(LineKind.BUDGET, None).result(),
                pick(LineKind.OUTCOME, period.pk).result(),
                pick(LineKind.PROGNOSIS, period.pk).result(),
                scale,
            )
        )
    return table


def default_period(unit: Unit) -> ReportingPeriod | None:
    """The latest period with outcome or prognosis lines for the unit's branch, else the
    organisation's latest open or closed period."""
    latest = (
        _branch(unit)
        .filter(period__isnull=False)
        .order_by("-period__ends", "-period_id")
        .values_list("period_id", flat=True)
        .first()
    )
    periods = ReportingPeriod.objects.filter(organisation=unit.organisation)
    if latest is not None:
        return periods.get(pk=latest)
    return periods.exclude(status="planned").order_by("-ends").first()


# --- entry, index, imports -----------------------------------------------------------------


@dataclass
class EntryRow:
    """One row of the entry page: a category (and, rarely, a column override) and its line."""

    category: AccountCategory
    column: str
    line: BudgetLine | None

    @property
    def key(self) -> str:
        return f"c{self.category.pk}{('-' + self.column) if self.column else ''}"

    @property
    def label(self) -> str:
        if not self.column:
            return self.category.name
        return _("%(category)s (as %(column)s)") % {
            "category": self.category.name,
            "column": ActivityColumn(self.column).label.lower(),
        }


def entry_rows(unit: Unit, *, year: int, kind: str, period, activity) -> list[EntryRow]:
    """The unit's own lines with this key, one row per category in use (and any line on a
    category no longer in use, or with a column override): two queries."""
    lines = list(
        BudgetLine.objects.filter(unit=unit, year=year, kind=kind, period=period, activity=activity)
    )
    categories = categories_for(unit.organisation, {line.category_id for line in lines})
    by_key = {(line.category_id, line.activity_column): line for line in lines}
    rows = []
    for category in categories:
        rows.append(EntryRow(category, "", by_key.get((category.pk, ""))))
        rows.extend(
            EntryRow(category, line.activity_column, line)
            for line in lines
            if line.category_id == category.pk and line.activity_column
        )
    return rows


def activities_with_lines(unit: Unit, *, year: int, kind: str, period) -> list[Activity]:
    """The activities the unit's own lines of this kind, year and period are split by (one
    query), so the entry page can say where the amounts are."""
    activities = Activity.objects.filter(
        lines__unit=unit, lines__year=year, lines__kind=kind, lines__period=period
    ).distinct()
    return sorted(activities, key=lambda a: a.sort_key)


def entry_history(unit: Unit, limit: int = 30):
    """The latest changes to the unit's own lines, newest first (one query)."""
    return HistoryEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(BudgetLine), unit=unit
    ).newest_first()[:limit]


def units_with_lines(grants: Grants):
    """The units the person sees that have lines, with their first and last year (one
    query)."""
    return (
        BudgetLine.objects.filter(unit__in=grants.visible_units())
        .values("unit_id", "unit__name", "unit__code", "unit__path")
        .annotate(first=Min("year"), last=Max("year"), count=Count("id"))
        .order_by("unit__path")
    )


def imports_of(unit: Unit, limit: int = 20):
    """The latest confirmed imports into the unit's branch (one query)."""
    return (
        LedgerImport.objects.filter(
            organisation=unit.organisation,
            unit__path__startswith=unit.path,
            status="imported",
        )
        .select_related("unit", "period", "created_by")
        .order_by("-imported_at", "-pk")[:limit]
    )


def years_with_lines(unit: Unit) -> list[int]:
    """The years that have lines in the unit's branch (one query)."""
    return sorted(set(_branch(unit).values_list("year", flat=True).distinct()))
