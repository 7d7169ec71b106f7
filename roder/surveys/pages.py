"""The pages that run surveys (logged in): the overview of rounds and questionnaires, a
questionnaire's page with its export, import and new versions, creating a round, and the round's
page for its owners (links, counts, sending and reminding, closing).

Who may do what: everyone in the organisation reads the questionnaires; controllers and
administrators of the organisation (the top unit) import, copy and take them into use; a round is
seen by the readers of its own unit and run (created, sent, closed) by its unit managers and
those above them.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from roder.organisation.access import (
    OrganisationRequest,
    get_unit_for_user,
    has_root_role,
    organisation_view,
)
from roder.organisation.models import RoleKind
from roder.surveys import selectors

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
