from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WheelConfig(AppConfig):
    name = "roder.wheel"
    verbose_name = _("Annual wheel")

    def ready(self) -> None:
        # The unit page's link (organisation.panels) and the reminders' kind (notices.kinds).
        from roder.core.panels import register
        from roder.notices import kinds
        from roder.organisation.panels import UNIT_LINKS, unit_link
        from roder.wheel import reminders, sources

        register(UNIT_LINKS, unit_link("wheel", 65, "wheel/_unit_link.html"))
        kinds.register(reminders.KIND)
        sources.register(sources.PERIODS)
