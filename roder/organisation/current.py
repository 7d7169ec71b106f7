"""Which organisation a person is working in, for the pages that carry no `/o/<slug>/`.

A person may hold roles in several organisations, and an installation administrator
(superuser) sees them all. Pages under `/o/<slug>/` name their organisation in the address; the
start page (`/`) and the header's switcher use the one chosen last (`?org=<slug>` on the start
page, kept in the session), else the person's own organisation, else the first they belong to.
The session keeps only the slug: what the person may reach is asked afresh on every request.
"""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest

from roder.organisation.models import Organisation, Role

SESSION_KEY = "roder_organisation"


def organisations_for(user) -> QuerySet[Organisation]:
    """The organisations the person may open, by name (one query): every one for a superuser,
    else those where they hold a role."""
    organisations = Organisation.objects.order_by("name", "pk")
    if not user.is_authenticated:
        return organisations.none()
    if user.is_superuser:
        return organisations
    held = Role.objects.filter(person=user, unit__organisation=OuterRef("pk"))
    return organisations.filter(Exists(held))


def remember(request: HttpRequest, organisation: Organisation) -> None:
    """Make `organisation` the one the start page shows next (written only when it changes)."""
    if request.session.get(SESSION_KEY) != organisation.slug:
        request.session[SESSION_KEY] = organisation.slug


def choose(request: HttpRequest, organisations: list[Organisation]) -> Organisation | None:
    """The current organisation among those the person may open: the remembered one, their own,
    else the first."""
    by_slug = {organisation.slug: organisation for organisation in organisations}
    remembered = by_slug.get(request.session.get(SESSION_KEY, ""))
    if remembered is not None:
        return remembered
    own = getattr(request.user, "organisation_id", None)
    for organisation in organisations:
        if organisation.pk == own:
            return organisation
    return organisations[0] if organisations else None
