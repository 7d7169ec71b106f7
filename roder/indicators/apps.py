from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "roder.indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        # The goal page's section (planning.panels): planning never imports indicators.
        from roder.core.panels import register
        from roder.indicators import panels
        from roder.planning.panels import GOAL_PAGE

        register(GOAL_PAGE, panels.GOAL)

        # The header's search (core.search) finds them without core naming indicators.
        from roder.core import search as header_search
        from roder.indicators.search import INDICATORS

        header_search.register(INDICATORS)
