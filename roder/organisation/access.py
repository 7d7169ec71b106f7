"""Who may see and change what. Every view fetches organisations and units through here.

A person's roles are loaded once per request into `Grants`. A role on a unit applies to the unit
and every unit below it (prefix match on `Unit.path`). A unit the person may not see answers 404;
a unit they may see but not change answers 403 on writes. Superusers (installation
administrators) hold the administrator role everywhere. A person is changed only by someone
whose administrator role covers all of that person's roles (`can_change_person`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Concatenate, cast

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from roder.organisation.models import ROLE_RANK, Organisation, Role, RoleKind, Unit

NO_ACCESS = 0


@dataclass(frozen=True)
class Grants:
    """The roles one person holds in one organisation: (unit path, role) pairs."""

    user: AbstractBaseUser | AnonymousUser
    organisation: Organisation
    roles: tuple[tuple[str, str], ...] = field(default=())

    @property
    def is_superuser(self) -> bool:
        return bool(getattr(self.user, "is_superuser", False))

    def rank_for(self, unit: Unit) -> int:
        if unit.organisation_id != self.organisation.pk:
            return NO_ACCESS
        if self.is_superuser:
            return ROLE_RANK[RoleKind.ADMINISTRATOR]
        ranks = [
            ROLE_RANK[RoleKind(kind)] for path, kind in self.roles if unit.path.startswith(path)
        ]
        return max(ranks, default=NO_ACCESS)

    def can_see(self, unit: Unit) -> bool:
        return self.rank_for(unit) > NO_ACCESS

    def has_role(self, unit: Unit, kind: RoleKind) -> bool:
        return self.rank_for(unit) >= ROLE_RANK[kind]

    @property
    def is_administrator_anywhere(self) -> bool:
        return self.is_superuser or any(kind == RoleKind.ADMINISTRATOR for _p, kind in self.roles)

    @property
    def is_organisation_administrator(self) -> bool:
        """Administrator of the root unit, and so of the organisation's settings."""
        if self.is_superuser:
            return True
        # A root unit's path holds one id: "/7/".
        return any(
            kind == RoleKind.ADMINISTRATOR and path.count("/") == 2 for path, kind in self.roles
        )

    def visible_units(self):
        """The organisation's units this person may see, as one query."""
        units = Unit.objects.filter(organisation=self.organisation)
        if self.is_superuser:
            return units
        if not self.roles:
            return units.none()
        condition = Q()
        for path, _kind in self.roles:
            condition |= Q(path__startswith=path)
        return units.filter(condition)

    def sees(self, unit: str = "unit") -> Q:
        """The filter for rows whose unit (at the lookup `unit`, "plan__unit") this person may
        see, in the same query: the organisation, and the paths below their roles. `unit=""`
        filters units themselves."""
        prefix = f"{unit}__" if unit else ""
        condition = Q(**{f"{prefix}organisation": self.organisation})
        if self.is_superuser:
            return condition
        if not self.roles:
            return Q(pk__in=[])
        paths = Q()
        for path, _kind in self.roles:
            paths |= Q(**{f"{prefix}path__startswith": path})
        return condition & paths


def grants_for(user, organisation: Organisation) -> Grants:
    if not user.is_authenticated:
        return Grants(user=user, organisation=organisation)
    roles = Role.objects.filter(person=user, unit__organisation=organisation).values_list(
        "unit__path", "kind"
    )
    return Grants(user=user, organisation=organisation, roles=tuple(roles))


def get_organisation_for_user(user, slug: str) -> Grants:
    """The person's grants in the organisation; 404 if they hold no role in it."""
    organisation = get_object_or_404(Organisation, slug=slug)
    grants = grants_for(user, organisation)
    if not grants.is_superuser and not grants.roles:
        raise Http404
    return grants


def fetch_for_user[M: Model](
    grants: Grants,
    queryset: QuerySet[M] | type[M],
    pk,
    *,
    unit: str | None = "unit",
    need: RoleKind = RoleKind.READER,
) -> M:
    """One object of the person's organisation, fetched the way every view fetches: 404 if it
    does not exist there or the person may not see its unit, 403 if their role on the unit is
    lower than `need`.

    `unit` is the path from the object to the unit it belongs to ("plan__unit"); None for the
    organisation's own objects (categories, periods, the indicator catalogue), which everyone in
    it reads. Give `queryset` its select_related() for what the view shows.
    """
    if isinstance(queryset, type):
        queryset = queryset._default_manager.all()
    scope = "organisation" if unit is None else f"{unit}__organisation"
    obj = queryset.filter(**{scope: grants.organisation, "pk": pk}).first()
    if obj is None:
        raise Http404
    if unit is not None:
        owner: object = obj
        for name in unit.split("__"):
            owner = getattr(owner, name)
        assert isinstance(owner, Unit)  # `unit` names the path to the object's unit
        check_unit(grants, owner, need=need)
    return obj


