"""Surveys (enkäter, M10): questionnaires as versioned data.

A questionnaire version has numbered question groups, each with questions of one kind (a Likert
scale 1–5, 1–6 or 1–10 with labelled ends and an optional "don't know", yes/no, single or
multiple choice, free text), and indices (HME, NKI …) naming the questions that feed them.
A version in use is never changed: changing it means a new version (`Questionnaire.is_locked`).
Shipped questionnaires have no organisation. The file format is in files.py and the README.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from roder.core.models import Versioned

LIKERT_SCALES = (5, 6, 10)


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_USE = "in_use", _("In use")


class Questionnaire(Versioned):
    """Enkät (one version of it): question groups with questions, and indices."""

    organisation = models.ForeignKey(
        "organisation.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questionnaires",
        help_text=_("Empty for the questionnaires Roder ships."),
    )
    code = models.CharField(
        _("code"), max_length=80, help_text=_("Names the questionnaire across its versions.")
    )
    name = models.CharField(_("name"), max_length=200)
    version_label = models.CharField(_("version"), max_length=50)
    description = models.TextField(_("description"), blank=True)
    source = models.TextField(_("source"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=QuestionnaireStatus.choices,
        default=QuestionnaireStatus.DRAFT,
    )

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["name", "version_label", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code", "version_label"],
                name="questionnaire_version_unique",
            ),
            models.UniqueConstraint(
                fields=["code", "version_label"],
                condition=Q(organisation__isnull=True),
                name="questionnaire_shipped_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.version_label})"

    @property
    def is_shipped(self) -> bool:
        return self.organisation_id is None

    @property
    def is_locked(self) -> bool:
        """In use (or shipped): answers may stand on it, so it is never changed."""
        return self.is_shipped or self.status == QuestionnaireStatus.IN_USE


class QuestionGroup(Versioned):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="groups"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    help_text = models.TextField(_("help text"), blank=True)

    class Meta:
        verbose_name = _("question group")
        verbose_name_plural = _("question groups")
        ordering = ["questionnaire", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="question_group_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Scale")
    YES_NO = "yes_no", _("Yes or no")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    TEXT = "text", _("Free text")


class Question(Versioned):
    """One question. A scale question's answers are 1..scale_max (or "don't know", never in an
    index); yes/no is 1 (yes) or 0 (no); a choice is the choice's number; free text is text."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    group = models.ForeignKey(QuestionGroup, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField(_("number"))
    code = models.CharField(
        _("code"), max_length=40, help_text=_("Names the question in files and indices.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.TextField(_("question"))
    help_text = models.TextField(_("help text"), blank=True)
    scale_max = models.PositiveSmallIntegerField(_("highest step"), null=True, blank=True)
    low_label = models.CharField(_("meaning of 1"), max_length=100, blank=True)
    high_label = models.CharField(_("meaning of the highest step"), max_length=100, blank=True)
    dont_know = models.BooleanField(_("offers “don't know / not applicable”"), default=False)
    positive_steps = models.PositiveSmallIntegerField(
        _("steps counted as positive"),
        default=2,
        help_text=_("The top steps that count towards the share positive."),
    )
    required = models.BooleanField(_("must be answered"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="survey_question_number_unique"
            ),
            models.UniqueConstraint(
                fields=["questionnaire", "code"], name="survey_question_code_unique"
            ),
            models.CheckConstraint(
                # 5, 6 or 10 steps in a questionnaire file (files.LIKERT_SCALES); a
                # self-assessment's own scale may have 2 to 10 (selfassessment README).
                condition=~Q(kind="likert") | (Q(scale_max__gte=2) & Q(scale_max__lte=10)),
                name="survey_question_likert_scale",
            ),
            models.CheckConstraint(
                condition=Q(positive_steps__gte=1), name="survey_question_positive_steps"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"

    @property
    def is_scale(self) -> bool:
        return self.kind == QuestionKind.LIKERT


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    number = models.PositiveSmallIntegerField(_("number"))
    label = models.CharField(_("label"), max_length=200)

    class Meta:
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="survey_choice_unique")
        ]

    def __str__(self) -> str:
        return self.label


class SurveyIndex(Versioned):
    """An index (HME, a sub-index, NKI …): the 0–100 mean of its scale questions."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="indices"
    )
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    questions = models.ManyToManyField(Question, related_name="indices")

    class Meta:
        verbose_name = _("index")
        verbose_name_plural = _("indices")
        ordering = ["questionnaire", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "code"], name="survey_index_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


# --- rounds and anonymous answers ------------------------------------------------------------
#
# Who has answered is kept apart from what was answered. `Invitation` (a personal link) and
# `OpenLinkUse` (a browser that answered an open link) say that someone answered; `Response`
# holds the answers with a random key, the unit and the day only: no token, no person, no time
# finer than the day, nothing linking it to an invitation. Answers are inserted in random order.


class RoundAccess(models.TextChoices):
    OPEN = "open", _("Open link")
    PERSONAL = "personal", _("Personal links")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


class RoundKind(models.TextChoices):
    SURVEY = "survey", _("Survey")
    SELF_ASSESSMENT = "self_assessment", _("Self-assessment")


class SurveyRoundQuerySet(models.QuerySet):
    def surveys(self):
        """The rounds the survey pages show: not the self-assessments, whose own pages show
        them with the period-wide suppression (selfassessment.selectors)."""
        return self.filter(kind=RoundKind.SURVEY)


class SurveyRound(Versioned):
    """Enkätomgång: a questionnaire version sent to chosen units for a time window. A
    self-assessment (`kind`) is a round too, with a questionnaire of its own made from the
    unit's commitments: its answers are stored here like any other (selfassessment README)."""

    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.CASCADE, related_name="survey_rounds"
    )
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.PROTECT,
        related_name="rounds",
        verbose_name=_("questionnaire"),
    )
    owner_unit = models.ForeignKey(
        "organisation.Unit",
        on_delete=models.PROTECT,
        related_name="owned_survey_rounds",
        help_text=_("Whose round it is: its managers run it and read the free-text answers."),
    )
    name = models.CharField(_("name"), max_length=200)
    access = models.CharField(_("answered by"), max_length=10, choices=RoundAccess.choices)
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    controller_name = models.CharField(
        _("personal data controller"),
        max_length=200,
        help_text=_("Named on the answering pages (personuppgiftsansvarig)."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=RoundKind.choices, default=RoundKind.SURVEY
    )
    imported_from = models.CharField(
        _("imported from"),
        max_length=200,
        blank=True,
        help_text=_(
            "The file or source of imported results; an imported round has no answers, only "
            "the figures imported for it."
        ),
    )

    objects = SurveyRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ["-opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="survey_round_dates"
            )
        ]

    def __str__(self) -> str:
        return self.name

    # What the documents app asks of an object document's subject (documents.kinds).
    @property
    def unit(self):
        return self.owner_unit

    @property
    def title(self) -> str:
        return self.name

    @property
    def year(self) -> int:
        return self.closes_on.year

    @property
    def is_imported(self) -> bool:
        return bool(self.imported_from)

    def accepts_on(self, day) -> bool:
        return (
            not self.is_imported
            and self.status == RoundStatus.OPEN
            and self.opens_on <= day <= self.closes_on
        )


