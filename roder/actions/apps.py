from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "roder.actions"
    verbose_name = _("Actions")

    def ready(self) -> None:
        # Sections on the goal, unit and start pages, which never import actions.
        from roder.actions import notices, panels
        from roder.actions.overview import OVERDUE
        from roder.core import overview
        from roder.core.panels import START_PAGE, register
        from roder.notices import kinds
        from roder.organisation.panels import UNIT_LINKS, unit_link
        from roder.planning.panels import GOAL_PAGE

        register(GOAL_PAGE, panels.GOAL)
        register(START_PAGE, panels.START)
        overview.register(OVERDUE)  # overdue actions per unit on the start page's overview
        register(UNIT_LINKS, unit_link("actions", 40, "actions/_unit_link.html"))
        kinds.register(notices.ASSIGNED)  # the responsible person is told (roder/notices)

        # The header's search (core.search) finds them without core naming actions.
        from roder.actions.search import ACTIONS
        from roder.core import search as header_search

        header_search.register(ACTIONS)
