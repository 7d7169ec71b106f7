"""Bearer-token authentication of the API and the token's grants.

A token acts as its person, inside its unit subtree and at most with its role: its grants are
the person's current roles in the token's organisation, each cut to the subtree and capped at
the token's role. A person who loses a role loses it for their tokens too; a deactivated
person's tokens stop working.
"""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from ninja.security import HttpBearer

from roder.api.models import ApiToken
from roder.api.services import digest_of, token_used
from roder.core import ratelimit
from roder.organisation.access import Grants
from roder.organisation.models import ROLE_RANK, Role, RoleKind, Unit

# Each token: 300 requests at once, then one a second (one attempt forgiven each second);
# a token that keeps going waits up to a minute.
RATE = ratelimit.Rule(name="token", free=300, base=1, most=60, forgive=1)

KIND_OF_RANK = {rank: kind for kind, rank in ROLE_RANK.items()}


@dataclass(frozen=True)
class TokenGrants(Grants):
    """A token's grants: never a superuser's, whoever made it."""

    @property
    def is_superuser(self) -> bool:
        return False


@dataclass(frozen=True)
class TokenAccess:
    token: ApiToken
    grants: Grants

    def allows(self, scope: str) -> bool:
        return scope in self.token.scopes


def token_grants(token: ApiToken) -> TokenGrants:
    person = token.person
    if person.is_superuser:
        roles = list(
            Unit.objects.filter(organisation=token.organisation, parent=None).values_list(
                "path", flat=True
            )
        )
        held = [(path, RoleKind.ADMINISTRATOR.value) for path in roles]
    else:
        held = list(
            Role.objects.filter(person=person, unit__organisation=token.organisation).values_list(
                "unit__path", "kind"
            )
        )
    cap = ROLE_RANK[RoleKind(token.role)]
    scope = token.unit.path if token.unit is not None else None
    cut = []
    for path, kind in held:
        if scope is None or path.startswith(scope):
            where = path
        elif scope.startswith(path):
            where = scope
        else:
            continue
        rank = min(ROLE_RANK[RoleKind(kind)], cap)
        cut.append((where, str(KIND_OF_RANK[rank])))
    return TokenGrants(user=person, organisation=token.organisation, roles=tuple(sorted(set(cut))))


class RateLimitedToken(Exception):
    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> TokenAccess | None:
        found = (
            ApiToken.objects.usable()
            .select_related("person", "organisation", "unit")
            .filter(digest=digest_of(token), person__is_active=True)
            .first()
        )
        if found is None:
            return None
        try:
            ratelimit.hit(scope="api", keys=[(RATE, str(found.pk))])
        except ratelimit.RateLimited as limited:
            raise RateLimitedToken(limited.seconds) from None
        token_used(found)
        return TokenAccess(token=found, grants=token_grants(found))


def too_many(seconds: int) -> HttpResponse:
    response = HttpResponse(
        '{"detail": "Too many requests."}', status=429, content_type="application/json"
    )
    response["Retry-After"] = str(seconds)
    return response
