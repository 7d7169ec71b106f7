"""The goal page's slot: higher apps add their sections (indicators, actions, risks, follow-up)
to a goal's page by registering a `core.panels.Panel` on `GOAL_PAGE` in their `ready()`.

Their templates see the page's context: `goal`, `plan`, `unit`, `can_edit` (may change the plan).
"""

from roder.core.panels import Slot
from roder.planning.models import Goal

GOAL_PAGE: Slot[Goal] = Slot("planning.goal")
