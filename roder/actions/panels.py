"""The actions' panels on other apps' pages (registered in `ActionsConfig.ready()`)."""

from roder.actions.selectors import actions_due_for, actions_for_goal
from roder.core.panels import Panel


def goal_panel(request, grants, goal):
    """The action plan: the actions serving the goal in units the person may see."""
    return {"actions": actions_for_goal(goal, grants=grants)}


def start_panel(request, grants, person):
    """The person's own actions that are overdue or due soon."""
    return {"my_actions": actions_due_for(person)}


GOAL = Panel(key="actions", order=20, template="actions/_goal_panel.html", context=goal_panel)
START = Panel(key="actions", order=20, template="actions/_start_panel.html", context=start_panel)
