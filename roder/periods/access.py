from django.core.exceptions import PermissionDenied

from roder.organisation.access import Grants, fetch_for_user
from roder.organisation.models import ROLE_RANK, RoleKind
from roder.periods.models import ReportingPeriod

# Who adds, opens, closes and reopens periods and sets their due dates: a controller (or an
# administrator) on any unit of the organisation. Periods are the organisation's one calendar,
# not a branch's, so the controllers who run the follow-up of any branch run it (README).
PERIOD_MANAGER = RoleKind.CONTROLLER


def may_manage_periods(grants: Grants) -> bool:
    return grants.is_superuser or any(
        ROLE_RANK[RoleKind(kind)] >= ROLE_RANK[PERIOD_MANAGER] for _path, kind in grants.roles
    )


def require_period_manager(grants: Grants) -> None:
    """403 for anyone who is not a controller somewhere in the organisation."""
    if not may_manage_periods(grants):
        raise PermissionDenied


def get_period_for_user(grants: Grants, pk: int) -> ReportingPeriod:
    """Periods are the organisation's; anyone with a role in it reads them."""
    return fetch_for_user(grants, ReportingPeriod, pk, unit=None)
