"""People (personer) and their log-in records."""

from datetime import timedelta

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roder.core.models import Versioned


class User(AbstractUser, Versioned):
    """Person: someone who logs in to Roder. Belongs to one organisation; roles live on units."""

    organisation = models.ForeignKey(
        "organisation.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("job title"), max_length=200, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class FailedLoginQuerySet(models.QuerySet):
    def recent(self, *, username: str, minutes: int) -> "FailedLoginQuerySet":
        since = timezone.now() - timedelta(minutes=minutes)
        return self.filter(username__iexact=username, at__gte=since)

    def older_than(self, *, days: int) -> "FailedLoginQuerySet":
        return self.filter(at__lt=timezone.now() - timedelta(days=days))


class FailedLogin(models.Model):
    """A failed log-in attempt, kept to throttle guessing. Stored in the database so that
    several application servers share the count."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = FailedLoginQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"
