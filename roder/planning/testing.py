"""Plans and goals for the shared test world (roder/testing.py)."""

from roder.planning import services
from roder.planning.models import Goal, GoalCategory, Plan

YEAR = 2026


def make_categories(organisation) -> dict[str, GoalCategory]:
    customer = services.category_create(
        organisation=organisation, parent=None, number="1", name="Kund", by=None
    )
    focus = services.category_create(
        organisation=organisation, parent=customer, number="1.1", name="Kunden i fokus", by=None
    )
    economy = services.category_create(
        organisation=organisation, parent=None, number="4", name="Ekonomi", by=None
    )
    return {"customer": customer, "focus": focus, "economy": economy}


def make_plan(unit, year: int = YEAR) -> Plan:
    return services.plan_create(unit=unit, year=year, by=None)


def make_goal(plan: Plan, title: str, **values) -> Goal:
    values.setdefault("kind", "goal")
    return services.goal_create(plan=plan, title=title, by=None, **values)
