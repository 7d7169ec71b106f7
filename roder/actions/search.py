"""The actions the header's search finds (core.search): by title, on the units the person may
see."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from roder.actions.models import Action
from roder.core.search import Found, Hit, SearchKind, first, matches
from roder.organisation.access import Grants


def find_actions(grants: Grants, term: str, limit: int) -> Found:
    actions = matches(Action.objects.filter(grants.sees()).select_related("unit"), term, ["title"])
    rows, total = first(actions.order_by("title", "pk"), limit)
    org = grants.organisation.slug
    hits = [
        Hit(
            label=action.title,
            detail=f"{action.unit.name} · {action.get_status_display()}",
            url=reverse("actions:action_detail", kwargs={"org": org, "pk": action.pk}),
        )
        for action in rows
    ]
    return Found(hits, total)


ACTIONS = SearchKind(key="actions", label=_("Actions"), order=40, find=find_actions)
