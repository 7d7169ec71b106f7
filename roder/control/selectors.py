"""Reads for internal control pages, each with a fixed number of queries however much data."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from roder.control.matrix import Band, Matrix
from roder.control.models import (
    Control,
    ControlOutcome,
    ControlPlan,
    ControlResult,
    ControlResultAction,
    Risk,
)
from roder.control.periods import time_periods
from roder.core import charts
from roder.core.models import HistoryEntry
from roder.organisation.access import Grants
from roder.organisation.models import UnitKind
from roder.periods.models import PeriodStatus, ReportingPeriod
from roder.planning.models import Goal, GoalCategory

# Units that usually hold an internal control plan, offered in the overview's unit picker.
PLAN_UNIT_KINDS = (
    UnitKind.MUNICIPALITY,
    UnitKind.COMMITTEE,
    UnitKind.ADMINISTRATION,
    UnitKind.COMPANY,
    UnitKind.ASSOCIATION,
)


def plans_of_unit(unit):
    return ControlPlan.objects.filter(unit=unit).order_by("-year")


# --- the plan: risks grouped by perspective -------------------------------------------------


def plan_risks(plan: ControlPlan, matrix: Matrix) -> list[Risk]:
    """The plan's risks in order, numbered, each with its band, controls (`control_list`), goals
    and category (three queries)."""
    controls = Control.objects.select_related("responsible").order_by("order", "pk")
    goals = Goal.objects.select_related("plan__unit").order_by("order", "pk")
    risks: list[Risk] = list(
        Risk.objects.filter(plan=plan)
        .select_related("category", "owner")
        .prefetch_related(  # type: ignore[no-redef]  # the plugin redeclares Risk's to_attr
            Prefetch("controls", queryset=controls, to_attr="control_list"),
            Prefetch("goals", queryset=goals, to_attr="goal_list"),
        )
        .order_by("order", "pk")
    )
    for number, risk in enumerate(risks, start=1):
        risk.number = number
        risk.band = matrix.band_for(risk.value)
        risk.rows = max(1, len(risk.control_list))
    return risks


@dataclass
class RiskGroup:
    category: GoalCategory | None
    risks: list[Risk] = field(default_factory=list)


def group_by_perspective(risks: list[Risk]) -> list[RiskGroup]:
    """Risks under their perspectives in the organisation's number order; without one last."""
    groups: dict[int | None, RiskGroup] = {}
    for risk in risks:
        groups.setdefault(risk.category_id, RiskGroup(risk.category)).risks.append(risk)
    ordered = sorted(
        (group for key, group in groups.items() if key is not None),
        key=lambda group: group.category.sort_key if group.category else "",
    )
    if None in groups:
        ordered.append(groups[None])
    return ordered


def attach_previous_results(risks: list[Risk]) -> None:
    """Give each control `previous_results`: the results of the control it was copied from
    (last year's), so they show next to this year's plan (one query, none without copies)."""
    controls = [control for risk in risks for control in risk.control_list]
    sources = [control.copied_from_id for control in controls if control.copied_from_id]
    found: defaultdict[int | None, list[ControlResult]] = defaultdict(list)
    if sources:
        for result in (
            ControlResult.objects.filter(control_id__in=sources)
            .select_related("period")
            .order_by("period__ends")
        ):
            found[result.control_id].append(result)
    for control in controls:
        control.previous_results = found.get(control.copied_from_id, [])


# --- the matrix chart ----------------------------------------------------------------------


@dataclass
class Cell:
    probability: int
    consequence: int
    band: Band | None
    risks: list[Risk]

    @property
    def value(self) -> int:
        return self.probability * self.consequence

    @property
    def numbers(self) -> str:
        shown = [str(risk.number) for risk in self.risks[:4]]
        more = len(self.risks) - len(shown)
        return ", ".join(shown) + (f" +{more}" if more else "")


