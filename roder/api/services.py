"""Writes of API tokens: make one (its secret returned once), revoke one, note its use."""

import datetime
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from roder.api.models import ApiToken, Scope, TokenKind, TokenWrite
from roder.core.models import HistoryAction, HistoryEntry
from roder.core.services import history_record, save_versioned, snapshot
from roder.organisation.access import Grants
from roder.organisation.models import ROLE_RANK, RoleKind, Unit

SECRET_PREFIX = "roder_"
PREFIX_LENGTH = 12  # what the token list shows of a secret: "roder_" and six more characters
LONGEST = datetime.timedelta(days=366)
TOKEN_FIELDS = ("name", "kind", "unit", "role", "scopes", "expires_at", "revoked_at")


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _highest_rank(grants: Grants, unit: Unit | None) -> int:
    """The creator's highest role for a token on `unit` (None: the organisation): their role
    on the unit, or on a unit inside the subtree (the token's grants are cut to both)."""
    if grants.is_superuser:
        return ROLE_RANK[RoleKind.ADMINISTRATOR]
    ranks = [
        ROLE_RANK[RoleKind(kind)]
        for path, kind in grants.roles
        if unit is None or unit.path.startswith(path) or path.startswith(unit.path)
    ]
    return max(ranks, default=0)


@transaction.atomic
def token_create(
    *,
    grants: Grants,
    kind: str,
    name: str,
    role: str,
    scopes: list[str],
    expires_on: datetime.date,
    unit: Unit | None = None,
    by,
) -> tuple[ApiToken, str]:
    """Make a token acting as `by` (whose grants in the organisation are `grants`); returns it
    and its secret, which is never stored and cannot be shown again."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    if kind not in TokenKind.values:
        raise ValidationError({"kind": _("Choose the kind of token.")})
    if kind == TokenKind.SERVICE and not grants.is_organisation_administrator:
        raise PermissionDenied
    if role not in RoleKind.values:
        raise ValidationError({"role": _("Choose a role.")})
    if unit is not None and unit.organisation_id != grants.organisation.pk:
        raise ValidationError({"unit": _("The unit belongs to another organisation.")})
    if _highest_rank(grants, unit) < ROLE_RANK[RoleKind(role)]:
        raise ValidationError({"role": _("A token cannot have a higher role than your own.")})
    scopes = sorted(set(scopes))
    if not scopes or any(scope not in Scope.values for scope in scopes):
        raise ValidationError({"scopes": _("Choose at least one of the scopes.")})
    today = timezone.localdate()
    if expires_on <= today or expires_on > today + LONGEST:
        raise ValidationError(
            {"expires_on": _("The token must expire after today and within a year.")}
        )
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    expires_at = datetime.datetime.combine(
        expires_on, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    token = ApiToken.objects.create(
        organisation=grants.organisation,
        kind=kind,
        name=name,
        person=by,
        unit=unit,
        role=role,
        scopes=scopes,
        prefix=secret[:PREFIX_LENGTH],
        digest=digest_of(secret),
        expires_at=expires_at,
    )
    history_record(
        obj=token,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=grants.organisation,
        person=by,
        after=snapshot(token, TOKEN_FIELDS),
    )
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken, expected_version: int, by) -> ApiToken:
    """Revoke the token at once; a revoked token is never usable again."""
    if token.revoked_at is not None:
        return token
    before = snapshot(token, TOKEN_FIELDS)
    token.revoked_at = timezone.now()
    save_versioned(token, expected_version=expected_version, fields=["revoked_at"])
    history_record(
        obj=token,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=token.organisation,
        person=token.person,
        before=before,
        after=snapshot(token, TOKEN_FIELDS),
    )
    return token


def token_used(token: ApiToken) -> None:
    """Note when the token was last used (one UPDATE, at most once a minute per token)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def writes_name_token(token: ApiToken, since_pk: int) -> None:
    """Name the token on every history entry its person wrote through it after `since_pk`
    (called in the write's transaction, which holds the write lock)."""
    entries = HistoryEntry.objects.filter(
        pk__gt=since_pk, actor=token.person, organisation=token.organisation
    ).values_list("pk", flat=True)
    TokenWrite.objects.bulk_create([TokenWrite(token=token, entry_id=pk) for pk in entries])


def last_entry_pk() -> int:
    last = HistoryEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    return last or 0
