from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "roder.documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        # The unit page's link to the unit's documents (organisation never imports documents).
        from roder.core.panels import register
        from roder.organisation.panels import UNIT_LINKS, unit_link

        register(UNIT_LINKS, unit_link("documents", 70, "documents/_unit_link.html"))

        # The header's search (core.search) finds them without core naming documents.
        from roder.core import search as header_search
        from roder.documents.search import DOCUMENTS

        header_search.register(DOCUMENTS)
