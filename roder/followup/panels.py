"""The follow-up's panels on other apps' pages (registered in `FollowupConfig.ready()`)."""

from roder.core.panels import Panel
from roder.followup.models import Assessment
from roder.followup.selectors import todo_for
from roder.followup.visibility import Seen
from roder.periods.models import PeriodStatus, ReportingPeriod


def goal_panel(request, grants, goal):
    """The goal's assessments per period (those the person sees), and the periods of the plan's
    year to assess in."""
    assessments = Seen.for_grants(grants).assessments(Assessment.objects.filter(goal=goal))
    return {
        "assessments": assessments.select_related("period").order_by("period__ends"),
        "periods": ReportingPeriod.objects.filter(
            organisation_id=goal.plan.unit.organisation_id, year=goal.plan.year
        ),
    }


def unit_links(request, grants, unit):
    """A link to the unit's report in each open period."""
    return {
        "open_periods": ReportingPeriod.objects.filter(
            organisation=unit.organisation, status=PeriodStatus.OPEN
        )
    }


def start_panel(request, grants, person):
    """Reports the person should write or approve."""
    return {"todos": todo_for(person)}


GOAL = Panel(key="followup", order=40, template="followup/_goal_panel.html", context=goal_panel)
UNIT_LINKS = Panel(
    key="reports", order=80, template="followup/_unit_link_reports.html", context=unit_links
)
START = Panel(key="reports", order=10, template="followup/_start_panel.html", context=start_panel)
