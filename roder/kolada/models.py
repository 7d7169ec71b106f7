"""Kolada's catalogue as Roder keeps it: KPIs, municipalities and regions, municipality groups
(the county averages among them), and the loads that filled it. Installation-wide reference data
read from Kolada, not any organisation's own: it is replaced by the next load, not edited."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from roder.core.models import TaskProgress


class Kpi(models.Model):
    """A Kolada KPI (nyckeltal), e.g. N00945."""

    id = models.CharField(_("KPI id"), max_length=10, primary_key=True)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    operating_area = models.CharField(_("operating area"), max_length=500, blank=True)
    is_divided_by_gender = models.BooleanField(_("divided by gender"), default=False)
    municipality_type = models.CharField(_("municipality type"), max_length=1, blank=True)
    has_ou_data = models.BooleanField(_("has values per organisational unit"), default=False)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    publ_period = models.CharField(_("publication period"), max_length=100, blank=True)
    fetched_at = models.DateTimeField(_("fetched"))

    class Meta:
        verbose_name = _("Kolada KPI")
        verbose_name_plural = _("Kolada KPIs")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.id} {self.title}"


class Municipality(models.Model):
    """A municipality (K) or region (L) in Kolada; riket is 0000."""

    id = models.CharField(_("code"), max_length=4, primary_key=True)
    title = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=1, blank=True)
    fetched_at = models.DateTimeField(_("fetched"))

    class Meta:
        verbose_name = _("Kolada municipality")
        verbose_name_plural = _("Kolada municipalities")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.id} {self.title}"


class MunicipalityGroup(models.Model):
    """A group of municipalities, e.g. "Stockholms läns kommuner (ovägt medel)"; `members` are
    municipality codes."""

    id = models.CharField(_("group id"), max_length=20, primary_key=True)
    title = models.CharField(_("name"), max_length=300)
    members = models.JSONField(_("members"), default=list)
    fetched_at = models.DateTimeField(_("fetched"))

    class Meta:
        verbose_name = _("Kolada municipality group")
        verbose_name_plural = _("Kolada municipality groups")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class CatalogueLoad(TaskProgress):
    """One load of the catalogue, from `manage.py kolada_metadata` or the settings page's task:
    who started it, whether it asked only for changes since the last load, what it found."""

    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    from_date = models.DateField(_("changes since"), null=True, blank=True)

    class Meta:
        verbose_name = _("Kolada catalogue load")
        verbose_name_plural = _("Kolada catalogue loads")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.task_state}"


class TargetKind(models.TextChoices):
    """What a Kolada value belongs to."""

    MUNICIPALITY = "municipality", _("Municipality or region")
    GROUP = "group", _("Municipality group")
    OU = "ou", _("Organisational unit")


class Gender(models.TextChoices):
    TOTAL = "T", _("Total")
    WOMEN = "K", _("Women")
    MEN = "M", _("Men")


class Value(models.Model):
    """One figure read from Kolada: a KPI for a municipality, a group (the länssnitt) or an
    organisational unit, a year and a gender, kept with its vintage (when Roder fetched it and
    Kolada's publication date of the KPI then). Installation-wide like the catalogue: replaced by
    the next fetch of the same KPI, never edited. A null value is Kolada's "no value"."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="values")
    target = models.CharField(_("municipality, group or unit"), max_length=20)
    kind = models.CharField(_("kind"), max_length=20, choices=TargetKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True)
    count = models.PositiveIntegerField(_("members with a value"), default=0)
    fetched_on = models.DateTimeField(_("fetched"))
    publication_date = models.DateField(_("Kolada's publication date"), null=True, blank=True)

    class Meta:
        verbose_name = _("Kolada value")
        verbose_name_plural = _("Kolada values")
        ordering = ["kpi", "target", "year", "gender"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "target", "year", "gender"], name="kolada_value_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.target} {self.year} {self.gender}: {self.value}"


class Peer(models.Model):
    """A municipality or group the organisation compares itself with (its chosen peers)."""

    organisation = models.ForeignKey(
        "organisation.Organisation", on_delete=models.CASCADE, related_name="kolada_peers"
    )
    target = models.CharField(_("municipality or group"), max_length=20)
    kind = models.CharField(_("kind"), max_length=20, choices=TargetKind.choices)
    title = models.CharField(_("name"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Kolada peer")
        verbose_name_plural = _("Kolada peers")
        ordering = ["order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "target"], name="kolada_peer_unique")
        ]

    def __str__(self) -> str:
        return self.title


class UnitOu(models.Model):
    """A unit of the organisation linked to one of Kolada's organisational units (ou), e.g. a
    home-care provider: a unit-level indicator whose KPI has ou data then takes the unit's
    values from Kolada's ou data rather than the municipality's."""

    unit = models.OneToOneField(
        "organisation.Unit",
        on_delete=models.CASCADE,
        related_name="kolada_ou",
        verbose_name=_("unit"),
    )
    ou = models.CharField(_("Kolada's organisational unit"), max_length=30)
    title = models.CharField(_("name in Kolada"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("unit's Kolada organisational unit")
        verbose_name_plural = _("units' Kolada organisational units")
        ordering = ["ou"]

    def __str__(self) -> str:
        return self.ou
