from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfAssessmentConfig(AppConfig):
    name = "roder.selfassessment"
    verbose_name = _("Self-assessment")
