"""Budget, outcome and prognosis by unit, year, period, account category and activity (M6).

Amounts are stored in kronor as positive numbers in the direction of their category: an income
of 1,7 mkr is +1 700 000 on an income category, a cost of 29,7 mkr is +29 700 000 on a cost
category. A negative amount is a reduction (a credit, a refund). Every table signs them for its
own presentation (seed 004: incomes +, costs −; seed 000: costs +, incomes −); nothing derived
is ever stored.
"""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roder.core.models import TaskProgress, Versioned
from roder.organisation.models import Organisation, Unit


class CategoryKind(models.TextChoices):
    INCOME = "income", _("Income")
    COST = "cost", _("Cost")


class ActivityColumn(models.TextChoices):
    """The columns of the table per activity (seed 004): three for incomes, two for costs."""

    MUNICIPAL_COMPENSATION = "municipal_compensation", _("Municipal compensation")
    SALES_OF_ACTIVITY = "sales_of_activity", _("Sales of activity")
    OTHER_INCOME = "other_income", _("Other income")
    PURCHASE_OF_ACTIVITY = "purchase_of_activity", _("Purchase of activity")
    OTHER_COST = "other_cost", _("Other costs")


INCOME_COLUMNS = (
    ActivityColumn.MUNICIPAL_COMPENSATION,
    ActivityColumn.SALES_OF_ACTIVITY,
    ActivityColumn.OTHER_INCOME,
)
COST_COLUMNS = (ActivityColumn.PURCHASE_OF_ACTIVITY, ActivityColumn.OTHER_COST)
COLUMNS_OF_KIND = {CategoryKind.INCOME: INCOME_COLUMNS, CategoryKind.COST: COST_COLUMNS}


class AccountCategory(Versioned):
    """Kontogrupp, intäkts- eller kostnadsslag: a row of the income and cost table (Hyror och
    arrenden, Personalkostnader …). Configurable per organisation; the defaults are the
    categories of domain-reference §6."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="account_categories"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=CategoryKind.choices)
    code = models.CharField(
        _("code"),
        max_length=20,
        help_text=_("Unique within the organisation; a ledger file may name the category by it."),
    )
    name = models.CharField(_("name"), max_length=200)
    activity_column = models.CharField(
        _("column in the table per activity"), max_length=30, choices=ActivityColumn.choices
    )
    accounts = models.CharField(
        _("accounts"),
        max_length=300,
        blank=True,
        help_text=_(
            "Account numbers or ranges of the ledger that belong here, e.g. “30-31, 3411”. "
            "A ledger row whose account starts within a range is counted here."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("account category")
        verbose_name_plural = _("account categories")
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="account_category_code_unique"
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=CategoryKind.INCOME, activity_column__in=INCOME_COLUMNS)
                    | Q(kind=CategoryKind.COST, activity_column__in=COST_COLUMNS)
                ),
                name="account_category_column_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def account_ranges(self) -> list[tuple[str, str]]:
        """`accounts` as (low, high) prefixes of equal length; ValueError if malformed."""
        return parse_account_ranges(self.accounts)

    def account_match(self, account: str) -> int:
        """How specific the match of a ledger account is (the prefix length), 0 for none."""
        best = 0
        for low, high in self.account_ranges:
            head = account[: len(low)]
            if len(account) >= len(low) and low <= head <= high:
                best = max(best, len(low))
        return best


def parse_account_ranges(text: str) -> list[tuple[str, str]]:
    """'30-31, 3411' → [('30', '31'), ('3411', '3411')]. Raises ValueError when a part is not
    an account number or a range of two numbers of the same length, low first."""
    ranges = []
    for part in text.replace(";", ",").split(","):
        part = part.strip().replace("–", "-")
        if not part:
            continue
        low, _dash, high = (p.strip() for p in part.partition("-"))
        high = high or low
        if not (low.isdigit() and high.isdigit()) or len(low) != len(high) or low > high:
            raise ValueError(part)
        ranges.append((low, high))
    return ranges


class Activity(Versioned):
    """Verksamhet: a national activity code such as 14 Allmän kommunadministration."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="activities"
    )
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="activity_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def sort_key(self) -> tuple:
        """National codes sort as numbers: 13, 14 … 26, 130."""
        digits = re.match(r"\d+", self.code)
        return (int(digits.group()) if digits else 10**9, self.code)


class LineKind(models.TextChoices):
    BUDGET = "budget", _("Budget")
    OUTCOME = "outcome", _("Outcome")
    PROGNOSIS = "prognosis", _("Prognosis")
    PLAN = "plan", _("Plan")


class LineSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    IMPORT = "import", _("Ledger import")


