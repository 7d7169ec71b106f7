"""The annual wheel (årshjul): the organisation's own recurring events and the calendar feeds.

Events Roder already knows (reporting periods, control reporting, survey rounds) are not stored
here: they are read where they live (sources.py)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from roder.core.models import Versioned
from roder.organisation.models import Organisation, Unit


class EventKind(models.TextChoices):
    MEETING = "meeting", _("Committee meeting")
    APT = "apt", _("Workplace meeting (APT)")
    BUDGET = "budget", _("Budget dialogue")
    DEADLINE = "deadline", _("Deadline")
    OTHER = "other", _("Other event")


class WheelEvent(Versioned):
    """One of the organisation's own events: once, or recurring by an RFC 5545 RRULE, minus its
    exceptions. It belongs to a unit and applies to the units below it too."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="wheel_events"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="wheel_events", verbose_name=_("unit")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    starts_on = models.DateField(_("first day"))
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    # RFC 5545 RRULE value without "RRULE:", e.g. FREQ=MONTHLY;BYDAY=+3TU;BYMONTH=1,2,…; "" once.
    rrule = models.CharField(_("recurrence rule"), max_length=500, blank=True)
    # Days the rule leaves out (EXDATE), ISO dates separated by spaces.
    exceptions = models.TextField(_("exceptions"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    public = models.BooleanField(_("in the unit's public feed"), default=False)
    remind = models.BooleanField(_("remind the unit's people"), default=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_on", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False),
                name="wheel_event_end_needs_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def exception_days(self) -> list[datetime.date]:
        return [datetime.date.fromisoformat(day) for day in self.exceptions.split()]


class PublicFeed(Versioned):
    """Whether a unit's events are published as a calendar feed that needs no log-in."""

    unit = models.OneToOneField(
        Unit, on_delete=models.CASCADE, related_name="public_feed", verbose_name=_("unit")
    )
    public = models.BooleanField(_("public calendar feed"), default=False)

    class Meta:
        verbose_name = _("public calendar feed")
        verbose_name_plural = _("public calendar feeds")

    def __str__(self) -> str:
        return str(self.unit)


class FeedToken(models.Model):
    """The secret in a person's private calendar URL; renewing it makes the old URL answer 404."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="feed_token",
        verbose_name=_("person"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return str(self.person)
