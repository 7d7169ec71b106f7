"""Who manages which API tokens: everyone their own; organisation administrators every service
token of the organisation too (see organisation/access.py)."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from roder.api.models import ApiToken, TokenKind
from roder.organisation.access import Grants, fetch_for_user


def tokens_for(grants: Grants):
    mine = Q(person=grants.user)
    if grants.is_organisation_administrator:
        mine |= Q(kind=TokenKind.SERVICE)
    return (
        ApiToken.objects.filter(mine, organisation=grants.organisation)
        .select_related("person", "unit")
        .order_by("-created_at", "-pk")
    )


def get_token_to_revoke(grants: Grants, pk: int) -> ApiToken:
    """404 for another person's personal token, 403 for a service token of someone else to
    a person who is not an organisation administrator."""
    token = fetch_for_user(grants, ApiToken.objects.select_related("organisation"), pk, unit=None)
    if token.person_id == grants.user.pk:
        return token
    if token.kind == TokenKind.SERVICE:
        if grants.is_organisation_administrator:
            return token
        raise PermissionDenied
    raise PermissionDenied
