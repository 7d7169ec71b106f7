"""The unit page's slot: higher apps add links to a unit's page (the list under the facts) by
registering a `core.panels.Panel` on `UNIT_LINKS` in their `ready()`; each template renders
`<li>` items.

Their templates see the page's context: `unit`, `can_administer`.
"""

from typing import Any

from django.http import HttpRequest

from roder.core.panels import Panel, Slot
from roder.organisation.models import Unit

UNIT_LINKS: Slot[Unit] = Slot("organisation.unit_links")


def _nothing_more(request: HttpRequest, grants: Any, unit: Unit) -> dict[str, Any]:
    return {}


def unit_link(key: str, order: int, template: str) -> Panel[Unit]:
    """A link whose template needs only the page's `unit` (the plans, the scorecard …)."""
    return Panel(key=key, order=order, template=template, context=_nothing_more)
