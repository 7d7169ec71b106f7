"""Answering pages (no log-in: the link is the key) and a round's results (logged in)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core import ratelimit
from roder.core.services import ConcurrentEditError
from roder.documents.models import Format
from roder.documents.services import object_document
from roder.indicators.access import get_indicator_for_user
from roder.organisation.access import fetch_for_user, organisation_view
from roder.organisation.models import RoleKind
from roder.surveys import documents, nyckeltal, selectors, services
from roder.surveys.forms import AnswerForm, initial_from_draft
from roder.surveys.models import RoundUnit, SurveyRound

BROWSER_COOKIE = "roder_survey"
ANSWER_RULE = ratelimit.Rule(name="address", free=30, base=5, most=600, forgive=60)
OWNER = RoleKind.UNIT_MANAGER


def _limited(request):
    """Count an answer attempt by the client's address; the message when it must wait."""
    try:
        ratelimit.hit(scope="survey", keys=[(ANSWER_RULE, ratelimit.client_address(request))])
    except ratelimit.RateLimited as error:
        return error.message
    return None


@require_http_methods(["GET", "POST"])
def answer_open(request, token: str):
    round_unit = get_object_or_404(
        RoundUnit.objects.select_related("round__questionnaire", "round__organisation", "unit"),
        token=token,
    )
    browser = request.COOKIES.get(BROWSER_COOKIE, "")
    response = _answer(request, round_unit.round, round_unit.unit, open_link=round_unit)
    if not browser:
        response.set_cookie(
            BROWSER_COOKIE,
            services.new_token(),
            max_age=60 * 60 * 24 * 365,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@require_http_methods(["GET", "POST"])
def answer_personal(request, token: str):
    invitation = services.invitation_for(token)
    if invitation is None:
        raise Http404
    return _answer(request, invitation.round, invitation.unit, invitation=invitation)


def _answer(request, round_, unit, *, open_link=None, invitation=None):
    today = timezone.localdate()
    questions = list(
        round_.questionnaire.questions.select_related("group").prefetch_related("choices")
    )
    context = {"round": round_, "unit": unit, "personal": invitation is not None}
    try:
        services.check_accepting(round_, today)
    except ValidationError as error:
        return render(request, "surveys/closed.html", {**context, "reason": error.messages[0]})
    if invitation is not None and invitation.answered:
        reason = _("This link has already been used to answer.")
        return render(request, "surveys/closed.html", {**context, "reason": reason})
    saving = invitation is not None and "save" in request.POST
    form_kwargs = {"questions": questions, "complete": not saving}
    if request.method != "POST":
        initial = initial_from_draft(questions, invitation.draft) if invitation else {}
        form = AnswerForm(initial=initial, **form_kwargs)
        return render(request, "surveys/answer.html", {**context, "form": form})
    form = AnswerForm(request.POST, **form_kwargs)
    wait = _limited(request)
    if wait:
        form.add_error(None, wait)
    elif form.is_valid():
        try:
            if saving:
                services.draft_save(invitation=invitation, values=form.values(), today=today)
            elif invitation is not None:
                services.answer_personal(invitation=invitation, values=form.values(), today=today)
            else:
                browser = request.COOKIES.get(BROWSER_COOKIE, "")
                if not browser:
                    raise ValidationError(
                        _(
                            "Your browser must accept cookies to answer, so that each browser "
                            "answers once. Reload the page and try again."
                        )
                    )
                services.answer_open_link(
                    round_unit=open_link, browser_token=browser, values=form.values(), today=today
                )
        except ValidationError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            if saving:
                messages.success(
                    request,
                    _("Your answers so far are saved. Open the same link to continue."),
                )
                return redirect(request.path)
            return redirect("surveys:thanks")
    return render(request, "surveys/answer.html", {**context, "form": form})


@require_GET
def thanks(request):
    return render(request, "surveys/thanks.html")


@require_GET
@organisation_view
def round_results(request, pk: int):
    rounds = SurveyRound.objects.surveys().select_related(
        "questionnaire", "organisation", "owner_unit"
    )
    round_ = fetch_for_user(request.grants, rounds, pk, unit="owner_unit")
    owner = request.grants.has_role(round_.owner_unit, OWNER)
    results = selectors.round_results(round_, with_texts=owner)
    own, branch = request.GET.get("unit", ""), request.GET.get("branch", "")
    detail = results.total
    for group in results.units:
        if str(group.unit_id) == (branch if group.branch else own):
            detail = group
    context = {"round": round_, "results": results, "detail": detail, "is_owner": owner}
    return render(request, "surveys/results.html", context)


@require_POST
@organisation_view
def round_nyckeltal(request, pk: int):
    """Write the closed round's indices as the linked indicators' outcomes again (when a period
    has opened since, or an indicator was linked after the round closed). Its owners."""
    rounds = SurveyRound.objects.surveys().select_related(
        "questionnaire", "organisation", "owner_unit"
    )
    round_ = fetch_for_user(request.grants, rounds, pk, unit="owner_unit", need=OWNER)
    try:
        written, problems = nyckeltal.results_write(round_=round_, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(n)s outcome written from the round.",
                "%(n)s outcomes written from the round.",
                written,
            )
            % {"n": written},
        )
        for problem in problems:
            messages.warning(request, problem)
    return redirect("surveys:round_results", org=request.grants.organisation.slug, pk=round_.pk)


@require_POST
@organisation_view
def indicator_link(request, pk: int):
    """Link an indicator to a survey index, or back to entry by hand. Controllers of its owner."""
    indicator = get_indicator_for_user(request.grants, pk, need=nyckeltal.LINKER)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        nyckeltal.indicator_link(
            indicator=indicator,
            reference_=request.POST.get("index", "").strip(),
            expected_version=version,
            by=request.user,
        )
    except ConcurrentEditError:
        messages.error(request, _("Someone changed the indicator meanwhile. Try again."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The indicator now takes its outcomes from the survey index.")
            if nyckeltal.fills(indicator)
            else _("The indicator's outcomes are entered by hand again."),
        )
    return redirect("indicators:detail", org=request.grants.organisation.slug, pk=indicator.pk)


@require_GET
@organisation_view
def round_report(request, pk: int):
    """The survey report as a web page, with PDF, Word and Excel made by the documents app."""
    round_ = documents.round_for_user(request.grants, pk)
    produce = reverse(
        "documents:produce_object",
        kwargs={
            "org": request.grants.organisation.slug,
            "kind": documents.KEY,
            "object_id": round_.pk,
        },
    )
    context = {
        "round": round_,
        "document": object_document(documents.KEY, round_, grants=request.grants),
        "produce_url": produce,
        "formats": Format.choices,
    }
    return render(request, "surveys/report.html", context)
