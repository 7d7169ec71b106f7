"""Fetch framework versions, their parts and reference series for a person
(organisation/access.py).

Everyone in the organisation reads the frameworks (shipped and the organisation's own);
administrators of the organisation's top unit edit, copy and import them. Reference series are
the organisation's own; controllers and up on the top unit keep them. A version, area, sub-area
or question of another organisation is 404.
"""

from django.db.models import Q
from django.http import Http404

from roder.organisation.access import Grants, fetch_for_user
from roder.quality.models import Area, FrameworkVersion, Question, ReferenceSeries, SubArea


def frameworks_of(organisation):
    """The shipped framework versions and the organisation's own."""
    return FrameworkVersion.objects.filter(Q(organisation=None) | Q(organisation=organisation))


def _seen(queryset, pk: int):
    """The row, or 404 (fetch_for_user cannot say "shipped or ours")."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def get_framework_for_user(grants: Grants, pk: int) -> FrameworkVersion:
    return _seen(frameworks_of(grants.organisation), pk)


def get_area_for_user(grants: Grants, pk: int) -> Area:
    areas = Area.objects.filter(framework__in=frameworks_of(grants.organisation))
    return _seen(areas.select_related("framework"), pk)


def get_sub_area_for_user(grants: Grants, pk: int) -> SubArea:
    sub_areas = SubArea.objects.filter(area__framework__in=frameworks_of(grants.organisation))
    return _seen(sub_areas.select_related("area__framework"), pk)


def get_question_for_user(grants: Grants, pk: int) -> Question:
    questions = Question.objects.filter(area__framework__in=frameworks_of(grants.organisation))
    return _seen(questions.select_related("area__framework"), pk)


def get_series_for_user(grants: Grants, pk: int) -> ReferenceSeries:
    series = ReferenceSeries.objects.select_related("framework")
    return fetch_for_user(grants, series, pk, unit=None)
