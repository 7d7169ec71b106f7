"""The middle of every create-or-edit view: bind the form, call the service, show a refusal.

A view stays explicit: it fetches through an access helper, calls `form_edit` with the form
class and the service, then redirects when `edit.saved` or renders `edit.form`::

    plan = get_plan_for_user(request.grants, pk, need=PLAN_EDITOR)
    edit = form_edit(
        request,
        PlanForm,
        partial(services.plan_update, plan=plan, by=request.user),
        obj=plan,
        fields=services.PLAN_FIELDS,
    )
    if edit.saved:
        messages.success(request, _("The plan was saved."))
        return redirect("planning:plan_detail", org=..., pk=plan.pk)
    return render(request, "planning/plan_form.html", {"form": edit.form, "plan": plan})
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import HttpRequest

from roder.core.forms import add_service_errors


@dataclass
class Edit:
    """The bound (or, on GET, unbound) form; whether the service saved; what it returned."""

    form: Any
    saved: bool = False
    result: Any = None


def initial_from(obj: models.Model | None, fields: Iterable[str]) -> dict[str, Any]:
    """A form's initial values from a stored row: its `fields` (a relation as its key) and its
    version; nothing for a new row."""
    if obj is None:
        return {}
    initial = {}
    for name in fields:
        try:
            name_in_row = obj._meta.get_field(name).attname  # type: ignore[union-attr]
        except FieldDoesNotExist:
            name_in_row = name
        initial[name] = getattr(obj, name_in_row)
    if hasattr(obj, "version"):
        initial["version"] = obj.version
    return initial


def form_edit(
    request: HttpRequest,
    form_class: type[forms.Form],
    save: Callable[..., Any],
    *,
    obj: models.Model | None = None,
    fields: Iterable[str] = (),
    initial: Mapping[str, Any] | None = None,
    versioned: bool | None = None,
    values: Callable[[Any], Mapping[str, Any]] | None = None,
    files: bool = False,
    **form_kwargs: Any,
) -> Edit:
    """Bind `form_class` to the POST (unbound on GET or an empty POST) with initial values from
    `obj`'s `fields` and version (see initial_from), then `initial` over them; `form_kwargs` go
    to the form. On a valid POST call `save(**arguments)`: the form's cleaned data (or what
    `values(form)` makes of a form that computes its values) without the hidden `version`,
    which is passed as `expected_version` (0 when the form showed none) when editing — when
    `obj` is given, or `versioned` says so. The service's ValidationError is shown on the form
    (add_service_errors)."""
    data = request.POST or None
    uploads = (request.FILES or None) if files else None
    initial = {**initial_from(obj, fields), **(initial or {})}
    form = form_class(data, uploads, initial=initial, **form_kwargs)
    edit = Edit(form=form)
    if request.method != "POST" or not form.is_valid():
        return edit
    arguments = dict(form.cleaned_data if values is None else values(form))
    version = arguments.pop("version", None)
    if obj is not None if versioned is None else versioned:
        arguments["expected_version"] = version or 0
    try:
        edit.result = save(**arguments)
    except ValidationError as error:
        add_service_errors(form, error)
    else:
        edit.saved = True
    return edit
