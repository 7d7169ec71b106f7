"""The goals the header's search finds (core.search): by title or number, in the plans of the
units the person may see."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from roder.core.search import Found, Hit, SearchKind, first, matches
from roder.organisation.access import Grants
from roder.planning.models import Goal


def find_goals(grants: Grants, term: str, limit: int) -> Found:
    goals = matches(
        Goal.objects.filter(grants.sees("plan__unit")).select_related("plan__unit"),
        term,
        ["title", "number"],
    )
    # This year's plans before last year's.
    rows, total = first(goals.order_by("-plan__year", "plan__unit__path", "number", "pk"), limit)
    org = grants.organisation.slug
    hits = [
        Hit(
            label=goal.title,
            code=goal.number,
            detail=f"{goal.plan.unit.name} {goal.plan.year}",
            url=reverse("planning:goal_detail", kwargs={"org": org, "pk": goal.pk}),
        )
        for goal in rows
    ]
    return Found(hits, total)


GOALS = SearchKind(key="goals", label=_("Goals"), order=20, find=find_goals)