def get_unit_for_user(grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER) -> Unit:
    """A unit of the organisation: 404 if the person may not see it, 403 if their role on it is
    lower than `need`."""
    units = Unit.objects.select_related("organisation", "parent")
    unit = fetch_for_user(grants, units, pk, unit=None)
    check_unit(grants, unit, need=need)
    return unit


def check_unit(grants: Grants, unit: Unit, *, need: RoleKind = RoleKind.READER) -> None:
    """404 if the person may not see `unit`, 403 if their role on it is lower than `need`.
    Domain helpers (get_goal_for_user …) fetch their object, then call this with its unit."""
    if not grants.can_see(unit):
        raise Http404
    if not grants.has_role(unit, need):
        raise PermissionDenied


def has_root_role(grants: Grants, need: RoleKind) -> bool:
    """Organisation-wide settings (goal categories, reporting periods) need `need` on the top
    unit."""
    if grants.is_superuser:
        return True
    root = Unit.objects.get(organisation=grants.organisation, parent=None)
    return grants.has_role(root, need)


def require_root_role(grants: Grants, need: RoleKind) -> None:
    if not has_root_role(grants, need):
        raise PermissionDenied


def require_organisation_administrator(grants: Grants) -> None:
    if not grants.is_organisation_administrator:
        raise PermissionDenied


def require_administrator_anywhere(grants: Grants) -> None:
    if not grants.is_administrator_anywhere:
        raise PermissionDenied


# --- people --------------------------------------------------------------------------------


def _is_installation_account(person) -> bool:
    """Superusers and staff reach the Django admin site: only a superuser may change them."""
    return bool(person.is_superuser or person.is_staff)


def can_change_person(grants: Grants, person) -> bool:
    """Edit (name, user name, e-mail, job title), invite or deactivate `person`.

    Only someone whose administrator role covers every unit where the person holds a role, so
    that taking over the account gains nothing the actor does not already hold. A person without
    roles is changed by organisation administrators only: their next role may be a high one.
    """
    if person.organisation_id != grants.organisation.pk or person.anonymised_at is not None:
        return False
    if grants.is_superuser:
        return True
    if _is_installation_account(person) or not grants.is_administrator_anywhere:
        return False
    units = [role.unit for role in Role.objects.filter(person=person).select_related("unit")]
    if not units:
        return grants.is_organisation_administrator
    return all(grants.has_role(unit, RoleKind.ADMINISTRATOR) for unit in units)


def can_anonymise_person(grants: Grants, person) -> bool:
    """Anonymising rewrites the organisation's whole history: organisation administrators (and
    superusers), never of themselves."""
    return (
        grants.is_organisation_administrator
        and person.pk != grants.user.pk
        and can_change_person(grants, person)
    )


def can_grant_role(grants: Grants, unit: Unit, kind: str) -> bool:
    """Give or remove a role on `unit`: its administrators. Nobody gives a role above their own
    there, so nobody raises their own (or anyone's) rank above what they hold."""
    return grants.has_role(unit, RoleKind.ADMINISTRATOR) and (
        grants.rank_for(unit) >= ROLE_RANK[RoleKind(kind)]
    )


def require_person_change(grants: Grants, person) -> None:
    if not can_change_person(grants, person):
        raise PermissionDenied


class OrganisationRequest(HttpRequest):
    """The request an organisation's view gets: organisation_view has set `grants`."""

    grants: Grants


def organisation_view[**P](
    view: Callable[Concatenate[OrganisationRequest, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, str, P], HttpResponse]:
    """Resolve the `org` URL argument into `request.grants` (404 for outsiders) and require
    log-in."""

    @login_required
    def wrapper(request: HttpRequest, org: str, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        inside = cast(OrganisationRequest, request)  # gets its grants here
        inside.grants = get_organisation_for_user(request.user, org)
        return view(inside, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper
