"""Fetch plans and goals through the unit they belong to (see organisation/access.py)."""

from roder.organisation.access import Grants, fetch_for_user
from roder.organisation.models import RoleKind
from roder.planning.models import Goal, Plan

# Who writes plans and goals: unit managers, and controllers and administrators above them.
PLAN_EDITOR = RoleKind.UNIT_MANAGER


def get_plan_for_user(grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER) -> Plan:
    plans = Plan.objects.select_related("unit", "unit__organisation")
    return fetch_for_user(grants, plans, pk, need=need)


def get_goal_for_user(grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER) -> Goal:
    goals = Goal.objects.select_related("plan", "plan__unit", "category", "responsible")
    return fetch_for_user(grants, goals, pk, unit="plan__unit", need=need)
