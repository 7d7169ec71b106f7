from typing import Any

from django.db.models import Count, Q

from roder.kolada import services, values
from roder.kolada.models import CatalogueLoad, Kpi, Municipality, MunicipalityGroup, Peer
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


def value_table(indicator: Any, *, last: int = 5) -> dict[str, Any] | None:
    """The linked KPI's stored values (totals) for the organisation's places over the last
    `last` years Kolada has: {"kpi", "years", "rows": [(place, [value|None per year])],
    "fetched_on", "publication_date"}; None when the indicator is not linked. Five queries."""
    kpi = values.linked_kpi(indicator)
    if kpi is None:
        return None
    places = values.places(indicator.organisation)
    stored = [
        v for v in values.stored_values([kpi.id], [p.target for p in places]) if v.gender == "T"
    ]
    years = sorted({v.year for v in stored})[-last:]
    cell = {(v.target, v.year): v.value for v in stored}
    return {
        "kpi": kpi,
        "years": years,
        "rows": [(place, [cell.get((place.target, year)) for year in years]) for place in places],
        "fetched_on": max((v.fetched_on for v in stored), default=None),
        "publication_date": max(
            (v.publication_date for v in stored if v.publication_date), default=None
        ),
    }


def peers(organisation: Organisation) -> list[Peer]:
    return list(Peer.objects.filter(organisation=organisation))


def linked_at(unit: Any) -> list[Any]:
    """The Kolada-linked indicators the unit owns (for the unit's ou page)."""
    from roder.indicators.models import Indicator

    return list(
        Indicator.objects.filter(owner=unit, source=values.KOLADA, is_active=True).order_by("name")
    )
