"""Internal control (intern kontroll, M7): the organisation's risk matrix, a unit's yearly risk
analysis and control plan, and each control's result per reporting period."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roder.core.models import Versioned
from roder.organisation.models import Organisation, Unit

if TYPE_CHECKING:  # for annotations only: matrix imports these models
    from roder.control.matrix import Band
    from roder.planning.models import Goal

# The matrix is square: `size` levels of probability and of consequence.
MIN_SIZE, MAX_SIZE, DEFAULT_SIZE = 2, 6, 4


class Axis(models.TextChoices):
    PROBABILITY = "probability", _("Probability")
    CONSEQUENCE = "consequence", _("Consequence")


class RiskMatrix(Versioned):
    """Riskmatris: the organisation's scales of probability (sannolikhet) and consequence
    (konsekvens) and the colour bands of the risk value (riskvärde = probability × consequence).

    An organisation without a stored matrix uses the default 4 × 4 (see `matrix.default_matrix`).
    """

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="risk_matrix"
    )
    size = models.PositiveSmallIntegerField(_("size"), default=DEFAULT_SIZE)

    class Meta:
        verbose_name = _("risk matrix")
        verbose_name_plural = _("risk matrices")
        constraints = [
            models.CheckConstraint(
                condition=Q(size__gte=MIN_SIZE) & Q(size__lte=MAX_SIZE), name="matrix_size_range"
            )
        ]

    def __str__(self) -> str:
        return str(_("Risk matrix %(size)s × %(size)s") % {"size": self.size})


class MatrixLevel(models.Model):
    """One step of a scale, e.g. probability 4 "Mycket stor" with what it means."""

    matrix = models.ForeignKey(RiskMatrix, on_delete=models.CASCADE, related_name="levels")
    axis = models.CharField(_("axis"), max_length=20, choices=Axis.choices)
    value = models.PositiveSmallIntegerField(_("level"))
    label = models.CharField(_("label"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("matrix level")
        verbose_name_plural = _("matrix levels")
        ordering = ["axis", "value"]
        constraints = [
            models.UniqueConstraint(fields=["matrix", "axis", "value"], name="matrix_level_unique")
        ]

    def __str__(self) -> str:
        return f"{self.value} {self.label}"


class RiskBand(models.Model):
    """A colour band of risk values, e.g. 9–16 "Hög" in red."""

    matrix = models.ForeignKey(RiskMatrix, on_delete=models.CASCADE, related_name="bands")
    min_value = models.PositiveSmallIntegerField(_("from value"))
    max_value = models.PositiveSmallIntegerField(_("to value"))
    label = models.CharField(_("label"), max_length=100)
    colour = models.CharField(_("colour"), max_length=7, help_text=_("For example #f4a6a6."))

    class Meta:
        verbose_name = _("risk band")
        verbose_name_plural = _("risk bands")
        ordering = ["min_value"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_value__gte=1) & Q(max_value__gte=F("min_value")),
                name="risk_band_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.min_value}–{self.max_value} {self.label}"


class ControlPlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")


class ControlPlan(Versioned):
    """Internkontrollplan: one unit's (a committee's or an office's) risk analysis and control
    plan for one year."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="control_plans", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ControlPlanStatus.choices,
        default=ControlPlanStatus.DRAFT,
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("internal control plan")
        verbose_name_plural = _("internal control plans")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="control_plan_one_per_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="control_plan_year_range"
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Internal control plan %(year)s – %(unit)s") % {"year": self.year, "unit": self.unit}
        )


class Risk(Versioned):
    """Risk in the risk analysis: a process (process/rutin/system), what can go wrong, its
    perspective (a goal category), probability and consequence on the matrix's scales, an owner,
    and the goals it threatens."""

    plan = models.ForeignKey(ControlPlan, on_delete=models.CASCADE, related_name="risks")
    process = models.CharField(_("process"), max_length=200)
    description = models.TextField(_("risk"))
    category = models.ForeignKey(
        "planning.GoalCategory",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risks",
        verbose_name=_("perspective"),
    )
    probability = models.PositiveSmallIntegerField(_("probability"))
    consequence = models.PositiveSmallIntegerField(_("consequence"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_risks",
        verbose_name=_("risk owner"),
    )
    goals = models.ManyToManyField(
        "planning.Goal", blank=True, related_name="risks", verbose_name=_("goals")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )

    # Not stored: set by selectors.plan_risks for the plan's pages and documents.
    number: int
    band: "Band | None"
    rows: int
    control_list: list["Control"]  # prefetched
    goal_list: list["Goal"]  # prefetched

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__gte=1) & Q(consequence__gte=1), name="risk_levels_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.process}: {self.description}"[:300]

    @property
    def value(self) -> int:
        """Riskvärde: probability × consequence."""
        return self.probability * self.consequence


