"""The indicators the header's search finds (core.search): by name or source reference (a
Kolada KPI id), in the organisation's catalogue, which everyone in it reads."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from roder.core.search import Found, Hit, SearchKind, first, matches
from roder.indicators.models import Indicator
from roder.organisation.access import Grants


def find_indicators(grants: Grants, term: str, limit: int) -> Found:
    indicators = matches(
        Indicator.objects.filter(organisation=grants.organisation).select_related("owner"),
        term,
        ["name", "source_reference"],
    )
    rows, total = first(indicators.order_by("name", "pk"), limit)
    org = grants.organisation.slug
    hits = [
        Hit(
            label=indicator.name,
            code=indicator.source_reference,
            detail=indicator.owner.name,
            url=reverse("indicators:detail", kwargs={"org": org, "pk": indicator.pk}),
        )
        for indicator in rows
    ]
    return Found(hits, total)


INDICATORS = SearchKind(key="indicators", label=_("Indicators"), order=30, find=find_indicators)
