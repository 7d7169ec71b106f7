"""The evaluations the header's search finds (core.search): by title, of the units the person
may see."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from roder.core.search import Found, Hit, SearchKind, first, matches
from roder.organisation.access import Grants
from roder.quality.models import Evaluation


def find_evaluations(grants: Grants, term: str, limit: int) -> Found:
    evaluations = matches(
        Evaluation.objects.filter(grants.sees()).select_related("unit", "framework"),
        term,
        ["title"],
    )
    rows, total = first(evaluations.order_by("-created_at", "pk"), limit)
    org = grants.organisation.slug
    hits = [
        Hit(
            label=evaluation.title,
            detail=f"{evaluation.unit.name} · {evaluation.framework.name}",
            url=reverse("quality:evaluation_detail", kwargs={"org": org, "pk": evaluation.pk}),
        )
        for evaluation in rows
    ]
    return Found(hits, total)


EVALUATIONS = SearchKind(
    key="evaluations", label=_("Quality evaluations"), order=50, find=find_evaluations
)
