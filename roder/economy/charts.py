"""The follow-up's chart, on the economy page and in the follow-up documents alike: budget,
outcome to date and prognosis per account category, drawn by `core.charts.budget_chart`."""

from collections import Counter

from django.utils.translation import gettext as _

from roder.core.charts import Chart, budget_chart
from roder.core.formatting import SCALES


def followup_chart(*, unit, data, prognosis: bool = True) -> Chart:
    """Incomes and costs both as amounts in their own direction, so every bar grows right;
    categories without any amount are left out. `data` is `selectors.followup_data`'s, in its
    scale; without `prognosis` (at year end) the prognosis bars stay empty."""
    signed = [(row, 1) for row in data.incomes] + [(row, -1) for row in data.costs]
    names = Counter(row.label for row, _sign in signed)
    rows = []
    for row, sign in signed:
        cells = [row.budget, row.outcome, row.prognosis if prognosis else None]
        if not any(cell is not None and cell.shown for cell in cells):
            continue
        label = row.label
        if names[label] > 1:
            label = f"{label} ({_('income') if sign == 1 else _('cost')})"
        rows.append(
            (label, *(None if c is None or c.shown is None else c.shown * sign for c in cells))
        )
    title = _("Budget, outcome to date and prognosis – %(unit)s, %(period)s") % {
        "unit": unit.name,
        "period": data.period.name,
    }
    return budget_chart(
        title=title, rows=rows, scale_label=data.scale, decimals=SCALES[data.scale][1]
    )
