from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "roder.quality"
    verbose_name = _("Quality evaluations")

    def ready(self) -> None:
        # The action page says where an action came from, and the documents app makes the
        # evaluation and entry reports, without importing quality.
        from roder.actions import origins as action_origins
        from roder.documents import kinds
        from roder.quality import documents
        from roder.quality.evaluations import origins

        action_origins.register(origins.SOURCE)
        for kind in documents.KINDS:
            kinds.register(kind)

        # The header's search (core.search) finds them without core naming quality.
        from roder.core import search as header_search
        from roder.quality.evaluations.search import EVALUATIONS

        header_search.register(EVALUATIONS)
