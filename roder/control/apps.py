from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ControlConfig(AppConfig):
    name = "roder.control"
    verbose_name = _("Internal control")

    def ready(self) -> None:
        # The goal page's risks (planning.panels) and the action page's "caused by" line
        # (actions.origins): neither app imports control.
        from roder.actions import origins as action_origins
        from roder.control import origins, panels
        from roder.core.panels import register
        from roder.planning.panels import GOAL_PAGE

        register(GOAL_PAGE, panels.GOAL)
        action_origins.register(origins.SOURCE)
