from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "roder.notices"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from roder.core.panels import START_PAGE, register
        from roder.notices import panels

        # The person's notifications come first on the start page.
        register(START_PAGE, panels.START)
