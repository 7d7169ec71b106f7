"""Actions that came from a control deviation (`actions.origins`, registered in ready())."""

from django.urls import reverse
from django.utils.translation import gettext as _

from roder.actions.origins import Origin, OriginSource
from roder.control.models import ControlResultAction


def deviation_origins(actions, grants) -> dict[int, Origin]:
    """The control result each action came from, linking to the plan's follow-up in the result's
    period (one query)."""
    links = (
        ControlResultAction.objects.filter(action__in=actions)
        .select_related("result__period", "result__control__risk__plan")
        .order_by("pk")
    )
    found: dict[int, Origin] = {}
    for link in links:
        if link.action_id in found:
            continue
        result = link.result
        url = reverse(
            "control:followup",
            kwargs={"org": grants.organisation.slug, "pk": result.control.risk.plan_id},
        )
        label = _("A deviation found by the control “%(control)s” in %(period)s") % {
            "control": result.control.step,
            "period": result.period.name,
        }
        found[link.action_id] = Origin(
            label=label,
            url=f"{url}?period={result.period_id}",
            link_text=_("internal control follow-up"),
        )
    return found


SOURCE = OriginSource(key="control", order=10, of_actions=deviation_origins)
