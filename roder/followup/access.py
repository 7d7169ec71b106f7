from django.http import Http404

from roder.followup.models import OutcomeImport, ReportingPeriod
from roder.organisation.access import Grants, fetch_for_user
from roder.organisation.models import RoleKind

# Who does what in follow-up, on the unit concerned (roles inherit downwards).
OUTCOME_REPORTER = RoleKind.REPORTER
ASSESSOR = RoleKind.UNIT_MANAGER
SUBMITTER = RoleKind.UNIT_MANAGER
APPROVER = RoleKind.CONTROLLER
PERIOD_MANAGER = RoleKind.CONTROLLER  # on the organisation's top unit


def get_period_for_user(grants: Grants, pk) -> ReportingPeriod:
    """Periods are the organisation's; anyone with a role in it reads them."""
    return fetch_for_user(grants, ReportingPeriod, pk, unit=None)


def get_outcome_import_for_user(grants: Grants, pk, *, unit, period) -> OutcomeImport:
    """A big outcome file being checked or imported is its uploader's alone (404 for others)."""
    staged = OutcomeImport.objects.filter(
        pk=pk, unit=unit, period=period, created_by_id=getattr(grants.user, "pk", None)
    ).first()
    if staged is None:
        raise Http404
    return staged
