"""The documents the header's search finds (core.search): the files the person produced (a run
holds what its producer may read, so nobody finds another's), by title, while they may still see
its unit, finished ones only."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roder.core.search import Found, Hit, SearchKind, first, matches
from roder.documents.models import DocumentRun, RunStatus
from roder.organisation.access import Grants


def find_documents(grants: Grants, term: str, limit: int) -> Found:
    runs = (
        DocumentRun.objects.filter(grants.sees(), created_by=grants.user.pk, status=RunStatus.DONE)
        .select_related("unit")
        .defer("content")
    )
    rows, total = first(matches(runs, term, ["title"]).order_by("-created_at", "-pk"), limit)
    org = grants.organisation.slug
    hits = [
        Hit(
            label=f"{run.title} ({run.get_format_display()})",
            detail=f"{run.unit.name} · {timezone.localdate(run.created_at).isoformat()}",
            url=reverse("documents:run", kwargs={"org": org, "pk": run.pk}),
        )
        for run in rows
    ]
    return Found(hits, total)


DOCUMENTS = SearchKind(key="documents", label=_("Documents"), order=60, find=find_documents)
