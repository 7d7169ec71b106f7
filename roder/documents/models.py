"""Document templates per organisation, the texts a unit writes for its reports, and the runs
that produced downloadable files (M8). The kinds of document are registered by the apps that own
their data (kinds.py); a `kind` field holds the registered key."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from roder.core.models import Versioned
from roder.documents import kinds
from roder.organisation.models import Organisation, Unit


class Format(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", _("Word")
    XLSX = "xlsx", _("Excel (tables)")


FORMAT_TYPES = {
    Format.PDF: "application/pdf",
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class EmptySections(models.TextChoices):
    """What a document does with a section that has nothing to say (no text, no blocks)."""

    EXPLAIN = "explain", _("Shown, saying there is nothing to report")
    OMIT = "omit", _("Left out")


class DocumentTemplate(Versioned):
    """How an organisation's documents of one kind look: logo, cover, which sections appear and
    in which order, and fixed texts per section. Without a template the defaults apply."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="document_templates"
    )
    kind = models.CharField(_("document"), max_length=20, choices=kinds.choices)
    logo = models.BinaryField(_("logo"), blank=True, default=b"")
    logo_type = models.CharField(max_length=40, blank=True)
    cover = models.BooleanField(_("cover page"), default=True)
    cover_text = models.TextField(_("text on the cover"), blank=True)
    contents = models.BooleanField(_("table of contents"), default=True)
    empty_sections = models.CharField(
        _("sections with nothing to report"),
        max_length=10,
        choices=EmptySections.choices,
        default=EmptySections.EXPLAIN,
    )
    # Section keys in the order they appear; a key left out is not shown.
    sections = models.JSONField(default=list, blank=True)
    # {section key: text printed under the section's heading before the data}
    fixed_texts = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind"], name="document_template_one_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_kind_display()}"


class ReportText(Versioned):
    """A text the unit writes for a report (summary, outlook …). `scope` says which report:
    "period:<id>" for follow-up reports, "year:<year>" for the internal control report."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="report_texts")
    kind = models.CharField(max_length=20, choices=kinds.choices)
    scope = models.CharField(max_length=40)
    key = models.SlugField(max_length=40)
    body = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("report text")
        verbose_name_plural = _("report texts")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "scope", "key"], name="report_text_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.kind} {self.scope} {self.key}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being produced")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class DocumentRun(models.Model):
    """One request for a file: queued, produced by a task with progress, then kept for download
    with who asked for it and when."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="document_runs"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="document_runs")
    kind = models.CharField(_("document"), max_length=20, choices=kinds.choices)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.ForeignKey(
        "periods.ReportingPeriod",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("period"),
    )
    # The evaluation or entry a quality report is about.
    object_id = models.PositiveIntegerField(null=True, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    # The language the person used when asking: the file is written in it.
    language = models.CharField(max_length=8, default="sv")
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    content = models.BinaryField(blank=True, default=b"")
    size = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="document_runs",
        verbose_name=_("produced by"),
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("produced document")
        verbose_name_plural = _("produced documents")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["unit", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.format})"

    @property
    def is_waiting_long(self) -> bool:
        """Queued for more than two minutes: the document worker is probably not running."""
        from django.utils import timezone

        waited = timezone.now() - self.created_at
        return self.status == RunStatus.QUEUED and waited.total_seconds() > 120

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)

    @property
    def filename(self) -> str:
        from django.utils.text import slugify

        return f"{slugify(self.title)[:80] or 'dokument'}.{self.format}"

    @property
    def content_type(self) -> str:
        return FORMAT_TYPES[Format(self.format)]
