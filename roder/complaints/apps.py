from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "roder.complaints"
    verbose_name = _("Opinions and complaints")

    def ready(self) -> None:
        # The unit page links to the unit's cases; the settings page to the public form's.
        from roder.complaints import panels
        from roder.core.panels import register
        from roder.organisation.panels import SETTINGS_PAGE, UNIT_LINKS

        register(UNIT_LINKS, panels.UNIT_LINK)
        register(SETTINGS_PAGE, panels.SETTINGS)
