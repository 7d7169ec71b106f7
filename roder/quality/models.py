"""Quality evaluations (kvalitetsutvärdering, M9): evaluation frameworks (ramverk) as versioned
data, evaluations of a unit against a framework version with scores, narratives and findings,
reference series to compare with, and Kvalitetsutmärkelsen entries (tävlingsbidrag) with their
answers and feedback report (återföringsrapport).

Totals and maxima are never stored: they are summed from the area rows when read.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from roder.core import formatting
from roder.core.models import Versioned
from roder.organisation.models import Organisation, Unit
from roder.quality.scores import format_score, format_step, steps_text


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_USE = "in_use", _("In use")


class FrameworkVersion(Versioned):
    """Ramverk (one version of it), e.g. KommunKompassen 2010: areas with sub-areas and
    questions. `organisation` is None for the frameworks Roder ships; those are shown to every
    organisation and never edited in place (an administrator copies one into the organisation).
    A version used by an evaluation or entry is locked: editing it makes a new version."""

    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="framework_versions",
    )
    code = models.SlugField(
        _("code"), max_length=80, help_text=_("Names the framework across its versions.")
    )
    name = models.CharField(_("name"), max_length=200)
    version_label = models.CharField(_("version"), max_length=50)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.TextField(_("source"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=FrameworkStatus.choices, default=FrameworkStatus.DRAFT
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")
        ordering = ["name", "year", "version_label", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code", "version_label"],
                name="framework_version_unique",
            ),
            models.UniqueConstraint(
                fields=["code", "version_label"],
                condition=Q(organisation__isnull=True),
                name="framework_version_shipped_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.version_label})"

    @property
    def is_shipped(self) -> bool:
        return self.organisation_id is None

    @property
    def is_locked(self) -> bool:
        """In use by an evaluation or an entry: never changed under them."""
        if hasattr(self, "uses"):  # annotated by selectors
            return bool(self.uses)
        return self.evaluations.exists() or self.entries.exists()


def scale_as_text(scale, separator: str = "\n") -> str:
    """A scale as people write it: "1 = Stämmer inte alls" per step."""
    return separator.join(f"{step['value']} = {step['label']}" for step in scale or [])


class Scored:
    """What an area and a question share: an optional scale (`scale`, a list of steps
    {"value": int, "label": str} with increasing values) or an optional maximum score. With a
    scale, a score is one of its steps' values and the maximum is the last step's value."""

    scale: list[dict[str, Any]]
    max_score: int | None

    @property
    def max_value(self) -> int | None:
        """The effective maximum: the last step's value with a scale, else max_score."""
        return self.scale[-1]["value"] if self.scale else self.max_score

    @property
    def scale_values(self) -> list[int]:
        return [step["value"] for step in self.scale or []]

    @property
    def scale_range(self) -> str:
        """ "1–6", or "0, 2, 4" for values that are not consecutive."""
        return steps_text(self.scale_values)

    @property
    def scale_text(self) -> str:
        return scale_as_text(self.scale, "; ")

    def step_label(self, value) -> str:
        """The label of the step with this value ("" without a scale or such a step)."""
        if value is None:
            return ""
        for step in self.scale or []:
            if step["value"] == value:
                return step["label"]
        return ""


class Area(Scored, Versioned):
    """Område (or criterion, kriterium): scored 0..max_score, or on a scale of named steps; no
    max_score and no scale means not scored."""

    framework = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    max_score = models.PositiveIntegerField(_("maximum score"), null=True, blank=True)
    scale = models.JSONField(_("scale"), default=list, blank=True)
    help_text = models.TextField(_("help text"), blank=True)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="area_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class SubArea(Versioned):
    """Delområde (rubrik), e.g. "Information till medborgare" under Offentlighet och demokrati."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="sub_areas")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    help_text = models.TextField(_("help text"), blank=True)

    class Meta:
        verbose_name = _("sub-area")
        verbose_name_plural = _("sub-areas")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["area", "number"], name="sub_area_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.area.number}.{self.number} {self.name}"


class Question(Scored, Versioned):
    """Fråga: a numbered question of an area (Kvalitetsutmärkelsen's Fråga 1–24). Numbers run
    through the whole framework version."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("question"), blank=True)
    help_text = models.TextField(_("help text"), blank=True)
    max_score = models.PositiveIntegerField(_("maximum score"), null=True, blank=True)
    scale = models.JSONField(_("scale"), default=list, blank=True)
    asks_for_results = models.BooleanField(
        _("asks for results"),
        default=False,
        help_text=_("The answer may quote figures from Roder's indicators."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["area", "number"], name="question_number_unique")
        ]

    def __str__(self) -> str:
        return str(_("Question %(number)s") % {"number": self.number})


class EvaluationKind(models.TextChoices):
    EXTERNAL = "external", _("External evaluation")
    SELF = "self", pgettext_lazy("evaluation kind", "Self-assessment")


class Evaluation(Versioned):
    """Utvärdering: one evaluation of a unit (the root unit: the whole municipality) against a
    framework version, by named evaluators on given dates."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("unit")
    )
    framework = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("framework version"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=EvaluationKind.choices, default=EvaluationKind.EXTERNAL
    )
    title = models.CharField(_("title"), max_length=300)
    evaluators = models.CharField(
        _("evaluators"), max_length=500, blank=True, help_text=_("Names, as the report gives them.")
    )
    evaluator_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="quality_evaluations",
        verbose_name=_("evaluators in Roder"),
    )
    starts = models.DateField(_("carried out from"), null=True, blank=True)
    ends = models.DateField(_("carried out to"), null=True, blank=True)
    reported_on = models.DateField(_("report date"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    key_facts = models.TextField(_("key facts"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-starts", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts__isnull=True)
                | Q(ends__isnull=True)
                | Q(ends__gte=models.F("starts")),
                name="evaluation_ends_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class AreaScore(Versioned):
    """Poäng and the general text (Allmänt) of one area in one evaluation."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="scores")
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=1, null=True, blank=True)
    text = models.TextField(_("general text"), blank=True)

    class Meta:
        verbose_name = _("area score")
        verbose_name_plural = _("area scores")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "area"], name="area_score_unique"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0), name="area_score_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation}: {self.area}"