class ReportingTime(models.TextChoices):
    """When a control is reported ("Följs upp i"); see `periods.slot_of` for the mapping to the
    organisation's reporting periods."""

    T1 = "t1", _("T1")
    T2 = "t2", _("T2")
    YEAR_END = "year_end", _("Year-end")


class Control(Versioned):
    """Kontrollmoment: how a risk is checked (method, e.g. stickprov), who checks it, in which
    reports it is followed up, and the planned actions (åtgärder)."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="controls")
    step = models.CharField(_("control step"), max_length=500)
    method = models.CharField(
        _("method"), max_length=200, blank=True, help_text=_("For example stickprov.")
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_for_controls",
        verbose_name=_("responsible"),
    )
    report_t1 = models.BooleanField(_("reported in T1"), default=False)
    report_t2 = models.BooleanField(_("reported in T2"), default=False)
    report_year_end = models.BooleanField(_("reported at year-end"), default=False)
    planned_actions = models.TextField(_("planned actions"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )

    # Not stored: last year's results, set by selectors.attach_previous_results.
    previous_results: list["ControlResult"]

    class Meta:
        verbose_name = _("control")
        verbose_name_plural = _("controls")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.risk.process}: {self.step}"[:300]

    @property
    def reporting_times(self) -> list[str]:
        flags = {
            ReportingTime.T1: self.report_t1,
            ReportingTime.T2: self.report_t2,
            ReportingTime.YEAR_END: self.report_year_end,
        }
        return [time for time, on in flags.items() if on]

    @property
    def reporting_times_display(self) -> str:
        return ", ".join(str(ReportingTime(time).label) for time in self.reporting_times)

    def is_due_in(self, time: str | None) -> bool:
        return time is not None and time in self.reporting_times


class ControlOutcome(models.TextChoices):
    DONE = "done", _("Done without remark")
    DEVIATION = "deviation", _("Deviation found")
    NOT_DONE = "not_done", _("Not done")


# The same traffic lights as goal follow-up (followup/_light.html).
OUTCOME_LIGHT = {
    ControlOutcome.DONE: "green",
    ControlOutcome.DEVIATION: "yellow",
    ControlOutcome.NOT_DONE: "red",
}


class ControlResult(Versioned):
    """Kontrollresultat: what a control found in one reporting period, with a comment, who
    recorded it and when. One per control and period."""

    control = models.ForeignKey(Control, on_delete=models.PROTECT, related_name="results")
    period = models.ForeignKey(
        "periods.ReportingPeriod", on_delete=models.PROTECT, related_name="control_results"
    )
    outcome = models.CharField(_("result"), max_length=20, choices=ControlOutcome.choices)
    comment = models.TextField(_("comment"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("control result")
        verbose_name_plural = _("control results")
        constraints = [
            models.UniqueConstraint(
                fields=["control", "period"], name="control_result_one_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.control} {self.period}: {self.get_outcome_display()}"

    @property
    def light(self) -> str:
        return OUTCOME_LIGHT[ControlOutcome(self.outcome)]


class ControlResultAction(models.Model):
    """The action (åtgärd) a deviation became: links the action back to its result, and so to
    the control and the risk. The actions app does not know this table."""

    result = models.ForeignKey(ControlResult, on_delete=models.CASCADE, related_name="action_links")
    action = models.ForeignKey(
        "actions.Action", on_delete=models.PROTECT, related_name="control_result_links"
    )

    class Meta:
        verbose_name = _("action from a control deviation")
        verbose_name_plural = _("actions from control deviations")
        constraints = [
            models.UniqueConstraint(
                fields=["result", "action"], name="control_result_action_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.result} → {self.action}"
