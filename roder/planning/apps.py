from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "roder.planning"
    verbose_name = _("Plans and goals")

    def ready(self) -> None:
        # The unit page's link to the unit's plans (organisation never imports planning).
        from roder.core.panels import register
        from roder.organisation.panels import UNIT_LINKS, unit_link

        register(UNIT_LINKS, unit_link("plans", 10, "planning/_unit_link.html"))

        # The header's search (core.search) finds them without core naming planning.
        from roder.core import search as header_search
        from roder.planning.search import GOALS

        header_search.register(GOALS)
