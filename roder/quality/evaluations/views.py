"""The evaluation pages: create and edit an evaluation, score an area, findings (also turned into
actions), the comparison and the report."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core.editing import form_edit
from roder.documents.services import object_document
from roder.organisation.access import organisation_view
from roder.quality.evaluations import selectors, services
from roder.quality.evaluations.access import (
    get_evaluation_for_user,
    get_finding_for_user,
    get_score_row,
)
from roder.quality.evaluations.charts import radar
from roder.quality.evaluations.forms import (
    ActionFromFindingForm,
    AreaScoreForm,
    EvaluationCreateForm,
    EvaluationForm,
    FindingForm,
)
from roder.quality.frameworks.access import frameworks_of
from roder.quality.pages import EVALUATION, downloads, history_of
from roder.quality.roles import EVALUATOR, units_with


def _org(request) -> str:
    return request.grants.organisation.slug


@require_http_methods(["GET", "POST"])
@organisation_view
def evaluation_create(request):
    grants = request.grants
    units = units_with(grants, EVALUATOR)
    if not units.exists():
        raise PermissionDenied
    edit = form_edit(
        request,
        EvaluationCreateForm,
        partial(services.evaluation_create, by=request.user),
        organisation=grants.organisation,
        units=units,
        frameworks=frameworks_of(grants.organisation),
    )
    if edit.saved:
        messages.success(request, _("The evaluation was created."))
        return redirect("quality:evaluation_detail", org=_org(request), pk=edit.result.pk)
    return render(request, "quality/evaluation_form.html", {"form": edit.form})


@require_GET
@organisation_view
def evaluation_detail(request, pk: int):
    evaluation = get_evaluation_for_user(request.grants, pk)
    previous, followed = selectors.improvements_followed_up(evaluation)
    view = selectors.evaluation_view(evaluation)
    areas = [item.area for item in view.areas]
    series = selectors.profile(evaluation, request.grants, areas)
    context = {
        "evaluation": evaluation,
        "view": view,
        "chart": radar(evaluation, areas, series),
        "references": [line for line in series if line.is_reference],
        "previous": previous,
        "followed": followed,
        "can_edit": request.grants.has_role(evaluation.unit, EVALUATOR),
        "history": history_of(evaluation),
    }
    return render(request, "quality/evaluation_detail.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def evaluation_edit(request, pk: int):
    evaluation = get_evaluation_for_user(request.grants, pk, need=EVALUATOR)
    edit = form_edit(
        request,
        EvaluationForm,
        partial(services.evaluation_update, evaluation=evaluation, by=request.user),
        obj=evaluation,
        fields=services.EVALUATION_FIELDS,
        initial={"evaluator_people": evaluation.evaluator_people.all()},
        organisation=request.grants.organisation,
    )
    if edit.saved:
        messages.success(request, _("The evaluation was saved."))
        return redirect("quality:evaluation_detail", org=_org(request), pk=evaluation.pk)
    context = {"form": edit.form, "evaluation": evaluation}
    return render(request, "quality/evaluation_form.html", context)


def _to_area(request, evaluation, area):
    """Back to the evaluation page, at the area."""
    url = redirect("quality:evaluation_detail", org=_org(request), pk=evaluation.pk)
    url["Location"] += f"#area-{area.number}"
    return url


@require_http_methods(["GET", "POST"])
@organisation_view
def area_score(request, pk: int, area_pk: int):
    evaluation = get_evaluation_for_user(request.grants, pk, need=EVALUATOR)
    row = get_score_row(evaluation, area_pk)
    edit = form_edit(
        request,
        AreaScoreForm,
        partial(services.area_score_save, row=row, by=request.user),
        obj=row,
        fields=("text",),
        area=row.area,
        narratives=selectors.area_narratives(evaluation, row.area),
        score=row.score,
    )
    if edit.saved:
        messages.success(request, _("The area was saved."))
        return _to_area(request, evaluation, row.area)
    context = {"form": edit.form, "evaluation": evaluation, "area": row.area}
    return render(request, "quality/area_score_form.html", context)


def _finding_form(request, evaluation, finding=None):
    if finding is None:
        save = partial(services.finding_create, evaluation=evaluation, by=request.user)
        initial = {"area": request.GET.get("area"), "kind": request.GET.get("kind")}
    else:
        save = partial(services.finding_update, finding=finding, by=request.user)
        initial = {}
    edit = form_edit(
        request,
        FindingForm,
        save,
        obj=finding,
        fields=(*services.FINDING_FIELDS, "area"),
        initial=initial,
        framework=evaluation.framework,
    )
    if edit.saved:
        messages.success(request, _("The finding was saved."))
        return _to_area(request, evaluation, edit.result.area)
    context = {"form": edit.form, "evaluation": evaluation, "finding": finding}
    return render(request, "quality/finding_form.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def finding_create(request, pk: int):
    evaluation = get_evaluation_for_user(request.grants, pk, need=EVALUATOR)
    return _finding_form(request, evaluation)


@require_http_methods(["GET", "POST"])
@organisation_view
def finding_edit(request, pk: int):
    finding = get_finding_for_user(request.grants, pk, need=EVALUATOR)
    return _finding_form(request, finding.evaluation, finding)


@require_POST
@organisation_view
def finding_delete(request, pk: int):
    finding = get_finding_for_user(request.grants, pk, need=EVALUATOR)
    evaluation = finding.evaluation
    try:
        services.finding_delete(finding=finding, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The finding was removed."))
    return redirect("quality:evaluation_detail", org=_org(request), pk=evaluation.pk)


@require_http_methods(["GET", "POST"])
@organisation_view
def finding_action(request, pk: int):
    """Skapa åtgärd: an improvement area or weakness becomes an action in the action list."""
    finding = get_finding_for_user(request.grants, pk, need=EVALUATOR)
    evaluation = finding.evaluation
    units = units_with(request.grants, EVALUATOR).filter(path__startswith=evaluation.unit.path)
    edit = form_edit(
        request,
        ActionFromFindingForm,
        partial(services.finding_to_action, finding=finding, by=request.user),
        initial={"title": finding.text[:300], "unit": evaluation.unit_id},
        organisation=request.grants.organisation,
        units=units,
    )
    if edit.saved:
        messages.success(request, _("The action was added to the action list."))
        return _to_area(request, evaluation, finding.area)
    context = {"form": edit.form, "finding": finding, "evaluation": evaluation}
    return render(request, "quality/finding_action.html", context)


@require_GET
@organisation_view
def evaluation_compare(request, pk: int):
    evaluation = get_evaluation_for_user(request.grants, pk)
    compared = selectors.comparison(evaluation, request.grants)
    context = {
        "evaluation": evaluation,
        "comparison": compared,
        "chart": radar(evaluation, compared.areas, compared.series),
    }
    return render(request, "quality/evaluation_compare.html", context)


@require_GET
@organisation_view
def evaluation_report(request, pk: int):
    evaluation = get_evaluation_for_user(request.grants, pk)
    context = {
        "evaluation": evaluation,
        "document": object_document(EVALUATION, evaluation, grants=request.grants),
        **downloads(request, EVALUATION, evaluation.pk),
    }
    return render(request, "quality/report.html", context)
