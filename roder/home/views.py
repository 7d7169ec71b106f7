from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from roder.accounts.models import User
from roder.core.overview import TOP_UNIT
from roder.core.panels import START_PAGE
from roder.home import selectors
from roder.organisation import current
from roder.organisation.access import Grants, grants_for
from roder.organisation.models import Organisation, Role
from roder.organisation.selectors import roles_of_person


@require_GET
@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The person's start page: what waits for them, how the units they see in the current
    organisation are doing, and every organisation they may open."""
    user = request.user
    assert isinstance(user, User)  # login_required
    organisations = list(current.organisations_for(user))
    chosen = _chosen(request, organisations)
    if chosen is not None:
        # The menu and the overview are the chosen organisation's, as on its own pages.
        setattr(request, "grants", grants_for(user, chosen))  # noqa: B010 (not an OrganisationRequest)
    roles: dict[int, list[Role]] = {}
    for role in roles_of_person(user):
        roles.setdefault(role.unit.organisation_id, []).append(role)
    grants = getattr(request, "grants", None)
    context = {
        "organisations": [(o, roles.get(o.pk, [])) for o in organisations],
        "current_organisation": chosen,
        # Reports to write or approve, actions due (core.panels: follow-up and actions add them).
        "panels": START_PAGE.bind(request, grants, user),
    }
    if grants is not None and (grants.roles or grants.is_superuser):
        context.update(_overview(request, grants))
    return render(request, "home/start.html", context)


def _overview(request: HttpRequest, grants: Grants) -> dict[str, Any]:
    """How the units the person sees are doing (`?unit=` starts from a unit, 404 unseen)."""
    unit = request.GET.get("unit", "")
    found = selectors.unit_overview(
        grants,
        unit_pk=int(unit) if unit.isdigit() else None,
        page=request.GET.get("page", 1),
        today=timezone.localdate(),
    )
    return {
        "overview": found,
        "org": grants.organisation.slug,
        "top_panels": TOP_UNIT.bind(request, grants, found.chain) if found.chain else [],
    }


def _chosen(request: HttpRequest, organisations: list[Organisation]) -> Organisation | None:
    """`?org=<slug>` (404 unless the person may open it, as on its own pages), remembered for
    the next visit; else the remembered one, their own, or the first."""
    slug = request.GET.get("org")
    if slug is None:
        return current.choose(request, organisations)
    chosen = next((o for o in organisations if o.slug == slug), None)
    if chosen is None:
        raise Http404
    current.remember(request, chosen)
    return chosen
