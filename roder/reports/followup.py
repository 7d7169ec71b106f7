"""The follow-up reports: tertialrapport, delårsrapport and verksamhetsberättelse.

One builder serves all three; `ctx.period` (a periods.ReportingPeriod) says which, and its kind
decides the wording: at year-end the outcome is the year's, so the economy compares it with the
budget instead of a prognosis and goals carry no year-end prognosis. Every section reads in bulk:
the number of queries is the same for one unit and for an administration of hundreds.
"""

import datetime
from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roder.actions.models import Action, ActionStatus
from roder.control import selectors as control_selectors
from roder.control.documents import control_counts_table, control_plan_for, plan_note
from roder.control.periods import periods_of_year
from roder.core.charts import trend_chart
from roder.documents.blocks import Cell, Paragraphs, Status, Table
from roder.documents.sections import Context, Section, sub_heading, written
from roder.economy import selectors as economy_selectors
from roder.economy.charts import followup_chart
from roder.economy.money import Cell as MoneyCell
from roder.followup.models import LEVEL_LIGHT, Level, Outcome, ReportStatus, UnitReport
from roder.followup.selectors import goal_statuses, scorecard
from roder.followup.visibility import Seen
from roder.indicators.models import ComparisonKind, Measure
from roder.organisation.models import Unit
from roder.periods.models import PeriodKind, ReportingPeriod
from roder.planning.models import Goal, Plan
from roder.reports.budget import money_cells

TREND_CHART_CM = 8.0
TREND_YEARS = 3  # year-end outcomes before the period in a trend chart
# Documents put before a committee for adoption rest on approved reports only: outcomes,
# assessments and the trend (README "Who sees what").
SEEN = Seen.approved_only()


def _period(ctx: Context) -> ReportingPeriod:
    assert ctx.period is not None  # the follow-up kinds are documents of a period
    return ctx.period


def _is_year_end(ctx: Context) -> bool:
    return _period(ctx).kind == PeriodKind.YEAR_END


def approved_notice(ctx: Context) -> str:
    """The cover's note: the document rests on approved reports only, and which units (the unit
    and those below with a plan for the year or a report begun for the period, as far as the
    person sees them) have no approved report for the period (one query)."""
    period = _period(ctx)
    approved = UnitReport.objects.filter(
        unit=OuterRef("pk"), period=period, status=ReportStatus.APPROVED
    )
    pending = [
        unit
        for unit in Unit.objects.filter(
            organisation_id=ctx.unit.organisation_id,
            path__startswith=ctx.unit.path,
        )
        .filter(Q(plans__year=period.year) | Q(reports__period=period))
        .exclude(Exists(approved))
        .distinct()
        .order_by("path")
        if ctx.grants.can_see(unit)
    ]
    if not pending:
        return _(
            "The document rests on approved reports only; every report for %(period)s is approved."
        ) % {"period": period.name}
    return _(
        "The document rests on approved reports only. Not approved for %(period)s: %(units)s."
    ) % {"period": period.name, "units": ", ".join(unit.name for unit in pending)}


# --- goals and indicators ------------------------------------------------------------------


def goals(ctx: Context, number: str) -> list:
    """The unit's goals by category: each with its assessment, analysis, indicator table and
    trend charts (scorecard: eight queries whatever the number of goals)."""
    plan, groups, statuses = scorecard(ctx.unit, _period(ctx), seen=SEEN)
    if plan is None:
        return [Paragraphs(_("The unit has no plan for %(year)s.") % {"year": _period(ctx).year})]
    ctx.cache["year_ends"] = _year_ends(ctx, statuses.values())
    blocks: list = []
    for index, group in enumerate(groups, start=1):
        blocks += _group(ctx, group, f"{number}.{index}")
    return blocks


def _group(ctx: Context, group, number: str) -> list:
    """A category's heading, its goals, then its sub-areas, numbered on from `number`."""
    title = group.category.name if group.category else _("Without category")
    blocks: list = [sub_heading(title, number)]
    parts: list[tuple[Callable[[Context, Any, str], list], Any]] = [
        (_goal, goal) for goal in group.goals
    ]
    parts += [(_group, child) for child in group.children]
    for index, (build, part) in enumerate(parts, start=1):
        blocks += build(ctx, part, f"{number}.{index}")
    return blocks


