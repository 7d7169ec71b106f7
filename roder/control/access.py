"""Fetch internal control plans, risks and controls through their unit (organisation/access.py).

Reading: any role covering the plan's unit. Building the plan (risks, controls, status, copy):
unit managers of the unit, and controllers and administrators above it. Recording a control's
result: reporters and above on the unit, and the control's responsible person if they can see
the unit at all. The risk matrix: administrators of the organisation's top unit.
"""

from roder.control.models import Control, ControlPlan, Risk
from roder.organisation.access import Grants, check_unit, fetch_for_user
from roder.organisation.models import RoleKind

PLAN_BUILDER = RoleKind.UNIT_MANAGER
RESULT_RECORDER = RoleKind.REPORTER


def get_plan_for_user(grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER) -> ControlPlan:
    plans = ControlPlan.objects.select_related("unit", "unit__organisation", "copied_from")
    return fetch_for_user(grants, plans, pk, need=need)


def get_risk_for_user(grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER) -> Risk:
    risks = Risk.objects.select_related("plan", "plan__unit", "plan__unit__organisation")
    return fetch_for_user(grants, risks, pk, unit="plan__unit", need=need)


def get_control_for_user(grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER) -> Control:
    controls = Control.objects.select_related(
        "risk", "risk__plan", "risk__plan__unit", "risk__plan__unit__organisation"
    )
    return fetch_for_user(grants, controls, pk, unit="risk__plan__unit", need=need)


def may_build(grants: Grants, plan: ControlPlan) -> bool:
    return grants.has_role(plan.unit, PLAN_BUILDER)


def may_record(grants: Grants, control: Control, unit) -> bool:
    """Reporters and above on the plan's unit, or the control's responsible person who can see
    the unit. `unit` is the plan's unit (passed so a list of controls costs no queries)."""
    if not grants.can_see(unit):
        return False
    is_responsible = control.responsible_id is not None and control.responsible_id == getattr(
        grants.user, "pk", None
    )
    return is_responsible or grants.has_role(unit, RESULT_RECORDER)


def require_recorder(grants: Grants, controls, unit) -> None:
    """404 if the person cannot see the unit; 403 unless they may record some of `controls` or
    are a reporter or above on the unit."""
    if not any(may_record(grants, control, unit) for control in controls):
        check_unit(grants, unit, need=RESULT_RECORDER)
