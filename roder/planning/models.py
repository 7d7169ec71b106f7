"""Plans, their free-text sections, goal categories and goals with their upward links (M2)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from roder.core.models import Versioned
from roder.organisation.models import Organisation, Unit


class GoalCategory(Versioned):
    """Perspektiv, inriktningsmål or målområde; a category with a parent is a sub-area
    (3.1.1 Kunden i fokus)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="goal_categories"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("main category"),
    )
    number = models.CharField(_("number"), max_length=20, help_text=_("For example 3.1 or 3.1.1."))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("goal category")
        verbose_name_plural = _("goal categories")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="goal_category_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    @property
    def sort_key(self) -> tuple:
        return tuple(int(p) if p.isdigit() else p for p in self.number.split("."))


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")


class Plan(Versioned):
    """Verksamhetsplan: one unit's plan for one year, with free-text sections and goals."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="plans")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="plan_one_per_unit_and_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="plan_year_in_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PlanSection(Versioned):
    """A free-text section of a plan: sammanfattning, ansvarsområde, omvärldsanalys …"""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=40)
    title = models.CharField(_("heading"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="plan_section_key_unique")
        ]

    def __str__(self) -> str:
        return self.title


class GoalKind(models.TextChoices):
    GOAL = "goal", _("Goal")
    COMMITMENT = "commitment", _("Commitment")
    ASSIGNMENT = "assignment", _("Assignment")


class Goal(Versioned):
    """Mål, åtagande (commitment) or uppdrag (assignment) in a unit's plan.

    A goal "knyter an till" (contributes to) goals in the plans of units above it, in the same
    year, through GoalLink; the chain council → committee → unit is read in both directions.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    category = models.ForeignKey(
        GoalCategory,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="goals",
        verbose_name=_("category"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=GoalKind.choices)
    number = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(_("goal"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    working_methods = models.TextField(_("working methods"), blank=True)
    follow_up_methods = models.TextField(_("follow-up methods"), blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_for_goals",
        verbose_name=_("responsible"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    contributes_to = models.ManyToManyField(
        "self",
        verbose_name=_("contributes to"),
        symmetrical=False,
        through="GoalLink",
        related_name="contributors",
        blank=True,
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies"
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class GoalLink(models.Model):
    """ "Knyter an till": `goal` contributes to `target`, a goal of a unit higher up."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="upward_links")
    target = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="downward_links")

    class Meta:
        verbose_name = _("goal link")
        verbose_name_plural = _("goal links")
        constraints = [
            models.UniqueConstraint(fields=["goal", "target"], name="goal_link_unique"),
            models.CheckConstraint(
                condition=~Q(goal=models.F("target")), name="goal_link_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal} → {self.target}"
