from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "roder.economy"
    verbose_name = _("Economy")

    def ready(self) -> None:
        # Anonymising a person (organisation) scrubs the ledger rows without importing economy.
        from roder.core import personal_data
        from roder.economy.personal_data import scrub_ledger_imports

        personal_data.register("economy.ledger_imports", scrub_ledger_imports)
