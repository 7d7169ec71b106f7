"""The framework pages: the list, a version with its areas, export and import, copy, editing
the version and its parts (a version in use is edited in a new copy), reference series."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core.forms import add_service_errors
from roder.organisation.access import (
    has_root_role,
    organisation_view,
    require_organisation_administrator,
    require_root_role,
)
from roder.quality.frameworks import files, selectors, services
from roder.quality.frameworks.access import (
    frameworks_of,
    get_framework_for_user,
    get_series_for_user,
)
from roder.quality.frameworks.forms import (
    AreaForm,
    FrameworkForm,
    ImportForm,
    QuestionForm,
    ReferenceForm,
    SubAreaForm,
)
from roder.quality.frameworks.scores import format_score
from roder.quality.models import Area, Question, SubArea
from roder.quality.pages import history_of
from roder.quality.roles import EVALUATOR


def _org(request) -> str:
    return request.grants.organisation.slug


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


def _framework_form(request, form, framework, save, heading):
    if request.method == "POST" and form.is_valid():
        try:
            edited = save(dict(form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _edited(request, edited)
    context = {"form": form, "framework": framework, "heading": heading}
    return render(request, "quality/framework_form.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def framework_edit(request, pk: int):
    require_organisation_administrator(request.grants)
    version = get_framework_for_user(request.grants, pk)
    initial = {name: getattr(version, name) for name in services.VERSION_FIELDS}
    form = FrameworkForm(request.POST or None, initial={**initial, "version": version.version})

    def save(data):
        expected = data.pop("version") or 0  # a form without its version is stale
        return services.framework_update(
            version=version,
            organisation=request.grants.organisation,
            expected_version=expected,
            by=request.user,
            **data,
        )

    return _framework_form(request, form, version, save, _("Edit framework version"))


def _part_view(request, form_class, fields, part, shown, title, save_part, **where):
    """Add or edit an area, sub-area or question: the form with the part's version, saved by
    `save_part(**where, …)` (services.area_save, sub_area_save, question_save)."""
    initial = {name: getattr(part, name) for name in fields} if part else {}
    if part:
        initial["version"] = part.version
    form = form_class(request.POST or None, initial=initial)

    def save(data):
        return save_part(
            expected_version=data.pop("version"),
            organisation=request.grants.organisation,
            by=request.user,
            **where,
            **data,
        )

    return _framework_form(request, form, shown, save, title)


def _area_view(request, version, area=None):
    return _part_view(
        request,
        AreaForm,
        services.AREA_FIELDS,
        area,
        version,
        _("Area"),
        services.area_save,
        framework=version,
        area=area,
    )


@require_http_methods(["GET", "POST"])
@organisation_view
def area_create(request, pk: int):
    require_organisation_administrator(request.grants)
    return _area_view(request, get_framework_for_user(request.grants, pk))


def _area_of(request, pk: int) -> Area:
    area = Area.objects.filter(framework__in=frameworks_of(request.grants.organisation), pk=pk)
    area = area.select_related("framework").first()
    if area is None:
        raise Http404
    return area


@require_http_methods(["GET", "POST"])
@organisation_view
def area_edit(request, pk: int):
    require_organisation_administrator(request.grants)
    area = _area_of(request, pk)
    return _area_view(request, area.framework, area)


def _sub_area_view(request, area, sub_area=None):
    title = _("Sub-area of %(area)s") % {"area": area}
    return _part_view(
        request,
        SubAreaForm,
        services.SUB_AREA_FIELDS,
        sub_area,
        area.framework,
        title,
        services.sub_area_save,
        area=area,
        sub_area=sub_area,
    )


@require_http_methods(["GET", "POST"])
@organisation_view
def sub_area_create(request, area_pk: int):
    require_organisation_administrator(request.grants)
    return _sub_area_view(request, _area_of(request, area_pk))


@require_http_methods(["GET", "POST"])
@organisation_view
def sub_area_edit(request, pk: int):
    require_organisation_administrator(request.grants)
    sub_area = SubArea.objects.filter(pk=pk).select_related("area").first()
    area = _area_of(request, sub_area.area_id if sub_area else 0)
    return _sub_area_view(request, area, sub_area)


def _question_view(request, area, question=None):
    title = _("Question in %(area)s") % {"area": area}
    return _part_view(
        request,
        QuestionForm,
        services.QUESTION_FIELDS,
        question,
        area.framework,
        title,
        services.question_save,
        area=area,
        question=question,
    )


@require_http_methods(["GET", "POST"])
@organisation_view
def question_create(request, area_pk: int):
    require_organisation_administrator(request.grants)
    return _question_view(request, _area_of(request, area_pk))


@require_http_methods(["GET", "POST"])
@organisation_view
def question_edit(request, pk: int):
    require_organisation_administrator(request.grants)
    question = Question.objects.filter(pk=pk).first()
    area = _area_of(request, question.area_id if question else 0)
    return _question_view(request, area, question)


# --- reference series ----------------------------------------------------------------------


def _reference_view(request, version, series=None):
    areas = list(version.areas.all())
    initial = {}
    if series is not None:
        values = {v.area_id: v.value for v in series.values.all()}
        initial = {"name": series.name, "source": series.source, "version": series.version}
        initial |= {f"area_{a.pk}": format_score(values.get(a.pk)) for a in areas if a.pk in values}
    form = ReferenceForm(request.POST or None, areas=areas, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reference_save(
                organisation=request.grants.organisation,
                framework=version,
                series=series,
                name=form.cleaned_data["name"],
                source=form.cleaned_data["source"],
                values=form.values(),
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The reference series was saved."))
            return redirect("quality:framework_detail", org=_org(request), pk=version.pk)
    context = {"form": form, "framework": version, "heading": _("Reference series")}
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
