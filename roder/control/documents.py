"""The internal control report (uppföljning av intern kontroll) for a unit and a year, or for
one period of the year when `ctx.period` is set: its builder and its kind (`KIND`, registered
with the documents app in apps.ControlConfig.ready).

The plan is the unit's own internal control plan for the year, or, for a unit without one, that
of its nearest unit above with a plan (the committee's), as in the follow-up reports. The plan,
the matrix and the risks are read once per document and kept in `ctx.cache`, so every section
after the first costs no more queries; the results cost three queries per reporting period (at
most three periods: T1, T2 and year-end), whatever the number of risks and controls.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roder.control import selectors as control_selectors
from roder.control.matrix import Matrix, matrix_of
from roder.control.models import ControlPlan
from roder.control.periods import periods_of_year, time_periods
from roder.core.charts import risk_matrix_chart
from roder.documents.blocks import Cell, Paragraphs, Table
from roder.documents.kinds import DocumentKind
from roder.documents.sections import Context, Section, sub_heading, written
from roder.periods.models import PeriodKind, ReportingPeriod


def control_plan_for(unit, year: int, grants) -> ControlPlan | None:
    """The internal control plan covering `unit` in `year`: its own, else that of its nearest
    unit above with one that the person may see (`grants`, required) (one query)."""
    plans = ControlPlan.objects.filter(
        year=year, unit_id__in=[*unit.ancestor_ids, unit.pk]
    ).select_related("unit")
    visible = [plan for plan in plans if grants.can_see(plan.unit)]
    return max(visible, key=lambda plan: plan.unit.depth, default=None)


def plan_note(ctx: Context, plan: ControlPlan) -> list:
    """Say once per document whose plan it is when it is not the unit's own."""
    if plan.unit_id == ctx.unit.pk or ctx.cache.get("control:noted"):
        return []
    ctx.cache["control:noted"] = True
    return [
        Paragraphs(
            _("%(unit)s has no internal control plan of its own; this is %(plan)s.")
            % {"unit": ctx.unit.name, "plan": plan}
        )
    ]


@dataclass
class PlanData:
    plan: ControlPlan
    matrix: Matrix
    risks: list  # control.selectors.plan_risks: numbered, each with its band and control_list
    periods: list  # the organisation's periods of the year


def _data(ctx: Context) -> PlanData | None:
    """The plan, matrix, risks and periods, read once per document (at most eight queries)."""
    if "control:data" not in ctx.cache:
        plan = control_plan_for(ctx.unit, ctx.year, ctx.grants)
        data = None
        if plan is not None:
            matrix = matrix_of(ctx.organisation)
            data = PlanData(
                plan=plan,
                matrix=matrix,
                risks=control_selectors.plan_risks(plan, matrix),
                periods=periods_of_year(ctx.organisation, ctx.year),
            )
        ctx.cache["control:data"] = data
    return ctx.cache["control:data"]


def _no_plan(ctx: Context) -> list:
    return [
        Paragraphs(
            _("No internal control plan for %(year)s covers %(unit)s.")
            % {"year": ctx.year, "unit": ctx.unit.name}
        )
    ]


def band_light(matrix: Matrix, band) -> str:
    """The traffic light of a band by its place on the scale: the lowest green, the highest
    red, those between yellow (the band's own colour is configuration, not a light)."""
    if band is None or len(matrix.bands) < 2:
        return ""
    position = matrix.bands.index(band)
    if position == 0:
        return "green"
    return "red" if position == len(matrix.bands) - 1 else "yellow"


# --- risk analysis -------------------------------------------------------------------------


