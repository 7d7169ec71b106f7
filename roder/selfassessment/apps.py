from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfAssessmentConfig(AppConfig):
    name = "roder.selfassessment"
    verbose_name = _("Self-assessment")

    def ready(self) -> None:
        # The unit page's link to the self-assessments (organisation never imports this app).
        from roder.core.panels import register
        from roder.organisation.panels import UNIT_LINKS, unit_link

        register(UNIT_LINKS, unit_link("selfassessment", 30, "selfassessment/_unit_link.html"))
