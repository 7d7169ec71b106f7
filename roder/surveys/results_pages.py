"""Importing survey results from elsewhere (issue 14 part 6): upload, preview, commit.

Reached from the surveys overview. Unit managers and those above them import for a unit they
manage (the file's units are that unit and those below it); the preview shows every row, what
it writes or its error, and the import writes all rows or none (`services.results_import`).
"""

import base64

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from roder.core.disclosure import minimum_group_size
from roder.organisation.access import OrganisationRequest, organisation_view
from roder.surveys import results_file, services
from roder.surveys.forms import ResultsImportForm
from roder.surveys.models import Questionnaire
from roder.surveys.pages import OWNER, _questionnaires

SESSION_KEY = "roder-survey-results-import"


def _units(grants):
    today = timezone.localdate()
    return [
        unit
        for unit in grants.visible_units().order_by("path")
        if grants.has_role(unit, OWNER) and unit.is_valid_on(today)
    ]


@require_http_methods(["GET", "POST"])
@organisation_view
def results_import(request: OrganisationRequest) -> HttpResponse:
    """Upload → preview (the file kept in the session) → import. One bad row refuses the file."""
    grants = request.grants
    units = _units(grants)
    if not units:
        raise PermissionDenied
    by_pk = {unit.pk: unit for unit in units}
    questionnaires = _questionnaires(grants.organisation)
    org = grants.organisation.slug
    if request.method == "POST" and "confirm" in request.POST:
        staged = request.session.pop(SESSION_KEY, None)
        if not staged or staged["unit"] not in by_pk:
            messages.error(request, _("Nothing to import: upload the file again."))
            return redirect("surveys:results_import", org=org)
        try:
            round_ = services.results_import(
                organisation=grants.organisation,
                questionnaire=questionnaires.get(pk=staged["questionnaire"]),
                owner_unit=by_pk[staged["unit"]],
                year=staged["year"],
                name=staged["name"],
                source=staged["source"],
                data=base64.b64decode(staged["data"]),
                by=request.user,
            )
        except (ValidationError, Questionnaire.DoesNotExist) as error:
            text = getattr(error, "messages", [_("The questionnaire is gone.")])
            messages.error(request, " ".join(text))
            return redirect("surveys:results_import", org=org)
        messages.success(request, _("The results were imported."))
        return redirect("surveys:round_results", org=org, pk=round_.pk)
    form = ResultsImportForm(
        request.POST or None,
        request.FILES or None,
        units=units,
        questionnaires=questionnaires,
        initial={"year": timezone.localdate().year - 1},
    )
    context: dict[str, object] = {"form": form, "lines": None, "errors": [], "staged": None}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"].read()
        owner = by_pk[data["unit"]]
        lines, errors = results_file.read(
            upload,
            questionnaire=data["questionnaire"],
            owner_unit=owner,
            minimum=minimum_group_size(grants.organisation),
        )
        context.update(lines=lines, errors=errors, owner=owner, data=data)
        if not errors:
            request.session[SESSION_KEY] = {
                "unit": owner.pk,
                "questionnaire": data["questionnaire"].pk,
                "year": data["year"],
                "name": data["name"],
                "source": data["source"] or data["file"].name,
                "data": base64.b64encode(upload).decode(),
            }
            context["staged"] = request.session[SESSION_KEY]
    return render(request, "surveys/results_import.html", context)
