"""Självskattning (seed 001): everyone in a unit rates how well each commitment is met.

Who has answered is kept apart from what was answered: `Participant` says that a person has
answered, `Answer` holds a score with no person, time or sequential id (its key is random), so
answers cannot be traced back to a person. Which results are shown is decided by
`core.disclosure` (selectors.disclosure).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roder.core.models import Versioned


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


class Round(Versioned):
    """One self-assessment of a unit in a reporting period."""

    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="self_assessments"
    )
    period = models.ForeignKey(
        "periods.ReportingPeriod",
        verbose_name=_("period"),
        on_delete=models.PROTECT,
        related_name="self_assessments",
    )
    goals = models.ManyToManyField("planning.Goal", related_name="self_assessments")
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    low_label = models.CharField(_("meaning of 1"), max_length=100)
    high_label = models.CharField(_("meaning of the highest score"), max_length=100)
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="self_assessment_per_period"),
            models.CheckConstraint(
                condition=Q(scale_max__gte=2) & Q(scale_max__lte=10),
                name="self_assessment_scale_2_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.period}"

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class Participant(models.Model):
    """That a person has answered a round (not what they answered)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="self_assessment_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.person}"


class Answer(models.Model):
    """One anonymous score for one commitment, with an optional comment."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="answers")
    goal = models.ForeignKey("planning.Goal", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(score__gte=1), name="self_assessment_score_from_1")
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.score}"
