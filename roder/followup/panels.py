"""The follow-up's panels on other apps' pages (registered in `FollowupConfig.ready()`)."""

from django.utils.translation import gettext as _

from roder.core.charts import trend_chart
from roder.core.panels import Panel
from roder.followup.models import Assessment
from roder.followup.selectors import todo_for
from roder.followup.trends import trends
from roder.followup.visibility import Seen
from roder.indicators.models import GoalIndicator
from roder.organisation.access import get_unit_for_user
from roder.periods.access import get_period_for_user
from roder.periods.models import PeriodStatus, ReportingPeriod
from roder.periods.selectors import default_period


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
    """Reports the person should write or approve, in every organisation where they hold a
    role; those of another organisation than the one shown are marked with its name."""
    shown = grants.organisation.pk if grants is not None else None
    return {"todos": todo_for(person), "shown_organisation": shown}


def _pk(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


def indicator_panel(request, grants, indicator):
    """The indicator's outcomes over time at one unit (?unit=, default the owner unit; 404 for
    a unit the person may not see) up to one period (?period=, default the open one): the
    trend of the scorecard's sparkline as a larger chart and as a table with the target and the
    länssnitt of each period, from what `Seen` shows the person. Eight queries."""
    unit_pk, period_pk = _pk(request, "unit"), _pk(request, "period")
    unit = get_unit_for_user(grants, unit_pk) if unit_pk else indicator.owner
    period = (
        get_period_for_user(grants, period_pk) if period_pk else default_period(grants.organisation)
    )
    units = list(
        grants.visible_units()
        .filter(pk__in=GoalIndicator.objects.filter(indicator=indicator).values("goal__plan__unit"))
        .order_by("path")
    )
    if not grants.can_see(unit):  # the owner unit is not the person's: the first they see
        unit = units[0] if units else None
    context = {"trend_unit": unit, "trend_period": period, "trend_units": units}
    if unit is None or period is None:
        return context | {"points": []}
    points = trends({indicator.pk: indicator}, [unit.pk], period, seen=Seen.for_grants(grants))[
        (indicator.pk, unit.pk)
    ]
    chart = None
    if any(point.value is not None for point in points):
        chart = trend_chart(
            title=_("%(indicator)s at %(unit)s") % {"indicator": indicator.name, "unit": unit.name},
            points=[(point.label, point.value) for point in points],
            targets=[point.target for point in points],
            comparisons=[point.county for point in points],
            comparison_label=_("County average"),
            unit_label=indicator.get_measure_display(),
            decimals=indicator.decimals,
            fmt=indicator.format,
        )
    fmt = indicator.format
    rows = [
        {
            "point": point,
            "value": fmt(point.value) if point.value is not None else "",
            "target": "–"
            if point.target is None
            else fmt(point.target)
            + ("–" + fmt(point.target_high) if point.target_high is not None else ""),
            "county": fmt(point.county) if point.county is not None else "–",
        }
        for point in points
    ]
    return context | {
        "points": points,
        "rows": rows,
        "chart": chart,
        "periods": ReportingPeriod.objects.filter(organisation=grants.organisation).order_by(
            "-ends"
        ),
    }


GOAL = Panel(key="followup", order=40, template="followup/_goal_panel.html", context=goal_panel)
UNIT_LINKS = Panel(
    key="reports", order=80, template="followup/_unit_link_reports.html", context=unit_links
)
START = Panel(key="reports", order=10, template="followup/_start_panel.html", context=start_panel)
INDICATOR = Panel(
    key="outcomes", order=10, template="followup/_indicator_panel.html", context=indicator_panel
)
