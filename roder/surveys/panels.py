"""Surveys' section on the indicator page (indicators.panels.INDICATOR_PAGE)."""

from typing import Any

from django.http import HttpRequest

from roder.organisation.models import RoleKind
from roder.surveys import nyckeltal
from roder.surveys.models import RoundStatus, SurveyRound


def indicator_section(request: HttpRequest, grants: Any, indicator: Any) -> dict[str, Any] | None:
    """The linked index and the closed rounds of its questionnaire whose results the person may
    see; for the owner unit's controllers the form to link or unlink. Left out for an indicator
    that is not linked, unless the person may link it (two queries)."""
    may_link = nyckeltal.may_link(grants, indicator)
    linked = nyckeltal.fills(indicator)
    if not linked and not may_link:
        return None
    choices = nyckeltal.index_choices(indicator.organisation_id)
    rounds = []
    if linked:
        code = indicator.source_reference.partition("/")[0]
        rounds = [
            r
            for r in SurveyRound.objects.filter(
                organisation=indicator.organisation_id,
                questionnaire__code=code,
                status=RoundStatus.CLOSED,
            )
            .select_related("owner_unit")
            .order_by("-closes_on")[:10]
            if grants.has_role(r.owner_unit, RoleKind.READER)
        ]
    return {
        "survey_index": dict(choices).get(indicator.source_reference) if linked else None,
        "survey_choices": choices if may_link else [],
        "survey_rounds": rounds,
        "survey_may_link": may_link,
    }
