from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "roder.reports"
    verbose_name = _("Plans and reports")

    def ready(self):
        from roder.documents import kinds
        from roder.reports import documents

        for kind in documents.KINDS:
            kinds.register(kind)
