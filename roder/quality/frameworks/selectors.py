"""Reads of evaluation frameworks: the versions an organisation sees (shipped and its own), with
their use and size, and a version's areas with their sub-areas and questions."""

from django.db.models import Count

from roder.quality.frameworks.access import frameworks_of
from roder.quality.models import Area


def framework_list(organisation):
    """Shipped and own framework versions, each with `uses` (evaluations + entries) and
    `area_count`."""
    return (
        frameworks_of(organisation)
        .annotate(
            uses=Count("evaluations", distinct=True) + Count("entries", distinct=True),
            area_count=Count("areas", distinct=True),
        )
        .select_related("organisation")
        .order_by("name", "year", "version_label", "pk")
    )


def framework_areas(version) -> list[Area]:
    return list(version.areas.prefetch_related("sub_areas", "questions"))
