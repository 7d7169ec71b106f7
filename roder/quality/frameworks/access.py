"""Fetch framework versions and reference series for a person (organisation/access.py).

Everyone in the organisation reads the frameworks (shipped and the organisation's own);
administrators of the organisation's top unit edit, copy and import them. Reference series are
the organisation's own; controllers and up on the top unit keep them.
"""

from django.db.models import Q
from django.http import Http404

from roder.organisation.access import Grants
from roder.quality.models import FrameworkVersion, ReferenceSeries


def frameworks_of(organisation):
    """The shipped framework versions and the organisation's own."""
    return FrameworkVersion.objects.filter(Q(organisation=None) | Q(organisation=organisation))


def get_framework_for_user(grants: Grants, pk: int) -> FrameworkVersion:
    version = frameworks_of(grants.organisation).filter(pk=pk).first()
    if version is None:
        raise Http404
    return version


def get_series_for_user(grants: Grants, pk: int) -> ReferenceSeries:
    series = (
        ReferenceSeries.objects.select_related("framework")
        .filter(organisation=grants.organisation, pk=pk)
        .first()
    )
    if series is None:
        raise Http404
    return series
