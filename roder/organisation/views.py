from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core import search as header_search
from roder.core.editing import form_edit
from roder.core.forms import parse_date
from roder.core.htmx import template_for
from roder.core.models import HistoryEntry
from roder.organisation import current, selectors, services
from roder.organisation.access import (
    can_anonymise_person,
    can_change_person,
    fetch_for_user,
    get_unit_for_user,
    organisation_view,
    require_administrator_anywhere,
    require_organisation_administrator,
    require_person_change,
)
from roder.organisation.forms import (
    OrganisationCreateForm,
    OrganisationSettingsForm,
    PersonAnonymiseForm,
    PersonCreateForm,
    PersonEditForm,
    RoleGrantForm,
    UnitDeactivateForm,
    UnitForm,
    UnitMoveForm,
    people_of,
)
from roder.organisation.models import Role, RoleKind, Unit
from roder.organisation.panels import SETTINGS_PAGE, UNIT_LINKS

ADMIN = RoleKind.ADMINISTRATOR


def _unit_url(unit: Unit):
    return redirect("organisation:unit_detail", org=unit.organisation.slug, pk=unit.pk)


# --- tree and units ------------------------------------------------------------------------


@require_GET
@organisation_view
def unit_tree(request):
    show_all = request.GET.get("all") == "1"
    on_date = parse_date(request.GET.get("date"))
    date_invalid = bool(request.GET.get("date")) and on_date is None
    if show_all:
        on_date = None
    elif on_date is None:
        on_date = timezone.localdate()
    query = request.GET.get("q", "")
    roots = selectors.unit_tree(grants=request.grants, on_date=on_date, query=query)
    context = {
        "roots": roots,
        "count": selectors.count_nodes(roots),
        "query": query,
        "on_date": on_date,
        "show_all": show_all,
        "date_invalid": date_invalid,
        "date_chosen": request.GET.get("date", "") if not date_invalid else "",
        "can_create_organisation": request.user.is_superuser,
    }
    return render(request, template_for(request, "organisation/tree.html", "tree"), context)


