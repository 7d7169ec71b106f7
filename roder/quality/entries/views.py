"""The award entry pages: create and edit an entry, answer its questions (with figures from
Roder), the evaluators' feedback per area, the report."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core.editing import form_edit
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

    def create(**values):
        if values.get("evaluators") and not grants.has_role(values["unit"], EVALUATOR):
            message = _("Only a controller of the unit names the evaluators.")
            raise ValidationError({"evaluators": message})
        return services.entry_create(by=request.user, **values)

    edit = form_edit(
        request,
        EntryCreateForm,
        create,
        organisation=grants.organisation,
        units=units,
        frameworks=frameworks_of(grants.organisation)
        .filter(areas__questions__isnull=False)
        .distinct(),
        # The unit's controllers name the evaluators.
        names_evaluators=units_with(grants, EVALUATOR).exists(),
    )
    if edit.saved:
        messages.success(request, _("The entry was created."))
        return redirect("quality:entry_detail", org=_org(request), pk=edit.result.pk)
    return render(request, "quality/entry_form.html", {"form": edit.form})


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
    if not (unit_side or judge):
        raise PermissionDenied
    hidden = [*(() if unit_side else UNIT_FIELDS), *(() if judge else ("feedback_summary",))]
    hidden += [] if grants.has_role(entry.unit, EVALUATOR) else ["evaluators"]
    edit = form_edit(
        request,
        EntryForm,
        partial(services.entry_update, entry=entry, by=request.user),
        obj=entry,
        fields=services.ENTRY_FIELDS,
        initial={"evaluators": entry.evaluators.all()},
        organisation=grants.organisation,
        hidden=hidden,
    )
    if edit.saved:
        messages.success(request, _("The entry was saved."))
        return redirect("quality:entry_detail", org=_org(request), pk=entry.pk)
    return render(request, "quality/entry_form.html", {"form": edit.form, "entry": entry})


def _answer_page(request, answer, form, figures_form):
    context = {
        "answer": answer,
        "entry": answer.entry,
        "question": answer.question,
        "form": form,
        "figures_form": figures_form,
    }
    return render(request, "quality/answer_form.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def answer_edit(request, pk: int):
    answer = get_answer_for_user(request.grants, pk, need=ANSWER_WRITER)
    save = partial(services.answer_save, answer=answer, by=request.user)
    edit = form_edit(request, AnswerForm, save, obj=answer, fields=("text",))
    if edit.saved:
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
    return _answer_page(request, answer, edit.form, figures_form)


@require_POST
@organisation_view
def answer_figures(request, pk: int):
    """Insert figures from Roder: append the chosen indicators' outcomes to the answer."""
    answer = get_answer_for_user(request.grants, pk, need=ANSWER_WRITER)
    unit = answer.entry.unit

    def add(*, indicators, expected_version):
        lines = selectors.figure_lines(unit, indicators)
        return services.answer_add_figures(
            answer=answer, lines=lines, expected_version=expected_version, by=request.user
        )

    indicators = selectors.indicator_choices(unit)
    edit = form_edit(request, FiguresForm, add, versioned=True, indicators=indicators)
    if edit.saved:
        messages.success(request, _("The figures were added to the answer."))
        return redirect("quality:answer_edit", org=_org(request), pk=answer.pk)
    answer_form = AnswerForm(initial={"text": answer.text, "version": answer.version})
    return _answer_page(request, answer, answer_form, edit.form)


@require_http_methods(["GET", "POST"])
@organisation_view
def feedback_edit(request, pk: int):
    feedback = get_feedback_for_user(request.grants, pk)
    answers = selectors.area_answers(feedback.entry, feedback.area)
    edit = form_edit(
        request,
        FeedbackForm,
        partial(services.feedback_save, feedback=feedback, by=request.user),
        obj=feedback,
        fields=("strengths", "improvements"),
        area=feedback.area,
        answers=answers,
        score=feedback.score,
    )
    if edit.saved:
        messages.success(request, _("The feedback was saved."))
        url = redirect("quality:entry_detail", org=_org(request), pk=feedback.entry_id)
        url["Location"] += f"#area-{feedback.area.number}"
        return url
    context = {"form": edit.form, "feedback": feedback, "entry": feedback.entry, "answers": answers}
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
