from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "roder.actions"
    verbose_name = _("Actions")

    def ready(self) -> None:
        # Sections on the goal page and the start page, which never import actions.
        from roder.actions import panels
        from roder.core.panels import START_PAGE, register
        from roder.planning.panels import GOAL_PAGE

        register(GOAL_PAGE, panels.GOAL)
        register(START_PAGE, panels.START)
