"""Actions (åtgärder) in action plans and action lists, with their dated notes (M5)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roder.core.models import Versioned
from roder.organisation.models import Unit


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


# An action in one of these states needs no more work, so it is never overdue.
CLOSED_STATUSES = (ActionStatus.DONE, ActionStatus.CANCELLED)


class ActionQuerySet(models.QuerySet):
    def open(self) -> "ActionQuerySet":
        return self.exclude(status__in=CLOSED_STATUSES)

    def overdue(self, day: datetime.date | None = None) -> "ActionQuerySet":
        """Open actions whose due date has passed (due today is not yet overdue)."""
        return self.open().filter(due__lt=day or timezone.localdate())

    def within(self, unit: Unit) -> "ActionQuerySet":
        """Actions of the unit and of every unit below it."""
        return self.filter(unit__path__startswith=unit.path)


class Action(Versioned):
    """Åtgärd: one item of a unit's action plan (handlingsplan) or action list (åtgärdslista).

    An action may link to the goals it serves. Later apps (risks, control deviations,
    complaints, evaluation findings) add their own link tables pointing here, so an action
    never needs to know every kind of thing that can cause it.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="actions", verbose_name=_("unit")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_for_actions",
        verbose_name=_("responsible"),
    )
    starts = models.DateField(_("start"), null=True, blank=True)
    due = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    goals = models.ManyToManyField(
        "planning.Goal", blank=True, related_name="actions", verbose_name=_("goals")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = [F("due").asc(nulls_last=True), "pk"]
        indexes = [models.Index(fields=["unit", "due"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts__isnull=True) | Q(due__isnull=True) | Q(due__gte=F("starts")),
                name="action_due_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts and self.due and self.due < self.starts:
            raise ValidationError({"due": _("The due date cannot be before the start date.")})

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due is not None and self.due < timezone.localdate()


class ActionNote(models.Model):
    """Anteckning: a dated entry in an action's log, such as what a workplace meeting said.
    Notes are only ever added, never edited."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="notes", verbose_name=_("action")
    )
    text = models.TextField(_("note"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_notes",
        verbose_name=_("written by"),
    )
    written_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("action note")
        verbose_name_plural = _("action notes")
        ordering = ["-written_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} – {timezone.localtime(self.written_at):%Y-%m-%d}"
