from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.actions import excel, origins, selectors, services
from roder.actions.access import (
    ACTION_EDITOR,
    get_action_for_user,
    get_action_to_update,
    may_create_somewhere,
    may_edit,
    may_update,
)
from roder.actions.forms import ActionFilterForm, ActionForm, NoteForm, StatusForm, UnitChoiceForm
from roder.actions.models import ActionStatus
from roder.core.editing import form_edit
from roder.core.htmx import is_htmx
from roder.organisation.access import get_unit_for_user, organisation_view

# The region an htmx status or note update swaps, by the page it came from.
PARTIALS = {
    "list": "actions/list.html#action-row",
    "meeting": "actions/meeting.html#meeting-item",
}


def _org(request) -> str:
    return request.grants.organisation.slug


def _detail_url(request, action) -> str:
    return reverse("actions:action_detail", kwargs={"org": _org(request), "pk": action.pk})


def _filtered(request):
    """The filter form and the actions it selects (the unit is fetched through access: 404 for
    a unit the person may not see)."""
    form = ActionFilterForm(request.GET or None, grants=request.grants)
    filters = form.filters() if form.is_bound else {}
    unit_pk = filters.pop("unit_pk", None)
    unit = get_unit_for_user(request.grants, unit_pk) if unit_pk else None
    return form, unit, filters


# --- the list, the workplace meeting and the export ----------------------------------------


@require_GET
@organisation_view
def action_list(request):
    grants = request.grants
    form, unit, filters = _filtered(request)
    meeting = request.GET.get("meeting") == "1"
    actions = selectors.actions_for(grants, unit=unit, open_only=meeting, **filters)
    if meeting:
        actions = selectors.with_latest_notes(actions)
    actions = list(actions)
    params = request.GET.copy()
    params.pop("meeting", None)
    context = {
        "filter_form": form,
        "unit": unit,
        "actions": actions,
        "overdue": sum(1 for action in actions if action.is_overdue),
        "updatable": {action.pk for action in actions if may_update(grants, action)},
        "statuses": ActionStatus.choices,
        "can_create": may_create_somewhere(grants),
        "create_unit": unit if unit is not None and grants.has_role(unit, ACTION_EDITOR) else None,
        "query": params.urlencode(),
        "next_url": request.get_full_path(),
    }
    template = "actions/meeting.html" if meeting else "actions/list.html"
    return render(request, template, context)


@require_GET
@organisation_view
def action_export(request):
    _form, unit, filters = _filtered(request)
    actions = selectors.actions_for(request.grants, unit=unit, **filters)
    response = HttpResponse(excel.actions_workbook(actions), content_type=excel.CONTENT_TYPE)
    filename = f"actions-{_org(request)}-{timezone.localdate():%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- create, read, edit --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@organisation_view
def action_create(request):
    grants = request.grants
    if not may_create_somewhere(grants):
        raise PermissionDenied
    unit_pk = request.GET.get("unit", "")
    if not unit_pk.isdigit():
        unit_form = UnitChoiceForm(units=selectors.editable_units(grants))
        return render(request, "actions/unit_choice.html", {"unit_form": unit_form})
    unit = get_unit_for_user(grants, int(unit_pk), need=ACTION_EDITOR)
    goal_pk = request.GET.get("goal", "")
    edit = form_edit(
        request,
        ActionForm,
        partial(services.action_create, unit=unit, by=request.user),
        initial={"goals": [int(goal_pk)]} if goal_pk.isdigit() else None,
        organisation=grants.organisation,
        goals=selectors.goal_candidates(unit),
    )
    if edit.saved:
        messages.success(request, _("The action was added."))
        return redirect(_detail_url(request, edit.result))
    return render(request, "actions/form.html", {"form": edit.form, "unit": unit})


@require_GET
@organisation_view
def action_detail(request, pk: int):
    grants = request.grants
    action = get_action_for_user(grants, pk)
    goals = action.goals.select_related("plan__unit").order_by("-plan__year", "order", "pk")
    context = {
        "action": action,
        "unit": action.unit,
        "goals": [(goal, grants.can_see(goal.plan.unit)) for goal in goals],
        "notes": selectors.action_notes(action),
        "can_edit": may_edit(grants, action),
        "can_update": may_update(grants, action),
        "statuses": ActionStatus.choices,
        "next_url": request.get_full_path(),
        "history": selectors.action_history(action),
        # Where it came from: a control deviation, an evaluation's finding (actions.origins).
        "origins": origins.origins_of([action], grants)[action.pk],
    }
    return render(request, "actions/detail.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def action_edit(request, pk: int):
    grants = request.grants
    action = get_action_for_user(grants, pk, need=ACTION_EDITOR)

    def save(*, unit, **values):
        # Moving the action needs the editor's role on the new unit too.
        unit = get_unit_for_user(grants, unit, need=ACTION_EDITOR)
        return services.action_update(action=action, unit=unit, by=request.user, **values)

    edit = form_edit(
        request,
        ActionForm,
        save,
        obj=action,
        fields=services.ACTION_FIELDS,
        initial={"goals": [goal.pk for goal in action.goals.all()]},
        organisation=grants.organisation,
        goals=selectors.goal_candidates(action.unit),
        units=selectors.editable_units(grants, keep=action.unit),
    )
    if edit.saved:
        messages.success(request, _("The action was saved."))
        return redirect(_detail_url(request, action))
    context = {"form": edit.form, "unit": action.unit, "action": action}
    return render(request, "actions/form.html", context)


# --- quick updates: status and notes (from the list, the meeting and the action page) ------


@require_POST
@organisation_view
def action_status(request, pk: int):
    action = get_action_to_update(request.grants, pk)
    form = StatusForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.action_set_status(
                action=action,
                status=form.cleaned_data["status"],
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = _("Choose one of the statuses.")
    return _updated(request, action, error=error, success=_("The status was saved."))


@require_POST
@organisation_view
def action_note(request, pk: int):
    action = get_action_to_update(request.grants, pk)
    form = NoteForm(request.POST)
    error = ""
    try:
        if not form.is_valid():
            raise ValidationError(_("Write something in the note."))
        services.action_add_note(action=action, text=form.cleaned_data["text"], by=request.user)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    return _updated(request, action, error=error, success=_("The note was added."))


def _updated(request, action, *, error: str, success: str):
    """htmx gets the action's region again (with the error, if any); a plain form post is
    redirected back to where it came from."""
    partial = PARTIALS.get(request.POST.get("layout", ""))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = _detail_url(request, action)
    if is_htmx(request) and partial:
        fresh = selectors.with_latest_notes(selectors.actions_for(request.grants)).get(pk=action.pk)
        context = {
            "action": fresh,
            "updatable": {fresh.pk},
            "statuses": ActionStatus.choices,
            "row_error": error,
            "next_url": next_url,
        }
        return render(request, partial, context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, success)
    # Back to the action's row or meeting item, not to the top of a long list.
    return redirect(f"{next_url}#action-{action.pk}" if partial else next_url)
