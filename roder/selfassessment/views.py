from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core.disclosure import minimum_group_size
from roder.core.editing import form_edit
from roder.organisation.access import fetch_for_user, get_unit_for_user, organisation_view
from roder.organisation.models import RoleKind
from roder.periods.access import get_period_for_user
from roder.periods.models import ReportingPeriod
from roder.periods.selectors import default_period
from roder.selfassessment import selectors, services
from roder.selfassessment.forms import RoundForm
from roder.selfassessment.models import Round
from roder.surveys.models import Invitation

ORGANISER = RoleKind.UNIT_MANAGER


def _org(request) -> str:
    return request.grants.organisation.slug


def _round_for(request, pk: int, *, need=RoleKind.READER) -> Round:
    rounds = Round.objects.select_related("unit", "period", "survey_round")
    return fetch_for_user(request.grants, rounds, pk, need=need)


@require_http_methods(["GET", "POST"])
@organisation_view
def round_list(request, unit_pk: int):
    unit = get_unit_for_user(request.grants, unit_pk)
    periods = list(ReportingPeriod.objects.filter(organisation=unit.organisation, status="open"))
    if request.method == "POST":
        get_unit_for_user(request.grants, unit_pk, need=ORGANISER)
    save = partial(services.round_open, unit=unit, by=request.user)
    edit = form_edit(request, RoundForm, save, periods=periods)
    if edit.saved:
        messages.success(
            request, _("The self-assessment is open. Everyone in the unit can now answer it.")
        )
        return redirect("selfassessment:round", org=_org(request), pk=edit.result.pk)
    context = {
        "unit": unit,
        "rounds": unit.self_assessments.select_related("period", "survey_round").order_by(
            "-period__ends"
        ),
        "form": edit.form if periods else None,
        "can_organise": request.grants.has_role(unit, ORGANISER),
        "minimum": minimum_group_size(request.grants.organisation),
    }
    return render(request, "selfassessment/list.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def round_detail(request, pk: int):
    """The compiled result; a POST (the button, or a form from before the survey engine) sends
    a member who has not answered to their personal link on the survey's answering page."""
    round_ = _round_for(request, pk)
    members = set(services.members(round_.unit))
    if request.method == "POST":
        try:
            token = services.answer_link(round_=round_, person=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("selfassessment:round", org=_org(request), pk=round_.pk)
        return redirect("surveys:answer_personal", token=token)
    is_member = request.user.pk in members
    answered = Invitation.objects.filter(
        round=round_.survey_round_id, person=request.user, answered=True
    ).exists()
    context = {
        "round": round_,
        "unit": round_.unit,
        "may_answer": round_.is_open and is_member and not answered,
        "answered": answered,
        "is_member": is_member,
        "result": selectors.round_result(round_, len(members)),
        "can_organise": request.grants.has_role(round_.unit, ORGANISER),
    }
    return render(request, "selfassessment/round.html", context)


@require_POST
@organisation_view
def round_close(request, pk: int):
    round_ = _round_for(request, pk, need=ORGANISER)
    try:
        services.round_close(round_=round_, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The self-assessment was closed."))
    return redirect("selfassessment:round", org=_org(request), pk=round_.pk)


@require_GET
@organisation_view
def branch(request, unit_pk: int):
    unit = get_unit_for_user(request.grants, unit_pk)
    pk = request.GET.get("period", "")
    period = (
        get_period_for_user(request.grants, int(pk))
        if pk.isdigit()
        else default_period(request.grants.organisation)
    )
    context = {
        "unit": unit,
        "period": period,
        "branch": selectors.branch_results(unit, period, request.grants) if period else None,
        "periods": ReportingPeriod.objects.filter(organisation=unit.organisation),
    }
    return render(request, "selfassessment/branch.html", context)
