"""Outcomes, goal assessments and the unit report workflow (M4), in reporting periods
(periods.ReportingPeriod)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from roder.core.models import TaskProgress, Versioned
from roder.indicators import sources
from roder.organisation.models import Unit
from roder.periods.models import ReportingPeriod


class Outcome(Versioned):
    """Utfall of an indicator for a unit and period: total, and women and men where split.

    A missing value is a missing row (or a row whose value is empty, with a comment saying why);
    never a zero. Its provenance: the source that wrote it (`indicators.sources`), the date the
    source published or last changed the figure, and the number of answers or cases behind it.
    Written only through `followup.services.outcome_write`.
    """

    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="outcomes"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="outcomes")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="outcomes")
    value = models.DecimalField(
        _("outcome"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    value_women = models.DecimalField(
        _("women"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    value_men = models.DecimalField(
        _("men"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("For a weighted mean: e.g. the number of answers behind the value."),
    )
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=sources.choices, default=sources.MANUAL
    )
    vintage = models.DateField(_("figure dated"), null=True, blank=True)
    count = models.PositiveIntegerField(_("answers or cases"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period"], name="outcome_one_per_unit_and_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.unit} {self.period}: {self.indicator.format(self.value)}"

    @property
    def provenance(self) -> str:
        return provenance_text(self)


def provenance_text(row) -> str:
    """Where a value came from, as people read it: "Källa: Ekonomin, uppgift per 2026-05-02,
    134 svar eller fall"."""
    text = gettext("Source: %(source)s") % {"source": row.get_source_display()}
    if row.vintage is not None:
        text += ", " + gettext("figure dated %(day)s") % {"day": row.vintage.isoformat()}
    if row.count is not None:
        text += ", " + gettext("%(count)s answers or cases") % {"count": row.count}
    return text


class RevisionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class OutcomeRevision(Versioned):
    """Föreslagen ändring av utfall: a new value a source (economy, Kolada, a survey …) read
    for a period that is closed or whose report is approved. It waits for a controller of the
    unit to accept it (the outcome then changes, with history) or reject it (with a reason).
    One pending revision per outcome and source: a newer value replaces the pending one's."""

    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.CASCADE, related_name="revisions"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="outcome_revisions")
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="outcome_revisions"
    )
    value = models.DecimalField(
        _("outcome"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    value_women = models.DecimalField(
        _("women"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    value_men = models.DecimalField(
        _("men"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    weight = models.DecimalField(
        _("weight"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=sources.choices)
    vintage = models.DateField(_("figure dated"), null=True, blank=True)
    count = models.PositiveIntegerField(_("answers or cases"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RevisionStatus.choices,
        default=RevisionStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("outcome revision")
        verbose_name_plural = _("outcome revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "period", "source"],
                condition=Q(status="pending"),
                name="revision_one_pending_per_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.unit} {self.period}: {self.indicator.format(self.value)}"

    @property
    def provenance(self) -> str:
        return provenance_text(self)

    @property
    def is_pending(self) -> bool:
        return self.status == RevisionStatus.PENDING


class Level(models.TextChoices):
    """Bedömning of a goal."""

    FULFILLED = "fulfilled", _("Fulfilled")
    PARTLY = "partly", _("Partly fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")
    NOT_ASSESSABLE = "not_assessable", _("Not assessable")


# The traffic light each assessment shows as, in the same colours as indicator outcomes.
LEVEL_LIGHT = {
    Level.FULFILLED: "green",
    Level.PARTLY: "yellow",
    Level.NOT_FULFILLED: "red",
    Level.NOT_ASSESSABLE: "none",
}


class Assessment(Versioned):
    """Bedömning of a goal for a period: the person's judgement, Roder's proposal and its
    reasoning (both kept), a year-end prognosis and an analysis."""

    goal = models.ForeignKey("planning.Goal", on_delete=models.CASCADE, related_name="assessments")
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="assessments"
    )
    level = models.CharField(_("assessment"), max_length=20, choices=Level.choices)
    proposed_level = models.CharField(
        _("proposed assessment"), max_length=20, choices=Level.choices
    )
    proposal_reason = models.TextField(_("reason for the proposal"), blank=True)
    prognosis = models.CharField(
        _("year-end prognosis"), max_length=20, choices=Level.choices, blank=True
    )
    analysis = models.TextField(_("analysis"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(fields=["goal", "period"], name="assessment_one_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.goal} {self.period}: {self.get_level_display()}"

    @property
    def overrides_proposal(self) -> bool:
        return self.level != self.proposed_level


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class UnitReport(Versioned):
    """A unit's report for a period: draft → submitted → approved, or returned with a comment."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="reports")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("unit report")
        verbose_name_plural = _("unit reports")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period"], name="report_one_per_unit_and_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.period}: {self.get_status_display()}"


class ReportReopening(models.Model):
    """Återöppning of an approved report: a controller sent it back to draft, saying why. Kept
    for good (the report's history holds the change too) and shown on the report, also after it
    is approved again."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="reopenings")
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reopened_at = models.DateTimeField(_("reopened"), default=timezone.now)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("reopening of a report")
        verbose_name_plural = _("reopenings of reports")
        ordering = ["reopened_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report}: {self.reason}"


class OutcomeImport(TaskProgress):
    """A big filled-in outcome workbook (more than IMPORT_TASK_ROWS rows): checked, then
    imported, by tasks (`followup.tasks`) while its uploader watches the progress. The file is
    dropped once checked and the checked rows once imported; `prune_staged_imports` removes
    the rest after 30 days."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(_("file"), max_length=255)
    content = models.BinaryField(default=b"", blank=True)  # the file, until checked
    rows = models.JSONField(default=list, blank=True)  # the checked rows, until imported
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outcome import")
        verbose_name_plural = _("outcome imports")

    def __str__(self) -> str:
        return self.file_name
