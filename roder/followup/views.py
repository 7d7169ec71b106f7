from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core.editing import form_edit
from roder.core.forms import GridLine
from roder.core.progress import poll_response
from roder.followup import excel, selectors, services
from roder.followup.access import (
    APPROVER,
    ASSESSOR,
    OUTCOME_REPORTER,
    SUBMITTER,
    get_outcome_import_for_user,
    get_revision_for_user,
    may_decide_revisions,
)
from roder.followup.forms import (
    AssessmentForm,
    ImportForm,
    OutcomeFormSet,
    ReopenForm,
    ReturnForm,
    RevisionDecisionForm,
)
from roder.followup.models import UnitReport
from roder.followup.visibility import PUBLISHED, Seen
from roder.organisation.access import (
    get_unit_for_user,
    organisation_view,
)
from roder.periods import selectors as period_selectors
from roder.periods.access import get_period_for_user
from roder.periods.locks import refusal
from roder.planning.access import get_goal_for_user
from roder.planning.models import Plan


def _org(request) -> str:
    return request.grants.organisation.slug


def _chosen_period(request):
    pk = request.GET.get("period", "")
    if pk.isdigit():
        return get_period_for_user(request.grants, int(pk))
    return period_selectors.default_period(request.grants.organisation)


@require_GET
@organisation_view
def period_overview(request, pk: int):
    period = get_period_for_user(request.grants, pk)
    lines = selectors.overview(request.grants, period)
    context = {
        "period": period,
        "lines": lines,
        "late": sum(1 for line in lines if line.late),
        "return_form": ReturnForm(),
        "approvable": {
            line.unit.pk for line in lines if request.grants.has_role(line.unit, APPROVER)
        },
        "revisions": selectors.pending_revision_count(request.grants, period=period)
        if may_decide_revisions(request.grants)
        else None,
    }
    return render(request, "followup/overview.html", context)


# --- pending revisions of outcomes ----------------------------------------------------------


@require_GET
@organisation_view
def revisions(request):
    """The sources' revised values for closed periods and submitted or approved reports, for
    controllers."""
    if not may_decide_revisions(request.grants):
        raise PermissionDenied
    pk = request.GET.get("period", "")
    period = get_period_for_user(request.grants, int(pk)) if pk.isdigit() else None
    context = {
        "period": period,
        "lines": selectors.pending_revisions(request.grants, period=period),
        "form": RevisionDecisionForm(),
    }
    return render(request, "followup/revisions.html", context)


