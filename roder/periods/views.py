from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from roder.core.forms import add_service_errors
from roder.core.models import HistoryEntry
from roder.organisation.access import OrganisationRequest, organisation_view
from roder.periods import selectors, services
from roder.periods.access import get_period_for_user, may_manage_periods, require_period_manager
from roder.periods.forms import DeadlineForm, PeriodForm, YearForm
from roder.periods.models import PeriodStatus, ReportingPeriod
from roder.periods.registry import period_page


@dataclass
class PeriodLine:
    """A row of the periods page: the period, the page its name leads to, its last reopening."""

    period: ReportingPeriod
    page: str | None
    reopened: HistoryEntry | None

    @property
    def reopen_reason(self) -> str:
        return selectors.reopen_reason(self.reopened) if self.reopened else ""


def _to_list(request: OrganisationRequest) -> HttpResponse:
    return redirect("periods:periods", org=request.grants.organisation.slug)


@require_http_methods(["GET", "POST"])
@organisation_view
def period_list(request: OrganisationRequest) -> HttpResponse:
    organisation = request.grants.organisation
    can_manage = may_manage_periods(request.grants)
    form = PeriodForm(request.POST or None)
    if request.method == "POST":
        require_period_manager(request.grants)
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
    periods = list(selectors.periods_of(organisation).order_by("-year", "ends"))
    reopened = selectors.reopenings(periods)
    context = {
        "periods": [
            PeriodLine(period, period_page(organisation.slug, period), reopened.get(period.pk))
            for period in periods
        ],
        "form": form,
        "year_form": YearForm(),
        "can_manage": can_manage,
    }
    return render(request, "periods/periods.html", context)


@require_POST
@organisation_view
def period_install_year(request: OrganisationRequest) -> HttpResponse:
    require_period_manager(request.grants)
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
    require_period_manager(request.grants)
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
            reason=request.POST.get("reason", ""),
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


@require_POST
@organisation_view
def period_deadline(request: OrganisationRequest, pk: int) -> HttpResponse:
    require_period_manager(request.grants)
    period = get_period_for_user(request.grants, pk)
    form = DeadlineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the due date as a date, for example 2026-05-15."))
        return _to_list(request)
    try:
        services.period_set_deadline(
            period=period,
            deadline=form.cleaned_data["deadline"],
            expected_version=form.cleaned_data["version"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The due date of %(period)s was saved.") % {"period": period.name}
        )
    return _to_list(request)
