from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from roder.accounts.models import User
from roder.core.panels import START_PAGE
from roder.organisation.access import grants_for
from roder.organisation.models import Organisation, Role
from roder.organisation.selectors import roles_of_person


@require_GET
@login_required
def start(request: HttpRequest) -> HttpResponse:
    """The person's start page: what waits for them, their organisations, units and roles."""
    user = request.user
    assert isinstance(user, User)  # login_required
    roles = roles_of_person(user)
    home = user.organisation
    if home is not None and (
        user.is_superuser or any(role.unit.organisation_id == home.pk for role in roles)
    ):
        # Lets the menu offer the home organisation's pages right after log-in.
        setattr(request, "grants", grants_for(user, home))  # noqa: B010 (not an OrganisationRequest)
    organisations: dict[Organisation, list[Role]] = {}
    for role in roles:
        organisations.setdefault(role.unit.organisation, []).append(role)
    context = {
        "organisations": organisations,
        # Reports to write or approve, actions due (core.panels: follow-up and actions add them).
        "panels": START_PAGE.bind(request, getattr(request, "grants", None), user),
    }
    return render(request, "home/start.html", context)
