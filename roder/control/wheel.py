"""Internal control on the annual wheel (wheel.sources): the days each control plan's results
are reported, T1, T2 and year-end, at the due date of the period each stands for
(control.periods), on the plan's unit."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from roder.control.models import Control, ControlPlan, ReportingTime
from roder.control.periods import periods_of_year, time_periods
from roder.wheel.sources import Occurrence, Source

FLAGS = {
    ReportingTime.T1: "report_t1",
    ReportingTime.T2: "report_t2",
    ReportingTime.YEAR_END: "report_year_end",
}


def control_events(organisation, year: int) -> list[Occurrence]:
    """Three queries: the year's periods, its control plans, and their controls' times."""
    times = time_periods(periods_of_year(organisation, year))
    if not times:
        return []
    plans = {
        plan.pk: plan
        for plan in ControlPlan.objects.filter(
            unit__organisation=organisation, year=year
        ).select_related("unit")
    }
    due: dict[int, set[str]] = {}
    rows = Control.objects.filter(risk__plan__in=list(plans)).values_list(
        "risk__plan_id", *FLAGS.values()
    )
    for plan_pk, *flags in rows:
        for time, on in zip(FLAGS, flags, strict=True):
            if on:
                due.setdefault(plan_pk, set()).add(time)
    found = []
    for plan_pk, plan_times in due.items():
        plan = plans[plan_pk]
        for time in FLAGS:
            period = times.get(time)
            if time not in plan_times or period is None:
                continue
            found.append(
                Occurrence(
                    day=period.deadline or period.ends,
                    title=str(
                        _("Internal control reported in %(time)s")
                        % {"time": ReportingTime(time).label}
                    ),
                    kind="control",
                    kind_label=_("Internal control reporting"),
                    unit=plan.unit,
                    url=reverse(
                        "control:plan_detail", kwargs={"org": organisation.slug, "pk": plan.pk}
                    ),
                    uid=f"control-{plan.pk}-{time}",
                )
            )
    return found


SOURCE = Source(
    key="control", label=_("Internal control reporting"), order=20, events=control_events
)