def risk_analysis(ctx: Context, number: str) -> list:
    data = _data(ctx)
    if data is None:
        return _no_plan(ctx)
    blocks = plan_note(ctx, data.plan)
    if not data.risks:
        return [*blocks, Paragraphs(_("No risks yet."))]
    ordered = sorted(data.risks, key=lambda risk: (-risk.value, risk.number))
    blocks.append(
        Table(
            caption=_("Risks, highest value first"),
            columns=[
                _("No."),
                _("Process"),
                _("Risk"),
                _("Probability"),
                _("Consequence"),
                _("Risk value"),
                _("Risk owner"),
            ],
            rows=[_risk_row(data.matrix, risk) for risk in ordered],
            numeric=[True, False, False, True, True, False, False],
            sheet=_("Risk analysis"),
        )
    )
    blocks.append(_matrix_chart(ctx, data))
    return blocks


def _risk_row(matrix: Matrix, risk) -> list[Cell]:
    band = risk.band
    value_text = f"{risk.value} {band.label}" if band else str(risk.value)
    return [
        Cell(str(risk.number), risk.number),
        Cell(risk.process),
        Cell(risk.description),
        Cell(_level_text(matrix.probability, risk.probability), risk.probability),
        Cell(_level_text(matrix.consequence, risk.consequence), risk.consequence),
        Cell(value_text, risk.value, light=band_light(matrix, band)),
        Cell(str(risk.owner) if risk.owner else "–"),
    ]


def _level_text(levels, value: int) -> str:
    level = next((level for level in levels if level.value == value), None)
    return f"{value} {level.label}" if level else str(value)


def _matrix_chart(ctx: Context, data: PlanData):
    matrix = data.matrix
    colours = {}
    for probability in range(1, matrix.size + 1):
        for consequence in range(1, matrix.size + 1):
            band = matrix.band_for(probability * consequence)
            if band is not None:
                colours[(probability, consequence)] = band.colour
    return risk_matrix_chart(
        title=_("Risk matrix – %(unit)s %(year)s")
        % {"unit": data.plan.unit.name, "year": ctx.year},
        size=matrix.size,
        band_colours=colours,
        risks=[(str(risk.number), risk.probability, risk.consequence) for risk in data.risks],
        probability_label=_("Probability"),
        consequence_label=_("Consequence"),
    )


# --- the control plan, by perspective (seed 004, section 5) ---------------------------------


def controls(ctx: Context, number: str) -> list:
    data = _data(ctx)
    if data is None:
        return _no_plan(ctx)
    blocks = plan_note(ctx, data.plan)
    groups = control_selectors.group_by_perspective(data.risks)
    if not groups:
        return [*blocks, Paragraphs(_("No risks yet."))]
    for index, group in enumerate(groups, start=1):
        title = group.category.name if group.category else _("Without perspective")
        blocks += [sub_heading(title, f"{number}.{index}"), _control_table(title, group.risks)]
    return blocks


def _control_table(title: str, risks: list) -> Table:
    rows = []
    for risk in risks:
        described = f"{risk.number}. {risk.description}"
        if not risk.control_list:
            rows.append(
                [
                    Cell(risk.process),
                    Cell(described),
                    Cell(_("No control yet.")),
                    Cell("–"),
                    Cell("–"),
                ]
            )
        for control in risk.control_list:
            rows.append(
                [
                    Cell(risk.process),
                    Cell(described),
                    Cell(control.step),
                    Cell(control.reporting_times_display or _("Not scheduled")),
                    Cell(control.planned_actions.strip() or "–"),
                ]
            )
    return Table(
        caption=title,
        columns=[
            _("Process"),
            _("Risk"),
            _("Control step"),
            _("Reported in"),
            _("Planned actions"),
        ],
        rows=rows,
        sheet=_("Controls %(perspective)s") % {"perspective": title},
    )


# --- results per period --------------------------------------------------------------------


def _report_periods(ctx: Context, data: PlanData) -> list:
    """`ctx.period`, or every period of the year that carries controls (T1, T2, year-end)."""
    if ctx.period is not None:
        return [ctx.period]
    return sorted(time_periods(data.periods).values(), key=lambda period: (period.ends, period.pk))


def _statuses(ctx: Context, data: PlanData) -> list[tuple[ReportingPeriod, list]]:
    """[(period, the plan's control statuses in it)], read once per document."""
    if "control:statuses" not in ctx.cache:
        ctx.cache["control:statuses"] = [
            (
                period,
                control_selectors.control_statuses([data.plan], period, data.periods).get(
                    data.plan.pk, []
                ),
            )
            for period in _report_periods(ctx, data)
        ]
    return ctx.cache["control:statuses"]


