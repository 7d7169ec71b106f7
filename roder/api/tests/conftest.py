import pytest

from roder.followup.testing import follow_up, make_indicator, report
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan


@pytest.fixture
def data(world):
    """A plan, goal and indicator with a target and an outcome on each of A and B."""
    period = make_period(world.organisation)
    made = {"period": period}
    for name, unit in (("a", world.unit_a), ("b", world.unit_b)):
        goal = make_goal(make_plan(unit), f"Mål {name}")
        indicator = make_indicator(unit, f"Nyckeltal {name}")
        follow_up(goal, indicator, target="85", yellow="80")
        made[f"goal_{name}"] = goal
        made[f"indicator_{name}"] = indicator
        made[f"outcome_{name}"] = report(indicator, unit, period, "70")
    return made