def _goal(ctx: Context, goal: Goal, number: str) -> list:
    status = goal.status  # type: ignore[attr-defined]  # set on the goal by scorecard()
    blocks: list = [
        sub_heading(goal.title, number),
        Status(status.light, status.level_label, _status_detail(ctx, status)),
    ]
    analysis = status.assessment.analysis.strip() if status.assessment else ""
    if analysis:
        blocks.append(Paragraphs(analysis, lead=_("Analysis")))
    if not status.rows:
        blocks.append(Paragraphs(_("No indicators.")))
        return blocks
    blocks.append(_indicator_table(goal, status.rows, number))
    for row in status.rows:
        points = _trend_points(ctx, row)
        if sum(1 for _name, value in points if value is not None) >= 2:
            blocks.append(_trend(row, points))
    return blocks


def _year_ends(ctx: Context, statuses) -> dict[int, list]:
    """{indicator id: [(year, value)]}: the unit's year-end outcomes of the three years before,
    the history a trend chart starts from (one query for every indicator)."""
    indicator_ids = {row.indicator.pk for status in statuses for row in status.rows}
    history: dict[int, list] = {}
    found = (
        Outcome.objects.filter(
            indicator_id__in=indicator_ids,
            unit=ctx.unit,
            period__organisation_id=_period(ctx).organisation_id,
            period__kind=PeriodKind.YEAR_END,
            period__year__gte=_period(ctx).year - TREND_YEARS,
            period__year__lt=_period(ctx).year,
        )
        .filter(SEEN.condition())
        .values_list("indicator_id", "period__year", "value")
    )
    for indicator_id, year, value in found.order_by("period__year"):
        history.setdefault(indicator_id, []).append((str(year), value))
    return history


def _trend_points(ctx: Context, row) -> list:
    """Earlier years' year-end outcomes, then this period's: the trend as a committee reads it."""
    label = str(_period(ctx).year) if _is_year_end(ctx) else _period(ctx).name
    return [*ctx.cache["year_ends"].get(row.indicator.pk, []), (label, row.value)]


def _status_detail(ctx: Context, status) -> str:
    parts = []
    if status.is_proposal:
        parts.append(_("Roder's proposal: %(reason)s") % {"reason": status.proposal.reason})
    prognosis = status.assessment.prognosis if status.assessment else ""
    if prognosis and not _is_year_end(ctx):
        parts.append(_("Year-end prognosis: %(level)s") % {"level": Level(prognosis).label})
    return " · ".join(parts)


def _indicator_table(goal: Goal, rows, number: str) -> Table:
    """The goal's indicators; the länssnitt in its own column and, where there are any, riket,
    similar municipalities and peers with their years in one more, "Källa: Kolada" in the note
    for values Kolada gave."""
    columns = [_("Indicator"), _("Target"), _("Outcome"), _("Status"), _("County average")]
    others = {row.indicator.pk: _other_comparisons(row) for row in rows}
    with_others = any(others.values())
    if with_others:
        columns.append(_("Other comparisons"))
    table_rows = []
    for row in rows:
        cells = [
            Cell(row.indicator.name),
            Cell(
                row.target_text,
                row.target.value if row.target else None,
                row.indicator.decimals,
            ),
            Cell(row.value_text, row.value, row.indicator.decimals),
            Cell(row.light_label, light=row.light),
            Cell(_comparison_text(row), row.comparison, row.indicator.decimals),
        ]
        if with_others:
            cells.append(Cell("; ".join(others[row.indicator.pk]) or "–"))
        table_rows.append(cells)
    return Table(
        caption=_("Indicators – %(goal)s") % {"goal": goal.title},
        columns=columns,
        rows=table_rows,
        numeric=[False, True, True, False, True] + ([False] if with_others else []),
        sheet=_("Indicators %(number)s") % {"number": number},
        note=comparison_note(rows),
    )


def _other_comparisons(row) -> list[str]:
    return [c.text for c in row.comparisons if c.kind != ComparisonKind.COUNTY]


def comparison_note(rows) -> str:
    """ "Jämförelsevärden – Källa: Kolada." when any comparison value came from an outside
    source ("" otherwise); Roder's own outcomes are never attributed to it."""
    sources = dict.fromkeys(source for row in rows for source in [row.comparison_sources] if source)
    if not sources:
        return ""
    return _("Comparison values – Source: %(source)s.") % {"source": ", ".join(sources)}


