"""The complaints' panels on the organisation's pages (registered in `ComplaintsConfig.ready()`)."""

from typing import Any

from django.http import HttpRequest

from roder.complaints import source
from roder.complaints.access import HANDLER
from roder.core.panels import Panel
from roder.organisation.models import Organisation, Unit


def unit_link(request: HttpRequest, grants: Any, unit: Unit) -> dict[str, Any] | None:
    """The unit's complaint statistics for everyone who sees the unit; its cases for those who
    handle them (readers never see cases)."""
    return {"handles": grants.has_role(unit, HANDLER)}


def settings_section(
    request: HttpRequest, grants: Any, organisation: Organisation
) -> dict[str, Any] | None:
    return {}


UNIT_LINK: Panel[Unit] = Panel(
    key="complaints", order=75, template="complaints/_unit_link.html", context=unit_link
)
SETTINGS: Panel[Organisation] = Panel(
    key="complaints",
    order=60,
    template="complaints/_settings_section.html",
    context=settings_section,
)


def indicator_section(request: HttpRequest, grants: Any, indicator: Any) -> dict[str, Any] | None:
    """An indicator filled from the complaint statistics: its measure, and for the owner unit's
    reporters and up the button that writes the outcomes. Left out for other indicators."""
    if indicator.source != source.KEY:
        return None
    return {
        "complaints_measure": source.describe(indicator.source_reference),
        "complaints_may_publish": grants.has_role(indicator.owner, HANDLER),
    }


INDICATOR: Panel[Any] = Panel(
    key="complaints",
    order=30,
    template="complaints/_indicator_panel.html",
    context=indicator_section,
)
