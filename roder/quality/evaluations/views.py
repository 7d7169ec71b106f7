"""The evaluation pages: create and edit an evaluation, score an area, findings (also turned into
actions), the comparison and the report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core.forms import add_service_errors
from roder.documents.services import object_document
from roder.organisation.access import organisation_view
from roder.quality.evaluations import selectors, services
from roder.quality.evaluations.access import get_evaluation_for_user, get_finding_for_user
from roder.quality.evaluations.forms import (
    ActionFromFindingForm,
    AreaScoreForm,
    EvaluationCreateForm,
    EvaluationForm,
    FindingForm,
)
from roder.quality.frameworks.access import frameworks_of
from roder.quality.frameworks.scores import format_score
from roder.quality.models import AreaScore
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
    form = EvaluationCreateForm(
        request.POST or None,
        organisation=grants.organisation,
        units=units,
        frameworks=frameworks_of(grants.organisation),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            evaluation = services.evaluation_create(by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The evaluation was created."))
            return redirect("quality:evaluation_detail", org=_org(request), pk=evaluation.pk)
    return render(request, "quality/evaluation_form.html", {"form": form})


@require_GET
@organisation_view
def evaluation_detail(request, pk: int):
    evaluation = get_evaluation_for_user(request.grants, pk)
    previous, followed = selectors.improvements_followed_up(evaluation)
    context = {
        "evaluation": evaluation,
        "view": selectors.evaluation_view(evaluation),
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
    initial = {name: getattr(evaluation, name) for name in services.EVALUATION_FIELDS}
    initial |= {
        "version": evaluation.version,
        "evaluator_people": evaluation.evaluator_people.all(),
    }
    form = EvaluationForm(
        request.POST or None, organisation=request.grants.organisation, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.evaluation_update(
                evaluation=evaluation,
                expected_version=data.pop("version") or 0,
                by=request.user,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The evaluation was saved."))
            return redirect("quality:evaluation_detail", org=_org(request), pk=evaluation.pk)
    return render(request, "quality/evaluation_form.html", {"form": form, "evaluation": evaluation})


@require_http_methods(["GET", "POST"])
@organisation_view
def area_score(request, pk: int, area_pk: int):
    evaluation = get_evaluation_for_user(request.grants, pk, need=EVALUATOR)
    row = (
        AreaScore.objects.select_related("area", "evaluation__unit__organisation")
        .filter(evaluation=evaluation, area_id=area_pk)
        .first()
    )
    if row is None:
        raise Http404
    stored = {
        n.sub_area_id: n
        for n in evaluation.narratives.filter(sub_area__area=row.area).select_related("sub_area")
    }
    narratives = [(sub, stored.get(sub.pk)) for sub in row.area.sub_areas.all()]
    form = AreaScoreForm(
        request.POST or None,
        area=row.area,
        narratives=narratives,
        score=row.score,
        initial={"text": row.text, "version": row.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.area_score_save(
                row=row,
                score=form.cleaned_data["score"],
                text=form.cleaned_data["text"],
                narratives=form.narrative_texts(),
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The area was saved."))
            url = redirect("quality:evaluation_detail", org=_org(request), pk=evaluation.pk)
            url["Location"] += f"#area-{row.area.number}"
            return url
    context = {"form": form, "evaluation": evaluation, "area": row.area}
    return render(request, "quality/area_score_form.html", context)


def _finding_form(request, evaluation, finding=None):
    initial = {"area": request.GET.get("area"), "kind": request.GET.get("kind")}
    if finding is not None:
        initial = {name: getattr(finding, name) for name in services.FINDING_FIELDS}
        initial |= {"area": finding.area_id, "version": finding.version}
    form = FindingForm(request.POST or None, framework=evaluation.framework, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        area = data.pop("area")
        try:
            if finding is None:
                services.finding_create(evaluation=evaluation, area=area, by=request.user, **data)
            else:
                services.finding_update(
                    finding=finding,
                    expected_version=version or 0,
                    by=request.user,
                    area=area,
                    **data,
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The finding was saved."))
            url = redirect("quality:evaluation_detail", org=_org(request), pk=evaluation.pk)
            url["Location"] += f"#area-{area.number}"
            return url
    context = {"form": form, "evaluation": evaluation, "finding": finding}
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
    form = ActionFromFindingForm(
        request.POST or None,
        organisation=request.grants.organisation,
        units=units,
        initial={"title": finding.text[:300], "unit": evaluation.unit_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_to_action(finding=finding, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action was added to the action list."))
            url = redirect("quality:evaluation_detail", org=_org(request), pk=evaluation.pk)
            url["Location"] += f"#area-{finding.area.number}"
            return url
    context = {"form": form, "finding": finding, "evaluation": evaluation}
    return render(request, "quality/finding_action.html", context)


@require_GET
@organisation_view
def evaluation_compare(request, pk: int):
    evaluation = get_evaluation_for_user(request.grants, pk)
    compared = selectors.comparison(evaluation, request.grants)
    # The table shows scores as the evaluation page does ("68", not the stored "68.0").
    fmt = format_score
    rows = [
        (name, [fmt(value) for value in values], fmt(total), note)
        for name, values, total, note in compared.series
    ]
    context = {
        "evaluation": evaluation,
        "comparison": compared,
        "rows": rows,
        "chart": _radar(evaluation, compared),
    }
    return render(request, "quality/evaluation_compare.html", context)


def _radar(evaluation, compared):
    from roder.quality.documents import radar

    return radar(evaluation, compared.areas, compared.series)


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
