"""The award entry pages: create and edit an entry, answer its questions (with figures from
Roder), the evaluators' feedback per area, the report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core.forms import add_service_errors
from roder.documents.services import object_document
from roder.organisation.access import organisation_view
from roder.quality.entries import selectors, services
from roder.quality.entries.access import (
    get_answer_for_user,
    get_entry_for_user,
    get_feedback_for_user,
    may_evaluate_entry,
)
from roder.quality.entries.forms import (
    AnswerForm,
    EntryCreateForm,
    EntryForm,
    FeedbackForm,
    FiguresForm,
)
from roder.quality.frameworks.access import frameworks_of
from roder.quality.pages import ENTRY, downloads, history_of
from roder.quality.roles import ANSWER_WRITER, EVALUATOR, units_with


def _org(request) -> str:
    return request.grants.organisation.slug


@require_http_methods(["GET", "POST"])
@organisation_view
def entry_create(request):
    grants = request.grants
    units = units_with(grants, ANSWER_WRITER)
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
    if not units_with(grants, EVALUATOR).exists():
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
        "history": history_of(entry),
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
        "document": object_document(ENTRY, entry, grants=request.grants),
        **downloads(request, ENTRY, entry.pk),
    }
    return render(request, "quality/report.html", context)
