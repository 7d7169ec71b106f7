"""What the pages of frameworks, evaluations and entries share: the history list and the report
page's download buttons."""

from django.urls import reverse

from roder.core.models import HistoryEntry
from roder.documents.models import Format

# The report pages' document kinds (documents.py registers them with the documents app).
EVALUATION = "evaluation"
ENTRY = "entry"


def history_of(obj):
    return HistoryEntry.objects.for_object(obj).newest_first()[:50]


def downloads(request, kind: str, pk: int) -> dict:
    """The report page's buttons: PDF, Word and Excel through the documents app's runs."""
    url = reverse(
        "documents:produce_object",
        kwargs={"org": request.grants.organisation.slug, "kind": kind, "object_id": pk},
    )
    return {"produce_url": url, "formats": Format.choices}
