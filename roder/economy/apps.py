from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "roder.economy"
    verbose_name = _("Economy")

    def ready(self) -> None:
        # Anonymising a person (organisation) scrubs the ledger rows without importing economy.
        from roder.core import overview, panels, personal_data
        from roder.economy import services
        from roder.economy.overview import DEVIATION
        from roder.economy.personal_data import scrub_ledger_imports
        from roder.indicators import sources
        from roder.organisation.panels import UNIT_LINKS, unit_link

        personal_data.register("economy.ledger_imports", scrub_ledger_imports)
        # The unit page's link to the unit's economy (organisation never imports economy).
        panels.register(UNIT_LINKS, unit_link("economy", 60, "economy/_unit_link.html"))
        overview.register(DEVIATION)  # prognosis against budget on the start page's overview
        # The economy's figures fill indicators measured in kr or mkr (publish_to_indicator).
        sources.register(
            sources.IndicatorSource(
                key=services.ECONOMY,
                label=_("The economy"),
                can_fill=services.fills_indicator,
                read=services.figures_read,
            )
        )
