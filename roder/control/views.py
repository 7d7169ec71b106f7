from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from roder.control import selectors, services
from roder.control.access import (
    PLAN_BUILDER,
    get_control_for_user,
    get_plan_for_user,
    get_risk_for_user,
    may_build,
    may_record,
    require_recorder,
)
from roder.control.forms import (
    ControlForm,
    ControlPlanCreateForm,
    ControlPlanForm,
    MatrixForm,
    ResultFormSet,
    RiskForm,
    SizeForm,
)
from roder.control.matrix import default_matrix, matrix_of, matrix_save
from roder.control.models import MAX_SIZE, MIN_SIZE, Axis, ControlPlan, ReportingTime
from roder.control.periods import periods_of_year, time_periods
from roder.core.editing import form_edit
from roder.core.forms import GridLine
from roder.organisation.access import (
    get_unit_for_user,
    organisation_view,
    require_organisation_administrator,
)
from roder.periods import selectors as period_selectors
from roder.periods.access import get_period_for_user
from roder.periods.models import PeriodStatus, ReportingPeriod
from roder.planning.models import Goal


def _org(request) -> str:
    return request.grants.organisation.slug


def _plan_redirect(request, plan: ControlPlan):
    return redirect("control:plan_detail", org=_org(request), pk=plan.pk)


def _requested_period(request) -> ReportingPeriod | None:
    pk = request.GET.get("period", "")
    return get_period_for_user(request.grants, int(pk)) if pk.isdigit() else None


def _default_period(periods: list[ReportingPeriod]) -> ReportingPeriod | None:
    """Of one year's periods: the open one ending last, else the last closed, else the first."""
    ordered = sorted(periods, key=lambda p: (p.ends, p.pk))
    for status in (PeriodStatus.OPEN, PeriodStatus.CLOSED):
        chosen = [p for p in ordered if p.status == status]
        if chosen:
            return chosen[-1]
    return ordered[0] if ordered else None


# --- the organisation's overview and its risk matrix ---------------------------------------


@require_GET
@organisation_view
def overview(request):
    grants = request.grants
    unit_pk = request.GET.get("unit", "")
    if unit_pk.isdigit():  # the unit picker: on to the unit's plans
        unit = get_unit_for_user(grants, int(unit_pk))
        return redirect("control:plan_list", org=_org(request), unit_pk=unit.pk)
    period = _requested_period(request) or period_selectors.default_period(grants.organisation)
    year = period.year if period else timezone.localdate().year
    periods = periods_of_year(grants.organisation, year)
    context = {
        "period": period,
        "year": year,
        "periods": period_selectors.periods_of(grants.organisation).order_by("-year", "ends"),
        "summaries": selectors.overview(grants, year, period, periods),
        "units": selectors.plan_units(grants),
    }
    return render(request, "control/overview.html", context)


def _size(value, default: int) -> int:
    value = str(value or "")
    return int(value) if value.isdigit() and MIN_SIZE <= int(value) <= MAX_SIZE else default


@require_http_methods(["GET", "POST"])
@organisation_view
def matrix(request):
    grants = request.grants
    organisation = grants.organisation
    current = matrix_of(organisation)
    if request.method == "POST":
        require_organisation_administrator(grants)
        size = _size(request.POST.get("matrix_size"), current.size)
    else:
        size = _size(request.GET.get("size"), current.size)
    shown = current if size == current.size else default_matrix(size)
    edit = form_edit(
        request,
        MatrixForm,
        partial(matrix_save, organisation=organisation, by=request.user),
        values=_matrix_values,
        versioned=True,
        size=size,
        matrix=shown,
    )
    if edit.saved:
        messages.success(request, _("The risk matrix was saved."))
        return redirect("control:matrix", org=_org(request))
    context = {
        "matrix": current,
        "chart": selectors.chart(current, [], title=grants.organisation.name),
        "can_edit": grants.is_organisation_administrator,
        "form": edit.form,
        "size_form": SizeForm(initial={"size": size}),
    }
    return render(request, "control/matrix.html", context)


def _matrix_values(form) -> dict:
    return {
        "size": form.cleaned_data["matrix_size"],
        "probability": form.levels(Axis.PROBABILITY),
        "consequence": form.levels(Axis.CONSEQUENCE),
        "bands": form.bands(),
        "version": form.cleaned_data["version"],
    }