def _revision_decide(request, pk: int, decide, done: str):
    revision = get_revision_for_user(request.grants, pk)
    form = RevisionDecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("The form was incomplete; reload the page and try again."))
        data = form.cleaned_data
        decide(
            revision=revision,
            expected_version=data["version"],
            outcome_version=data["outcome_version"],
            reason=data["reason"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, done % {"indicator": revision.indicator, "unit": revision.unit.name}
        )
    url = reverse("followup:revisions", kwargs={"org": _org(request)})
    period = form.cleaned_data.get("period") if form.is_valid() else None
    return redirect(f"{url}?period={period}" if period else url)


@require_POST
@organisation_view
def revision_accept(request, pk: int):
    return _revision_decide(
        request,
        pk,
        services.revision_accept,
        _("The revised value of %(indicator)s for %(unit)s was accepted."),
    )


@require_POST
@organisation_view
def revision_reject(request, pk: int):
    def reject(*, outcome_version, **decision):
        services.revision_reject(**decision)

    return _revision_decide(
        request,
        pk,
        reject,
        _("The revised value of %(indicator)s for %(unit)s was rejected."),
    )


# --- the unit's report for a period --------------------------------------------------------


def _report_rows(unit, period, seen):
    plan = Plan.objects.filter(unit=unit, year=period.year).first()
    if plan is None:
        return None, [], {}
    goals = list(plan.goals.select_related("plan__unit", "category").order_by("order", "pk"))
    statuses = selectors.goal_statuses(goals, period, seen=seen)
    shown, rows = set(), []
    for goal in goals:
        for row in statuses[goal.pk].rows:
            if row.indicator.pk not in shown:
                shown.add(row.indicator.pk)
                rows.append(row)
    return plan, rows, statuses


@require_http_methods(["GET", "POST"])
@organisation_view
def unit_report(request, unit_pk: int, period_pk: int):
    unit = get_unit_for_user(request.grants, unit_pk)
    period = get_period_for_user(request.grants, period_pk)
    seen = Seen.for_grants(request.grants)
    plan, rows, statuses = _report_rows(unit, period, seen)
    report = UnitReport.objects.filter(unit=unit, period=period).first()
    locked = services.outcome_lock(unit=unit, period=period, report=report)
    can_report = not locked and request.grants.has_role(unit, OUTCOME_REPORTER)
    grid = OutcomeFormSet(
        request.POST if request.method == "POST" else None,
        lines=[
            GridLine(
                key=row.indicator,
                prefix=f"i{row.indicator.pk}",
                initial=_outcome_initial(row.outcome),
                kwargs={"indicator": row.indicator},
            )
            for row in rows
        ],
    )
    if request.method == "POST":
        if not can_report:
            get_unit_for_user(request.grants, unit_pk, need=OUTCOME_REPORTER)  # 404/403
            messages.error(request, refusal(locked))
            return redirect(
                "followup:unit_report", org=_org(request), unit_pk=unit.pk, period_pk=period.pk
            )
        if grid.is_valid():
            try:
                grid.save(services.outcomes_save, unit=unit, period=period, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The outcomes were saved."))
                return redirect(
                    "followup:unit_report", org=_org(request), unit_pk=unit.pk, period_pk=period.pk
                )
        else:
            messages.error(
                request, _("Some values are not numbers; nothing was saved. See the marked rows.")
            )
    # The page shows each indicator's row (its status) next to its form.
    forms = list(zip(rows, grid.forms, strict=True))
    context = {
        "unit": unit,
        "period": period,
        "plan": plan,
        "forms": forms,
        "statuses": [statuses[g] for g in statuses],
        "report": report,
        "locked": locked,
        "can_report": can_report,
        "can_assess": not locked and request.grants.has_role(unit, ASSESSOR),
        "can_submit": period.is_open
        and request.grants.has_role(unit, SUBMITTER)
        and (report is None or report.status in ("draft", "returned")),
        "can_decide": report is not None
        and report.status == "submitted"
        and request.grants.has_role(unit, APPROVER),
        "can_reopen": period.is_open
        and report is not None
        and report.status == "approved"
        and request.grants.has_role(unit, APPROVER),
        "reopenings": list(report.reopenings.select_related("reopened_by")) if report else [],
        "return_form": ReturnForm(),
        "reopen_form": ReopenForm(),
        "periods": period_selectors.periods_of(request.grants.organisation, period.year),
        "seen": seen,
        "drafts_hidden": not seen.sees_drafts_of(unit)
        and (report is None or report.status not in PUBLISHED),
    }
    return render(request, "followup/unit_report.html", context)


def _outcome_initial(outcome):
    if outcome is None:
        return {}
    return {name: getattr(outcome, name) for name in (*services.OUTCOME_FIELDS, "version")}


@require_POST
@organisation_view
def report_submit(request, unit_pk: int, period_pk: int):
    unit = get_unit_for_user(request.grants, unit_pk, need=SUBMITTER)
    period = get_period_for_user(request.grants, period_pk)
    try:
        services.report_submit(unit=unit, period=period, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report was submitted."))
    return redirect("followup:unit_report", org=_org(request), unit_pk=unit.pk, period_pk=period.pk)


def _submitted_report(request, unit_pk, period_pk):
    unit = get_unit_for_user(request.grants, unit_pk, need=APPROVER)
    period = get_period_for_user(request.grants, period_pk)
    report = UnitReport.objects.filter(unit=unit, period=period).select_related("unit").first()
    return unit, period, report


@require_POST
@organisation_view
def report_approve(request, unit_pk: int, period_pk: int):
    unit, period, report = _submitted_report(request, unit_pk, period_pk)
    try:
        if report is None:
            raise ValidationError(_("Only a submitted report can be approved."))
        services.report_approve(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report from %(unit)s was approved.") % {"unit": unit})
    return redirect("followup:overview", org=_org(request), pk=period.pk)


@require_POST
@organisation_view
def report_return(request, unit_pk: int, period_pk: int):
    unit, period, report = _submitted_report(request, unit_pk, period_pk)
    form = ReturnForm(request.POST)
    try:
        if report is None:
            raise ValidationError(_("Only a submitted report can be returned."))
        comment = form.cleaned_data["comment"] if form.is_valid() else ""
        services.report_return(report=report, comment=comment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report from %(unit)s was returned.") % {"unit": unit})
    return redirect("followup:overview", org=_org(request), pk=period.pk)


@require_POST
@organisation_view
def report_reopen(request, unit_pk: int, period_pk: int):
    """A controller reopens an approved report with a reason; it is a draft again."""
    unit, period, report = _submitted_report(request, unit_pk, period_pk)
    form = ReopenForm(request.POST)
    try:
        if report is None:
            raise ValidationError(_("Only an approved report can be reopened."))
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        services.report_reopen(report=report, reason=reason, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The report from %(unit)s was reopened; it is a draft until it is submitted again.")
            % {"unit": unit},
        )
    return redirect("followup:unit_report", org=_org(request), unit_pk=unit.pk, period_pk=period.pk)


# --- assessments ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@organisation_view
def goal_assess(request, goal_pk: int, period_pk: int):
    goal = get_goal_for_user(request.grants, goal_pk)
    period = get_period_for_user(request.grants, period_pk)
    unit = goal.plan.unit
    may_assess = request.grants.has_role(unit, ASSESSOR) or goal.responsible_id == request.user.pk
    # Who may assess works on the draft (the goal's responsible person too); others see what
    # their roles show.
    seen = Seen.everything() if may_assess else Seen.for_grants(request.grants)
    status = selectors.goal_statuses([goal], period, seen=seen)[goal.pk]
    rows, proposal, assessment = status.rows, status.proposal, status.assessment
    if request.method == "POST" and not may_assess:
        raise PermissionDenied
    locked = services.outcome_lock(unit=unit, period=period)
    if request.method == "POST" and locked:
        messages.error(request, refusal(locked))
        return redirect(request.path)
    edit = form_edit(
        request,
        AssessmentForm,
        partial(services.assessment_record, goal=goal, period=period, by=request.user),
        obj=assessment,
        fields=("level", "prognosis", "analysis"),
        initial=None if assessment else {"level": proposal.level},
    )
    if edit.saved:
        messages.success(request, _("The assessment was saved."))
        return redirect(
            "followup:unit_report", org=_org(request), unit_pk=unit.pk, period_pk=period.pk
        )
    form = edit.form
    context = {
        "goal": goal,
        "period": period,
        "unit": unit,
        "rows": rows,
        "proposal": proposal,
        "assessment": assessment,
        "form": form,
        "can_assess": may_assess and not locked,
        "locked": locked,
    }
    return render(request, "followup/assess.html", context)


# --- scorecard, strategy map, roll-up ------------------------------------------------------


@require_GET
@organisation_view
def scorecard(request, unit_pk: int):
    unit = get_unit_for_user(request.grants, unit_pk)
    period = _chosen_period(request)
    seen = Seen.for_grants(request.grants)
    plan, groups, statuses = (
        selectors.scorecard(unit, period, seen=seen) if period else (None, [], {})
    )
    context = {
        "unit": unit,
        "period": period,
        "plan": plan,
        "groups": groups,
        "statuses": statuses,
        "periods": period_selectors.periods_of(request.grants.organisation),
        "seen": seen,
    }
    return render(request, "followup/scorecard.html", context)


@require_GET
@organisation_view
def goal_rollup(request, goal_pk: int):
    goal = get_goal_for_user(request.grants, goal_pk)
    seen = Seen.for_grants(request.grants)
    if request.GET.get("period", "").isdigit():
        period = _chosen_period(request)
    else:  # the latest period with figures the person sees, not the oldest
        period = selectors.rollup_period(goal, seen=seen) or _chosen_period(request)
    contributors, aggregates = (
        selectors.rollup(goal, period, request.grants, seen=seen) if period else ([], [])
    )
    context = {
        "goal": goal,
        "period": period,
        "contributors": contributors,
        "aggregates": aggregates,
        "periods": period_selectors.periods_of(request.grants.organisation, goal.plan.year),
        "seen": seen,
    }
    return render(request, "followup/rollup.html", context)


# --- the Excel round trip ------------------------------------------------------------------

IMPORT_SESSION_KEY = "roder-outcome-import"


@require_GET
@organisation_view
def excel_export(request, unit_pk: int, period_pk: int):
    unit = get_unit_for_user(request.grants, unit_pk)
    period = get_period_for_user(request.grants, period_pk)
    response = HttpResponse(
        excel.export_workbook(unit, period, request.grants),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = slugify(f"{unit.code}-{period.name}") or "roder"
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@organisation_view
def excel_import(request, unit_pk: int, period_pk: int):
    """Upload → preview (stored in the session) → confirm. One bad row rejects the file."""
    unit = get_unit_for_user(request.grants, unit_pk, need=OUTCOME_REPORTER)
    period = get_period_for_user(request.grants, period_pk)
    key = f"{IMPORT_SESSION_KEY}-{unit.pk}-{period.pk}"
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"unit": unit, "period": period, "form": form, "changes": None, "errors": []}
    if request.method == "POST" and "confirm" in request.POST:
        changes = excel.from_session(request.session.pop(key, []))
        if not changes:
            messages.error(request, _("Nothing to import: upload the file again."))
        else:
            try:
                count = excel.apply_rows(changes, period=period, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("%(count)s rows were imported.") % {"count": count})
                return redirect(
                    "followup:unit_report", org=_org(request), unit_pk=unit.pk, period_pk=period.pk
                )
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        if excel.needs_task(data):  # a big file is checked by a task, with progress
            staged = excel.stage(
                unit=unit,
                period=period,
                file_name=form.cleaned_data["file"].name,
                data=data,
                by=request.user,
            )
            return redirect(
                "followup:excel_import_run",
                org=_org(request),
                unit_pk=unit.pk,
                period_pk=period.pk,
                pk=staged.pk,
            )
        changes, errors = excel.read_workbook(data, unit=unit, period=period, grants=request.grants)
        if errors:
            context["errors"] = errors
        else:
            request.session[key] = excel.to_session(changes)
            context["changes"] = changes
    return render(request, "followup/import.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def excel_import_run(request, unit_pk: int, period_pk: int, pk: int):
    """A big file, checked and then imported by tasks: progress, the errors or the preview, and
    what was imported. Only its uploader sees it."""
    unit = get_unit_for_user(request.grants, unit_pk, need=OUTCOME_REPORTER)
    period = get_period_for_user(request.grants, period_pk)
    staged = get_outcome_import_for_user(request.grants, pk, unit=unit, period=period)
    if (poll := poll_response(request, staged)) is not None:
        return poll
    if request.method == "POST":
        try:
            excel.queue_apply(staged)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(request.path)
    result = staged.task_result
    context = {"unit": unit, "period": period, "staged": staged, "errors": result.get("errors")}
    if staged.task_step == excel.STEP_CHECK and not context["errors"]:
        context["changes"] = excel.checked_rows(staged)
    return render(request, "followup/import_run.html", context)
