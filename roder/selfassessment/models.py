"""Självskattning (seed 001): everyone in a unit rates how well each commitment is met.

A self-assessment is a survey round (`surveys.SurveyRound`, kind self-assessment) of a
questionnaire made for it from the commitments: there is one anonymous-answer engine. Who has
answered is its `Invitation`s, what was answered its `Response`s, with no person, no token and
the day only. This app keeps what is not answers: the unit, the period, the commitments asked
about, and the pages that show the results with the period-wide suppression
(selectors.disclosure).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roder.core.models import Versioned
from roder.surveys.models import RoundStatus


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
    survey_round = models.OneToOneField(
        "surveys.SurveyRound",
        verbose_name=_("survey round"),
        on_delete=models.PROTECT,
        related_name="self_assessment",
        help_text=_("Where the answers are: its invitations and responses."),
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
        return self.survey_round.status == RoundStatus.OPEN

    def get_status_display(self) -> str:
        return self.survey_round.get_status_display()
