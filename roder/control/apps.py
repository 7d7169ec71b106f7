from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ControlConfig(AppConfig):
    name = "roder.control"
    verbose_name = _("Internal control")

    def ready(self) -> None:
        # The goal page's risks (planning.panels), the unit page's link (organisation.panels),
        # the action page's "caused by" line (actions.origins) and the internal control report
        # (documents.kinds): none of these apps imports control.
        from roder.actions import origins as action_origins
        from roder.control import documents, origins, panels
        from roder.control.overview import DEVIATIONS
        from roder.core import overview
        from roder.core.panels import register
        from roder.documents import kinds
        from roder.organisation.panels import UNIT_LINKS, unit_link
        from roder.planning.panels import GOAL_PAGE
        from roder.wheel import sources as wheel_sources

        register(GOAL_PAGE, panels.GOAL)
        register(UNIT_LINKS, unit_link("control", 50, "control/_unit_link.html"))
        action_origins.register(origins.SOURCE)
        kinds.register(documents.KIND)
        overview.register(DEVIATIONS)  # open deviations on the start page's overview
        # The days the plans' controls are reported, on the annual wheel.
        from roder.control import wheel

        wheel_sources.register(wheel.SOURCE)
