from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from roder.core.forms import add_service_errors
from roder.organisation.access import (
    OrganisationRequest,
    has_root_role,
    organisation_view,
    require_root_role,
)
from roder.periods import selectors, services
from roder.periods.access import PERIOD_MANAGER, get_period_for_user
from roder.periods.forms import PeriodForm, YearForm
from roder.periods.models import PeriodStatus
from roder.periods.registry import period_page


def _to_list(request: OrganisationRequest) -> HttpResponse:
    return redirect("periods:periods", org=request.grants.organisation.slug)


@require_http_methods(["GET", "POST"])
@organisation_view
def period_list(request: OrganisationRequest) -> HttpResponse:
    organisation = request.grants.organisation
    can_manage = has_root_role(request.grants, PERIOD_MANAGER)
    form = PeriodForm(request.POST or None)
    if request.method == "POST":
        require_root_role(request.grants, PERIOD_MANAGER)
        if form.is_valid():
            try:
                services.period_create(
                    organisation=organisation, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The period was added."))
                return _to_list(request)
    periods = selectors.periods_of(organisation).order_by("-year", "ends")
    context = {
        "periods": [(period, period_page(organisation.slug, period)) for period in periods],
        "form": form,
        "year_form": YearForm(),
        "can_manage": can_manage,
    }
    return render(request, "periods/periods.html", context)


@require_POST
@organisation_view
def period_install_year(request: OrganisationRequest) -> HttpResponse:
    require_root_role(request.grants, PERIOD_MANAGER)
    form = YearForm(request.POST)
    if form.is_valid():
        try:
            services.periods_install_year(
                organisation=request.grants.organisation,
                year=form.cleaned_data["year"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Tertial 1, the interim report and year-end were added."))
    else:
        messages.error(request, _("Enter a year between 2000 and 2100."))
    return _to_list(request)


@require_POST
@organisation_view
def period_status(request: OrganisationRequest, pk: int) -> HttpResponse:
    require_root_role(request.grants, PERIOD_MANAGER)
    period = get_period_for_user(request.grants, pk)
    status = request.POST.get("status", "")
    if status not in PeriodStatus.values:
        messages.error(request, _("Unknown status."))
        return _to_list(request)
    try:
        services.period_set_status(
            period=period,
            status=status,
            expected_version=int(request.POST.get("version", 0) or 0),
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(period)s is now %(status)s.")
            % {"period": period, "status": period.get_status_display().lower()},
        )
    return _to_list(request)