# --- a unit's plans ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@organisation_view
def plan_list(request, unit_pk: int):
    unit = get_unit_for_user(request.grants, unit_pk)
    plans = list(selectors.plans_of_unit(unit))
    if request.method == "POST":
        get_unit_for_user(request.grants, unit_pk, need=PLAN_BUILDER)

    def save(*, year, copy_from):
        if copy_from:
            source = next(plan for plan in plans if plan.pk == copy_from)
            result = services.control_plan_copy(source=source, year=year, by=request.user)
            return result.plan, _copy_message(result)
        plan = services.control_plan_create(unit=unit, year=year, by=request.user)
        return plan, _("The internal control plan was created.")

    edit = form_edit(request, ControlPlanCreateForm, save, plans=plans)
    if edit.saved:
        plan, message = edit.result
        messages.success(request, message)
        return _plan_redirect(request, plan)
    context = {
        "unit": unit,
        "plans": plans,
        "form": edit.form,
        "can_build": request.grants.has_role(unit, PLAN_BUILDER),
    }
    return render(request, "control/plan_list.html", context)


def _copy_message(result) -> str:
    message = _("The plan was copied with %(risks)s risks and %(controls)s controls.") % {
        "risks": result.risks,
        "controls": result.controls,
    }
    if result.dropped_goals:
        message += " " + _(
            "Goal links not carried over, because the goal has no copy in the new year yet: "
            "%(goals)s."
        ) % {"goals": "; ".join(result.dropped_goals)}
    return message


