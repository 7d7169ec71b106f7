"""Fetch plans and goals through the unit they belong to (see organisation/access.py)."""

from django.http import Http404

from roder.organisation.access import Grants, check_unit
from roder.organisation.models import RoleKind
from roder.planning.models import Goal, Plan

# Who writes plans and goals: unit managers, and controllers and administrators above them.
PLAN_EDITOR = RoleKind.UNIT_MANAGER


def get_plan_for_user(grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER) -> Plan:
    plan = (
        Plan.objects.select_related("unit", "unit__organisation")
        .filter(unit__organisation=grants.organisation, pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    check_unit(grants, plan.unit, need=need)
    return plan


def get_goal_for_user(grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER) -> Goal:
    goal = (
        Goal.objects.select_related("plan", "plan__unit", "category", "responsible")
        .filter(plan__unit__organisation=grants.organisation, pk=pk)
        .first()
    )
    if goal is None:
        raise Http404
    check_unit(grants, goal.plan.unit, need=need)
    return goal
