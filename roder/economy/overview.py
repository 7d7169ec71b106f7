"""The economy's column on the start page's overview (`core.overview`): the year-end prognosis
against the budget (avvikelse mot budget), per unit, from the latest period with a prognosis in
the listed units (two queries for all of them)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from roder.core.formatting import amount
from roder.core.overview import Column, ColumnData, Scope
from roder.economy.models import BudgetLine, CategoryKind, LineKind
from roder.periods.models import ReportingPeriod

ZERO = Decimal(0)
SCALE = "tkr"


@dataclass(frozen=True)
class Deviation:
    """The result (incomes − costs) by the prognosis and by the budget of units with a
    prognosis; positive deviation: better than budget."""

    budget: Decimal = ZERO
    prognosis: Decimal = ZERO

    def __add__(self, other: "Deviation") -> "Deviation":
        return Deviation(self.budget + other.budget, self.prognosis + other.prognosis)

    @property
    def deviation(self) -> Decimal:
        return self.prognosis - self.budget

    @property
    def text(self) -> str:
        shown = amount(self.deviation, SCALE)
        return shown if shown.startswith(("−", "0")) else f"+{shown}"

    @property
    def is_negative(self) -> bool:
        return amount(self.deviation, SCALE).startswith("−")


def prognosis_against_budget(scope: Scope) -> ColumnData | None:
    lines = BudgetLine.objects.filter(unit__in=scope.units)
    latest = (
        lines.filter(kind=LineKind.PROGNOSIS, period__isnull=False)
        .order_by("-period__ends", "-period_id")
        .values_list("period_id", flat=True)
        .first()
    )
    if latest is None:
        return None
    period = ReportingPeriod.objects.get(pk=latest)
    rows = (
        lines.filter(year=period.year)
        .filter(
            Q(kind=LineKind.BUDGET, period__isnull=True) | Q(kind=LineKind.PROGNOSIS, period=period)
        )
        .values_list("unit_id", "kind", "category__kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    budget: dict[int, Decimal] = {}
    prognosis: dict[int, Decimal] = {}
    for unit, kind, category_kind, total in rows:
        signed = total if category_kind == CategoryKind.INCOME else -total
        into = prognosis if kind == LineKind.PROGNOSIS else budget
        into[unit] = into.get(unit, ZERO) + signed
    cells = {unit: Deviation(budget.get(unit, ZERO), value) for unit, value in prognosis.items()}
    heading = _("Prognosis against budget, %(period)s (thousand kr)") % {"period": period.name}
    return ColumnData(heading=heading, cells=cells, context={"period": period})


DEVIATION = Column(
    key="economy",
    order=40,
    template="economy/_overview_cell.html",
    values=prognosis_against_budget,
)
