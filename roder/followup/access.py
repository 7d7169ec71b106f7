from django.http import Http404

from roder.followup.models import OutcomeImport, OutcomeRevision
from roder.organisation.access import Grants, fetch_for_user
from roder.organisation.models import ROLE_RANK, RoleKind

# Who does what in follow-up, on the unit concerned (roles inherit downwards).
OUTCOME_REPORTER = RoleKind.REPORTER
ASSESSOR = RoleKind.UNIT_MANAGER
SUBMITTER = RoleKind.UNIT_MANAGER
APPROVER = RoleKind.CONTROLLER
REVISION_DECIDER = RoleKind.CONTROLLER  # accepts or rejects a source's revised outcome


def get_outcome_import_for_user(grants: Grants, pk, *, unit, period) -> OutcomeImport:
    """A big outcome file being checked or imported is its uploader's alone (404 for others)."""
    staged = OutcomeImport.objects.filter(
        pk=pk, unit=unit, period=period, created_by_id=getattr(grants.user, "pk", None)
    ).first()
    if staged is None:
        raise Http404
    return staged


def decider_paths(grants: Grants) -> list[str] | None:
    """The unit paths under which the person decides revisions (None: everywhere)."""
    if grants.is_superuser:
        return None
    need = ROLE_RANK[REVISION_DECIDER]
    return [path for path, kind in grants.roles if ROLE_RANK[RoleKind(kind)] >= need]


def may_decide_revisions(grants: Grants) -> bool:
    return grants.is_superuser or bool(decider_paths(grants))


def get_revision_for_user(grants: Grants, pk) -> OutcomeRevision:
    """A revision is decided by controllers of its unit (inherited): 404 if the person cannot
    see the unit, 403 if their role there is lower."""
    return fetch_for_user(
        grants,
        OutcomeRevision.objects.select_related("unit__organisation", "indicator", "period"),
        pk,
        need=REVISION_DECIDER,
    )
