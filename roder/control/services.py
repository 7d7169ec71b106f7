"""Writes of internal control: plans, risks, controls and results (the matrix: matrix.py).

Transactional, validated (a ValidationError with a translated message writes nothing), versioned
and with history on the plan's unit.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from roder.actions.models import Action
from roder.actions.services import action_create
from roder.control.matrix import matrix_of
from roder.control.models import (
    Control,
    ControlOutcome,
    ControlPlan,
    ControlPlanStatus,
    ControlResult,
    ControlResultAction,
    ReportingTime,
    Risk,
)
from roder.control.periods import periods_of_year, time_of
from roder.core.models import HistoryAction
from roder.core.services import (
    GridRow,
    create_with_history,
    grid_save,
    history_record,
    save_versioned,
    snapshot,
    update_with_history,
    upsert_with_history,
)
from roder.periods.models import ReportingPeriod
from roder.planning.models import Goal

PLAN_FIELDS = ("status", "adopted_on")
RISK_FIELDS = ("process", "description", "category", "probability", "consequence", "owner")
CONTROL_FIELDS = ("step", "method", "responsible", "planned_actions")
TIME_FLAGS = {
    ReportingTime.T1: "report_t1",
    ReportingTime.T2: "report_t2",
    ReportingTime.YEAR_END: "report_year_end",
}
RESULT_FIELDS = ("outcome", "comment")


# --- plans ---------------------------------------------------------------------------------


def _check_year_free(unit, year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Enter a year between 2000 and 2100.")})
    if ControlPlan.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(
            {
                "year": _("%(unit)s already has an internal control plan for %(year)s.")
                % {"unit": unit, "year": year}
            }
        )


@transaction.atomic
def control_plan_create(*, unit, year: int, by) -> ControlPlan:
    _check_year_free(unit, year)
    return create_with_history(
        ControlPlan,
        values={"unit": unit, "year": year},
        fields=("year",),
        by=by,
        organisation=unit.organisation,
        unit=unit,
    )


@dataclass
class CopyResult:
    plan: ControlPlan
    risks: int = 0
    controls: int = 0
    dropped_goals: list[str] = field(default_factory=list)


@transaction.atomic
def control_plan_copy(*, source: ControlPlan, year: int, by) -> CopyResult:
    """A new year's plan as a copy of `source`: its risks (with their ratings, owners and
    perspectives) and controls, as a draft. The source and its results are not changed. A risk's
    goal link is carried over to the goal's copy in the new year (copied by the planning app);
    a goal without such a copy is reported as dropped."""
    _check_year_free(source.unit, year)
    plan = ControlPlan.objects.create(unit=source.unit, year=year, copied_from=source)
    result = CopyResult(plan=plan)
    risks = list(source.risks.prefetch_related("goals", "controls"))
    old_goals = {goal.pk: goal for risk in risks for goal in risk.goals.all()}
    successors = {
        goal.copied_from_id: goal
        for goal in Goal.objects.filter(plan__year=year, copied_from__in=list(old_goals))
    }
    for old in risks:
        risk = Risk.objects.create(
            plan=plan,
            copied_from=old,
            order=old.order,
            **{name: getattr(old, name) for name in RISK_FIELDS},
        )
        goals = []
        for goal in old.goals.all():
            if goal.pk in successors:
                goals.append(successors[goal.pk])
            else:
                result.dropped_goals.append(str(goal))
        risk.goals.set(goals)
        Control.objects.bulk_create(
            Control(
                risk=risk,
                copied_from=control,
                order=control.order,
                **{
                    name: getattr(control, name) for name in (*CONTROL_FIELDS, *TIME_FLAGS.values())
                },
            )
            for control in old.controls.all()
        )
        result.risks += 1
        result.controls += len(old.controls.all())
    history_record(
        obj=plan,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=source.unit.organisation,
        unit=source.unit,
        after={"year": year, "copied_from": str(source)},
    )
    return result


@transaction.atomic
def control_plan_update(
    *, plan: ControlPlan, status: str, adopted_on, expected_version: int, by
) -> ControlPlan:
    if status not in ControlPlanStatus.values:
        raise ValidationError({"status": _("Choose draft or adopted.")})
    if status == ControlPlanStatus.ADOPTED and not adopted_on:
        raise ValidationError({"adopted_on": _("Give the date the plan was adopted.")})
    update_with_history(
        plan,
        fields=PLAN_FIELDS,
        values={"status": status, "adopted_on": adopted_on},
        expected_version=expected_version,
        by=by,
        organisation=plan.unit.organisation,
        unit=plan.unit,
    )
    return plan


# --- risks ---------------------------------------------------------------------------------


def _goals_snapshot(goals: Iterable) -> dict[str, str]:
    return {"goals": "; ".join(sorted(str(goal) for goal in goals))}


def _risk_checks(plan: ControlPlan, values: dict, goals) -> None:
    organisation_id = plan.unit.organisation_id
    if not (values["process"] or "").strip():
        raise ValidationError({"process": _("Name the process, routine or system.")})
    if not (values["description"] or "").strip():
        raise ValidationError({"description": _("Describe the risk.")})
    size = matrix_of(plan.unit.organisation).size
    for name, label in (("probability", _("probability")), ("consequence", _("consequence"))):
        value = values[name]
        if not isinstance(value, int) or not 1 <= value <= size:
            raise ValidationError(
                {
                    name: _("The %(axis)s must be a level of the risk matrix, from 1 to %(size)s.")
                    % {"axis": label, "size": size}
                }
            )
    category = values["category"]
    if category is not None and category.organisation_id != organisation_id:
        raise ValidationError({"category": _("The perspective belongs to another organisation.")})
    owner = values["owner"]
    if owner is not None and owner.organisation_id != organisation_id:
        raise ValidationError({"owner": _("The risk owner belongs to another organisation.")})
    for goal in goals or ():
        _check_goal(plan, goal)


def _check_goal(plan: ControlPlan, goal: Goal) -> None:
    goal_unit = goal.plan.unit
    if goal_unit.organisation_id != plan.unit.organisation_id:
        raise ValidationError(
            {"goals": _("The goal %(goal)s belongs to another organisation.") % {"goal": goal}}
        )
    if goal.plan.year != plan.year:
        raise ValidationError(
            {
                "goals": _("The goal %(goal)s is for %(year)s; the plan is for %(plan_year)s.")
                % {"goal": goal, "year": goal.plan.year, "plan_year": plan.year}
            }
        )
    if not goal_unit.contains(plan.unit):
        raise ValidationError(
            {
                "goals": _(
                    "A risk can only link to goals of its own unit or of the units above it; "
                    "%(goal)s belongs to %(unit)s."
                )
                % {"goal": goal, "unit": goal_unit}
            }
        )


@transaction.atomic
def risk_create(
    *,
    plan: ControlPlan,
    process: str,
    description: str,
    probability: int,
    consequence: int,
    by,
    category=None,
    owner=None,
    goals: Iterable = (),
) -> Risk:
    goals = list(goals)
    values = {
        "process": (process or "").strip(),
        "description": (description or "").strip(),
        "category": category,
        "probability": probability,
        "consequence": consequence,
        "owner": owner,
    }
    _risk_checks(plan, values, goals)
    last = plan.risks.aggregate(last=Max("order"))["last"] or 0
    risk = Risk.objects.create(plan=plan, order=last + 1, **values)
    risk.goals.set(goals)
    history_record(
        obj=risk,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=plan.unit.organisation,
        unit=plan.unit,
        after={**snapshot(risk, RISK_FIELDS), **(_goals_snapshot(goals) if goals else {})},
    )
    return risk


@transaction.atomic
def risk_update(*, risk: Risk, expected_version: int, by, **values) -> Risk:
    """Change any of RISK_FIELDS and, when given, the linked `goals`."""
    unknown = set(values) - {*RISK_FIELDS, "goals"}
    if unknown:
        raise TypeError(f"risk_update() got unexpected fields: {sorted(unknown)}")
    goals = list(values.pop("goals")) if "goals" in values else None
    merged = {name: values.get(name, getattr(risk, name)) for name in RISK_FIELDS}
    merged["process"] = (merged["process"] or "").strip()
    merged["description"] = (merged["description"] or "").strip()
    _risk_checks(risk.plan, merged, goals)
    before, after = {}, {}
    if goals is not None:
        before = _goals_snapshot(risk.goals.all())
        after = _goals_snapshot(goals)
    before.update(snapshot(risk, RISK_FIELDS))
    for name, value in merged.items():
        setattr(risk, name, value)
    save_versioned(risk, expected_version=expected_version, fields=RISK_FIELDS)
    if goals is not None:
        risk.goals.set(goals)
    after.update(snapshot(risk, RISK_FIELDS))
    history_record(
        obj=risk,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=risk.plan.unit.organisation,
        unit=risk.plan.unit,
        before=before,
        after=after,
    )
    return risk


# --- controls ------------------------------------------------------------------------------


def _control_values(
    risk: Risk, *, step: str, method: str, responsible, report_in, planned_actions: str
) -> dict:
    report_in = set(report_in or ())
    if not (step or "").strip():
        raise ValidationError({"step": _("Describe the control step.")})
    if report_in - set(ReportingTime.values):
        raise ValidationError({"report_in": _("Choose T1, T2 or year-end.")})
    if responsible is not None and responsible.organisation_id != risk.plan.unit.organisation_id:
        raise ValidationError(
            {"responsible": _("The responsible person belongs to another organisation.")}
        )
    return {
        "step": step.strip(),
        "method": (method or "").strip(),
        "responsible": responsible,
        "planned_actions": (planned_actions or "").strip(),
        **{flag: time in report_in for time, flag in TIME_FLAGS.items()},
    }


def _control_snapshot(control: Control) -> dict[str, object]:
    flags = {flag: _("yes") if getattr(control, flag) else _("no") for flag in TIME_FLAGS.values()}
    return {**snapshot(control, CONTROL_FIELDS), **flags}


@transaction.atomic
def control_create(
    *,
    risk: Risk,
    step: str,
    by,
    method: str = "",
    responsible=None,
    report_in: Iterable[str] = (),
    planned_actions: str = "",
) -> Control:
    values = _control_values(
        risk,
        step=step,
        method=method,
        responsible=responsible,
        report_in=report_in,
        planned_actions=planned_actions,
    )
    last = risk.controls.aggregate(last=Max("order"))["last"] or 0
    control = Control.objects.create(risk=risk, order=last + 1, **values)
    unit = risk.plan.unit
    history_record(
        obj=control,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=unit.organisation,
        unit=unit,
        after=_control_snapshot(control),
    )
    return control


@transaction.atomic
def control_update(
    *,
    control: Control,
    expected_version: int,
    by,
    step: str,
    method: str,
    responsible,
    report_in: Iterable[str],
    planned_actions: str,
) -> Control:
    values = _control_values(
        control.risk,
        step=step,
        method=method,
        responsible=responsible,
        report_in=report_in,
        planned_actions=planned_actions,
    )
    before = _control_snapshot(control)
    for name, value in values.items():
        setattr(control, name, value)
    save_versioned(control, expected_version=expected_version, fields=tuple(values))
    unit = control.risk.plan.unit
    history_record(
        obj=control,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=unit.organisation,
        unit=unit,
        before=before,
        after=_control_snapshot(control),
    )
    return control


# --- results -------------------------------------------------------------------------------


@dataclass
class Recorded:
    result: ControlResult
    action: Action | None = None  # the action a deviation became, when created now


def _result_checks(control: Control, period: ReportingPeriod, outcome: str, comment: str):
    plan = control.risk.plan
    if outcome not in ControlOutcome.values:
        raise ValidationError({"outcome": _("Choose done, deviation found or not done.")})
    if period.organisation_id != plan.unit.organisation_id:
        raise ValidationError(_("The period belongs to another organisation."))
    if period.year != plan.year:
        raise ValidationError(
            _("%(period)s belongs to %(year)s; the plan is for %(plan_year)s.")
            % {"period": period, "year": period.year, "plan_year": plan.year}
        )
    if not period.is_open:
        raise ValidationError(
            _("%(period)s is not open for reporting; nothing was saved.") % {"period": period}
        )
    time = time_of(period, periods_of_year(plan.unit.organisation, plan.year))
    if not control.is_due_in(time):
        if control.reporting_times:
            message = _("“%(control)s” is reported in %(times)s, not in %(period)s.") % {
                "control": control.step,
                "times": control.reporting_times_display,
                "period": period,
            }
        else:
            message = _("“%(control)s” is not reported in any period; set when it is reported.")
            message %= {"control": control.step}
        raise ValidationError(message)
    if outcome == ControlOutcome.DEVIATION and not comment:
        raise ValidationError({"comment": _("Describe the deviation that was found.")})
    if outcome == ControlOutcome.NOT_DONE and not comment:
        raise ValidationError({"comment": _("Say why the control was not done.")})


@transaction.atomic
def result_record(
    *,
    control: Control,
    period: ReportingPeriod,
    outcome: str,
    comment: str = "",
    expected_version: int | None = None,
    by,
) -> Recorded:
    """Record or change a control's result for a period. A deviation becomes an action in the
    plan's unit's action list (once), linked back to the result and so to the control and risk.
    An unchanged result writes nothing. (The results page saves its grid: `results_save`.)"""
    values = _result_values(control, period, outcome=outcome, comment=comment)
    existing = ControlResult.objects.filter(control=control, period=period).first()
    if existing is not None and (existing.outcome, existing.comment) == tuple(values.values()):
        return Recorded(existing)
    return _result_write(
        existing,
        control=control,
        period=period,
        values=values,
        expected_version=expected_version or 0,
        by=by,
    )


@transaction.atomic
def results_save(*, period: ReportingPeriod, rows: list[GridRow], by) -> list[Action]:
    """Save the results grid of a period: rows keyed by control, each with the version shown;
    rows without a result are left out. Every row is checked first; a stale row refuses the
    whole save (StaleRowsError) and unchanged rows are not written (core.services.grid_save).
    Returns the actions that deviations became."""

    def check(row):
        return _result_values(row.key, period, **row.values)

    def read(controls):
        by_pk = {control.pk: control for control in controls}
        stored = ControlResult.objects.select_for_update().filter(
            period=period, control__in=list(by_pk)
        )
        return {by_pk[result.control_id]: result for result in stored}

    def write(row, existing):
        return _result_write(
            existing,
            control=row.key,
            period=period,
            values=row.values,
            expected_version=row.version,
            by=by,
        )

    rows = [row for row in rows if row.values.get("outcome")]
    recorded = grid_save(rows, check=check, read=read, write=write)
    return [r.action for r in recorded if r.action is not None]


def _result_values(control: Control, period: ReportingPeriod, *, outcome: str, comment: str):
    comment = (comment or "").strip()
    _result_checks(control, period, outcome, comment)
    return {"outcome": outcome, "comment": comment}


def _result_write(
    existing: ControlResult | None, *, control, period, values: dict, expected_version, by
) -> Recorded:
    """Create or change one result whose stored row was `existing` at `expected_version`
    (someone else's write since then raises ConcurrentEditError); a new deviation becomes an
    action."""
    unit = control.risk.plan.unit
    result = upsert_with_history(
        ControlResult,
        key={"control": control, "period": period},
        values=values,
        existing=existing,
        expected_version=expected_version,
        stamp={
            "recorded_by": by if getattr(by, "pk", None) else None,
            "recorded_at": timezone.now(),
        },
        by=by,
        organisation=unit.organisation,
        unit=unit,
    )
    assert result is not None  # a result always has an outcome: never cleared
    deviation = None
    if values["outcome"] == ControlOutcome.DEVIATION and not result.action_links.exists():
        deviation = _deviation_action(result, by=by)
    return Recorded(result, deviation)


def _deviation_action(result: ControlResult, *, by) -> Action:
    control = result.control
    risk = control.risk
    unit = risk.plan.unit
    title = _("Deviation in internal control: %(process)s – %(step)s") % {
        "process": risk.process,
        "step": control.step,
    }
    description = _(
        "Found in %(period)s: %(comment)s\n\nRisk: %(risk)s\nControl step: %(step)s"
    ) % {
        "period": result.period,
        "comment": result.comment,
        "risk": risk.description,
        "step": control.step,
    }
    action = action_create(
        unit=unit,
        title=title[:300],
        description=description,
        responsible=control.responsible or risk.owner,
        goals=risk.goals.select_related("plan__unit"),
        by=by,
    )
    ControlResultAction.objects.create(result=result, action=action)
    history_record(
        obj=result,
        action=HistoryAction.LINK,
        actor=by,
        organisation=unit.organisation,
        unit=unit,
        after={"action": str(action)},
    )
    return action
