from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ControlConfig(AppConfig):
    name = "roder.control"
    verbose_name = _("Internal control")

    def ready(self) -> None:
        # The goal page's section (planning.panels): planning never imports control.
        from roder.control import panels
        from roder.core.panels import register
        from roder.planning.panels import GOAL_PAGE

        register(GOAL_PAGE, panels.GOAL)
