"""Kolada's sections on other apps' pages: the settings page (organisation.panels.SETTINGS_PAGE)
and the indicator page (indicators.panels.INDICATOR_PAGE)."""

from typing import Any

from django.http import HttpRequest

from roder.kolada import selectors, services, values
from roder.organisation.models import Organisation


def settings_section(
    request: HttpRequest, grants: Any, organisation: Organisation
) -> dict[str, Any] | None:
    may_load = services.may_load_catalogue(request.user, grants)
    may_choose = values.may_choose_peers(grants)
    if not may_load and not may_choose:
        return None
    return {
        "kolada_may_load": may_load,
        "kolada_peers": selectors.peers(organisation),
        "kolada_counts": selectors.counts(),
        "kolada_last_load": selectors.last_load(),
        "kolada_county": selectors.county_group(organisation),
    }


def indicator_section(request: HttpRequest, grants: Any, indicator: Any) -> dict[str, Any] | None:
    """The linked KPI and its values for the organisation, the länssnitt, riket and peers
    ("Källa: Kolada"), and for the unit's controllers the link to choose or change the KPI.
    Left out for an indicator that is not linked, unless the person may link it."""
    table = selectors.value_table(indicator)
    may_link = values.may_link(grants, indicator)
    if table is None and not may_link:
        return None
    return {"kolada": table, "kolada_may_link": may_link}
