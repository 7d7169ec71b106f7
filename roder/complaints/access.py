"""Who may see and handle complaint cases (see organisation/access.py for the rules of roles).

Handlers are people with the reporter role or higher on the case's unit (roles inherit
downwards): they read the case and work on it (status, notes, answers). Unit managers (and
controllers and administrators above them) also assign it to a unit and a handler and set its
secrecy mark. A case marked secret (OSL) is seen only by its handler and by the unit's managers;
to everyone else it does not exist (404). Readers never see a case's contents (403).
The public form and the settings are the organisation administrators'.
"""

from django.db.models import Q
from django.http import Http404

from roder.complaints.models import Case
from roder.organisation.access import Grants, check_unit, fetch_for_user
from roder.organisation.models import ROLE_RANK, RoleKind

HANDLER = RoleKind.REPORTER
ASSIGNER = RoleKind.UNIT_MANAGER


def _paths(grants: Grants, need: RoleKind) -> list[str]:
    return [path for path, kind in grants.roles if ROLE_RANK[RoleKind(kind)] >= ROLE_RANK[need]]


def _under(paths: list[str]) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(unit__path__startswith=path)
    return condition


def visible_cases(grants: Grants) -> Q:
    """The filter for the cases the person handles, in the same query."""
    if grants.is_superuser:
        return Q(organisation=grants.organisation)
    handled = _paths(grants, HANDLER)
    if not handled:
        return Q(pk__in=[])
    user_pk = getattr(grants.user, "pk", None)
    secret_seen = Q(secret=False) | Q(handler_id=user_pk) | _under(_paths(grants, ASSIGNER))
    return Q(organisation=grants.organisation) & _under(handled) & secret_seen


def handles_somewhere(grants: Grants) -> bool:
    """Whether the person handles cases on any unit (no query: read from the grants)."""
    return grants.is_superuser or bool(_paths(grants, HANDLER))


def may_see_secret(grants: Grants, case: Case) -> bool:
    user_pk = getattr(grants.user, "pk", None)
    return grants.has_role(case.unit, ASSIGNER) or (
        case.handler_id is not None and case.handler_id == user_pk
    )


def may_assign(grants: Grants, case: Case) -> bool:
    return grants.has_role(case.unit, ASSIGNER)


def get_case_for_user(grants: Grants, pk: int, *, need: RoleKind = HANDLER) -> Case:
    """404 if the person may not see the case's unit (or the case is secret and they are
    neither its handler nor a manager of its unit), 403 if their role there is below `need`."""
    cases = Case.objects.select_related(
        "unit", "unit__organisation", "service", "handler", "organisation"
    )
    case = fetch_for_user(grants, cases, pk, need=RoleKind.READER)
    if case.secret and not may_see_secret(grants, case):
        raise Http404
    check_unit(grants, case.unit, need=need)
    return case
