from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.accounts.models import User
from roder.core.editing import form_edit
from roder.core.models import HistoryEntry
from roder.organisation.access import OrganisationRequest, get_unit_for_user, organisation_view
from roder.organisation.models import Unit
from roder.wheel import feeds, selectors, services
from roder.wheel.access import (
    EDITOR,
    editable_units,
    get_event_for_user,
    may_edit,
    may_edit_somewhere,
    require_editor_somewhere,
)
from roder.wheel.drawing import colours, wheel_svg
from roder.wheel.forms import EventForm, PublicFeedForm, initial_for
from roder.wheel.models import FeedToken, WheelEvent

CALENDAR = "text/calendar; charset=utf-8"


def _year(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return timezone.localdate().year


@require_GET
@organisation_view
def wheel(request: OrganisationRequest) -> HttpResponse:
    grants = request.grants
    year = _year(request)
    unit = None
    unit_pk = request.GET.get("unit", "")
    if unit_pk.isdigit():
        unit = get_unit_for_user(grants, int(unit_pk))
    kinds = selectors.kind_choices()
    kind = request.GET.get("kind", "")
    if kind not in dict(kinds):
        kind = ""
    the_wheel = selectors.wheel_of(grants, year, unit=unit, kind=kind)
    keys = [key for key, _label in kinds]
    palette = colours(keys)
    feed = selectors.public_feed_of(unit) if unit is not None else None
    context = {
        "wheel": the_wheel,
        "svg": wheel_svg(the_wheel, title_id="wheel-title", kinds=keys),
        "legend": [(label, palette[key]) for key, label in kinds],
        "kinds": kinds,
        "kind": kind,
        "unit": unit,
        "units": grants.visible_units().order_by("path"),
        "year": year,
        "can_edit": may_edit_somewhere(grants),
        "public_feed": feed,
        "feed_form": PublicFeedForm(
            initial={
                "public": bool(feed and feed.public),
                "version": feed.version if feed else None,
            }
        )
        if unit is not None and grants.has_role(unit, EDITOR)
        else None,
        "section": "wheel",
    }
    return render(request, "wheel/wheel.html", context)


@require_GET
@organisation_view
def event_list(request: OrganisationRequest) -> HttpResponse:
    grants = request.grants
    events = selectors.events_for_editing(grants)
    return render(
        request,
        "wheel/event_list.html",
        {"events": events, "can_edit": may_edit_somewhere(grants), "section": "wheel"},
    )


@require_http_methods(["GET", "POST"])
@organisation_view
def event_create(request: OrganisationRequest) -> HttpResponse:
    grants = request.grants
    require_editor_somewhere(grants)
    units = editable_units(grants)
    initial: dict[str, object] = {"starts_on": timezone.localdate()}
    if (unit_pk := request.GET.get("unit", "")).isdigit():
        initial["unit"] = int(unit_pk)
    edit = form_edit(
        request,
        EventForm,
        partial(_create, by=request.user),
        initial=initial,
        values=lambda form: form.values(),
        versioned=False,
        units=units,
    )
    if edit.saved:
        messages.success(request, _("The event was added to the wheel."))
        return redirect("wheel:event_edit", org=grants.organisation.slug, pk=edit.result.pk)
    return render(request, "wheel/event_form.html", {"form": edit.form, "event": None})


def _create(*, unit: Unit, version=None, by, **values) -> WheelEvent:
    return services.event_create(unit=unit, by=by, **values)


@require_http_methods(["GET", "POST"])
@organisation_view
def event_edit(request: OrganisationRequest, pk: int) -> HttpResponse:
    grants = request.grants
    event = get_event_for_user(grants, pk, edit=request.method == "POST")
    history = HistoryEntry.objects.for_object(event).newest_first()[:50]
    if not may_edit(grants, event):
        return render(request, "wheel/event_detail.html", {"event": event, "history": history})
    edit = form_edit(
        request,
        EventForm,
        partial(services.event_update, event=event, by=request.user),
        obj=event,
        fields=services.EVENT_FIELDS,
        initial=initial_for(event),
        values=lambda form: form.values(),
        units=editable_units(grants),
    )
    if edit.saved:
        messages.success(request, _("The event was saved."))
        return redirect("wheel:event_edit", org=grants.organisation.slug, pk=event.pk)
    return render(
        request,
        "wheel/event_form.html",
        {"form": edit.form, "event": event, "history": history},
    )


@require_POST
@organisation_view
def event_delete(request: OrganisationRequest, pk: int) -> HttpResponse:
    grants = request.grants
    event = get_event_for_user(grants, pk, edit=True)
    try:
        services.event_delete(
            event=event,
            expected_version=int(request.POST.get("version", 0) or 0),
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("wheel:event_edit", org=grants.organisation.slug, pk=event.pk)
    messages.success(request, _("The event was removed from the wheel."))
    return redirect("wheel:event_list", org=grants.organisation.slug)


@require_POST
@organisation_view
def public_feed_set(request: OrganisationRequest, unit_pk: int) -> HttpResponse:
    grants = request.grants
    unit = get_unit_for_user(grants, unit_pk, need=EDITOR)
    form = PublicFeedForm(request.POST)
    target = reverse("wheel:wheel", kwargs={"org": grants.organisation.slug}) + f"?unit={unit.pk}"
    if not form.is_valid():
        messages.error(request, _("The setting could not be read; try again."))
        return redirect(target)
    try:
        services.public_feed_set(
            unit=unit,
            public=form.cleaned_data["public"],
            expected_version=form.cleaned_data["version"] or 0,
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The public calendar feed setting was saved."))
    return redirect(target)


@require_GET
def unit_feed(request: HttpRequest, organisation: str, unit_pk: int) -> HttpResponse:
    """A unit's public feed: no log-in; 404 unless the unit publishes it."""
    unit = get_object_or_404(
        Unit.objects.select_related("organisation"), pk=unit_pk, organisation__slug=organisation
    )
    if not selectors.has_public_feed(unit):
        raise Http404
    return _calendar(feeds.unit_calendar(unit), "public, max-age=3600")


@require_http_methods(["GET"])
@login_required
def my_feed(request: HttpRequest) -> HttpResponse:
    token = FeedToken.objects.filter(person=_person(request)).first()
    url = (
        request.build_absolute_uri(reverse("wheel:person_feed", kwargs={"token": token.token}))
        if token
        else ""
    )
    return render(request, "wheel/my_feed.html", {"feed_url": url, "token": token})


@require_POST
@login_required
def my_feed_renew(request: HttpRequest) -> HttpResponse:
    if FeedToken.objects.filter(person=_person(request)).exists():
        services.feed_token_renew(person=request.user)
        messages.success(
            request, _("Your calendar address was renewed. The old address no longer works.")
        )
    else:
        services.feed_token_of(person=request.user)
        messages.success(request, _("Your calendar address is ready."))
    return redirect("wheel:my_feed")


def _person(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # login_required
    return request.user


@require_GET
def person_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's private feed: the secret token is the only key (404 for any other)."""
    found = FeedToken.objects.filter(token=token).select_related("person").first()
    if found is None or not found.person.is_active:
        raise Http404
    return _calendar(feeds.person_calendar(found.person, timezone.localdate()), "private, no-store")


def _calendar(body: bytes, cache: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CALENDAR)
    response["Content-Disposition"] = 'inline; filename="roder.ics"'
    response["Cache-Control"] = cache
    return response
