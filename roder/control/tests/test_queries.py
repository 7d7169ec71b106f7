"""The risk analysis, control plan, results, follow-up and overview pages cost the same number
of queries for a small and a large plan (and for few and many units)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.actions.models import Action
from roder.control.models import (
    Control,
    ControlPlan,
    ControlResult,
    ControlResultAction,
    Risk,
)
from roder.control.services import result_record
from roder.control.testing import make_control, make_control_plan, make_risk, make_year
from roder.planning.testing import YEAR, make_categories, make_goal, make_plan
from roder.testing import add_units

pytestmark = pytest.mark.django_db


def count(client, path, params=None) -> int:
    client.get(path, params)  # warm the content type cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
        assert response.status_code == 200
    return len(captured)


def grow(plan, n, *, period, categories, goal, source=None):
    """`n` risks with three controls each (bulk), goals, results in `period` (one in three a
    deviation with its action) and, when `source` is given, controls copied from it."""
    start = Risk.objects.filter(plan=plan).count() + 100
    Risk.objects.bulk_create(
        Risk(
            plan=plan,
            process=f"Process {i}",
            description=f"Risk {i}",
            category=list(categories.values())[i % 3],
            probability=1 + i % 4,
            consequence=1 + (i // 4) % 4,
            order=start + i,
        )
        for i in range(n)
    )
    risks = list(Risk.objects.filter(plan=plan, order__gte=start))
    Risk.goals.through.objects.bulk_create(
        Risk.goals.through(risk=risk, goal=goal) for risk in risks
    )
    copied = list(Control.objects.filter(risk__plan=source)) if source else []
    Control.objects.bulk_create(
        Control(
            risk=risk,
            step=f"Kontroll {risk.pk}-{j}",
            report_t1=True,
            report_t2=j > 0,
            copied_from=copied[(risk.pk + j) % len(copied)] if copied else None,
        )
        for risk in risks
        for j in range(3)
    )
    controls = list(Control.objects.filter(risk__in=risks))
    ControlResult.objects.bulk_create(
        ControlResult(control=control, period=period, outcome="deviation" if n % 3 == 0 else "done")
        for n, control in enumerate(controls)
    )
    deviations = list(ControlResult.objects.filter(control__in=controls, outcome="deviation"))
    Action.objects.bulk_create(
        Action(unit=plan.unit, title=f"Avvikelse {r.pk}") for r in deviations
    )
    actions = list(Action.objects.filter(title__startswith="Avvikelse").order_by("pk"))
    ControlResultAction.objects.bulk_create(
        ControlResultAction(result=r, action=a)
        for r, a in zip(deviations, actions[-len(deviations) :], strict=True)
    )


@pytest.fixture
def scene(world):
    periods = make_year(world.organisation)
    categories = make_categories(world.organisation)
    goal = make_goal(make_plan(world.unit_a), "Resultat i balans")
    last_year = make_control_plan(world.unit_a, YEAR - 1)
    make_control(make_risk(last_year), report_in=["t1"])
    plan = make_control_plan(world.unit_a)
    risk = make_risk(plan, category=categories["economy"], goals=[goal])
    control = make_control(risk)
    result_record(control=control, period=periods["t1"], outcome="deviation", comment="x", by=None)
    return {
        "plan": plan,
        "periods": periods,
        "categories": categories,
        "goal": goal,
        "source": last_year,
    }


@pytest.mark.parametrize("page", ["plan_detail", "risk_analysis", "followup", "results"])
def test_plan_pages_cost_the_same_for_a_small_and_a_large_plan(world, client_for, scene, page):
    plan, t1 = scene["plan"], scene["periods"]["t1"]
    paths = {
        "plan_detail": (reverse("control:plan_detail", args=["testkommun", plan.pk]), None),
        "risk_analysis": (reverse("control:risk_analysis", args=["testkommun", plan.pk]), None),
        "followup": (
            reverse("control:followup", args=["testkommun", plan.pk]),
            {"period": t1.pk},
        ),
        "results": (reverse("control:results", args=["testkommun", plan.pk, t1.pk]), None),
    }
    path, params = paths[page]
    client = client_for(world.reporter)
    extra = {
        "period": t1,
        "categories": scene["categories"],
        "goal": scene["goal"],
        "source": scene["source"],
    }
    grow(plan, 2, **extra)
    small = count(client, path, params)
    grow(plan, 60, **extra)
    large = count(client, path, params)
    assert large == small, (page, small, large)


def test_the_overview_costs_the_same_for_few_and_many_units(world, client_for, scene):
    t1 = scene["periods"]["t1"]
    client = client_for(world.controller)
    path = reverse("control:overview", args=["testkommun"])

    def plans_for(units):
        ControlPlan.objects.bulk_create(ControlPlan(unit=unit, year=YEAR) for unit in units)
        for plan in ControlPlan.objects.filter(unit__in=units):
            grow(plan, 2, period=t1, categories=scene["categories"], goal=scene["goal"])

    plans_for(add_units(world.administration, 3))
    small = count(client, path, {"period": t1.pk})
    plans_for(add_units(world.committee, 30))
    large = count(client, path, {"period": t1.pk})
    assert large == small, (small, large)
    assert len(client.get(path, {"period": t1.pk}).context["summaries"]) == 34
