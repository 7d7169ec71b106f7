"""The pages that run surveys (logged in): the overview of rounds and questionnaires, a
questionnaire's page with its export, import and new versions, creating a round, and the round's
page for its owners (links, counts, sending and reminding, closing).

Who may do what: everyone in the organisation reads the questionnaires; controllers and
administrators of the organisation (the top unit) import, copy and take them into use; a round is
seen by the readers of its own unit and run (created, sent, closed) by its unit managers and
those above them.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core.models import HistoryEntry
from roder.organisation.access import (
    OrganisationRequest,
    fetch_for_user,
    get_unit_for_user,
    has_root_role,
    organisation_view,
    require_root_role,
)
from roder.organisation.models import ROLE_RANK, RoleKind, Unit
from roder.surveys import files, selectors, services
from roder.surveys.forms import QuestionnaireImportForm, RoundForm
from roder.surveys.models import (
    Questionnaire,
    RoundAccess,
    RoundKind,
    RoundStatus,
    SurveyRound,
)

EDITOR = RoleKind.CONTROLLER  # on the top unit: changes questionnaires
OWNER = RoleKind.UNIT_MANAGER  # on the round's own unit: runs the round


def _unit_filter(request: OrganisationRequest):
    raw = request.GET.get("unit", "")
    return get_unit_for_user(request.grants, int(raw)) if raw.isdigit() else None


@require_GET
@organisation_view
def overview(request: OrganisationRequest) -> HttpResponse:
    grants = request.grants
    unit = _unit_filter(request)
    today = timezone.localdate()
    rounds = selectors.visible_rounds(grants, unit=unit, today=today)
    for row in rounds:
        row.runs = grants.has_role(row.round.owner_unit, OWNER)
    context = {
        "unit": unit,
        "rounds": rounds,
        "can_start": _runs_somewhere(grants),
        "can_start_here": unit is not None and grants.has_role(unit, OWNER),
        "questionnaires": selectors.questionnaire_list(grants.organisation),
        "can_edit": has_root_role(grants, EDITOR),
    }
    return render(request, "surveys/overview.html", context)


# --- questionnaires --------------------------------------------------------------------------


def _questionnaire(request: OrganisationRequest, pk: int) -> Questionnaire:
    """A questionnaire shipped with Roder or the organisation's own; 404 for another's."""
    organisation = request.grants.organisation
    found = (
        Questionnaire.objects.filter(Q(organisation=None) | Q(organisation=organisation))
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def _to_questionnaire(request: OrganisationRequest, questionnaire: Questionnaire):
    return redirect(
        "surveys:questionnaire_detail",
        org=request.grants.organisation.slug,
        pk=questionnaire.pk,
    )


@require_GET
@organisation_view
def questionnaire_detail(request: OrganisationRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk)
    groups, indices = selectors.questionnaire_contents(questionnaire)
    context = {
        "questionnaire": questionnaire,
        "groups": groups,
        "indices": indices,
        "can_edit": has_root_role(request.grants, EDITOR),
    }
    return render(request, "surveys/questionnaire_detail.html", context)


@require_GET
@organisation_view
def questionnaire_export(request: OrganisationRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire(request, pk)
    response = HttpResponse(
        files.export_json(questionnaire), content_type="application/json; charset=utf-8"
    )
    name = slugify(f"{questionnaire.code}-{questionnaire.version_label}") or "enkat"
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


@require_http_methods(["GET", "POST"])
@organisation_view
def questionnaire_import(request: OrganisationRequest) -> HttpResponse:
    require_root_role(request.grants, EDITOR)
    form = QuestionnaireImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            questionnaire = services.questionnaire_import(
                organisation=request.grants.organisation,
                raw=form.cleaned_data["file"].read(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                _("%(name)s was imported as a draft.") % {"name": questionnaire},
            )
            return _to_questionnaire(request, questionnaire)
    return render(request, "surveys/questionnaire_import.html", {"form": form})


@require_POST
@organisation_view
def questionnaire_copy(request: OrganisationRequest, pk: int) -> HttpResponse:
    require_root_role(request.grants, EDITOR)
    source = _questionnaire(request, pk)
    questionnaire = services.questionnaire_copy(
        source=source, organisation=request.grants.organisation, by=request.user
    )
    messages.success(request, _("A new draft version %(name)s was made.") % {"name": questionnaire})
    return _to_questionnaire(request, questionnaire)


@require_POST
@organisation_view
def questionnaire_take_into_use(request: OrganisationRequest, pk: int) -> HttpResponse:
    require_root_role(request.grants, EDITOR)
    questionnaire = _questionnaire(request, pk)
    if questionnaire.is_locked:
        messages.info(request, _("%(name)s is already in use.") % {"name": questionnaire})
    else:
        services.questionnaire_take_into_use(questionnaire=questionnaire, by=request.user)
        messages.success(
            request,
            _("%(name)s is in use: it is locked and can be sent out.") % {"name": questionnaire},
        )
    return _to_questionnaire(request, questionnaire)


# --- rounds ----------------------------------------------------------------------------------


def _runs_somewhere(grants) -> bool:
    """Whether the person may start a round for some unit (read from the grants)."""
    return grants.is_superuser or any(
        ROLE_RANK[RoleKind(kind)] >= ROLE_RANK[OWNER] for _path, kind in grants.roles
    )


def _questionnaires(organisation):
    return (
        Questionnaire.objects.filter(Q(organisation=None) | Q(organisation=organisation))
        .exclude(rounds__kind=RoundKind.SELF_ASSESSMENT)  # made for one self-assessment
        .order_by("name", "version_label", "pk")
    )


@require_GET
@organisation_view
def round_unit_choice(request: OrganisationRequest) -> HttpResponse:
    """Step one of a new round: whose round it is (a unit the person manages)."""
    grants = request.grants
    if not _runs_somewhere(grants):
        raise PermissionDenied
    today = timezone.localdate()
    units = [
        unit
        for unit in grants.visible_units().order_by("path")
        if grants.has_role(unit, OWNER) and unit.is_valid_on(today)
    ]
    return render(request, "surveys/round_unit_choice.html", {"units": units})


@require_http_methods(["GET", "POST"])
@organisation_view
def round_create(request: OrganisationRequest, unit_pk: int) -> HttpResponse:
    grants = request.grants
    owner = get_unit_for_user(grants, unit_pk, need=OWNER)
    today = timezone.localdate()
    below = [
        u.pk
        for u in Unit.objects.filter(organisation=grants.organisation, path__startswith=owner.path)
        if u.is_valid_on(today)
    ]
    form = RoundForm(
        request.POST or None,
        request.FILES or None,
        owner=owner,
        questionnaires=_questionnaires(grants.organisation),
        units=Unit.objects.filter(pk__in=below).order_by("path"),
        today=today,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.round_start(
                organisation=grants.organisation,
                questionnaire=data["questionnaire"],
                owner_unit=owner,
                units=data["units"],
                name=data["name"],
                access=data["access"],
                opens_on=data["opens_on"],
                closes_on=data["closes_on"],
                by=request.user,
                recipients=form.recipient_rows,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The round %(name)s was created.") % {"name": round_})
            return redirect("surveys:round_manage", org=grants.organisation.slug, pk=round_.pk)
    return render(request, "surveys/round_form.html", {"form": form, "owner": owner})


def _owned_round(request: OrganisationRequest, pk: int) -> SurveyRound:
    rounds = SurveyRound.objects.surveys().select_related(
        "questionnaire", "organisation", "owner_unit"
    )
    return fetch_for_user(request.grants, rounds, pk, unit="owner_unit", need=OWNER)


@require_GET
@organisation_view
def round_manage(request: OrganisationRequest, pk: int) -> HttpResponse:
    """The round's page for its owners: each unit's open link, or how many are invited and
    have answered (never who), and the buttons that send, remind and close."""
    round_ = _owned_round(request, pk)
    today = timezone.localdate()
    rows = selectors.round_unit_counts(round_)
    for row in rows:
        row.link = request.build_absolute_uri(
            reverse("surveys:answer_open", args=[row.round_unit.token])
        )
    state = selectors.round_state(round_, today)
    personal = round_.access == RoundAccess.PERSONAL
    sending = selectors.sending_counts(round_) if personal else None
    context = {
        "round": round_,
        "rows": rows,
        "state_label": selectors.STATE_LABELS[state],
        "personal": personal,
        "sending": sending,
        "can_send": sending is not None and state in ("open", "not_open") and sending.unsent > 0,
        "can_remind": sending is not None and state == "open" and sending.waiting > 0,
        "can_close": round_.status == RoundStatus.OPEN,
        "total_invited": sum(row.invited for row in rows),
        "history": HistoryEntry.objects.for_object(round_).newest_first()[:50],
        "total_answered": sum(row.answered for row in rows),
    }
    return render(request, "surveys/round_manage.html", context)


def _to_round(request: OrganisationRequest, round_: SurveyRound):
    return redirect("surveys:round_manage", org=request.grants.organisation.slug, pk=round_.pk)


def _send(request: OrganisationRequest, pk: int, *, reminder: bool) -> HttpResponse:
    round_ = _owned_round(request, pk)
    try:
        sent = services.invitations_send(
            round_=round_,
            base_url=request.build_absolute_uri("/"),
            by=request.user,
            reminder=reminder,
            today=timezone.localdate(),
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        if reminder:
            text = _("A reminder was sent to %(n)s people.") % {"n": sent}
        else:
            text = _("The invitation was sent to %(n)s people.") % {"n": sent}
        messages.success(request, text if sent else _("There was nobody to send to."))
    return _to_round(request, round_)


@require_POST
@organisation_view
def round_send(request: OrganisationRequest, pk: int) -> HttpResponse:
    return _send(request, pk, reminder=False)


@require_POST
@organisation_view
def round_remind(request: OrganisationRequest, pk: int) -> HttpResponse:
    return _send(request, pk, reminder=True)


@require_POST
@organisation_view
def round_close(request: OrganisationRequest, pk: int) -> HttpResponse:
    round_ = _owned_round(request, pk)
    try:
        services.round_close(round_=round_, by=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("The round is closed: it takes no more answers."))
    return _to_round(request, round_)
