"""API tokens: personal access tokens and service tokens, stored hashed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roder.core.models import Versioned
from roder.organisation.models import Organisation, RoleKind, Unit


class TokenKind(models.TextChoices):
    PERSONAL = "personal", _("Personal access token")
    SERVICE = "service", _("Service token")


class Scope(models.TextChoices):
    READ = "read", _("Read")
    OUTCOMES_WRITE = "outcomes:write", _("Write outcomes")
    ACTIONS_WRITE = "actions:write", _("Write actions")


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at=None, expires_at__gt=timezone.now())


class ApiToken(Versioned):
    """One token. Its secret is shown once when it is made; only its SHA-256 digest is kept
    (the secret is 32 random bytes, so a fast hash is enough). It acts as its creator (`person`),
    within its `unit` subtree (the organisation when empty) and at most with `role`: its grants
    are the creator's current roles cut down to both (roder/api/auth.py)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_tokens"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TokenKind.choices)
    name = models.CharField(_("name"), max_length=200)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("created by"),
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("unit"),
    )
    role = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    scopes = models.JSONField(_("scopes"), default=list)
    prefix = models.CharField(_("beginning of the token"), max_length=16)
    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def scope_labels(self) -> str:
        labels = dict(Scope.choices)
        return ", ".join(str(labels.get(scope, scope)) for scope in self.scopes)

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class TokenWrite(models.Model):
    """Which token made a change: one row per history entry written through the API (the
    entry's actor is the token's person)."""

    token = models.ForeignKey(
        ApiToken, on_delete=models.CASCADE, related_name="writes", verbose_name=_("API token")
    )
    entry = models.OneToOneField(
        "core.HistoryEntry",
        on_delete=models.CASCADE,
        related_name="api_token_write",
        verbose_name=_("history entry"),
    )

    class Meta:
        verbose_name = _("change through the API")
        verbose_name_plural = _("changes through the API")

    def __str__(self) -> str:
        return f"{self.token} → {self.entry_id}"
