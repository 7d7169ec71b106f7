"""Synpunkter och klagomål (M11): cases from the public, their handling and their deadlines."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from roder.core.models import Versioned
from roder.organisation.models import Organisation, Unit

DEFAULT_PATTERN = "{year}/{number}"


class CaseKind(models.TextChoices):
    """Ärendetyp: what the person is telling the organisation."""

    COMPLAINT = "complaint", _("Complaint")
    SUGGESTION = "suggestion", _("Opinion or suggestion")
    PRAISE = "praise", _("Praise")
    QUESTION = "question", _("Question")


class Channel(models.TextChoices):
    """How the case came in."""

    WEB = "web", _("Web form")
    PHONE = "phone", _("Phone")
    MAIL = "mail", _("E-mail or letter")
    VISIT = "visit", _("Visit")
    MEETING = "meeting", _("Customer meeting")


class CaseStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    INVESTIGATING = "investigating", _("Under investigation")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", pgettext_lazy("case status", "Closed")
    REOPENED = "reopened", _("Reopened")


# The statuses a handler may move a case to from each status. "Answered" is reached by writing
# the answer (services.case_answer), never chosen on its own.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    CaseStatus.REGISTERED: (CaseStatus.ACKNOWLEDGED, CaseStatus.INVESTIGATING, CaseStatus.CLOSED),
    CaseStatus.ACKNOWLEDGED: (CaseStatus.INVESTIGATING, CaseStatus.CLOSED),
    CaseStatus.INVESTIGATING: (CaseStatus.CLOSED,),
    CaseStatus.ANSWERED: (CaseStatus.CLOSED, CaseStatus.REOPENED),
    CaseStatus.CLOSED: (CaseStatus.REOPENED,),
    CaseStatus.REOPENED: (CaseStatus.INVESTIGATING, CaseStatus.CLOSED),
}
# Statuses in which the case waits for an answer.
UNANSWERED = (
    CaseStatus.REGISTERED,
    CaseStatus.ACKNOWLEDGED,
    CaseStatus.INVESTIGATING,
    CaseStatus.REOPENED,
)


class AnswerChannel(models.TextChoices):
    MAIL = "mail", _("By e-mail from Roder")
    PHONE = "phone", _("Given by phone")
    LETTER = "letter", _("Sent by letter")


class ComplaintSettings(Versioned):
    """The organisation's complaint routine: its public form, its diary numbers and deadlines,
    and who is responsible for the personal data (personuppgiftsansvarig)."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="complaint_settings",
        verbose_name=_("organisation"),
    )
    form_title = models.CharField(
        _("name of the public form"),
        max_length=100,
        blank=True,
        help_text=_('What the public page is called, e.g. "Synpunkt Väsby".'),
    )
    form_open = models.BooleanField(
        _("the public form is open"),
        default=False,
        help_text=_("Anyone may submit a case on the public page without logging in."),
    )
    receiving_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("receiving unit"),
        help_text=_("Where cases go whose service is not given (empty: the top unit)."),
    )
    number_pattern = models.CharField(
        _("pattern of the diary number"),
        max_length=40,
        default=DEFAULT_PATTERN,
        help_text=_(
            "{year} is the year and {number} the case's number in the year, e.g. "
            '"KS {year}/{number}" gives KS 2026/124.'
        ),
    )
    acknowledge_days = models.PositiveSmallIntegerField(_("working days to acknowledge"), default=2)
    answer_days = models.PositiveSmallIntegerField(_("working days to answer"), default=10)
    # Per type, the working days (empty: `acknowledge_days` and `answer_days`).
    acknowledge_days_complaint = models.PositiveSmallIntegerField(
        _("working days to acknowledge: complaints"), null=True, blank=True
    )
    answer_days_complaint = models.PositiveSmallIntegerField(
        _("working days to answer: complaints"), null=True, blank=True
    )
    acknowledge_days_suggestion = models.PositiveSmallIntegerField(
        _("working days to acknowledge: opinions and suggestions"), null=True, blank=True
    )
    answer_days_suggestion = models.PositiveSmallIntegerField(
        _("working days to answer: opinions and suggestions"), null=True, blank=True
    )
    acknowledge_days_praise = models.PositiveSmallIntegerField(
        _("working days to acknowledge: praise"), null=True, blank=True
    )
    answer_days_praise = models.PositiveSmallIntegerField(
        _("working days to answer: praise"), null=True, blank=True
    )
    acknowledge_days_question = models.PositiveSmallIntegerField(
        _("working days to acknowledge: questions"), null=True, blank=True
    )
    answer_days_question = models.PositiveSmallIntegerField(
        _("working days to answer: questions"), null=True, blank=True
    )
    data_controller = models.CharField(
        _("personuppgiftsansvarig"),
        max_length=200,
        blank=True,
        help_text=_("Who is responsible for the personal data, e.g. Kommunstyrelsen."),
    )
    data_contact = models.CharField(
        _("contact for questions about personal data"), max_length=200, blank=True
    )
    retention_months = models.PositiveSmallIntegerField(
        _("months personal data is kept after closing"),
        default=24,
        help_text=_("Follows the organisation's gallringsbeslut."),
    )
    # Per type, the months after closing (empty: `retention_months`).
    retention_complaint = models.PositiveSmallIntegerField(
        _("months kept: complaints"), null=True, blank=True
    )
    retention_suggestion = models.PositiveSmallIntegerField(
        _("months kept: opinions and suggestions"), null=True, blank=True
    )
    retention_praise = models.PositiveSmallIntegerField(
        _("months kept: praise"), null=True, blank=True
    )
    retention_question = models.PositiveSmallIntegerField(
        _("months kept: questions"), null=True, blank=True
    )
    statistics_minimum = models.PositiveSmallIntegerField(
        _("fewest cases behind a share or median"),
        default=5,
        help_text=_(
            "A share, median or ranking of fewer cases is shown as “too few cases”. It guards "
            "the figures' reliability and is separate from the surveys' anonymity limit."
        ),
    )

    class Meta:
        verbose_name = _("complaint settings")
        verbose_name_plural = _("complaint settings")

    def __str__(self) -> str:
        return str(self.organisation)

    def diary_number(self, year: int, number: int) -> str:
        return self.number_pattern.replace("{year}", str(year)).replace("{number}", str(number))

    @property
    def title(self) -> str:
        return self.form_title or str(_("Opinions and complaints"))

    def days_for(self, kind: str | None) -> tuple[int, int]:
        """(working days to acknowledge, to answer) for a case of the type."""
        acknowledge = getattr(self, f"acknowledge_days_{kind}", None) if kind else None
        answer = getattr(self, f"answer_days_{kind}", None) if kind else None
        return (
            self.acknowledge_days if acknowledge is None else acknowledge,
            self.answer_days if answer is None else answer,
        )

    def retention_for(self, kind: str) -> int:
        """The months a closed case of the type keeps its personal data."""
        months = getattr(self, f"retention_{kind}", None)
        return self.retention_months if months is None else months


