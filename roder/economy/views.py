from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core.editing import form_edit
from roder.core.formatting import SCALES, number
from roder.core.htmx import template_for
from roder.core.models import TaskState
from roder.core.progress import poll_response
from roder.core.xlsx import needs_task
from roder.economy import ledger, selectors, services
from roder.economy.access import (
    IMPORTER,
    PROGNOSIS_EDITOR,
    get_activity_for_user,
    get_category_for_user,
    get_import_for_user,
    may_configure,
    may_write,
    need_for,
    require_configuration,
)
from roder.economy.charts import followup_chart
from roder.economy.forms import (
    SCALE_CHOICES,
    ActivityForm,
    CategoryForm,
    EntryChoiceForm,
    EntryForm,
    MappingForm,
    UploadForm,
)
from roder.economy.models import AccountCategory, Activity, LineKind
from roder.organisation.access import get_unit_for_user, organisation_view
from roder.periods.access import get_period_for_user
from roder.periods.models import ReportingPeriod


def _org(request) -> str:
    return request.grants.organisation.slug


def _year(request, name: str = "year") -> int:
    value = request.GET.get(name, "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return timezone.localdate().year


def _scale(request, default: str) -> str:
    scale = request.GET.get("scale", "")
    return scale if scale in SCALES else default


def _unit_context(request, unit, page: str, **extra) -> dict:
    """What every unit page of the economy shares: the unit, the sub-navigation and the
    person's rights there."""
    return {
        "unit": unit,
        "page": page,
        "scales": SCALE_CHOICES,
        "can_enter": may_write(request.grants, unit, LineKind.BUDGET),
        "can_enter_prognosis": may_write(request.grants, unit, LineKind.PROGNOSIS),
        "can_import": request.grants.has_role(unit, IMPORTER),
        **extra,
    }


# --- reading -------------------------------------------------------------------------------


@require_GET
@organisation_view
def index(request):
    context = {
        "units": selectors.units_with_lines(request.grants),
        "can_configure": may_configure(request.grants),
    }
    return render(request, "economy/index.html", context)


@require_GET
@organisation_view
def overview(request, unit_pk: int):
    unit = get_unit_for_user(request.grants, unit_pk)
    year, scale = _year(request), _scale(request, "mkr")
    context = _unit_context(
        request,
        unit,
        "overview",
        year=year,
        scale=scale,
        table=selectors.overview(unit, year, scale=scale),
        years=selectors.years_with_lines(unit),
    )
    return render(request, template_for(request, "economy/overview.html", "overview"), context)


@require_GET
@organisation_view
def activity_table(request, unit_pk: int):
    unit = get_unit_for_user(request.grants, unit_pk)
    year, scale = _year(request), _scale(request, "mkr")
    kind = request.GET.get("kind", "")
    kind = kind if kind in LineKind.values else LineKind.BUDGET
    context = _unit_context(
        request,
        unit,
        "activities",
        year=year,
        scale=scale,
        kind=kind,
        kinds=LineKind.choices,
        table=selectors.activity_table(unit, year, kind, scale=scale),
        years=selectors.years_with_lines(unit),
    )
    return render(request, "economy/activity_table.html", context)


@require_GET
@organisation_view
def result_table(request, unit_pk: int):
    unit = get_unit_for_user(request.grants, unit_pk)
    scale = _scale(request, "tkr")
    context = _unit_context(
        request, unit, "results", scale=scale, table=selectors.result_table(unit, scale=scale)
    )
    return render(request, "economy/result_table.html", context)


@require_GET
@organisation_view
def followup(request, unit_pk: int):
    unit = get_unit_for_user(request.grants, unit_pk)
    pk = request.GET.get("period", "")
    period = (
        get_period_for_user(request.grants, int(pk))
        if pk.isdigit()
        else selectors.default_period(unit)
    )
    scale = _scale(request, "mkr")
    data = selectors.followup(unit, period, scale=scale) if period else None
    context = _unit_context(
        request,
        unit,
        "followup",
        period=period,
        periods=ReportingPeriod.objects.filter(organisation=unit.organisation).order_by(
            "-year", "ends"
        ),
        scale=scale,
        data=data,
        chart=followup_chart(unit=unit, data=data) if data and data.has_data else None,
    )
    return render(request, "economy/followup.html", context)


# --- entering budget, outcome, prognosis and plan ------------------------------------------


@require_http_methods(["GET", "POST"])
@organisation_view
def entry(request, unit_pk: int):
    """Choose kind, year, period and activity (GET), then one amount per category (POST)."""
    unit = get_unit_for_user(request.grants, unit_pk, need=PROGNOSIS_EDITOR)
    asked = request.GET.get("kind", "")
    if asked in LineKind.values:
        get_unit_for_user(
            request.grants, unit_pk, need=need_for(asked)
        )  # 403 for a manager's budget
    kinds = [k for k in LineKind.values if may_write(request.grants, unit, k)]
    choice = EntryChoiceForm(
        request.GET or {"kind": kinds[0], "year": timezone.localdate().year},
        periods=ReportingPeriod.objects.filter(organisation=unit.organisation).order_by(
            "-year", "ends"
        ),
        activities=Activity.objects.filter(organisation=unit.organisation, is_active=True),
        kinds=kinds,
    )
    context = _unit_context(request, unit, "entry", choice=choice, form=None)
    if not choice.is_valid():
        return render(request, "economy/entry.html", context)
    chosen = choice.chosen()
    rows = selectors.entry_rows(unit, **chosen)
    edit = form_edit(
        request,
        EntryForm,
        partial(services.lines_save, unit=unit, by=request.user, **chosen),
        values=lambda form: {"rows": form.changes()},
        rows=rows,
    )
    if edit.saved:
        messages.success(request, _("The amounts were saved."))
        return redirect(request.get_full_path())
    context.update(
        form=edit.form,
        chosen=chosen,
        kind_label=LineKind(chosen["kind"]).label,
        split_by=selectors.activities_with_lines(
            unit, year=chosen["year"], kind=chosen["kind"], period=chosen["period"]
        ),
        history=selectors.entry_history(unit),
    )
    return render(request, "economy/entry.html", context)


# --- ledger import -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@organisation_view
def import_upload(request, unit_pk: int):
    unit = get_unit_for_user(request.grants, unit_pk, need=IMPORTER)
    edit = form_edit(
        request,
        UploadForm,
        partial(services.ledger_import_stage, unit=unit, by=request.user),
        values=_upload_values,
        files=True,
    )
    if edit.saved:
        return redirect("economy:import_detail", org=_org(request), pk=edit.result.pk)
    imports = selectors.imports_of(unit)
    context = _unit_context(request, unit, "import", form=edit.form, imports=imports)
    return render(request, "economy/import_upload.html", context)


def _upload_values(form) -> dict:
    upload = form.cleaned_data["file"]
    return {"file_name": upload.name, "data": upload.read()}


@require_http_methods(["GET", "POST"])
@organisation_view
def import_detail(request, pk: int):
    """A staged file: map the columns → check (errors or the preview) → confirm. A confirmed
    import: what it wrote."""
    ledger_import = get_import_for_user(request.grants, pk)
    if (poll := poll_response(request, ledger_import)) is not None:
        return poll
    unit = ledger_import.unit
    context = _unit_context(request, unit, "import", ledger_import=ledger_import)
    if not ledger_import.is_staged:
        if request.method == "POST":
            messages.error(request, _("This file has already been imported."))
        context.update(
            income_text=number(ledger_import.income_total, 2),
            cost_text=number(ledger_import.cost_total, 2),
        )
        return render(request, "economy/import_done.html", context)
    unreadable = ledger_import.task_step == services.STEP_READ and ledger_import.task_result.get(
        "errors"
    )
    if ledger_import.task_busy or ledger_import.task_state == TaskState.FAILED or unreadable:
        context["errors"] = ledger_import.task_result.get("errors")
        return render(request, "economy/import_wait.html", context)
    if needs_task(ledger_import.row_count):
        return _import_detail_big(request, ledger_import, context)
    form = _mapping_form(request.POST or None, ledger_import)
    context.update(form=form, preview=None, errors=[], sample=ledger_import.rows[:5])
    if request.method == "POST" and form.is_valid():
        mapping = form.mapping()
        if "confirm" in request.POST:
            try:
                services.ledger_import_apply(
                    ledger_import=ledger_import, mapping=mapping, by=request.user
                )
            except ValidationError as error:
                context["errors"] = error.messages
            else:
                return _imported(request, ledger_import)
        else:
            context["preview"], context["errors"] = ledger.check(ledger_import, mapping)
    return render(request, "economy/import_map.html", context)


def _mapping_form(data, ledger_import):
    return MappingForm(
        data,
        headers=ledger_import.headers,
        periods=ReportingPeriod.objects.filter(organisation=ledger_import.organisation).order_by(
            "-year", "ends"
        ),
        guess=ledger.guess_columns(ledger_import.headers),
    )


def _imported(request, ledger_import):
    messages.success(
        request,
        _("%(count)s lines were imported from %(file)s.")
        % {"count": ledger_import.line_count, "file": ledger_import.file_name},
    )
    return redirect("economy:import_detail", org=_org(request), pk=ledger_import.pk)


def _import_detail_big(request, ledger_import, context):
    """A file of more than IMPORT_TASK_ROWS rows: the check and the import run as tasks; the
    page shows what the last one found, with the mapping it used."""
    result, step = ledger_import.task_result, ledger_import.task_step
    if request.method == "POST":
        form = _mapping_form(request.POST, ledger_import)
        if form.is_valid():
            queued = services.STEP_APPLY if "confirm" in request.POST else services.STEP_CHECK
            try:
                services.ledger_import_queue(
                    ledger_import=ledger_import, mapping=form.mapping(), step=queued
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            return redirect("economy:import_detail", org=_org(request), pk=ledger_import.pk)
    elif step in (services.STEP_CHECK, services.STEP_APPLY):
        saved = ledger.mapping_form_data(ledger.Mapping(**ledger_import.mapping))
        form = _mapping_form(saved, ledger_import)
        form.is_valid()  # bound to the mapping the task used, for the confirm form's fields
    else:
        form = _mapping_form(None, ledger_import)
    context.update(form=form, preview=None, errors=result.get("errors") or [])
    context["sample"] = ledger_import.rows[:5]
    if step == services.STEP_CHECK and "preview" in result:
        context["preview"] = ledger.preview_from_data(result["preview"])
    return render(request, "economy/import_map.html", context)


# --- configuration: account categories and activities -------------------------------------


@require_GET
@organisation_view
def category_list(request):
    context = {
        "categories": selectors.categories_for(request.grants.organisation),
        "inactive": AccountCategory.objects.filter(
            organisation=request.grants.organisation, is_active=False
        ),
        "can_edit": may_configure(request.grants),
    }
    return render(request, "economy/categories.html", context)


@require_POST
@organisation_view
def category_defaults(request):
    require_configuration(request.grants)
    try:
        services.categories_install_defaults(
            organisation=request.grants.organisation, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The usual income and cost categories were added."))
    return redirect("economy:account_categories", org=_org(request))


@require_http_methods(["GET", "POST"])
@organisation_view
def category_form(request, pk: int | None = None):
    require_configuration(request.grants)
    category = get_category_for_user(request.grants, pk) if pk else None
    if category:
        save = partial(services.category_update, category=category, by=request.user)
    else:
        organisation = request.grants.organisation
        save = partial(services.category_create, organisation=organisation, by=request.user)
    fields = services.CATEGORY_FIELDS
    edit = form_edit(request, CategoryForm, save, obj=category, fields=fields)
    if edit.saved:
        messages.success(request, _("The category was saved."))
        return redirect("economy:account_categories", org=_org(request))
    return render(request, "economy/category_form.html", {"form": edit.form, "category": category})


@require_GET
@organisation_view
def activity_list(request):
    activities = Activity.objects.filter(organisation=request.grants.organisation)
    context = {
        "activities": sorted(activities, key=lambda a: a.sort_key),
        "can_edit": may_configure(request.grants),
    }
    return render(request, "economy/activities.html", context)


@require_POST
@organisation_view
def activity_defaults(request):
    require_configuration(request.grants)
    try:
        services.activities_install_defaults(
            organisation=request.grants.organisation, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The activities of the national code list were added."))
    return redirect("economy:activity_codes", org=_org(request))


@require_http_methods(["GET", "POST"])
@organisation_view
def activity_form(request, pk: int | None = None):
    require_configuration(request.grants)
    activity = get_activity_for_user(request.grants, pk) if pk else None
    if activity:
        save = partial(services.activity_update, activity=activity, by=request.user)
    else:
        organisation = request.grants.organisation
        save = partial(services.activity_create, organisation=organisation, by=request.user)
    fields = services.ACTIVITY_FIELDS
    edit = form_edit(request, ActivityForm, save, obj=activity, fields=fields)
    if edit.saved:
        messages.success(request, _("The activity was saved."))
        return redirect("economy:activity_codes", org=_org(request))
    return render(request, "economy/activity_form.html", {"form": edit.form, "activity": activity})