@dataclass
class Chart:
    """The matrix as rows from the highest probability down, for the table, and its drawing
    (`core.charts.risk_matrix_chart`)."""

    matrix: Matrix
    rows: list[list[Cell]]
    band_counts: list[tuple[Band, int]]
    risks: list[Risk]
    probability_labels: list[str] = field(default_factory=list)  # from the highest level down
    consequence_labels: list[str] = field(default_factory=list)
    title: str = ""  # whose matrix: "Stöd & process 2026"

    @property
    def labelled_rows(self) -> list[tuple[str, list[Cell]]]:
        return list(zip(self.probability_labels, self.rows, strict=True))

    @property
    def drawing(self) -> charts.Chart:
        """The risks' numbers in their cells, each cell in its band's colour with its value."""
        size = self.matrix.size
        return charts.risk_matrix_chart(
            title=self.title,
            size=size,
            band_colours={
                (cell.probability, cell.consequence): cell.band.colour
                for row in self.rows
                for cell in row
                if cell.band is not None
            },
            risks=[(str(r.number), r.probability, r.consequence) for r in self.risks],
            probability_label=_("Probability"),
            consequence_label=_("Consequence"),
            level_labels=(self.probability_labels[::-1], self.consequence_labels),
            show_values=True,
            size_cm=(13.0, 7.0),  # shown 38rem wide (roder.css): the fonts a little larger
            cell_aspect=64 / 112,  # wide cells, room for the level labels below
        )


def chart(matrix: Matrix, risks: list[Risk], *, title: str) -> Chart:
    """The risk matrix with the risks placed in their cells (no queries); `title` says whose."""
    placed = defaultdict(list)
    for risk in risks:
        placed[(risk.probability, risk.consequence)].append(risk)
    rows = [
        [Cell(p, c, matrix.band_for(p * c), placed[(p, c)]) for c in range(1, matrix.size + 1)]
        for p in range(matrix.size, 0, -1)
    ]
    per_band = Counter(matrix.band_for(risk.value) for risk in risks)
    return Chart(
        matrix,
        rows,
        [(band, per_band[band]) for band in matrix.bands],
        risks,
        probability_labels=[_axis_text(matrix.probability, p) for p in range(matrix.size, 0, -1)],
        consequence_labels=[_axis_text(matrix.consequence, c) for c in range(1, matrix.size + 1)],
        title=title,
    )


def _axis_text(levels, value: int) -> str:
    level = next((level for level in levels if level.value == value), None)
    label = level.label if level else ""
    return f"{value} {label[:16]}{'…' if len(label) > 16 else ''}".strip()


# --- follow-up -----------------------------------------------------------------------------


@dataclass
class ControlStatus:
    """A control in one period: its result, or whether it is not due, not yet reported or late;
    in the lights of goal follow-up."""

    control: Control
    risk: Risk
    result: ControlResult | None
    due: bool
    late: bool
    actions: list = field(default_factory=list)

    @property
    def light(self) -> str:
        if self.result is not None:
            return self.result.light
        return "red" if self.late else "none"

    @property
    def label(self) -> str:
        if self.result is not None:
            return str(self.result.get_outcome_display())
        if not self.due:
            return _("Not due in this period")
        if self.late:
            return _("Late: not reported")
        return _("Not yet reported")

    @property
    def kind(self) -> str:
        """done, deviation, not_done, late, pending or not_due: what the counts count."""
        if self.result is not None:
            return self.result.outcome
        if not self.due:
            return "not_due"
        return "late" if self.late else "pending"


def is_past_due(period: ReportingPeriod, today=None) -> bool:
    """Results missing in a closed period, or after its deadline, are late."""
    today = today or timezone.localdate()
    return period.status == PeriodStatus.CLOSED or (
        period.deadline is not None and period.deadline < today
    )


