"""Fetch actions through the unit they belong to (see organisation/access.py).

Reading: any role covering the action's unit. Creating and editing every field: unit managers,
and controllers and administrators above them. Updating the status and adding notes: reporters
and above, and the person responsible for the action (if they can see its unit at all).
"""

from django.core.exceptions import PermissionDenied

from roder.actions.models import Action
from roder.organisation.access import Grants, fetch_for_user
from roder.organisation.models import ROLE_RANK, RoleKind

ACTION_EDITOR = RoleKind.UNIT_MANAGER
ACTION_UPDATER = RoleKind.REPORTER


def get_action_for_user(grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER) -> Action:
    """404 if the person may not see the action's unit, 403 if their role there is below
    `need`."""
    actions = Action.objects.select_related("unit", "unit__organisation", "responsible")
    return fetch_for_user(grants, actions, pk, need=need)


def may_edit(grants: Grants, action: Action) -> bool:
    return grants.has_role(action.unit, ACTION_EDITOR)


def may_update(grants: Grants, action: Action) -> bool:
    """Status and notes: reporters and above, or the responsible person who can see the unit."""
    if not grants.can_see(action.unit):
        return False
    is_responsible = action.responsible_id is not None and action.responsible_id == getattr(
        grants.user, "pk", None
    )
    return is_responsible or grants.has_role(action.unit, ACTION_UPDATER)


def get_action_to_update(grants: Grants, pk: int) -> Action:
    """An action whose status and notes the person may change: 404 unseen, 403 otherwise."""
    action = get_action_for_user(grants, pk)
    if not may_update(grants, action):
        raise PermissionDenied
    return action


def may_create_somewhere(grants: Grants) -> bool:
    """Whether the person plans actions on any unit (no query: read from the grants)."""
    if grants.is_superuser:
        return True
    return any(ROLE_RANK[RoleKind(kind)] >= ROLE_RANK[ACTION_EDITOR] for _p, kind in grants.roles)