def _comparison_text(row) -> str:
    if row.comparison is None:
        return "–"
    return f"{row.comparison_text} ({row.comparison_year})"


def _trend(row, points):
    indicator = row.indicator
    chart = trend_chart(
        title=indicator.name,
        points=points,
        target=row.target.value if row.target else None,
        unit_label="%" if indicator.measure == Measure.PERCENT else "",
        decimals=indicator.decimals,
    )
    chart.width_cm = TREND_CHART_CM
    return chart


# --- economy -------------------------------------------------------------------------------


def economy(ctx: Context, number: str) -> list:
    """Budget, outcome and prognosis per category, a chart of them, the prognosis at each
    period and the result per unit (economy.selectors.followup: four queries)."""
    data = economy_selectors.followup(ctx.unit, _period(ctx))
    if not data.has_data:
        return [
            Paragraphs(
                _("No budget, outcome or prognosis for %(year)s yet.") % {"year": _period(ctx).year}
            )
        ]
    blocks: list = [sub_heading(_("Deviation per category"), f"{number}.1")]
    if not _is_year_end(ctx):
        blocks.append(
            Paragraphs(
                _("%(period)s runs to %(ends)s: %(elapsed)s of the year.")
                % {
                    "period": _period(ctx).name,
                    "ends": _period(ctx).ends.isoformat(),
                    "elapsed": data.elapsed,
                }
            )
        )
    blocks += [_category_table(ctx, data), _budget_chart(ctx, data)]
    if data.trend:
        blocks += [
            sub_heading(_("The year-end prognosis at each period"), f"{number}.2"),
            _trend_table(data),
        ]
    if len(data.units) > 1:
        blocks += [
            sub_heading(_("Result per unit"), f"{number}.{3 if data.trend else 2}"),
            _unit_result_table(ctx, data),
        ]
    return blocks


def _category_table(ctx: Context, data) -> Table:
    year_end = _is_year_end(ctx)
    width = 4 if year_end else 5

    def line(row, bold=False) -> list[Cell]:
        return [Cell(row.label, bold=bold), *_money_row(row, year_end, data.scale)]

    rows = [[Cell(_("INCOMES (+)"), bold=True)] + [Cell("") for _n in range(width)]]
    rows += [line(row) for row in data.incomes] + [line(data.income_sum, True)]
    rows += [[Cell(_("COSTS (−)"), bold=True)] + [Cell("") for _n in range(width)]]
    rows += [line(row) for row in data.costs] + [line(data.cost_sum, True)]
    rows.append(line(data.result, True))
    return Table(
        caption=_category_caption(year_end, data.scale_label),
        columns=_money_columns(_("Category"), year_end),
        rows=rows,
        numeric=[False] + [True] * width,
        sheet=_("Economy"),
    )


def _money_row(row, year_end: bool, scale: str) -> list[Cell]:
    """Budget, outcome, share used and, before year-end, the prognosis and its deviation from
    the budget; at year-end, with the year's outcome known, the outcome's deviation instead."""
    cells = [*money_cells([row.budget, row.outcome]), Cell(row.used)]
    if not year_end:
        return cells + money_cells([row.prognosis, row.deviation])
    if row.outcome.value is None or row.budget.value is None:
        return [*cells, Cell("–")]
    return cells + money_cells([MoneyCell.of(row.outcome.value - row.budget.value, scale)])


def _money_columns(first: str, year_end: bool) -> list[str]:
    if year_end:
        return [first, _("Budget"), _("Outcome"), _("Share of budget"), _("Deviation")]
    return [
        first,
        _("Budget"),
        _("Outcome to date"),
        _("Share of budget"),
        _("Year-end prognosis"),
        _("Deviation"),
    ]


def _category_caption(year_end: bool, scale_label: str) -> str:
    if year_end:
        text = _(
            "Amounts in %(scale)s; incomes positive, costs negative. Deviation = outcome − "
            "budget: positive is better than budget."
        )
    else:
        text = _(
            "Amounts in %(scale)s; incomes positive, costs negative. Deviation = prognosis − "
            "budget: positive is better than budget."
        )
    return text % {"scale": scale_label}


def _budget_chart(ctx: Context, data):
    return followup_chart(unit=ctx.unit, data=data, prognosis=not _is_year_end(ctx))