class ImportStatus(models.TextChoices):
    STAGED = "staged", _("Checked, not imported")
    IMPORTED = "imported", _("Imported")


class LedgerImport(TaskProgress):
    """Import från ekonomisystemet: one uploaded ledger export (Agresso/Unit4, Raindance, Visma).

    The parsed table waits here (staged) while its uploader maps the columns and looks at the
    preview; confirming writes every line or none, keeps the totals as the import's record and
    drops the staged rows. A big file (more than IMPORT_TASK_ROWS rows) is read, checked and
    imported by tasks (`economy.tasks`), its `content` kept only until it has been read.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="ledger_imports"
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="ledger_imports", verbose_name=_("unit")
    )
    file_name = models.CharField(_("file"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.STAGED
    )
    headers = models.JSONField(default=list)
    rows = models.JSONField(default=list)  # every data row as text, in file order, until imported
    content = models.BinaryField(default=b"", blank=True)  # a big file, until a task has read it
    mapping = models.JSONField(default=dict)  # as confirmed
    kind = models.CharField(_("kind"), max_length=20, choices=LineKind.choices, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    period = models.ForeignKey(
        "periods.ReportingPeriod",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("period"),
    )
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    line_count = models.PositiveIntegerField(_("lines written"), default=0)
    income_total = models.DecimalField(_("incomes"), max_digits=16, decimal_places=2, default=0)
    cost_total = models.DecimalField(_("costs"), max_digits=16, decimal_places=2, default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)

    class Meta:
        verbose_name = _("ledger import")
        verbose_name_plural = _("ledger imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_staged(self) -> bool:
        return self.status == ImportStatus.STAGED


class BudgetLine(Versioned):
    """Budgetrad: one amount of a unit's budget, outcome (utfall, bokslut), prognosis or plan.

    Keyed by unit, year, kind, period, category, activity and (rarely) a column override. The
    period says what the amount is at: without a period it is the whole year (the budget, the
    bokslut, a plan year, the prognosis stated with the plan); with a period, an outcome is
    accumulated from the start of the year to the period's end and a prognosis is the year-end
    prognosis given at that period.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="budget_lines", verbose_name=_("unit")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=LineKind.choices)
    period = models.ForeignKey(
        "periods.ReportingPeriod",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
        verbose_name=_("period"),
    )
    category = models.ForeignKey(
        AccountCategory,
        on_delete=models.PROTECT,
        related_name="lines",
        verbose_name=_("account category"),
    )
    activity = models.ForeignKey(
        Activity,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lines",
        verbose_name=_("activity"),
    )
    # Empty: the category's own column. Set only for amounts the ledger classifies differently
    # from their category in the table per activity (see README, seed 004).
    activity_column = models.CharField(
        _("column in the table per activity"),
        max_length=30,
        choices=ActivityColumn.choices,
        blank=True,
    )
    amount = models.DecimalField(_("amount (kr)"), max_digits=16, decimal_places=2)
    source = models.CharField(
        _("source"), max_length=10, choices=LineSource.choices, default=LineSource.MANUAL
    )
    ledger_import = models.ForeignKey(
        LedgerImport,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lines",
        verbose_name=_("ledger import"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        indexes = [models.Index(fields=["unit", "year", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="budget_line_year_in_range"
            ),
            models.CheckConstraint(
                condition=~Q(kind=LineKind.PLAN) | Q(period__isnull=True),
                name="budget_line_plan_has_no_period",
            ),
            # One line per key. Four constraints because NULLs never clash in a unique index.
            models.UniqueConstraint(
                fields=["unit", "year", "kind", "category", "activity_column"],
                condition=Q(period__isnull=True, activity__isnull=True),
                name="budget_line_unique_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "kind", "category", "activity", "activity_column"],
                condition=Q(period__isnull=True, activity__isnull=False),
                name="budget_line_unique_year_activity",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "kind", "period", "category", "activity_column"],
                condition=Q(period__isnull=False, activity__isnull=True),
                name="budget_line_unique_period",
            ),
            models.UniqueConstraint(
                fields=[
                    "unit",
                    "year",
                    "kind",
                    "period",
                    "category",
                    "activity",
                    "activity_column",
                ],
                condition=Q(period__isnull=False, activity__isnull=False),
                name="budget_line_unique_period_activity",
            ),
        ]

    def __str__(self) -> str:
        parts = [self.get_kind_display(), str(self.year), str(self.category)]
        if self.period_id:
            parts.insert(2, f"({self.period})")
        if self.activity_id:
            parts.append(str(self.activity))
        return " ".join(parts)

    @property
    def column(self) -> str:
        """The line's column in the table per activity."""
        return self.activity_column or self.category.activity_column