def results(ctx: Context, number: str) -> list:
    data = _data(ctx)
    if data is None:
        return _no_plan(ctx)
    blocks = plan_note(ctx, data.plan)
    per_period = _statuses(ctx, data)
    if not per_period:
        return [
            *blocks,
            Paragraphs(
                _("The organisation has no reporting periods for %(year)s yet.")
                % {"year": ctx.year}
            ),
        ]
    for index, (period, statuses) in enumerate(per_period, start=1):
        if len(per_period) > 1:
            blocks.append(sub_heading(period.name, f"{number}.{index}"))
        blocks.append(_result_table(period, statuses))
    return blocks


def _result_table(period, statuses: list) -> Table | Paragraphs:
    shown = [status for status in statuses if status.kind != "not_due"]
    if not shown:
        return Paragraphs(_("No control is reported in %(period)s.") % {"period": period.name})
    return Table(
        caption=_("Results of the internal control in %(period)s") % {"period": period.name},
        columns=[
            _("Process and risk"),
            _("Control step"),
            _("Result"),
            _("Comment"),
            _("Action for the deviation"),
        ],
        rows=[
            [
                Cell(f"{status.risk.process}: {status.risk.description}"),
                Cell(status.control.step),
                Cell(status.label, light=status.light),
                Cell(status.result.comment if status.result else ""),
                Cell(_actions_text(status.actions)),
            ]
            for status in shown
        ],
        sheet=_("Results %(period)s") % {"period": period.name},
    )


def _actions_text(found: list) -> str:
    if not found:
        return "–"
    return "; ".join(f"{action.title} ({action.get_status_display()})" for action in found)


def control_counts_table(columns: list[tuple[str, list]]) -> Table:
    """Controls per result kind, one column per (period name, statuses)."""
    per_column = [control_selectors.counts(statuses) for _name, statuses in columns]
    labels = control_selectors.count_labels()
    rows = []
    for index, (kind, light) in enumerate(control_selectors.COUNT_KINDS):
        counts = [column[index].count for column in per_column]
        rows.append(
            [Cell(labels[kind], light=light if any(counts) and light != "none" else "")]
            + [Cell(str(count), count) for count in counts]
        )
    return Table(
        caption=_("Controls per result"),
        columns=[_("Result"), *(name for name, _statuses in columns)],
        rows=rows,
        numeric=[False] + [True] * len(columns),
        sheet=_("Controls per result"),
    )


def summary_counts(ctx: Context, number: str) -> list:
    data = _data(ctx)
    if data is None:
        return _no_plan(ctx)
    per_period = _statuses(ctx, data)
    if not per_period:
        return []
    return [
        *plan_note(ctx, data.plan),
        control_counts_table([(period.name, statuses) for period, statuses in per_period]),
    ]


SECTIONS = [
    Section(
        "introduction",
        gettext_lazy("Introduction"),
        lambda ctx, number: written(ctx, "introduction"),
        True,
    ),
    Section("risk_analysis", gettext_lazy("Risk analysis"), risk_analysis),
    Section("controls", gettext_lazy("Risk and control plan"), controls),
    Section("results", gettext_lazy("Results of the controls"), results),
    Section("summary_counts", gettext_lazy("Results in numbers"), summary_counts),
    Section(
        "assessment",
        gettext_lazy("Assessment and measures"),
        lambda ctx, number: written(ctx, "assessment"),
        True,
    ),
]

CONTROL = "control"

KIND = DocumentKind(
    key=CONTROL,
    label=gettext_lazy("Internal control report"),
    order=50,
    sections=SECTIONS,
    # For a year, or one period of it (T1, T2 or year-end).
    period_kinds=(PeriodKind.TERTIAL, PeriodKind.INTERIM, PeriodKind.YEAR_END),
)
