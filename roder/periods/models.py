"""Reporting periods: the months, tertials, interim reports and year-ends that everything
reported (outcomes, assessments, control results, economy, self-assessments) belongs to."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roder.core.models import Versioned
from roder.organisation.models import Organisation


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    TERTIAL = "tertial", _("Tertial")
    INTERIM = "interim", _("Interim report")
    YEAR_END = "year_end", _("Year-end")


class PeriodStatus(models.TextChoices):
    PLANNED = "planned", _("Not yet open")
    OPEN = "open", _("Open for reporting")
    CLOSED = "closed", _("Closed")


class ReportingPeriod(Versioned):
    """Rapporteringsperiod: month, tertial 1 (per 30 April), delår (per 31 August) or year-end.

    A controller opens and closes it; outcomes and assessments can be entered only while it is
    open, and a closed period is read-only history.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="periods")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=PeriodKind.choices)
    name = models.CharField(_("name"), max_length=100)
    starts = models.DateField(_("covers from"))
    ends = models.DateField(_("covers to"))
    deadline = models.DateField(_("report due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=PeriodStatus.choices, default=PeriodStatus.PLANNED
    )

    class Meta:
        # The model moved here from followup; its table (and every row) kept its name.
        db_table = "followup_reportingperiod"
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["year", "ends", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "kind", "ends"], name="period_unique"
            ),
            models.CheckConstraint(
                condition=Q(ends__gte=models.F("starts")), name="period_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.status == PeriodStatus.OPEN

    @property
    def is_late(self) -> bool:
        return self.deadline is not None and self.deadline < timezone.localdate()
