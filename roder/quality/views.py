"""The quality start page: the evaluations and award entries a person may see, and whether they
may start one. The pages of the three parts are in frameworks/, evaluations/ and entries/."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from roder.organisation.access import organisation_view
from roder.quality.entries.selectors import entries_visible
from roder.quality.evaluations.selectors import evaluations_visible
from roder.quality.roles import ANSWER_WRITER, EVALUATOR


@require_GET
@organisation_view
def index(request):
    grants = request.grants
    context = {
        "evaluations": evaluations_visible(grants),
        "entries": entries_visible(grants),
        "can_create": any(grants.has_role(u, EVALUATOR) for u in grants.visible_units()),
        "can_create_entry": any(grants.has_role(u, ANSWER_WRITER) for u in grants.visible_units()),
    }
    return render(request, "quality/index.html", context)