def _trend_table(data) -> Table:
    return Table(
        caption=_(
            "The result (amounts in %(scale)s): to date at the period's end, and the year-end "
            "prognosis given then against the budget."
        )
        % {"scale": data.scale_label},
        columns=[
            _("Period"),
            _("Result to date"),
            _("Year-end prognosis"),
            _("Deviation from budget"),
            _("Change since the previous prognosis"),
        ],
        rows=[
            [
                Cell(row.period.name),
                *money_cells([row.outcome, row.prognosis, row.deviation, row.change]),
            ]
            for row in data.trend
        ],
        numeric=[False, True, True, True, True],
        sheet=_("Prognosis per period"),
    )


def _unit_result_table(ctx: Context, data) -> Table:
    year_end = _is_year_end(ctx)
    return Table(
        caption=_("The result of each unit directly below (with its own units), in %(scale)s.")
        % {"scale": data.scale_label},
        columns=_money_columns(_("Unit"), year_end),
        rows=[[Cell(row.label), *_money_row(row, year_end, data.scale)] for row in data.units],
        numeric=[False] + [True] * (4 if year_end else 5),
        sheet=_("Result per unit"),
    )


# --- the units below -----------------------------------------------------------------------

LEVELS = (Level.FULFILLED, Level.PARTLY, Level.NOT_FULFILLED, Level.NOT_ASSESSABLE)


def units_below(unit: Unit, year: int):
    """The units below `unit` that exist at some time in `year`, in tree order (a query set)."""
    return (
        Unit.objects.filter(organisation_id=unit.organisation_id, path__startswith=unit.path)
        .exclude(pk=unit.pk)
        .filter(valid_from__lte=datetime.date(year, 12, 31))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=datetime.date(year, 1, 1)))
        .order_by("path")
    )


def units(ctx: Context, number: str) -> list:
    """Each unit below: its report's status and how its goals are assessed (nine queries,
    however many units and goals)."""
    year = _period(ctx).year
    below = list(units_below(ctx.unit, year))
    if not below:
        return [Paragraphs(_("There are no units below %(unit)s.") % {"unit": ctx.unit.name})]
    branch = Q(unit__path__startswith=ctx.unit.path) & ~Q(unit=ctx.unit)
    reports = {r.unit_id: r for r in UnitReport.objects.filter(branch, period=_period(ctx))}
    planned = set(Plan.objects.filter(branch, year=year).values_list("unit_id", flat=True))
    goals = list(
        Goal.objects.filter(plan__year=year, plan__unit__path__startswith=ctx.unit.path)
        .exclude(plan__unit=ctx.unit)
        .select_related("plan__unit")
    )
    statuses = goal_statuses(goals, _period(ctx), seen=SEEN, trend=False)
    levels: dict[int, Counter] = {unit.pk: Counter() for unit in below}
    for goal in goals:
        if goal.plan.unit_id in levels:  # not units ended before the year
            levels[goal.plan.unit_id][statuses[goal.pk].level] += 1
    rows = [
        [
            Cell(unit.name),
            Cell(_report_text(reports.get(unit.pk), unit.pk in planned)),
            *_level_cells(levels[unit.pk]),
        ]
        for unit in below
    ]
    totals = sum(levels.values(), Counter())
    rows.append([Cell(_("Total"), bold=True), Cell(""), *_level_cells(totals, bold=True)])
    return [
        Table(
            caption=_("The units' reports for %(period)s and the assessment of their goals.")
            % {"period": _period(ctx).name},
            columns=[_("Unit"), _("Report"), _("Goals"), *(str(level.label) for level in LEVELS)],
            rows=rows,
            numeric=[False, False] + [True] * (1 + len(LEVELS)),
            sheet=_("Units"),
        )
    ]


def _report_text(report, planned: bool) -> str:
    if report is not None:
        return str(report.get_status_display())
    return _("Not started") if planned else _("No plan")


def _level_cells(counts: Counter, bold: bool = False) -> list[Cell]:
    cells = [Cell(str(sum(counts.values())), sum(counts.values()), bold=bold)]
    for level in LEVELS:
        count = counts[level]
        light = LEVEL_LIGHT[level] if count and level != Level.NOT_ASSESSABLE else ""
        cells.append(Cell(str(count), count, light=light, bold=bold))
    return cells


# --- actions -------------------------------------------------------------------------------


