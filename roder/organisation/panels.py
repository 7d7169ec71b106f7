"""The organisation's page slots, filled by higher apps in their `ready()` with a
`core.panels.Panel`:

- `UNIT_LINKS`, the unit page's links (the list under the facts); each template renders `<li>`
  items and sees the page's context: `unit`, `can_administer`.
- `SETTINGS_PAGE`, sections under the organisation's settings form (Kolada's catalogue); each
  template renders a `<section>` with an `<h2>` and sees `organisation`.
"""

from typing import Any

from django.http import HttpRequest

from roder.core.panels import Panel, Slot
from roder.organisation.models import Organisation, Unit

UNIT_LINKS: Slot[Unit] = Slot("organisation.unit_links")
SETTINGS_PAGE: Slot[Organisation] = Slot("organisation.settings_page")


def _nothing_more(request: HttpRequest, grants: Any, unit: Unit) -> dict[str, Any]:
    return {}


def unit_link(key: str, order: int, template: str) -> Panel[Unit]:
    """A link whose template needs only the page's `unit` (the plans, the scorecard …)."""
    return Panel(key=key, order=order, template=template, context=_nothing_more)
