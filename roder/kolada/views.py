from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core import progress as task_progress
from roder.core.services import ConcurrentEditError
from roder.indicators.access import get_indicator_for_user
from roder.indicators.models import Indicator
from roder.kolada import compare as compare_selectors
from roder.kolada import selectors, services, values
from roder.kolada.models import Peer, UnitOu
from roder.organisation.access import (
    OrganisationRequest,
    check_unit,
    get_unit_for_user,
    organisation_view,
)

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


def _indicator_for_linker(request: OrganisationRequest, pk: int) -> Indicator:
    return get_indicator_for_user(request.grants, pk, need=values.LINKER)


def _back(request: OrganisationRequest, indicator: Indicator) -> HttpResponse:
    return redirect("kolada:indicator", org=request.grants.organisation.slug, pk=indicator.pk)


@require_GET
@organisation_view
def indicator(request: OrganisationRequest, pk: int) -> HttpResponse:
    """Link the indicator to a Kolada KPI (search by id or words), fetch its values, and see
    what they would write as outcomes before accepting. For controllers of the owner unit."""
    indicator = _indicator_for_linker(request, pk)
    query = request.GET.get("q", "").strip()
    context = {
        "indicator": indicator,
        "query": query,
        "found": values.kpi_search(query) if query else [],
        "kolada": selectors.value_table(indicator),
        "rows": values.preview(indicator, indicator.owner),
        "places": values.places(indicator.organisation),
        "may_choose_peers": values.may_choose_peers(request.grants),
        "owner_ou": UnitOu.objects.filter(unit=indicator.owner).first(),
    }
    return render(request, "kolada/indicator.html", context)


@require_POST
@organisation_view
def indicator_link(request: OrganisationRequest, pk: int) -> HttpResponse:
    indicator = _indicator_for_linker(request, pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        values.indicator_link(
            indicator=indicator,
            kpi_id=request.POST.get("kpi", ""),
            expected_version=version,
            grants=request.grants,
            by=request.user,
        )
    except ConcurrentEditError:
        messages.error(request, _("Someone changed the indicator meanwhile. Try again."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The indicator is linked to %(kpi)s. Fetch its values from Kolada.")
            % {"kpi": indicator.source_reference},
        )
    return _back(request, indicator)


@require_POST
@organisation_view
def indicator_fetch(request: OrganisationRequest, pk: int) -> HttpResponse:
    indicator = _indicator_for_linker(request, pk)
    try:
        result = values.fetch_for_indicator(indicator)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(count)s values were read from Kolada. Check the preview and accept.")
            % {"count": sum(result["stored"].values())},
        )
    return _back(request, indicator)


@require_POST
@organisation_view
def indicator_accept(request: OrganisationRequest, pk: int) -> HttpResponse:
    indicator = _indicator_for_linker(request, pk)
    years = [int(y) for y in request.POST.getlist("year") if y.isdigit()]
    if not years:
        messages.error(request, _("Choose the years to accept."))
        return _back(request, indicator)
    try:
        result = values.apply(indicator, indicator.owner, years=years, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(request, indicator)
    messages.success(
        request,
        _(
            "%(written)s outcomes were written from Kolada, %(pending)s became revisions "
            "awaiting a controller, %(comparisons)s comparison values were updated."
        )
        % result,
    )
    return _back(request, indicator)


# -- peers -----------------------------------------------------------------------------------


def _peer_chooser(request: OrganisationRequest) -> None:
    if not values.may_choose_peers(request.grants):
        raise PermissionDenied


@require_GET
@organisation_view
def peers(request: OrganisationRequest) -> HttpResponse:
    """The organisation's peers (municipalities or groups it compares itself with) and a search
    of the catalogue by name or code to add more. For controllers and administrators."""
    _peer_chooser(request)
    organisation = request.grants.organisation
    query = request.GET.get("q", "").strip()
    chosen = selectors.peers(organisation)
    taken = {peer.target for peer in chosen} | {organisation.municipality_code}
    context = {
        "organisation": organisation,
        "peers": chosen,
        "query": query,
        "found": [p for p in values.peer_search(query) if p.target not in taken] if query else [],
    }
    return render(request, "kolada/peers.html", context)


def _peers_back(request: OrganisationRequest) -> HttpResponse:
    return redirect("kolada:peers", org=request.grants.organisation.slug)


@require_POST
@organisation_view
def peer_add(request: OrganisationRequest) -> HttpResponse:
    _peer_chooser(request)
    try:
        peer = values.peer_add(
            organisation=request.grants.organisation,
            target=request.POST.get("target", ""),
            by=request.user,
            grants=request.grants,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s is now a peer. The next fetch from Kolada reads its values.")
            % {"name": peer.title},
        )
    return _peers_back(request)


@require_POST
@organisation_view
def peer_remove(request: OrganisationRequest, pk: int) -> HttpResponse:
    _peer_chooser(request)
    peer = get_object_or_404(Peer, organisation=request.grants.organisation, pk=pk)
    try:
        values.peer_remove(
            organisation=request.grants.organisation,
            peer_id=peer.pk,
            by=request.user,
            grants=request.grants,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The peer was removed."))
    return _peers_back(request)


# -- comparison ------------------------------------------------------------------------------


@require_GET
@organisation_view
def compare(request: OrganisationRequest, pk: int) -> HttpResponse:
    """The indicator's Kolada comparison (the organisation against its peers, county and riket,
    its rank in the county) and unit against unit, for everyone who sees the owner unit."""
    indicator = get_indicator_for_user(request.grants, pk)
    check_unit(request.grants, indicator.owner)
    found = compare_selectors.comparison(indicator, request.grants)
    if found is None:
        raise Http404
    context = {
        "indicator": indicator,
        "organisation": request.grants.organisation,
        "compare": found,
        "may_link": values.may_link(request.grants, indicator),
        "may_choose_peers": values.may_choose_peers(request.grants),
    }
    return render(request, "kolada/compare.html", context)


# -- a unit's organisational unit in Kolada ---------------------------------------------------


@require_http_methods(["GET", "POST"])
@organisation_view
def unit_ou(request: OrganisationRequest, unit_pk: int) -> HttpResponse:
    """Link the unit to one of Kolada's organisational units (ou), or remove the link: a
    unit-level indicator whose KPI has ou data then takes the unit's values from it. For
    controllers of the unit. The form carries the id it changes (changed meanwhile: refused)."""
    unit = get_unit_for_user(request.grants, unit_pk, need=values.LINKER)
    link = UnitOu.objects.filter(unit=unit).first()
    if request.method == "POST":
        if request.POST.get("current", "") != (link.ou if link else ""):
            messages.error(request, _("Someone changed the link meanwhile. Try again."))
            return redirect("kolada:unit_ou", org=request.grants.organisation.slug, unit_pk=unit.pk)
        ou = "" if "remove" in request.POST else request.POST.get("ou", "")
        try:
            values.unit_ou_set(
                unit=unit,
                ou=ou,
                title=request.POST.get("title", ""),
                by=request.user,
                grants=request.grants,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The unit is linked to %(ou)s. The next fetch reads its values.") % {"ou": ou}
                if ou.strip()
                else _("The unit is no longer linked to Kolada's organisational units."),
            )
        return redirect("kolada:unit_ou", org=request.grants.organisation.slug, unit_pk=unit.pk)
    context = {"unit": unit, "link": link, "indicators": selectors.linked_at(unit)}
    return render(request, "kolada/unit_ou.html", context)
