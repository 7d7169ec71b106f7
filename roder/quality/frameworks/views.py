"""The framework pages: the list, a version with its areas, export and import, copy, editing
the version and its parts (a version in use is edited in a new copy), reference series."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core.editing import form_edit
from roder.organisation.access import (
    has_root_role,
    organisation_view,
    require_organisation_administrator,
    require_root_role,
)
from roder.quality.frameworks import files, selectors, services
from roder.quality.frameworks.access import (
    get_area_for_user,
    get_framework_for_user,
    get_question_for_user,
    get_series_for_user,
    get_sub_area_for_user,
)
from roder.quality.frameworks.forms import (
    AreaForm,
    FrameworkForm,
    ImportForm,
    QuestionForm,
    ReferenceForm,
    SubAreaForm,
)
from roder.quality.pages import history_of
from roder.quality.roles import EVALUATOR
from roder.quality.scores import format_score


def _org(request) -> str:
    return request.grants.organisation.slug


def _writer(request) -> dict:
    """Who writes, for the services: the organisation and the person."""
    return {"organisation": request.grants.organisation, "by": request.user}


@require_GET
@organisation_view
def framework_list(request):
    context = {
        "versions": selectors.framework_list(request.grants.organisation),
        "can_edit": request.grants.is_organisation_administrator,
    }
    return render(request, "quality/framework_list.html", context)


@require_GET
@organisation_view
def framework_detail(request, pk: int):
    version = get_framework_for_user(request.grants, pk)
    context = {
        "framework": version,
        "areas": selectors.framework_areas(version),
        "is_locked": version.is_locked,
        "can_edit": request.grants.is_organisation_administrator,
        "can_refer": has_root_role(request.grants, EVALUATOR),
        "references": version.reference_series.filter(organisation=request.grants.organisation),
        "history": history_of(version) if not version.is_shipped else [],
    }
    return render(request, "quality/framework_detail.html", context)


@require_GET
@organisation_view
def framework_export(request, pk: int):
    version = get_framework_for_user(request.grants, pk)
    response = HttpResponse(
        files.export_json(version), content_type="application/json; charset=utf-8"
    )
    # Slugified: a label stored before labels were checked may hold a quote or a line break.
    name = slugify(f"{version.code}-{version.version_label}") or "ramverk"
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


@require_http_methods(["GET", "POST"])
@organisation_view
def framework_import(request):
    require_organisation_administrator(request.grants)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.framework_import(
                organisation=request.grants.organisation,
                raw=form.cleaned_data["file"].read(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The framework %(name)s was imported.") % {"name": version})
            return redirect("quality:framework_detail", org=_org(request), pk=version.pk)
    return render(request, "quality/framework_import.html", {"form": form})


@require_POST
@organisation_view
def framework_copy(request, pk: int):
    require_organisation_administrator(request.grants)
    source = get_framework_for_user(request.grants, pk)
    version = services.framework_copy(
        source=source, organisation=request.grants.organisation, by=request.user
    )
    messages.success(request, _("A new version %(name)s was made.") % {"name": version})
    return redirect("quality:framework_detail", org=_org(request), pk=version.pk)


def _edited(request, edited):
    if edited.copied:
        messages.warning(
            request,
            _(
                "The framework is in use or shipped with Roder, so the change was made in a new "
                "version, %(name)s. Evaluations keep their version."
            )
            % {"name": edited.version},
        )
    else:
        messages.success(request, _("The framework was saved."))
    return redirect("quality:framework_detail", org=_org(request), pk=edited.version.pk)


def _framework_form(request, edit, framework, heading):
    """Back to the version the change went into, or the form again with what was refused."""
    if edit.saved:
        return _edited(request, edit.result)
    context = {"form": edit.form, "framework": framework, "heading": heading}
    return render(request, "quality/framework_form.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def framework_edit(request, pk: int):
    require_organisation_administrator(request.grants)
    version = get_framework_for_user(request.grants, pk)
    save = partial(services.framework_update, version=version, **_writer(request))
    edit = form_edit(request, FrameworkForm, save, obj=version, fields=services.VERSION_FIELDS)
    return _framework_form(request, edit, version, _("Edit framework version"))


def _area_form(request, version, area=None):
    save = partial(services.area_save, framework=version, area=area, **_writer(request))
    edit = form_edit(request, AreaForm, save, obj=area, fields=services.AREA_FIELDS)
    return _framework_form(request, edit, version, _("Area"))


@require_http_methods(["GET", "POST"])
@organisation_view
def area_create(request, pk: int):
    require_organisation_administrator(request.grants)
    return _area_form(request, get_framework_for_user(request.grants, pk))


@require_http_methods(["GET", "POST"])
@organisation_view
def area_edit(request, pk: int):
    require_organisation_administrator(request.grants)
    area = get_area_for_user(request.grants, pk)
    return _area_form(request, area.framework, area)


def _sub_area_form(request, area, sub_area=None):
    save = partial(services.sub_area_save, area=area, sub_area=sub_area, **_writer(request))
    edit = form_edit(request, SubAreaForm, save, obj=sub_area, fields=services.SUB_AREA_FIELDS)
    title = _("Sub-area of %(area)s") % {"area": area}
    return _framework_form(request, edit, area.framework, title)


@require_http_methods(["GET", "POST"])
@organisation_view
def sub_area_create(request, area_pk: int):
    require_organisation_administrator(request.grants)
    return _sub_area_form(request, get_area_for_user(request.grants, area_pk))


@require_http_methods(["GET", "POST"])
@organisation_view
def sub_area_edit(request, pk: int):
    require_organisation_administrator(request.grants)
    sub_area = get_sub_area_for_user(request.grants, pk)
    return _sub_area_form(request, sub_area.area, sub_area)


def _question_form(request, area, question=None):
    save = partial(services.question_save, area=area, question=question, **_writer(request))
    edit = form_edit(request, QuestionForm, save, obj=question, fields=services.QUESTION_FIELDS)
    title = _("Question in %(area)s") % {"area": area}
    return _framework_form(request, edit, area.framework, title)


@require_http_methods(["GET", "POST"])
@organisation_view
def question_create(request, area_pk: int):
    require_organisation_administrator(request.grants)
    return _question_form(request, get_area_for_user(request.grants, area_pk))


@require_http_methods(["GET", "POST"])
@organisation_view
def question_edit(request, pk: int):
    require_organisation_administrator(request.grants)
    question = get_question_for_user(request.grants, pk)
    return _question_form(request, question.area, question)


# --- reference series ----------------------------------------------------------------------


def _reference_view(request, version, series=None):
    areas = list(version.areas.all())
    initial = {}
    if series is not None:
        values = {v.area_id: v.value for v in series.values.all()}
        initial = {f"area_{a.pk}": format_score(values.get(a.pk)) for a in areas if a.pk in values}
        if series.published_total is not None:
            initial["published_total"] = format_score(series.published_total)
    save = partial(services.reference_save, framework=version, series=series, **_writer(request))
    fields = ("name", "source")
    edit = form_edit(
        request, ReferenceForm, save, obj=series, fields=fields, initial=initial, areas=areas
    )
    if edit.saved:
        messages.success(request, _("The reference series was saved."))
        return redirect("quality:framework_detail", org=_org(request), pk=version.pk)
    context = {"form": edit.form, "framework": version, "heading": _("Reference series")}
    return render(request, "quality/framework_form.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def reference_create(request, pk: int):
    require_root_role(request.grants, EVALUATOR)
    return _reference_view(request, get_framework_for_user(request.grants, pk))


@require_http_methods(["GET", "POST"])
@organisation_view
def reference_edit(request, pk: int):
    require_root_role(request.grants, EVALUATOR)
    series = get_series_for_user(request.grants, pk)
    return _reference_view(request, series.framework, series)
