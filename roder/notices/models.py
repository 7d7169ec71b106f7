"""Notifications (aviseringar) and each person's choice of e-mail."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Avisering: something a person is told, on the start page and (unless they turned the kind
    off) by e-mail. `key` names the event: one notification per person and key, ever."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=100)
    organisation = models.ForeignKey(
        "organisation.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("organisation"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    key = models.CharField(_("key"), max_length=200)
    created = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once")
        ]
        indexes = [models.Index(fields=["recipient", "-created"], name="notification_newest")]

    def __str__(self) -> str:
        return self.subject


class MailChoice(models.Model):
    """A person's choice of e-mail for one kind of notification (no row: the kind's default)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mail_choices",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=100)
    mail = models.BooleanField(_("send e-mail"))

    class Meta:
        verbose_name = _("mail choice")
        verbose_name_plural = _("mail choices")
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="mail_choice_one_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.kind}"