class Service(Versioned):
    """Tjänst: a service the organisation names publicly on its form ("Bygglov", "Skolskjuts"),
    mapped to the unit that handles its cases."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="complaint_services",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("public name"), max_length=120)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="complaint_services", verbose_name=_("unit")
    )
    active = models.BooleanField(_("shown on the form"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["order", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="complaint_service_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class NumberSeries(models.Model):
    """The last diary number given in an organisation's year. Its row is locked
    (select_for_update) while a case takes the next number, in the case's own transaction, so
    parallel submissions get one number each and a failed one gives its number back."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="number_series_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year}: {self.last}"


class CaseQuerySet(models.QuerySet["Case"]):
    def unanswered(self) -> "CaseQuerySet":
        return self.filter(status__in=UNANSWERED)

    def within(self, unit: Unit) -> "CaseQuerySet":
        return self.filter(unit__path__startswith=unit.path)


class Case(Versioned):
    """Ärende: one complaint, opinion, praise or question, with its diary number (diarienummer),
    the unit and handler (handläggare) it is assigned to and its deadlines in working days."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="complaint_cases"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    diary_number = models.CharField(_("diary number"), max_length=60)
    kind = models.CharField(_("type"), max_length=20, choices=CaseKind.choices)
    channel = models.CharField(
        _("came in by"), max_length=20, choices=Channel.choices, default=Channel.WEB
    )
    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        verbose_name=_("service"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="complaint_cases", verbose_name=_("unit")
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaint_cases",
        verbose_name=_("handler"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.REGISTERED
    )
    secret = models.BooleanField(
        _("secrecy (OSL)"),
        default=False,
        help_text=_("Only the handler and the unit's managers see the case."),
    )
    description = models.TextField(_("description"))
    # The submitter; empty when anonymous, and emptied when the retention period has passed.
    anonymous = models.BooleanField(_("anonymous"), default=False)
    submitter_name = models.CharField(_("name"), max_length=200, blank=True)
    submitter_email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    submitter_phone = models.CharField(_("phone"), max_length=40, blank=True)
    free_of_personal_data = models.BooleanField(
        _("the texts hold no personal data"),
        default=False,
        help_text=_(
            "Marked by the handler: the description, answers and notes may be kept when the "
            "retention period ends."
        ),
    )
    personal_data_removed_at = models.DateTimeField(null=True, blank=True, editable=False)
    received_on = models.DateField(_("received"))
    acknowledge_by = models.DateField(_("acknowledge by"))
    answer_by = models.DateField(_("answer by"))
    acknowledged_on = models.DateField(_("acknowledged"), null=True, blank=True)
    answered_on = models.DateField(_("answered"), null=True, blank=True)
    goals = models.ManyToManyField(
        "planning.Goal",
        blank=True,
        related_name="+",
        verbose_name=_("goals it concerns"),
        help_text=_("The goals of the unit's plans (or those above it) that the case concerns."),
    )
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    # Working days from receipt to the first answer (workdays.working_days_between), stored
    # with the answer so that the statistics take the median in the database's grouping.
    handling_days = models.PositiveIntegerField(
        _("handling time in working days"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-year", "-number"]
        indexes = [models.Index(fields=["unit", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "number"], name="complaint_case_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(answer_by__gte=models.F("received_on")),
                name="complaint_case_answer_after_receipt",
            ),
        ]

    def __str__(self) -> str:
        return self.diary_number

    @property
    def is_open(self) -> bool:
        return self.status != CaseStatus.CLOSED

    @property
    def awaits_acknowledgement(self) -> bool:
        return self.acknowledged_on is None and self.answered_on is None and self.is_open

    @property
    def awaits_answer(self) -> bool:
        return self.status in UNANSWERED

    def next_statuses(self) -> tuple[str, ...]:
        return TRANSITIONS.get(self.status, ())


class CaseNote(models.Model):
    """Intern anteckning: a handler's note on the case, never shown to the submitter. Notes are
    only added."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("note"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case} – {timezone.localtime(self.written_at):%Y-%m-%d}"


