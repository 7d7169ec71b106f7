"""Kolada's section on the organisation's settings page (organisation.panels.SETTINGS_PAGE)."""

from typing import Any

from django.http import HttpRequest

from roder.kolada import selectors, services
from roder.organisation.models import Organisation


def settings_section(
    request: HttpRequest, grants: Any, organisation: Organisation
) -> dict[str, Any] | None:
    if not services.may_load_catalogue(request.user, grants):
        return None
    return {
        "kolada_counts": selectors.counts(),
        "kolada_last_load": selectors.last_load(),
        "kolada_county": selectors.county_group(organisation),
    }
