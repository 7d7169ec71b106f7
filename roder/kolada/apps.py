from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoladaConfig(AppConfig):
    name = "roder.kolada"
    verbose_name = _("Kolada")

    def ready(self) -> None:
        from roder.core.panels import Panel, register
        from roder.indicators import sources
        from roder.indicators.panels import INDICATOR_PAGE
        from roder.kolada import values
        from roder.kolada.panels import indicator_section, settings_section
        from roder.organisation.panels import SETTINGS_PAGE

        # The catalogue's state and a link to load it, on the settings page.
        register(
            SETTINGS_PAGE,
            Panel(
                key="kolada",
                order=50,
                template="kolada/_settings_panel.html",
                context=settings_section,
            ),
        )
        # The KPI an indicator is linked to and its values beside the county's and the
        # country's, on the indicator page (indicators never import kolada).
        register(
            INDICATOR_PAGE,
            Panel(
                key="kolada",
                order=20,
                template="kolada/_indicator_panel.html",
                context=indicator_section,
            ),
        )
        # Kolada fills the indicators linked to a KPI (the reserved key "kolada").
        sources.register(values.SOURCE)
