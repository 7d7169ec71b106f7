"""The actions' column on the start page's overview (`core.overview`): open actions past their
due date, per unit (one query for all listed units)."""

from django.db.models import Count
from django.utils.translation import gettext as _

from roder.actions.models import Action
from roder.core.overview import Column, ColumnData, Scope


def overdue_actions(scope: Scope) -> ColumnData:
    cells = dict(
        Action.objects.filter(unit__in=scope.units)
        .overdue(scope.today)
        .values_list("unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return ColumnData(heading=_("Overdue actions"), cells=cells)


OVERDUE = Column(
    key="actions", order=30, template="actions/_overview_cell.html", values=overdue_actions
)
