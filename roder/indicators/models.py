"""Indicators (nyckeltal), their targets with traffic-light thresholds, and comparison values
(M3). Outcomes live in the follow-up app, per reporting period."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from roder.core import formatting
from roder.core.models import Versioned
from roder.indicators import sources
from roder.organisation.models import Organisation, Unit


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
    RANGE = "range", _("Within a range")


class Periodicity(models.TextChoices):
    MONTH = "month", _("Monthly")
    TERTIAL = "tertial", _("Per tertial")
    YEAR = "year", _("Yearly")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Sum")
    MEAN = "mean", _("Mean")
    WEIGHTED_MEAN = "weighted_mean", _("Weighted mean")
    NONE = "none", _("Not aggregated")


class Source(models.TextChoices):
    """The keys reserved in `indicators.sources`; the field's choices come from that registry."""

    MANUAL = "manual", _("Entered by hand")
    KOLADA = "kolada", _("Kolada")
    SURVEY = "survey", _("Survey")
    COMPLAINTS = "complaints", _("Complaint statistics")
    FORMULA = "formula", _("Formula over other indicators")


class Measure(models.TextChoices):
    PERCENT = "percent", "%"
    COUNT = "count", _("count")
    SEK = "sek", _("SEK")
    MSEK = "msek", _("SEK million")
    INDEX = "index", _("index")
    DAYS = "days", _("days")
    HOURS = "hours", _("hours")
    SCORE = "score", _("score")


class Light(models.TextChoices):
    """The traffic light of an outcome against its target."""

    GREEN = "green", _("On target")
    YELLOW = "yellow", _("Near target")
    RED = "red", _("Off target")
    NONE = "none", _("No target or outcome")


class Indicator(Versioned):
    """Nyckeltal: what is measured, how it reads and how it rolls up.

    `owner` is the unit whose unit managers (and those above) may edit the definition; any unit
    may set its own targets for it. `source` is the registered source meant to fill it
    (`indicators.sources`); `source_reference` holds a Kolada KPI id, a survey id or a formula
    once those sources are connected.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="indicators"
    )
    owner = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="owned_indicators", verbose_name=_("owner")
    )
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    measure = models.CharField(_("unit of measure"), max_length=20, choices=Measure.choices)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    periodicity = models.CharField(
        _("periodicity"), max_length=10, choices=Periodicity.choices, default=Periodicity.YEAR
    )
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=0)
    aggregation = models.CharField(
        _("roll-up rule"), max_length=20, choices=Aggregation.choices, default=Aggregation.MEAN
    )
    by_gender = models.BooleanField(_("reported for women and men"), default=False)
    source = models.CharField(
        _("source"), max_length=20, choices=sources.choices, default=Source.MANUAL
    )
    source_reference = models.CharField(_("source reference"), max_length=200, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(decimals__lte=4), name="indicator_decimals_max_4")
        ]

    def __str__(self) -> str:
        return self.name

    def format(self, value: Decimal | None) -> str:
        """The value as people read it: the indicator's decimals, " %" for a percentage."""
        if self.measure == Measure.PERCENT:
            return formatting.percent(value, self.decimals)
        return formatting.number(value, self.decimals)


class GoalIndicator(models.Model):
    """An indicator attached to a goal: the goal is followed up through it."""

    goal = models.ForeignKey(
        "planning.Goal", on_delete=models.CASCADE, related_name="indicator_links"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="goal_links")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("goal indicator")
        verbose_name_plural = _("goal indicators")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "indicator"], name="goal_indicator_unique")
        ]

    def __str__(self) -> str:
        return f"{self.goal} – {self.indicator}"


class Target(Versioned):
    """Målvärde for one unit and year, or for one reporting period of that year.

    The light of an outcome: for "higher is better" green from `value`, yellow from
    `yellow_limit`; for "lower is better" green up to `value`, yellow up to `yellow_limit`; for a
    range green between `value` and `value_high`, yellow within `yellow_limit` outside it.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.ForeignKey(
        "periods.ReportingPeriod",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("period"),
    )
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=4)
    value_high = models.DecimalField(
        _("upper target"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    yellow_limit = models.DecimalField(
        _("yellow limit"), max_digits=14, decimal_places=4, null=True, blank=True
    )

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "year"],
                condition=Q(period__isnull=True),
                name="target_one_per_year",
            ),
            models.UniqueConstraint(
                fields=["indicator", "unit", "period"],
                condition=Q(period__isnull=False),
                name="target_one_per_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.unit} {self.year}: {self.indicator.format(self.value)}"

    def light(self, outcome: Decimal | None) -> str:
        if outcome is None:
            return Light.NONE
        direction, yellow = self.indicator.direction, self.yellow_limit
        if direction == Direction.HIGHER:
            if outcome >= self.value:
                return Light.GREEN
            return Light.YELLOW if yellow is not None and outcome >= yellow else Light.RED
        if direction == Direction.LOWER:
            if outcome <= self.value:
                return Light.GREEN
            return Light.YELLOW if yellow is not None and outcome <= yellow else Light.RED
        high = self.value_high if self.value_high is not None else self.value
        if self.value <= outcome <= high:
            return Light.GREEN
        if yellow is not None and self.value - yellow <= outcome <= high + yellow:
            return Light.YELLOW
        return Light.RED


class ComparisonKind(models.TextChoices):
    COUNTY = "county", _("County average")
    NATIONAL = "national", _("National")
    SIMILAR = "similar", _("Similar municipalities")
    PEER = "peer", _("Peer")  # one of the organisation's chosen peers, named by `label`
    OTHER = "other", _("Other comparison")


# The order comparisons are shown in beside an outcome.
COMPARISON_ORDER = [
    ComparisonKind.COUNTY,
    ComparisonKind.NATIONAL,
    ComparisonKind.SIMILAR,
    ComparisonKind.PEER,
    ComparisonKind.OTHER,
]


class ComparisonValue(models.Model):
    """Jämförelsevärde: länssnitt, riket or similar municipalities for an indicator and year."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="comparisons")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("comparison"), max_length=20, choices=ComparisonKind.choices)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    source = models.CharField(_("source"), max_length=200, blank=True)
    # The compared place's name where the kind does not say it (a peer: "Göteborg").
    label = models.CharField(_("compared with"), max_length=300, blank=True, default="")

    class Meta:
        verbose_name = _("comparison value")
        verbose_name_plural = _("comparison values")
        ordering = ["year", "kind", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "kind", "label"],
                name="comparison_one_per_year_kind_label",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.text}"

    @property
    def name(self) -> str:
        """What is compared with: "Länssnitt", "Riket" or the peer's name."""
        return self.label or str(self.get_kind_display())

    @property
    def text(self) -> str:
        """As shown beside an outcome: "Länssnitt 2025: 78 %"."""
        return f"{self.name} {self.year}: {self.indicator.format(self.value)}"