class SubAreaNarrative(Versioned):
    """What the evaluators wrote about one sub-area."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="narratives")
    sub_area = models.ForeignKey(SubArea, on_delete=models.PROTECT, related_name="narratives")
    text = models.TextField(_("narrative"), blank=True)

    class Meta:
        verbose_name = _("sub-area narrative")
        verbose_name_plural = _("sub-area narratives")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "sub_area"], name="narrative_unique")
        ]

    def __str__(self) -> str:
        return f"{self.evaluation}: {self.sub_area}"


class FindingKind(models.TextChoices):
    STRENGTH = "strength", _("Strength")
    IMPROVEMENT = "improvement", _("Improvement area")
    WEAKNESS = "weakness", _("Weakness")
    GOOD_EXAMPLE = "good_example", _("Good example")


# Findings that can become actions.
ACTIONABLE = (FindingKind.IMPROVEMENT, FindingKind.WEAKNESS)


class Finding(Versioned):
    """Styrka, förbättringsområde, svaghet or gott exempel (with the municipality named) in one
    area, optionally one sub-area."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="findings")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="findings")
    sub_area = models.ForeignKey(
        SubArea,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="findings",
        verbose_name=_("sub-area"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FindingKind.choices)
    text = models.TextField(_("text"))
    municipality = models.CharField(
        _("municipality"),
        max_length=200,
        blank=True,
        help_text=_("For a good example: the municipality to learn from."),
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:200]

    @property
    def is_actionable(self) -> bool:
        return self.kind in ACTIONABLE


class FindingAction(models.Model):
    """The action (åtgärd) an improvement area or weakness became. The actions app does not
    know this table."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="action_links")
    action = models.ForeignKey(
        "actions.Action", on_delete=models.PROTECT, related_name="finding_links"
    )

    class Meta:
        verbose_name = _("action from a finding")
        verbose_name_plural = _("actions from findings")
        constraints = [
            models.UniqueConstraint(fields=["finding", "action"], name="finding_action_unique")
        ]

    def __str__(self) -> str:
        return f"{self.finding} → {self.action}"


class ReferenceSeries(Versioned):
    """Referensserie: values per area to compare with, e.g. the average of the municipalities
    evaluated with the same version, with its source. Belongs to one framework version. A
    published series may give only its total (publicerad totalpoäng) and some of the areas: the
    total is then the published one, and the pages say which areas the series lacks."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="reference_series"
    )
    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.PROTECT, related_name="reference_series"
    )
    name = models.CharField(_("name"), max_length=200)
    source = models.TextField(_("source"), blank=True)
    published_total = models.DecimalField(
        _("published total"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("The total as published, when the source gives one; else the areas' sum."),
    )

    class Meta:
        verbose_name = _("reference series")
        verbose_name_plural = _("reference series")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class ReferenceValue(models.Model):
    series = models.ForeignKey(ReferenceSeries, on_delete=models.CASCADE, related_name="values")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="reference_values")
    value = models.DecimalField(_("value"), max_digits=7, decimal_places=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "area"], name="reference_value_unique")
        ]

    def __str__(self) -> str:
        return f"{self.series}: {self.area} {formatting.number(self.value, grouping=False)}"


class Entry(Versioned):
    """Tävlingsbidrag: a unit's entry to a quality award (Kvalitetsutmärkelsen) against a
    framework version with numbered questions; evaluators (persons named on the entry) score it
    and write the feedback report (återföringsrapport)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="quality_entries", verbose_name=_("unit")
    )
    framework = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("framework version"),
    )
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    entry_class = models.CharField(_("class"), max_length=200, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    evaluators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="quality_entries_to_evaluate",
        verbose_name=_("evaluators"),
    )
    feedback_summary = models.TextField(_("overall summary"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["-year", "-pk"]

    def __str__(self) -> str:
        return self.title


class Answer(Versioned):
    """The entry's answer to one question, and the evaluators' score of it."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(_("answer"), blank=True)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["entry", "question"], name="answer_unique"),
        ]

    @property
    def score_text(self) -> str:
        """The score as people read it ("10", "7,5"; "–" when not scored)."""
        return format_score(self.score)

    @property
    def step_text(self) -> str:
        """The score with its step's label when the question has a scale ("4 – Stämmer i hög
        grad"), else as `score_text`."""
        return format_step(self.question, self.score)

    def __str__(self) -> str:
        return f"{self.entry}: {self.question}"


class AreaFeedback(Versioned):
    """The feedback report's part for one area: score, strengths and improvement areas."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="feedback")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="feedback")
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=1, null=True, blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    improvements = models.TextField(_("improvement areas"), blank=True)

    class Meta:
        verbose_name = _("area feedback")
        verbose_name_plural = _("area feedback")
        constraints = [
            models.UniqueConstraint(fields=["entry", "area"], name="area_feedback_unique"),
        ]

    @property
    def score_text(self) -> str:
        """The score as people read it ("10", "7,5"; "–" when not scored)."""
        return format_score(self.score)

    def __str__(self) -> str:
        return f"{self.entry}: {self.area}"


def total(values) -> Decimal | None:
    """The sum of the given scores, None when none is given."""
    given = [value for value in values if value is not None]
    return sum(given, Decimal(0)) if given else None
