from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from roder.actions.selectors import actions_due_for
from roder.followup.selectors import todo_for
from roder.organisation.access import grants_for
from roder.organisation.selectors import roles_of_person


@require_GET
@login_required
def start(request):
    """The person's start page: their organisations, units and roles."""
    roles = roles_of_person(request.user)
    home = request.user.organisation
    if home is not None and (
        request.user.is_superuser or any(role.unit.organisation_id == home.pk for role in roles)
    ):
        # Lets the menu offer the home organisation's pages right after log-in.
        request.grants = grants_for(request.user, home)
    organisations = {}
    for role in roles:
        organisations.setdefault(role.unit.organisation, []).append(role)
    context = {
        "organisations": organisations,
        "todos": todo_for(request.user),
        "my_actions": actions_due_for(request.user),
    }
    return render(request, "core/start.html", context)


@require_GET
def health(request):
    """For load balancers: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
