from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core.forms import add_service_errors
from roder.core.models import HistoryEntry
from roder.documents.models import Format, Kind
from roder.documents.services import quality_document
from roder.organisation.access import (
    has_root_role,
    organisation_view,
    require_organisation_administrator,
    require_root_role,
)
from roder.quality import frameworks, selectors, services
from roder.quality.access import (
    ANSWER_WRITER,
    EVALUATOR,
    frameworks_of,
    get_answer_for_user,
    get_entry_for_user,
    get_evaluation_for_user,
    get_feedback_for_user,
    get_finding_for_user,
    get_framework_for_user,
    get_series_for_user,
    may_evaluate_entry,
)
from roder.quality.forms import (
    ActionFromFindingForm,
    AnswerForm,
    AreaForm,
    AreaScoreForm,
    EntryCreateForm,
    EntryForm,
    EvaluationCreateForm,
    EvaluationForm,
    FeedbackForm,
    FiguresForm,
    FindingForm,
    FrameworkForm,
    ImportForm,
    QuestionForm,
    ReferenceForm,
    SubAreaForm,
)
from roder.quality.models import Area, AreaScore, Question, SubArea


def _downloads(request, kind: str, pk: int) -> dict:
    """The report page's buttons: PDF, Word and Excel through the documents app's runs."""
    url = reverse(
        "documents:produce_quality",
        kwargs={"org": request.grants.organisation.slug, "kind": kind, "object_id": pk},
    )
    return {"produce_url": url, "formats": Format.choices}


def _org(request) -> str:
    return request.grants.organisation.slug


def _units_with(grants, need):
    pks = [unit.pk for unit in grants.visible_units() if grants.has_role(unit, need)]
    return grants.visible_units().filter(pk__in=pks).order_by("path")


def _history(obj):
    return HistoryEntry.objects.for_object(obj).newest_first()[:50]


# --- overview ------------------------------------------------------------------------------


@require_GET
@organisation_view
def index(request):
    grants = request.grants
    context = {
        "evaluations": selectors.evaluations_visible(grants),
        "entries": selectors.entries_visible(grants),
        "can_create": any(grants.has_role(u, EVALUATOR) for u in grants.visible_units()),
        "can_create_entry": any(grants.has_role(u, ANSWER_WRITER) for u in grants.visible_units()),
    }
    return render(request, "quality/index.html", context)


# --- frameworks ----------------------------------------------------------------------------


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
        "history": _history(version) if not version.is_shipped else [],
    }
    return render(request, "quality/framework_detail.html", context)


@require_GET
@organisation_view
def framework_export(request, pk: int):
    version = get_framework_for_user(request.grants, pk)
    response = HttpResponse(
        frameworks.export_json(version), content_type="application/json; charset=utf-8"
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
        initial |= {
            f"area_{a.pk}": selectors.format_score(values.get(a.pk))
            for a in areas
            if a.pk in values
        }
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


# --- evaluations ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@organisation_view
def evaluation_create(request):
    grants = request.grants
    units = _units_with(grants, EVALUATOR)
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
        "history": _history(evaluation),
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
    units = _units_with(request.grants, EVALUATOR).filter(path__startswith=evaluation.unit.path)
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
    fmt = selectors.format_score
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
        "document": quality_document(Kind.EVALUATION, evaluation.pk, grants=request.grants),
        **_downloads(request, Kind.EVALUATION, evaluation.pk),
    }
    return render(request, "quality/report.html", context)


# --- Kvalitetsutmärkelsen entries ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
@organisation_view
def entry_create(request):
    grants = request.grants
    units = _units_with(grants, ANSWER_WRITER)
    if not units.exists():
        raise PermissionDenied
    form = EntryCreateForm(
        request.POST or None,
        organisation=grants.organisation,
        units=units,
        frameworks=frameworks_of(grants.organisation)
        .filter(areas__questions__isnull=False)
        .distinct(),
    )
    if not _units_with(grants, EVALUATOR).exists():
        del form.fields["evaluators"]  # the unit's controllers name the evaluators
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data.get("evaluators") and not grants.has_role(data["unit"], EVALUATOR):
            form.add_error("evaluators", _("Only a controller of the unit names the evaluators."))
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The entry was created."))
            return redirect("quality:entry_detail", org=_org(request), pk=entry.pk)
    return render(request, "quality/entry_form.html", {"form": form})


@require_GET
@organisation_view
def entry_detail(request, pk: int):
    entry = get_entry_for_user(request.grants, pk)
    context = {
        "entry": entry,
        "areas": selectors.entry_view(entry),
        "can_answer": request.grants.has_role(entry.unit, ANSWER_WRITER),
        "can_evaluate": may_evaluate_entry(request.grants, entry),
        "can_edit": request.grants.has_role(entry.unit, ANSWER_WRITER),
        "history": _history(entry),
    }
    return render(request, "quality/entry_detail.html", context)