def actions(ctx: Context, number: str) -> list:
    """The actions of the unit and the units below that concern the period's year: those not
    started after the period, less those closed with a due date before the year (one query)."""
    year_start = datetime.date(_period(ctx).year, 1, 1)
    found = list(
        Action.objects.within(ctx.unit)
        .filter(Q(starts__isnull=True) | Q(starts__lte=_period(ctx).ends))
        .exclude(Q(status__in=(ActionStatus.DONE, ActionStatus.CANCELLED), due__lt=year_start))
        .select_related("unit", "responsible")
        .order_by(F("due").asc(nulls_last=True), "unit__path", "pk")
    )
    if not found:
        return [Paragraphs(_("No actions are linked to this unit."))]
    return [_action_counts(found), _action_list(found)]


def _action_counts(found: list[Action]) -> Table:
    per_status = Counter(action.status for action in found)
    overdue = sum(1 for action in found if action.is_overdue)
    rows = [
        [Cell(str(status.label)), Cell(str(per_status[status]), per_status[status])]
        for status in ActionStatus
    ]
    rows.append([Cell(_("Overdue"), light="red" if overdue else ""), Cell(str(overdue), overdue)])
    rows.append([Cell(_("Total"), bold=True), Cell(str(len(found)), len(found), bold=True)])
    return Table(
        caption=_("Actions per status"),
        columns=[_("Status"), _("Actions")],
        rows=rows,
        numeric=[False, True],
        sheet=_("Actions per status"),
    )


def _action_list(found: list[Action]) -> Table:
    def status(action: Action) -> Cell:
        label = str(action.get_status_display())
        if action.is_overdue:
            return Cell(_("%(status)s, overdue") % {"status": label}, light="red")
        return Cell(label)

    return Table(
        caption=_("Actions of the unit and the units below it"),
        columns=[_("Action"), _("Unit"), _("Responsible"), _("Due date"), _("Status")],
        rows=[
            [
                Cell(action.title),
                Cell(action.unit.name),
                Cell(str(action.responsible) if action.responsible else "–"),
                Cell(action.due.isoformat() if action.due else "–"),
                status(action),
            ]
            for action in found
        ],
        sheet=_("Actions"),
    )


# --- internal control ----------------------------------------------------------------------


def control(ctx: Context, number: str) -> list:
    """The period's results of the internal control plan covering the unit: its own, or that
    of its nearest unit above with a plan for the year (five queries)."""
    plan = control_plan_for(ctx.unit, _period(ctx).year, ctx.grants)
    if plan is None:
        return [
            Paragraphs(
                _("No internal control plan for %(year)s covers %(unit)s.")
                % {"year": _period(ctx).year, "unit": ctx.unit.name}
            )
        ]
    periods = periods_of_year(ctx.organisation, _period(ctx).year)
    statuses = control_selectors.control_statuses([plan], _period(ctx), periods).get(plan.pk, [])
    blocks = plan_note(ctx, plan)
    blocks.append(control_counts_table([(_period(ctx).name, statuses)]))
    shown = [status for status in statuses if status.kind != "not_due"]
    if not shown:
        blocks.append(
            Paragraphs(_("No control is reported in %(period)s.") % {"period": _period(ctx).name})
        )
        return blocks
    blocks.append(
        Table(
            caption=_("Results of the internal control in %(period)s")
            % {"period": _period(ctx).name},
            columns=[_("Process"), _("Control step"), _("Status"), _("Comment")],
            rows=[
                [
                    Cell(status.risk.process),
                    Cell(status.control.step),
                    Cell(status.label, light=status.light),
                    Cell(status.result.comment if status.result else ""),
                ]
                for status in shown
            ],
            sheet=_("Internal control"),
        )
    )
    return blocks


SECTIONS = [
    Section("summary", gettext_lazy("Summary"), lambda ctx, number: written(ctx, "summary"), True),
    Section("goals", gettext_lazy("Goals and indicators"), goals),
    Section("economy", gettext_lazy("Economy"), economy),
    Section("units", gettext_lazy("Reporting of the units"), units),
    Section("actions", gettext_lazy("Actions"), actions),
    Section("control", gettext_lazy("Internal control"), control),
    Section("outlook", gettext_lazy("Outlook"), lambda ctx, number: written(ctx, "outlook"), True),
]
