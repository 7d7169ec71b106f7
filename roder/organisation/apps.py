from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "roder.organisation"
    verbose_name = _("Organisation")

    def ready(self) -> None:
        # The header's search finds units (core.search names no domain).
        from roder.core import search
        from roder.organisation.search import UNITS

        search.register(UNITS)
