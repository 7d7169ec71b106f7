from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "roder.surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        # The unit page links to the surveys of the unit (organisation never imports this app).
        from roder.core.panels import register
        from roder.organisation.panels import UNIT_LINKS, unit_link

        register(UNIT_LINKS, unit_link("surveys", 35, "surveys/_unit_link.html"))