class CaseAnswer(models.Model):
    """Svar: what the organisation answered the submitter, kept on the case: sent from Roder by
    e-mail, or recorded as given by phone or letter."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(_("answer"))
    channel = models.CharField(_("how"), max_length=20, choices=AnswerChannel.choices)
    sent_to = models.CharField(_("sent to"), max_length=254, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_on = models.DateField(_("answered"))
    written_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case} – {self.answered_on:%Y-%m-%d}"


class CaseOpening(models.Model):
    """Who opened the case's page, and when (loggning av åtkomst)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="openings")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.case} – {self.person_id}"


class Attachment(models.Model):
    """Bilaga: an image or PDF sent with the case, checked by its content."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class RemovalReason(models.TextChoices):
    RETENTION = "retention", _("The retention period ended")
    REQUEST = "request", _("Erased on request")


class RemovalLog(models.Model):
    """Gallringslogg: what was removed from a case's personal data, when and why, without the
    data itself. Kept when the case's data is gone; shown to the organisation's
    administrators."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="complaint_removals"
    )
    case = models.ForeignKey(
        Case, null=True, on_delete=models.SET_NULL, related_name="removals", verbose_name=_("case")
    )
    diary_number = models.CharField(_("diary number"), max_length=60)
    reason = models.CharField(_("reason"), max_length=20, choices=RemovalReason.choices)
    removed = models.CharField(_("removed"), max_length=300)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    removed_at = models.DateTimeField(_("removed at"), default=timezone.now)

    class Meta:
        verbose_name = _("removal of personal data")
        verbose_name_plural = _("removals of personal data")
        ordering = ["-removed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.diary_number} – {self.get_reason_display()}"


class ContactKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    PHONE = "phone", _("Phone")
    VISIT = "visit", _("Visit")
    EMAIL = "email", _("E-mail")


class CustomerContact(models.Model):
    """Kundlogg: a unit's contact or meeting with its customers, counted per period. The note
    is short and names nobody."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="customer_contacts", verbose_name=_("unit")
    )
    day = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=ContactKind.choices)
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("Short, and without personal data: what it was about, not who."),
    )
    count = models.PositiveIntegerField(_("number"), default=1)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("customer contact")
        verbose_name_plural = _("customer contacts")
        ordering = ["-day", "-pk"]
        indexes = [models.Index(fields=["unit", "day"])]
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="customer_contact_count_min_1")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.day:%Y-%m-%d} {self.get_kind_display()}"


class CaseAction(models.Model):
    """An action (åtgärd) created from a case: links the action back to the case, and the case
    to what was done. The actions app does not know this table (actions.origins)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="action_links")
    action = models.ForeignKey("actions.Action", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("action from a case")
        constraints = [
            models.UniqueConstraint(fields=["case", "action"], name="complaint_case_action_once")
        ]

    def __str__(self) -> str:
        return f"{self.case} → {self.action}"
