from roder.organisation.access import Grants, fetch_for_user
from roder.organisation.models import RoleKind
from roder.periods.models import ReportingPeriod

# Who opens, closes and adds periods: a controller on the organisation's top unit.
PERIOD_MANAGER = RoleKind.CONTROLLER


def get_period_for_user(grants: Grants, pk: int) -> ReportingPeriod:
    """Periods are the organisation's; anyone with a role in it reads them."""
    return fetch_for_user(grants, ReportingPeriod, pk, unit=None)
