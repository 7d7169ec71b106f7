"""Tokens for the API's tests."""

import datetime

from django.utils import timezone

from roder.api import services
from roder.api.models import ApiToken, Scope
from roder.organisation.access import grants_for

ALL_SCOPES = [Scope.READ, Scope.OUTCOMES_WRITE, Scope.ACTIONS_WRITE]


def make_token(person, organisation, *, role=None, unit=None, scopes=None, kind="personal"):
    """A token of `person` with their highest role (or `role`); returns (token, secret)."""
    grants = grants_for(person, organisation)
    if role is None:
        from roder.organisation.models import ROLE_RANK, RoleKind

        ranks = [ROLE_RANK[RoleKind(kind)] for _p, kind in grants.roles] or [5]
        role = next(k for k, r in ROLE_RANK.items() if r == max(ranks))
    return services.token_create(
        grants=grants,
        kind=kind,
        name=f"{person} test",
        role=role,
        scopes=list(scopes or ALL_SCOPES),
        expires_on=timezone.localdate() + datetime.timedelta(days=30),
        unit=unit,
        by=person,
    )


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def expire(token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
