"""Actions that came from an evaluation's finding (`actions.origins`, registered in ready())."""

from django.urls import reverse
from django.utils.translation import gettext as _

from roder.actions.origins import Origin, OriginSource
from roder.quality.models import FindingAction


def finding_origins(actions, grants) -> dict[int, Origin]:
    """The finding each action came from, linking to its area in the evaluation; named only to
    those who may see the evaluation's unit (one query)."""
    links = (
        FindingAction.objects.filter(action__in=actions)
        .select_related("finding__evaluation__unit", "finding__area")
        .order_by("pk")
    )
    first: dict[int, FindingAction] = {}
    for link in links:
        first.setdefault(link.action_id, link)
    found: dict[int, Origin] = {}
    for action_id, link in first.items():
        finding = link.finding
        if not grants.can_see(finding.evaluation.unit):
            continue
        url = reverse(
            "quality:evaluation_detail",
            kwargs={"org": grants.organisation.slug, "pk": finding.evaluation_id},
        )
        label = _("%(kind)s in %(evaluation)s") % {
            "kind": finding.get_kind_display(),
            "evaluation": finding.evaluation,
        }
        found[action_id] = Origin(
            label=label, url=f"{url}#area-{finding.area.number}", link_text=_("the evaluation")
        )
    return found


SOURCE = OriginSource(key="quality", order=20, of_actions=finding_origins)
