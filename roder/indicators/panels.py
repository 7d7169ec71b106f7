"""The indicators' panels on other apps' pages (registered in `IndicatorsConfig.ready()`), and
the indicator page's own slot, `INDICATOR_PAGE`: follow-up adds the outcomes over time there
(a chart and a table), since indicators never import follow-up. Its templates see the page's
context: `indicator`, `can_edit`."""

from roder.core.panels import Panel, Slot
from roder.indicators.forms import AttachForm
from roder.indicators.models import Indicator
from roder.indicators.selectors import attachable_indicators, goal_indicator_targets
from roder.planning.access import PLAN_EDITOR


def goal_panel(request, grants, goal):
    """The goal's indicators with their targets; plan editors may attach and remove them."""
    can_edit = grants.has_role(goal.plan.unit, PLAN_EDITOR)
    return {
        "indicator_rows": goal_indicator_targets(goal),
        "attach_form": AttachForm(indicators=attachable_indicators(goal)) if can_edit else None,
    }


GOAL = Panel(key="indicators", order=10, template="indicators/_goal_panel.html", context=goal_panel)


INDICATOR_PAGE: Slot[Indicator] = Slot("indicators.indicator")