class RoundUnit(models.Model):
    """A unit the round is sent to; `token` is its open link (open rounds)."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="round_units")
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    token = models.CharField(max_length=64, unique=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="survey_round_unit_unique")
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.unit}"


class Invitation(models.Model):
    """A personal one-time link: to whom, and whether it has been used (not what was answered).
    Only the token's hash is kept; `draft` holds answers saved to continue later and is
    emptied at submit and when the round closes."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="invitations")
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(_("e-mail"))
    token_hash = models.CharField(max_length=64, unique=True)
    answered = models.BooleanField(default=False)
    draft = models.JSONField(default=dict, blank=True)
    sent_on = models.DateField(
        _("invitation sent"),
        null=True,
        blank=True,
        help_text=_("The token is mailed (and made anew) when the invitation is sent."),
    )
    reminded_on = models.DateField(_("last reminder sent"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "email"], name="survey_invitation_once")
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.email}"


class OpenLinkUse(models.Model):
    """A browser (its token's hash) that has answered an open link: one answer per browser."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="+")
    browser_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "browser_hash"], name="survey_browser_once")
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.browser_hash[:8]}"


class Response(models.Model):
    """One respondent's answers: the unit and the day, nothing else about them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="responses")
    unit = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    answered_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.round}: {self.unit}"


class ResponseAnswer(models.Model):
    """One answer: `value` a step, 1/0 for yes/no, or a choice's number (one row per chosen
    choice of a multiple-choice question); `dont_know`; `text` for free text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(null=True, blank=True)
    dont_know = models.BooleanField(default=False)
    text = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value}"


class ImportedResult(models.Model):
    """A figure imported for a unit in an imported round (`SurveyRound.imported_from`): an
    index's 0–100 value, or a scale question's mean and share positive, with its n."""

    round = models.ForeignKey(
        SurveyRound, on_delete=models.CASCADE, related_name="imported_results"
    )
    unit = models.ForeignKey(
        "organisation.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    index = models.ForeignKey(
        SurveyIndex,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("index"),
    )
    question = models.ForeignKey(
        Question,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("question"),
    )
    respondents = models.PositiveIntegerField(_("answers"))
    value = models.DecimalField(
        _("value"),
        max_digits=9,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("An index on 0–100, or a question's mean on its scale."),
    )
    share_positive = models.DecimalField(
        _("share positive (%)"), max_digits=7, decimal_places=4, null=True, blank=True
    )

    class Meta:
        verbose_name = _("imported result")
        verbose_name_plural = _("imported results")
        constraints = [
            models.CheckConstraint(
                condition=Q(index__isnull=True, question__isnull=False)
                | Q(index__isnull=False, question__isnull=True),
                name="survey_imported_index_or_question",
            ),
            models.UniqueConstraint(
                fields=["round", "unit", "index"],
                condition=Q(index__isnull=False),
                name="survey_imported_index_once",
            ),
            models.UniqueConstraint(
                fields=["round", "unit", "question"],
                condition=Q(question__isnull=False),
                name="survey_imported_question_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}: {self.unit_id} {self.value}"
