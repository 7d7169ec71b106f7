"""fetch_for_user: 404 for what the person may not see, 403 for a role too low."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from roder.organisation.access import fetch_for_user, grants_for
from roder.organisation.models import RoleKind
from roder.planning.models import Goal, Plan
from roder.planning.services import goal_create, plan_create
from roder.testing import make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    return plan_create(unit=world.unit_a, year=2026, by=world.admin)


def test_it_returns_the_object_for_a_person_with_the_role(world, plan):
    grants = grants_for(world.manager, world.organisation)
    assert fetch_for_user(grants, Plan, plan.pk, need=RoleKind.UNIT_MANAGER) == plan


def test_it_answers_404_for_an_unseen_unit_or_a_missing_object(world, plan):
    outsider = grants_for(world.outsider, world.organisation)
    with pytest.raises(Http404):
        fetch_for_user(outsider, Plan, plan.pk)
    with pytest.raises(Http404):
        fetch_for_user(grants_for(world.manager, world.organisation), Plan, plan.pk + 1000)


def test_it_answers_403_for_a_role_below_need(world, plan):
    grants = grants_for(world.reader, world.organisation)
    assert fetch_for_user(grants, Plan, plan.pk) == plan
    with pytest.raises(PermissionDenied):
        fetch_for_user(grants, Plan, plan.pk, need=RoleKind.UNIT_MANAGER)


def test_it_follows_the_path_to_the_unit(world, plan):
    goal = goal_create(plan=plan, title="Mål", by=world.admin)
    with pytest.raises(Http404):
        fetch_for_user(
            grants_for(world.outsider, world.organisation), Goal, goal.pk, unit="plan__unit"
        )
    reporter = grants_for(world.reporter, world.organisation)
    with pytest.raises(PermissionDenied):
        fetch_for_user(reporter, Goal, goal.pk, unit="plan__unit", need=RoleKind.UNIT_MANAGER)


def test_it_answers_404_for_another_organisations_object(world, plan):
    other = make_organisation("Annan kommun", "annan")
    grants = grants_for(world.admin, other)
    with pytest.raises(Http404):
        fetch_for_user(grants, Plan, plan.pk)
