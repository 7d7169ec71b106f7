"""The pages that run surveys (logged in): the overview of rounds and questionnaires, a
questionnaire's page with its export, import and new versions, creating a round, and the round's
page for its owners (links, counts, sending and reminding, closing).

Who may do what: everyone in the organisation reads the questionnaires; controllers and
administrators of the organisation (the top unit) import, copy and take them into use; a round is
seen by the readers of its own unit and run (created, sent, closed) by its unit managers and
those above them.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.organisation.access import (
    OrganisationRequest,
    get_unit_for_user,
    has_root_role,
    organisation_view,
    require_root_role,
)
from roder.organisation.models import RoleKind
from roder.surveys import files, selectors, services
from roder.surveys.forms import QuestionnaireImportForm
from roder.surveys.models import Questionnaire

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
    context = {
        "unit": unit,
        "rounds": selectors.visible_rounds(grants, unit=unit, today=today),
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