@require_GET
@organisation_view
def plan_detail(request, pk: int):
    """The control plan: risks grouped by perspective, with their controls."""
    plan = get_plan_for_user(request.grants, pk)
    risks = selectors.plan_risks(plan, matrix_of(request.grants.organisation))
    selectors.attach_previous_results(risks)
    periods = periods_of_year(request.grants.organisation, plan.year)
    context = {
        "plan": plan,
        "unit": plan.unit,
        "groups": selectors.group_by_perspective(risks),
        "times": [(ReportingTime(t).label, p) for t, p in time_periods(periods).items()],
        "can_build": may_build(request.grants, plan),
        "history": selectors.plan_history(plan),
    }
    return render(request, "control/plan_detail.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def plan_edit(request, pk: int):
    plan = get_plan_for_user(request.grants, pk, need=PLAN_BUILDER)
    save = partial(services.control_plan_update, plan=plan, by=request.user)
    edit = form_edit(request, ControlPlanForm, save, obj=plan, fields=services.PLAN_FIELDS)
    if edit.saved:
        messages.success(request, _("The plan was saved."))
        return _plan_redirect(request, plan)
    return render(request, "control/plan_form.html", {"form": edit.form, "plan": plan})


@require_GET
@organisation_view
def risk_analysis(request, pk: int):
    """The risk analysis: every risk with its rating, and the risk matrix chart."""
    plan = get_plan_for_user(request.grants, pk)
    matrix = matrix_of(request.grants.organisation)
    risks = selectors.plan_risks(plan, matrix)
    context = {
        "plan": plan,
        "unit": plan.unit,
        "matrix": matrix,
        "chart": selectors.chart(matrix, risks, title=f"{plan.unit.name} {plan.year}"),
        "risks": sorted(risks, key=lambda risk: (-risk.value, risk.number)),
        "can_build": may_build(request.grants, plan),
    }
    return render(request, "control/risk_analysis.html", context)


# --- risks and controls --------------------------------------------------------------------


def _goal_candidates(plan: ControlPlan):
    unit = plan.unit
    return (
        Goal.objects.filter(plan__unit_id__in=[*unit.ancestor_ids, unit.pk], plan__year=plan.year)
        .select_related("plan__unit")
        .order_by("plan__unit__depth", "order", "pk")
    )


def _risk_form(request, plan: ControlPlan, risk=None):
    organisation = request.grants.organisation
    if risk is None:
        save = partial(services.risk_create, plan=plan, by=request.user)
        initial = {"category": request.GET.get("category")}
    else:
        save = partial(services.risk_update, risk=risk, by=request.user)
        initial = {"goals": [goal.pk for goal in risk.goals.all()]}
    matrix = matrix_of(organisation)
    edit = form_edit(
        request,
        RiskForm,
        save,
        obj=risk,
        fields=services.RISK_FIELDS,
        initial=initial,
        organisation=organisation,
        matrix=matrix,
        goals=_goal_candidates(plan),
    )
    if edit.saved:
        messages.success(request, _("The risk was saved."))
        return redirect("control:risk_analysis", org=_org(request), pk=plan.pk)
    context = {"form": edit.form, "plan": plan, "risk": risk, "matrix": matrix}
    return render(request, "control/risk_form.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def risk_create(request, plan_pk: int):
    plan = get_plan_for_user(request.grants, plan_pk, need=PLAN_BUILDER)
    return _risk_form(request, plan)


@require_http_methods(["GET", "POST"])
@organisation_view
def risk_edit(request, pk: int):
    risk = get_risk_for_user(request.grants, pk, need=PLAN_BUILDER)
    return _risk_form(request, risk.plan, risk)


def _control_form(request, risk, control=None):
    if control is None:
        save = partial(services.control_create, risk=risk, by=request.user)
        initial = {}
    else:
        save = partial(services.control_update, control=control, by=request.user)
        initial = {"report_in": control.reporting_times}
    edit = form_edit(
        request,
        ControlForm,
        save,
        obj=control,
        fields=services.CONTROL_FIELDS,
        initial=initial,
        organisation=request.grants.organisation,
    )
    if edit.saved:
        messages.success(request, _("The control was saved."))
        return _plan_redirect(request, risk.plan)
    context = {"form": edit.form, "plan": risk.plan, "risk": risk, "control": control}
    return render(request, "control/control_form.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def control_create(request, risk_pk: int):
    risk = get_risk_for_user(request.grants, risk_pk, need=PLAN_BUILDER)
    return _control_form(request, risk)


@require_http_methods(["GET", "POST"])
@organisation_view
def control_edit(request, pk: int):
    control = get_control_for_user(request.grants, pk, need=PLAN_BUILDER)
    return _control_form(request, control.risk, control)


# --- results and follow-up -----------------------------------------------------------------


def _result_initial(result) -> dict:
    if result is None:
        return {}
    return {"outcome": result.outcome, "comment": result.comment, "version": result.version}


@require_http_methods(["GET", "POST"])
@organisation_view
def results(request, pk: int, period_pk: int):
    """The controls due in the period, each with a result form for those who may record it."""
    grants = request.grants
    plan = get_plan_for_user(grants, pk)
    period = get_period_for_user(grants, period_pk)
    if period.year != plan.year:
        raise Http404
    statuses = selectors.control_statuses(
        [plan], period, periods_of_year(grants.organisation, plan.year)
    )[plan.pk]
    due = [status for status in statuses if status.due]
    recordable = [
        status for status in due if period.is_open and may_record(grants, status.control, plan.unit)
    ]
    grid = ResultFormSet(
        request.POST if request.method == "POST" else None,
        lines=[
            GridLine(
                key=status.control,
                prefix=f"c{status.control.pk}",
                initial=_result_initial(status.result),
                kwargs={"control": status.control},
            )
            for status in recordable
        ],
    )
    if request.method == "POST":
        require_recorder(grants, [status.control for status in due], plan.unit)
        if _save_results(request, period, grid):
            return redirect("control:results", org=_org(request), pk=plan.pk, period_pk=period.pk)
    forms = {key.pk: form for key, form in grid.rows}
    rows = [(status, forms.get(status.control.pk)) for status in due]
    context = {
        "plan": plan,
        "unit": plan.unit,
        "period": period,
        "rows": rows,
        "editable": any(form is not None for _status, form in rows),
        "not_due": len(statuses) - len(due),
    }
    return render(request, "control/results.html", context)


def _save_results(request, period, grid) -> bool:
    """Save every filled-in row, all or nothing; True when the page may redirect."""
    if not period.is_open:
        messages.error(
            request,
            _("%(period)s is not open for reporting; nothing was saved.") % {"period": period},
        )
        return True
    if not grid.lines:
        messages.error(request, _("There is no control here whose result you may record."))
        return True
    if not grid.is_valid():
        messages.error(request, _("Some results are incomplete; nothing was saved."))
        return False
    try:
        created = grid.save(services.results_save, period=period, by=request.user)
    except ValidationError:
        messages.error(request, _("Some results could not be saved; nothing was saved."))
        return False
    messages.success(request, _("The results were saved."))
    if created:
        messages.info(
            request,
            ngettext(
                "The deviation became an action in the action list.",
                "The %(count)s deviations became actions in the action list.",
                len(created),
            )
            % {"count": len(created)},
        )
    return True


@require_GET
@organisation_view
def followup(request, pk: int):
    """Which controls are done, found deviations, were not done or are late, in a period."""
    grants = request.grants
    plan = get_plan_for_user(grants, pk)
    periods = periods_of_year(grants.organisation, plan.year)
    period = _requested_period(request) or _default_period(periods)
    if period is not None and period.year != plan.year:
        raise Http404
    statuses = selectors.control_statuses([plan], period, periods)[plan.pk] if period else []
    context = {
        "plan": plan,
        "unit": plan.unit,
        "period": period,
        "periods": periods,
        "statuses": statuses,
        "counts": selectors.counts(statuses),
        "can_record": period is not None
        and period.is_open
        and any(may_record(grants, status.control, plan.unit) for status in statuses),
    }
    return render(request, "control/followup.html", context)
