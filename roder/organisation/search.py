"""The units the header's search finds (core.search): by name or code, among those the person
may see."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from roder.core.search import Found, Hit, SearchKind, first, matches
from roder.organisation.access import Grants
from roder.organisation.models import Unit


def find_units(grants: Grants, term: str, limit: int) -> Found:
    units = matches(Unit.objects.filter(grants.sees("")), term, ["name", "code"])
    rows, total = first(units.order_by("name", "pk"), limit)
    org = grants.organisation.slug
    hits = [
        Hit(
            label=unit.name,
            code=unit.code,
            detail=str(unit.get_kind_display()),
            url=reverse("organisation:unit_detail", kwargs={"org": org, "pk": unit.pk}),
        )
        for unit in rows
    ]
    return Found(hits, total)


UNITS = SearchKind(key="units", label=_("Units"), order=10, find=find_units)
