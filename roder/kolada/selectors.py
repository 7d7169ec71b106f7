from typing import Any

from django.db.models import Count, Q

from roder.kolada import services
from roder.kolada.models import CatalogueLoad, Kpi, Municipality, MunicipalityGroup
from roder.organisation.models import Organisation


def counts() -> dict[str, int]:
    """How much of Kolada's catalogue Roder holds (one query per table)."""
    places = Municipality.objects.aggregate(
        municipalities=Count("pk", filter=Q(type="K")), regions=Count("pk", filter=~Q(type="K"))
    )
    return {
        "kpis": Kpi.objects.count(),
        "groups": MunicipalityGroup.objects.count(),
        **places,
    }


def recent_loads(limit: int) -> list[CatalogueLoad]:
    return list(CatalogueLoad.objects.select_related("started_by")[:limit])


def county_group(organisation: Organisation) -> dict[str, Any]:
    """The organisation's county and its länssnitt group, as far as the catalogue knows it."""
    county = organisation.county
    return {"county": county, "group": services.county_group(county) if county else None}


def last_load() -> CatalogueLoad | None:
    return CatalogueLoad.objects.select_related("started_by").first()
