from django.http import Http404

from roder.indicators.models import Indicator
from roder.organisation.access import Grants, check_unit
from roder.organisation.models import RoleKind

# Who defines indicators and sets targets: unit managers and above, on the unit concerned.
INDICATOR_EDITOR = RoleKind.UNIT_MANAGER


def get_indicator_for_user(grants: Grants, pk: int, *, need: RoleKind | None = None) -> Indicator:
    """Any person of the organisation reads its indicator catalogue; changing a definition needs
    `need` on the owner unit."""
    indicator = (
        Indicator.objects.select_related("owner")
        .filter(organisation=grants.organisation, pk=pk)
        .first()
    )
    if indicator is None:
        raise Http404
    if need is not None:
        check_unit(grants, indicator.owner, need=need)
    return indicator
