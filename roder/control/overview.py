"""Internal control's column on the start page's overview (`core.overview`): open deviations
per unit, a deviation being open while the action it became is not done or cancelled (or it
has no action yet). One query for all listed units."""

from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext as _

from roder.actions.models import CLOSED_STATUSES
from roder.control.models import ControlOutcome, ControlResult, ControlResultAction
from roder.core.overview import Column, ColumnData, Scope


def open_deviations(scope: Scope) -> ColumnData:
    links = ControlResultAction.objects.filter(result=OuterRef("pk"))
    open_links = links.exclude(action__status__in=CLOSED_STATUSES)
    cells = dict(
        ControlResult.objects.filter(
            outcome=ControlOutcome.DEVIATION, control__risk__plan__unit__in=scope.units
        )
        .filter(Exists(open_links) | ~Exists(links))
        .values_list("control__risk__plan__unit")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return ColumnData(heading=_("Open control deviations"), cells=cells)


DEVIATIONS = Column(
    key="control", order=50, template="control/_overview_cell.html", values=open_deviations
)
