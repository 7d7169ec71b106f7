"""Organisations, their unit tree, and the roles people hold on units."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roder.core import disclosure
from roder.core.models import Versioned
from roder.organisation.counties import county_of

# The months a financial year may start with.
MONTHS = [(m, str(m)) for m in range(1, 13)]


class Organisation(Versioned):
    """Organisation (kommun, region, gemensam förvaltning): one tenant with its own tree,
    settings and people."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name in addresses"),
        max_length=50,
        unique=True,
        help_text=_("Lower-case letters, digits and hyphens, e.g. upplands-vasby."),
    )
    municipality_code = models.CharField(
        _("municipality code"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$", _("Enter the four digits of the SCB code."))],
        help_text=_("SCB's four-digit code, e.g. 0114. Used for comparisons through Kolada."),
    )
    fiscal_year_start_month = models.PositiveSmallIntegerField(
        _("first month of the financial year"),
        default=1,
        choices=MONTHS,
    )
    minimum_group_size = models.PositiveSmallIntegerField(
        _("smallest group whose answers are shown"),
        default=disclosure.DEFAULT_MINIMUM,
        validators=[
            MinValueValidator(disclosure.MINIMUM_RANGE[0]),
            MaxValueValidator(disclosure.MINIMUM_RANGE[1]),
        ],
        help_text=_(
            "Results of anonymous answers (self-assessments) are shown only for groups with at "
            "least this many respondents; smaller groups are hidden, and so are the groups that "
            "would let someone work them out."
        ),
    )
    readers_see_drafts = models.BooleanField(
        _("readers see drafts"),
        default=False,
        help_text=_(
            "Readers see outcomes and assessments of reports that are not yet submitted. Off: "
            "readers see only submitted and approved reports; reporters and those above them "
            "always see their units' drafts."
        ),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def county(self) -> str:
        """The county (län) of the municipality code, in the genitive: "Stockholms"."""
        return county_of(self.municipality_code)


class UnitKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    COMMITTEE = "committee", _("Committee or board")
    ADMINISTRATION = "administration", _("Administration or office")
    DEPARTMENT = "department", _("Department")
    UNIT = "unit", _("Unit")
    COMPANY = "company", _("Company")
    ASSOCIATION = "association", _("Association of municipalities")


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> "UnitQuerySet":
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def within(self, unit: "Unit") -> "UnitQuerySet":
        """The unit and every unit below it."""
        return self.filter(path__startswith=unit.path)


class Unit(Versioned):
    """Organisatorisk enhet: a node of the organisation tree (kommun, nämnd, förvaltning,
    avdelning, enhet, bolag).

    `path` is the materialised chain of ids from the root ("/1/4/9/"), kept by the services, so
    that "this unit and everything below it" is one indexed prefix filter.
    A unit is never deleted: it is deactivated by giving it an end date, so that last year's
    tree can still be shown.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="units", verbose_name=_("organisation")
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    code = models.CharField(
        _("code"),
        max_length=20,
        validators=[RegexValidator(r"^[\w.-]+$", _("Use letters, digits, dots and hyphens only."))],
        help_text=_("Unique within the organisation, e.g. the cost centre (ansvar)."),
    )
    name = models.CharField(_("name"), max_length=200)
    valid_from = models.DateField(_("valid from"), default=datetime.date.today)
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Empty while the unit exists.")
    )
    path = models.CharField(max_length=500, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="unit_code_unique_in_organisation"
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(parent__isnull=True),
                name="unit_one_root_per_organisation",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_to_not_before_valid_from",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date cannot be before the start date.")})

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    @property
    def is_active(self) -> bool:
        return self.is_valid_on(timezone.localdate())

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to the parent, read from the path (no query)."""
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]

    def contains(self, other: "Unit") -> bool:
        return other.path.startswith(self.path)


class RoleKind(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    CONTROLLER = "controller", _("Controller")
    UNIT_MANAGER = "unit_manager", _("Unit manager")
    REPORTER = "reporter", _("Reporter")
    READER = "reader", _("Reader")


# A higher rank includes everything a lower rank may do.
ROLE_RANK = {
    RoleKind.READER: 10,
    RoleKind.REPORTER: 20,
    RoleKind.UNIT_MANAGER: 30,
    RoleKind.CONTROLLER: 40,
    RoleKind.ADMINISTRATOR: 50,
}


class Role(models.Model):
    """Roll: a person's role on a unit, applying to the unit and everything below it."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="roles",
        verbose_name=_("person"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="roles", verbose_name=_("unit")
    )
    kind = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    granted_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["person", "unit", "kind"], name="role_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_kind_display()} – {self.unit}"
