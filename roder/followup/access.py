from django.http import Http404

from roder.followup.models import ReportingPeriod
from roder.organisation.access import Grants
from roder.organisation.models import RoleKind

# Who does what in follow-up, on the unit concerned (roles inherit downwards).
OUTCOME_REPORTER = RoleKind.REPORTER
ASSESSOR = RoleKind.UNIT_MANAGER
SUBMITTER = RoleKind.UNIT_MANAGER
APPROVER = RoleKind.CONTROLLER
PERIOD_MANAGER = RoleKind.CONTROLLER  # on the organisation's top unit


def get_period_for_user(grants: Grants, pk) -> ReportingPeriod:
    """Periods are the organisation's; anyone with a role in it reads them."""
    period = ReportingPeriod.objects.filter(organisation=grants.organisation, pk=pk).first()
    if period is None:
        raise Http404
    return period
