from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "roder.followup"
    verbose_name = _("Follow-up")

    def ready(self) -> None:
        # Sections on the goal, unit and start pages, which never import follow-up.
        from roder.core.panels import START_PAGE, register
        from roder.followup import panels
        from roder.indicators import sources
        from roder.organisation.panels import UNIT_LINKS
        from roder.planning.panels import GOAL_PAGE

        register(GOAL_PAGE, panels.GOAL)
        register(UNIT_LINKS, panels.UNIT_LINKS)
        register(START_PAGE, panels.START)
        # Entry by hand is an indicator source like the others: typed on the unit's report page,
        # in its grid or an Excel file, and written through services.outcome_write.
        sources.register(
            sources.IndicatorSource(key=sources.MANUAL, label=_("Entered by hand"), by_hand=True)
        )
