"""Base models shared by every domain app: optimistic versions and the history log."""

import contextlib
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roder.core import formatting


class Versioned(models.Model):
    """A row edited through forms carries a version so concurrent edits are detected.

    Writes go through `roder.core.services.save_versioned`, which refuses to overwrite a row
    whose version changed since the form was shown.
    """

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class TaskState(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("In progress")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class TaskProgress(models.Model):
    """A row a background task works on (a big imported file): which step runs or ran last,
    how far it has come, and what it left for the page (errors, a preview), written through
    `roder.core.progress.run_step`."""

    task_step = models.CharField(max_length=20, blank=True)
    task_state = models.CharField(max_length=20, choices=TaskState.choices, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    task_result = models.JSONField(default=dict, blank=True)
    task_finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def task_busy(self) -> bool:
        return self.task_state in (TaskState.QUEUED, TaskState.RUNNING)


class HistoryAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    MOVE = "move", _("Moved")
    DEACTIVATE = "deactivate", _("Deactivated")
    GRANT = "grant", _("Role granted")
    REVOKE = "revoke", _("Role revoked")
    INVITE = "invite", _("Invited")
    LINK = "link", _("Linked")
    UNLINK = "unlink", _("Link removed")
    ANONYMISE = "anonymise", _("Anonymised")


# Labels for history keys that are not model fields (attachments recorded on their owner).
EXTRA_LABELS = {
    "indicators": _("indicators"),
    "comparisons": _("comparison values"),
    "action": _("action"),
    "reopen_reason": _("reason for reopening"),
    # The risk matrix's summary (control.matrix): its scales and colour bands.
    "probability": _("probability"),
    "consequence": _("consequence"),
    "bands": _("risk levels"),
    # A count or a summary that stands for a relation (surveys, complaints, Kolada).
    "invited": _("invited"),
    "sent": _("invitations sent"),
    "reminded": _("reminders sent"),
    "imported": _("imported"),
    "copied_from": _("copied from"),
    "answer": _("answer"),
    "kolada_peers": _("comparison in Kolada"),
    "kolada_ou": _("organisational unit in Kolada"),
}
NUMBER_FIELDS = (models.DecimalField, models.FloatField)


def shown_value(field: object, value: object) -> object:
    """A stored snapshot value as a reader should see it: "ja"/"nej" rather than True/False,
    91,5 rather than "91.5000", a choice's label rather than its code (no raw value on a page)."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is None:
        return value
    flatchoices = getattr(field, "flatchoices", None)
    if flatchoices:
        return dict(flatchoices).get(value, value)
    if isinstance(field, NUMBER_FIELDS) and isinstance(value, str | int | float):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return value
        if number.is_finite():
            return formatting.number(number, grouping=False)
    return value


class HistoryEntryQuerySet(models.QuerySet["HistoryEntry"]):
    def for_object(self, obj: models.Model) -> "HistoryEntryQuerySet":
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=obj.pk,
        )

    def newest_first(self) -> "HistoryEntryQuerySet":
        return self.select_related("actor").order_by("-at", "-pk")


class HistoryEntry(models.Model):
    """Historik: one change to domain data, with who, when, and the values before and after.

    `unit` and `person` say on which unit's and which person's page the entry is shown, so a
    role granted on a unit appears on both. Entries are never edited or deleted by Roder, except
    that anonymising a person rewrites their names and e-mail addresses (core.personal_data).
    """

    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.CASCADE, related_name="history"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(max_length=300)
    unit = models.ForeignKey(
        "organisation.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="history_about",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="history_by",
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=20, choices=HistoryAction.choices)
    # {"field_name": {"before": "old", "after": "new"}}, values as shown to people.
    changes = models.JSONField(default=dict)

    objects = HistoryEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def change_rows(self) -> list[tuple[str, object, object]]:
        """(field label in the reader's language, before, after) for each changed field."""
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        rows: list[tuple[str, object, object]] = []
        for name, change in self.changes.items():
            field: object = None
            if model is not None:
                with contextlib.suppress(FieldDoesNotExist):
                    field = model._meta.get_field(name)
            if field is not None and hasattr(field, "verbose_name"):
                label = str(field.verbose_name)
            else:  # no such field (any more, or a relation's other end): a stated label
                field, label = None, str(EXTRA_LABELS.get(name, name))
            before, after = change.get("before"), change.get("after")
            if before in (None, "") and after in (None, ""):
                continue  # a field left empty on creation: nothing to tell
            rows.append(
                (
                    label,
                    None if before is None else shown_value(field, before),
                    None if after is None else shown_value(field, after),
                )
            )
        return rows


class RateLimit(models.Model):
    """Attempts at one guessable door (log-in, password reset …) by one key, e.g. a user name
    and a client address. Kept in the database so every web server shares the count; written
    only through `roder.core.ratelimit.hit`."""

    scope = models.CharField(max_length=100)
    key = models.CharField(max_length=255)
    count = models.PositiveIntegerField(default=0)
    last_at = models.DateTimeField(db_index=True)
    next_allowed = models.DateTimeField()

    class Meta:
        verbose_name = _("rate limit")
        verbose_name_plural = _("rate limits")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="core_ratelimit_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"
