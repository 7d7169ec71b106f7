from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from roder.core import progress as task_progress
from roder.kolada import selectors, services
from roder.organisation.access import OrganisationRequest, organisation_view

RECENT_LOADS = 10


@require_http_methods(["GET", "POST"])
@organisation_view
def catalogue(request: OrganisationRequest) -> HttpResponse:
    """Kolada's catalogue: what Roder holds, the recent loads, and (for administrators) a button
    that starts a load in the background; the page follows its progress."""
    if not services.may_load_catalogue(request.user, request.grants):
        raise PermissionDenied
    organisation = request.grants.organisation
    if request.method == "POST":
        try:
            services.start_load(by=request.user, grants=request.grants, full="full" in request.POST)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The load has started. This page shows its progress."))
        return redirect("kolada:catalogue", org=organisation.slug)
    loads = selectors.recent_loads(RECENT_LOADS)
    busy = next((load for load in loads if load.task_busy), None)
    if busy is not None and (
        poll := task_progress.poll_response(request, busy, "kolada/_load_progress.html")
    ):
        return poll
    context = {
        "organisation": organisation,
        "counts": selectors.counts(),
        "loads": loads,
        "busy": busy,
        "county_group": selectors.county_group(organisation),
        "changes_since": services.changes_since(),
    }
    return render(request, "kolada/catalogue.html", context)