@require_GET
@organisation_view
def unit_detail(request, pk: int):
    unit = get_unit_for_user(request.grants, pk)
    own_roles, inherited_roles = selectors.unit_roles(unit)
    context = {
        "unit": unit,
        "ancestors": [
            (ancestor, request.grants.can_see(ancestor))
            for ancestor in selectors.unit_ancestors(unit)
        ],
        "children": unit.children.order_by("name"),
        "own_roles": own_roles,
        "inherited_roles": inherited_roles,
        "history": selectors.history_for_unit(unit),
        "can_administer": request.grants.has_role(unit, ADMIN),
        "link_panels": UNIT_LINKS.bind(request, request.grants, unit),
        "grant_form": RoleGrantForm(people=people_of(unit.organisation)),
    }
    return render(request, "organisation/unit_detail.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def unit_create(request):
    parent_pk = request.GET.get("parent", "")
    parent = get_unit_for_user(
        request.grants, int(parent_pk) if parent_pk.isdigit() else 0, need=ADMIN
    )
    starts = max(parent.valid_from, timezone.localdate())
    save = partial(
        services.unit_create, organisation=parent.organisation, parent=parent, by=request.user
    )
    edit = form_edit(request, UnitForm, save, initial={"valid_from": starts})
    if edit.saved:
        unit = edit.result
        messages.success(request, _("The unit %(name)s was created.") % {"name": unit.name})
        return _unit_url(unit)
    return render(request, "organisation/unit_form.html", {"form": edit.form, "parent": parent})


@require_http_methods(["GET", "POST"])
@organisation_view
def unit_edit(request, pk: int):
    unit = get_unit_for_user(request.grants, pk, need=ADMIN)
    save = partial(services.unit_update, unit=unit, by=request.user)
    edit = form_edit(request, UnitForm, save, obj=unit, fields=services.UNIT_FIELDS)
    if edit.saved:
        messages.success(request, _("The unit was saved."))
        return _unit_url(unit)
    return render(request, "organisation/unit_form.html", {"form": edit.form, "unit": unit})


@require_http_methods(["GET", "POST"])
@organisation_view
def unit_move(request, pk: int):
    unit = get_unit_for_user(request.grants, pk, need=ADMIN)
    parents = [
        candidate
        for candidate in request.grants.visible_units().order_by("path")
        if candidate.is_active
        and not unit.contains(candidate)
        and request.grants.has_role(candidate, ADMIN)
    ]

    def save(*, new_parent, expected_version):
        new_parent = get_unit_for_user(request.grants, new_parent, need=ADMIN)
        services.unit_move(
            unit=unit, new_parent=new_parent, expected_version=expected_version, by=request.user
        )
        return new_parent

    edit = form_edit(request, UnitMoveForm, save, obj=unit, parents=parents)
    if edit.saved:
        message = _("%(unit)s now lies under %(parent)s.")
        messages.success(request, message % {"unit": unit.name, "parent": edit.result.name})
        return _unit_url(unit)
    return render(request, "organisation/unit_move.html", {"form": edit.form, "unit": unit})


@require_http_methods(["GET", "POST"])
@organisation_view
def unit_deactivate(request, pk: int):
    unit = get_unit_for_user(request.grants, pk, need=ADMIN)
    save = partial(services.unit_deactivate, unit=unit, by=request.user)
    edit = form_edit(request, UnitDeactivateForm, save, obj=unit)
    if edit.saved:
        ended = edit.result
        message = ngettext(
            "%(count)s unit ends on %(day)s; it shows in the tree up to and including that day.",
            "%(count)s units end on %(day)s; they show in the tree up to and including that day.",
            ended,
        )
        day = edit.form.cleaned_data["last_day"].isoformat()
        messages.success(request, message % {"count": ended, "day": day})
        return _unit_url(unit)
    branch = Unit.objects.within(unit).filter(Q(valid_to__isnull=True)).count()
    context = {"form": edit.form, "unit": unit, "branch_size": branch}
    return render(request, "organisation/unit_deactivate.html", context)


# --- roles ---------------------------------------------------------------------------------


@require_POST
@organisation_view
def role_grant(request, pk: int):
    unit = get_unit_for_user(request.grants, pk, need=ADMIN)
    form = RoleGrantForm(request.POST, people=people_of(unit.organisation))
    if form.is_valid():
        person = get_user_model().objects.get(pk=form.cleaned_data["person"])
        try:
            services.role_grant(
                person=person, unit=unit, kind=form.cleaned_data["kind"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(person)s is now %(role)s on %(unit)s.")
                % {
                    "person": person,
                    "role": RoleKind(form.cleaned_data["kind"]).label.lower(),
                    "unit": unit.name,
                },
            )
    else:
        messages.error(request, _("Choose a person and a role."))
    return _unit_url(unit)


@require_POST
@organisation_view
def role_revoke(request, pk: int, role_pk: int):
    unit = get_unit_for_user(request.grants, pk, need=ADMIN)
    role = get_object_or_404(Role.objects.select_related("person", "unit"), pk=role_pk, unit=unit)
    services.role_revoke(role=role, by=request.user)
    messages.success(request, _("The role was removed."))
    return _unit_url(unit)


# --- people --------------------------------------------------------------------------------


@require_GET
@organisation_view
def people_list(request):
    require_administrator_anywhere(request.grants)
    query = request.GET.get("q", "").strip()
    people = selectors.people_with_roles(grants=request.grants, query=query)
    invited = selectors.invitations(people)
    for person in people:
        person.invitation = invited.get(person.pk)
    context = {"people": people, "query": query, "mail_delivered": settings.RODER_MAIL_DELIVERED}
    return render(request, template_for(request, "organisation/people.html", "people"), context)


def _person_for(request, pk: int, *, change: bool = False):
    """A person of the organisation for its administrators; with `change`, 403 unless the
    viewer's administrator role covers every unit where the person holds a role (access.py)."""
    require_administrator_anywhere(request.grants)
    person = fetch_for_user(request.grants, get_user_model(), pk, unit=None)
    if change:
        require_person_change(request.grants, person)
    return person


def _person_url(request, person):
    return redirect(
        "organisation:person_detail", org=request.grants.organisation.slug, pk=person.pk
    )


@require_http_methods(["GET", "POST"])
@organisation_view
def person_create(request):
    require_administrator_anywhere(request.grants)

    def save(*, invite, **values):
        return services.person_create(
            organisation=request.grants.organisation,
            invite_base_url=request.build_absolute_uri("/") if invite else None,
            by=request.user,
            **values,
        )

    edit = form_edit(request, PersonCreateForm, save)
    if edit.saved:
        messages.success(request, _("%(person)s was added.") % {"person": edit.result})
        return _person_url(request, edit.result)
    return render(request, "organisation/person_form.html", {"form": edit.form})


@require_GET
@organisation_view
def person_detail(request, pk: int):
    person = _person_for(request, pk)
    context = {
        "person": person,
        # A unit the viewer cannot open is named, not linked (its link would answer 404).
        "roles": [
            (role, request.grants.can_see(role.unit)) for role in selectors.roles_of_person(person)
        ],
        "history": selectors.history_for_person(person),
        "can_change": can_change_person(request.grants, person),
        "can_anonymise": can_anonymise_person(request.grants, person),
        "invitation": selectors.invitations([person]).get(person.pk),
        "mail_delivered": settings.RODER_MAIL_DELIVERED,
        "invitation_link": _invitation_link(request, person),
    }
    return render(request, "organisation/person_detail.html", context)


def _invitation_link(request, person) -> str:
    """The link to copy where mail does not reach people: only for those who may invite the
    person (who may change them), while the person has not chosen a password."""
    if (
        settings.RODER_MAIL_DELIVERED
        or not can_change_person(request.grants, person)
        or not person.is_active
        or person.has_usable_password()
    ):
        return ""
    return services.invitation_link(person, request.build_absolute_uri("/"))


@require_http_methods(["GET", "POST"])
@organisation_view
def person_edit(request, pk: int):
    person = _person_for(request, pk, change=True)
    save = partial(services.person_update, person=person, by=request.user)
    edit = form_edit(request, PersonEditForm, save, obj=person, fields=services.PERSON_FIELDS)
    if edit.saved:
        messages.success(request, _("The person was saved."))
        return _person_url(request, person)
    context = {"form": edit.form, "person": person}
    return render(request, "organisation/person_form.html", context)


@require_POST
@organisation_view
def person_invite(request, pk: int):
    person = _person_for(request, pk, change=True)
    if not person.email:
        messages.error(request, _("Add an e-mail address before sending an invitation."))
    else:
        services.person_invite(
            person=person, base_url=request.build_absolute_uri("/"), by=request.user
        )
        messages.success(
            request, _("An invitation was sent to %(email)s.") % {"email": person.email}
        )
    return _person_url(request, person)


@require_http_methods(["GET", "POST"])
@organisation_view
def person_anonymise(request, pk: int):
    """Confirm, then anonymise a person who has left (organisation administrators)."""
    person = _person_for(request, pk, change=True)
    if not can_anonymise_person(request.grants, person):
        raise PermissionDenied
    save = partial(services.person_anonymise, person=person, by=request.user)
    edit = form_edit(request, PersonAnonymiseForm, save, obj=person)
    if edit.saved:
        messages.success(request, _("The person was anonymised."))
        return _person_url(request, person)
    context = {"form": edit.form, "person": person}
    return render(request, "organisation/person_anonymise.html", context)


# --- organisation settings -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@organisation_view
def organisation_settings(request):
    require_organisation_administrator(request.grants)
    organisation = request.grants.organisation
    edit = form_edit(
        request,
        OrganisationSettingsForm,
        partial(services.organisation_update, organisation=organisation, by=request.user),
        obj=organisation,
        fields=services.ORGANISATION_FIELDS,
    )
    if edit.saved:
        messages.success(request, _("The settings were saved."))
        return redirect("organisation:settings", org=organisation.slug)
    history = HistoryEntry.objects.for_object(organisation).newest_first()[:50]
    context = {
        "form": edit.form,
        "history": history,
        "organisation": organisation,
        "panels": SETTINGS_PAGE.bind(request, request.grants, organisation),
    }
    return render(request, "organisation/settings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    """Installation administrators (superusers) add organisations."""
    if not request.user.is_superuser:
        raise PermissionDenied
    save = partial(services.organisation_create, by=request.user)
    edit = form_edit(request, OrganisationCreateForm, save)
    if edit.saved:
        organisation = edit.result
        messages.success(request, _("%(name)s was created.") % {"name": organisation.name})
        current.remember(request, organisation)  # the start page and the header show it next
        return redirect("organisation:tree", org=organisation.slug)
    return render(request, "organisation/organisation_form.html", {"form": edit.form})


# --- the header's search (core.search) ------------------------------------------------------

SEARCH_SHOWN = 5  # hits per kind on the results page
SEARCH_MORE = 50  # hits of one kind after "show more"


@require_GET
@organisation_view
def search(request):
    """The header's search field: units, goals, indicators, actions, evaluations and documents
    by name or code, among what the person may see; one query per kind."""
    term = header_search.clean_term(request.GET.get("q"))
    kind = header_search.get_kind(request.GET.get("kind", ""))
    groups = []
    if term:
        limit = SEARCH_MORE if kind else SEARCH_SHOWN
        groups = header_search.search(request.grants, term, limit, only=[kind] if kind else [])
    context = {"term": term, "kind": kind, "groups": groups}
    return render(request, "organisation/search.html", context)
