from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoladaConfig(AppConfig):
    name = "roder.kolada"
    verbose_name = _("Kolada")

    def ready(self) -> None:
        from roder.core.panels import Panel, register
        from roder.kolada.panels import settings_section
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
