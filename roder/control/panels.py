"""Internal control's panels on other apps' pages (registered in `ControlConfig.ready()`)."""

from roder.control.selectors import risks_for_goal
from roder.core.panels import Panel


def goal_panel(request, grants, goal):
    """The risks that threaten the goal, in plans the person may see; left out when none."""
    risks = list(risks_for_goal(goal, grants=grants))
    return {"risks": risks} if risks else None


GOAL = Panel(key="risks", order=30, template="control/_goal_panel.html", context=goal_panel)