def control_statuses(
    plans: list[ControlPlan], period: ReportingPeriod, periods: list[ReportingPeriod]
) -> dict[int, list[ControlStatus]]:
    """{plan pk: statuses of its controls in `period`} (three queries). `periods` are the
    organisation's periods of the period's year (for the T1/T2/year-end mapping)."""
    time = next((t for t, p in time_periods(periods).items() if p.pk == period.pk), None)
    controls = list(
        Control.objects.filter(risk__plan__in=plans)
        .select_related("risk", "risk__category", "responsible")
        .order_by("risk__order", "risk__pk", "order", "pk")
    )
    links = ControlResultAction.objects.select_related("action")
    results = {
        r.control_id: r
        for r in ControlResult.objects.filter(control__in=controls, period=period)
        .select_related("recorded_by")
        .prefetch_related(Prefetch("action_links", queryset=links, to_attr="link_list"))
    }
    late = is_past_due(period)
    by_pk = {plan.pk: plan for plan in plans}
    statuses = defaultdict(list)
    for control in controls:
        control.risk.plan = by_pk[control.risk.plan_id]  # for writes: no query per control
        due = control.is_due_in(time)
        result = results.get(control.pk)
        statuses[control.risk.plan_id].append(
            ControlStatus(
                control,
                control.risk,
                result,
                due,
                due and result is None and late,
                [link.action for link in result.link_list] if result else [],
            )
        )
    return statuses


COUNT_KINDS = (
    (ControlOutcome.DONE, "green"),
    (ControlOutcome.DEVIATION, "yellow"),
    (ControlOutcome.NOT_DONE, "red"),
    ("late", "red"),
    ("pending", "none"),
    ("not_due", "none"),
)


def count_labels() -> dict[str, str]:
    return {
        ControlOutcome.DONE: str(ControlOutcome.DONE.label),
        ControlOutcome.DEVIATION: str(ControlOutcome.DEVIATION.label),
        ControlOutcome.NOT_DONE: str(ControlOutcome.NOT_DONE.label),
        "late": _("Late"),
        "pending": _("Not yet reported"),
        "not_due": _("Not due"),
    }


@dataclass
class Count:
    kind: str
    light: str
    label: str
    count: int

    @property
    def text(self) -> str:
        return f"{self.label}: {self.count}"


def counts(statuses: list[ControlStatus]) -> list[Count]:
    per_kind = Counter(status.kind for status in statuses)
    labels = count_labels()
    return [Count(kind, light, labels[kind], per_kind[kind]) for kind, light in COUNT_KINDS]


@dataclass
class PlanSummary:
    plan: ControlPlan
    counts: list[Count]
    controls: int


def overview(grants: Grants, year: int, period: ReportingPeriod | None, periods) -> list:
    """The year's plans of the units the person sees, with each plan's counts in `period`
    (four queries)."""
    plans = list(
        ControlPlan.objects.filter(year=year, unit__in=grants.visible_units())
        .select_related("unit")
        .order_by("unit__path")
    )
    if period is None or period.year != year:
        statuses = {}
    else:
        statuses = control_statuses(plans, period, periods)
    return [
        PlanSummary(plan, counts(statuses.get(plan.pk, [])), len(statuses.get(plan.pk, [])))
        for plan in plans
    ]


def plan_units(grants: Grants) -> list:
    """Units the person sees of the kinds that hold internal control plans (one query)."""
    return list(grants.visible_units().filter(kind__in=PLAN_UNIT_KINDS).order_by("path"))


# --- history and links for other apps ------------------------------------------------------


def plan_history(plan: ControlPlan, limit: int = 50):
    """History of the plan and of its risks, controls and results, newest first (one query)."""
    types = ContentType.objects.get_for_models(ControlPlan, Risk, Control, ControlResult)
    risks = Risk.objects.filter(plan=plan).values("pk")
    controls = Control.objects.filter(risk__plan=plan).values("pk")
    results = ControlResult.objects.filter(control__risk__plan=plan).values("pk")
    return HistoryEntry.objects.filter(
        Q(content_type=types[ControlPlan], object_id=plan.pk)
        | Q(content_type=types[Risk], object_id__in=risks)
        | Q(content_type=types[Control], object_id__in=controls)
        | Q(content_type=types[ControlResult], object_id__in=results)
    ).newest_first()[:limit]


def risks_for_goal(goal: Goal, *, grants: Grants):
    """The risks linked to `goal` in plans the person may see, for the goal's page."""
    return (
        Risk.objects.filter(goals=goal, plan__unit__in=grants.visible_units())
        .select_related("plan__unit")
        .order_by("plan__year", "order", "pk")
    )
