from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "roder.followup"
    verbose_name = _("Follow-up")

    def ready(self) -> None:
        # Sections on the goal, unit and start pages, which never import follow-up.
        from roder.core.panels import START_PAGE, register
        from roder.followup import panels
        from roder.organisation.panels import UNIT_LINKS
        from roder.planning.panels import GOAL_PAGE

        register(GOAL_PAGE, panels.GOAL)
        register(UNIT_LINKS, panels.UNIT_LINKS)
        register(START_PAGE, panels.START)