UNIT_FIELDS = ("title", "year", "entry_class", "introduction")


@require_http_methods(["GET", "POST"])
@organisation_view
def entry_edit(request, pk: int):
    """The unit (reporters and up) writes its entry's particulars and introduction; the
    evaluators write the feedback summary; only the unit's controllers name the evaluators, so a
    unit never picks its own judges."""
    grants = request.grants
    entry = get_entry_for_user(grants, pk)
    unit_side = grants.has_role(entry.unit, ANSWER_WRITER)
    judge = may_evaluate_entry(grants, entry)
    assigns = grants.has_role(entry.unit, EVALUATOR)
    if not (unit_side or judge):
        raise PermissionDenied
    initial = {name: getattr(entry, name) for name in services.ENTRY_FIELDS}
    initial |= {"version": entry.version, "evaluators": entry.evaluators.all()}
    form = EntryForm(request.POST or None, organisation=grants.organisation, initial=initial)
    hidden = [*(() if unit_side else UNIT_FIELDS), *(() if judge else ("feedback_summary",))]
    hidden += [] if assigns else ["evaluators"]
    for name in hidden:
        del form.fields[name]
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.entry_update(
                entry=entry,
                expected_version=data.pop("version"),
                by=request.user,
                evaluators=data.pop("evaluators", None),
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The entry was saved."))
            return redirect("quality:entry_detail", org=_org(request), pk=entry.pk)
    return render(request, "quality/entry_form.html", {"form": form, "entry": entry})


def _answer_context(request, answer, form, figures_form):
    return {
        "answer": answer,
        "entry": answer.entry,
        "question": answer.question,
        "form": form,
        "figures_form": figures_form,
    }


@require_http_methods(["GET", "POST"])
@organisation_view
def answer_edit(request, pk: int):
    answer = get_answer_for_user(request.grants, pk, need=ANSWER_WRITER)
    form = AnswerForm(
        request.POST or None, initial={"text": answer.text, "version": answer.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_save(
                answer=answer,
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The answer was saved."))
            url = redirect("quality:entry_detail", org=_org(request), pk=answer.entry_id)
            url["Location"] += f"#q-{answer.question.number}"
            return url
    figures_form = None
    if answer.question.asks_for_results:
        figures_form = FiguresForm(
            indicators=selectors.indicator_choices(answer.entry.unit),
            initial={"version": answer.version},
        )
    return render(
        request, "quality/answer_form.html", _answer_context(request, answer, form, figures_form)
    )


@require_POST
@organisation_view
def answer_figures(request, pk: int):
    """Insert figures from Roder: append the chosen indicators' outcomes to the answer."""
    answer = get_answer_for_user(request.grants, pk, need=ANSWER_WRITER)
    unit = answer.entry.unit
    form = FiguresForm(request.POST, indicators=selectors.indicator_choices(unit))
    if form.is_valid():
        try:
            services.answer_add_figures(
                answer=answer,
                lines=selectors.figure_lines(unit, form.cleaned_data["indicators"]),
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The figures were added to the answer."))
            return redirect("quality:answer_edit", org=_org(request), pk=answer.pk)
    answer_form = AnswerForm(initial={"text": answer.text, "version": answer.version})
    return render(
        request, "quality/answer_form.html", _answer_context(request, answer, answer_form, form)
    )


@require_http_methods(["GET", "POST"])
@organisation_view
def feedback_edit(request, pk: int):
    feedback = get_feedback_for_user(request.grants, pk)
    answers = list(
        feedback.entry.answers.filter(question__area=feedback.area)
        .select_related("question")
        .order_by("question__number")
    )
    initial = {
        "strengths": feedback.strengths,
        "improvements": feedback.improvements,
        "version": feedback.version,
    }
    form = FeedbackForm(
        request.POST or None,
        area=feedback.area,
        answers=answers,
        score=feedback.score,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_save(
                feedback=feedback,
                score=form.cleaned_data["score"],
                strengths=form.cleaned_data["strengths"],
                improvements=form.cleaned_data["improvements"],
                question_scores=form.question_scores(),
                expected_version=form.cleaned_data["version"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The feedback was saved."))
            url = redirect("quality:entry_detail", org=_org(request), pk=feedback.entry_id)
            url["Location"] += f"#area-{feedback.area.number}"
            return url
    context = {"form": form, "feedback": feedback, "entry": feedback.entry, "answers": answers}
    return render(request, "quality/feedback_form.html", context)


@require_GET
@organisation_view
def entry_report(request, pk: int):
    entry = get_entry_for_user(request.grants, pk)
    context = {
        "entry": entry,
        "document": quality_document(Kind.ENTRY, entry.pk, grants=request.grants),
        **_downloads(request, Kind.ENTRY, entry.pk),
    }
    return render(request, "quality/report.html", context)
