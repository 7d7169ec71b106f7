"""The unit page's slot: higher apps add links to a unit's page (the list under the facts) by
registering a `core.panels.Panel` on `UNIT_LINKS` in their `ready()`; each template renders
`<li>` items.

Their templates see the page's context: `unit`, `can_administer`.
"""

from roder.core.panels import Slot
from roder.organisation.models import Unit

UNIT_LINKS: Slot[Unit] = Slot("organisation.unit_links")
