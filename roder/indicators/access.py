from roder.indicators.models import Indicator
from roder.organisation.access import Grants, check_unit, fetch_for_user
from roder.organisation.models import RoleKind

# Who defines indicators and sets targets: unit managers and above, on the unit concerned.
INDICATOR_EDITOR = RoleKind.UNIT_MANAGER


def get_indicator_for_user(grants: Grants, pk: int, *, need: RoleKind | None = None) -> Indicator:
    """Any person of the organisation reads its indicator catalogue; changing a definition needs
    `need` on the owner unit."""
    indicators = Indicator.objects.select_related("owner")
    indicator = fetch_for_user(grants, indicators, pk, unit=None)
    if need is not None:
        check_unit(grants, indicator.owner, need=need)
    return indicator
