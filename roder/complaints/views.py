"""The complaint pages of an organisation: the case list, a case with its handling, internal
registration, and the settings with the services on the public form."""

import datetime
from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.complaints import case_actions, deadlines, selectors, services, statistics
from roder.complaints.access import (
    ASSIGNER,
    HANDLER,
    get_case_for_user,
    handles_somewhere,
    may_assign,
)
from roder.complaints.forms import (
    AnswerForm,
    AssignForm,
    CaseActionForm,
    CaseFilterForm,
    CaseGoalsForm,
    CaseRegisterForm,
    ContactForm,
    EraseForm,
    FreeOfPersonalDataForm,
    NoteForm,
    PersonSearchForm,
    SecrecyForm,
    ServiceForm,
    SettingsForm,
    StatisticsForm,
    StatusForm,
)
from roder.complaints.models import (
    Attachment,
    Case,
    CaseStatus,
    ContactKind,
    CustomerContact,
    Service,
)
from roder.core.editing import form_edit
from roder.indicators.access import get_indicator_for_user
from roder.organisation.access import (
    OrganisationRequest,
    fetch_for_user,
    get_unit_for_user,
    organisation_view,
    require_organisation_administrator,
)
from roder.organisation.models import Unit
from roder.periods.models import ReportingPeriod


def _org(request: OrganisationRequest) -> str:
    return request.grants.organisation.slug


def _detail_url(request: OrganisationRequest, case: Case) -> str:
    return reverse("complaints:case_detail", kwargs={"org": _org(request), "pk": case.pk})


def _org_units(request: OrganisationRequest) -> list[Unit]:
    today = timezone.localdate()
    units = Unit.objects.filter(organisation=request.grants.organisation).order_by("path")
    return [unit for unit in units if unit.is_valid_on(today)]


# --- the list and registration -------------------------------------------------------------


@require_GET
@organisation_view
def case_list(request: OrganisationRequest) -> HttpResponse:
    grants = request.grants
    if not handles_somewhere(grants):
        raise PermissionDenied
    units = selectors.handling_units(grants)
    form = CaseFilterForm(request.GET or None, units=units)
    unit_pk = form.cleaned_data.get("unit") if form.is_bound and form.is_valid() else None
    status = form.cleaned_data.get("status") if form.is_bound and form.is_valid() else ""
    unit = get_unit_for_user(grants, unit_pk, need=HANDLER) if unit_pk else None
    today = timezone.localdate()
    cases = [
        (case, deadlines.acknowledgement(case, today), deadlines.answer(case, today))
        for case in selectors.cases_for(grants, unit=unit, status=status or None)
    ]
    context = {
        "filter_form": form,
        "unit": unit,
        "cases": cases,
        "overdue": sum(1 for _case, ack, ans in cases if ack.late or ans.late),
        "public_form": selectors.open_form(grants.organisation.slug),
    }
    return render(request, "complaints/list.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def case_create(request: OrganisationRequest) -> HttpResponse:
    grants = request.grants
    if not handles_somewhere(grants):
        raise PermissionDenied

    def save(*, unit: int, **values: Any) -> Case:
        return services.case_register(
            organisation=grants.organisation,
            unit=get_unit_for_user(grants, unit, need=HANDLER),
            by=request.user,
            **values,
        )

    edit = form_edit(
        request,
        CaseRegisterForm,
        save,
        initial={
            "received_on": timezone.localdate(),
            "channel": "phone",
            "unit": request.GET.get("unit", ""),
        },
        units=selectors.handling_units(grants),
        services=list(selectors.services_of(grants.organisation)),
    )
    if edit.saved:
        messages.success(
            request, _("The case %(number)s was registered.") % {"number": edit.result}
        )
        return redirect(_detail_url(request, edit.result))
    return render(request, "complaints/register.html", {"form": edit.form})


# --- a case --------------------------------------------------------------------------------


@require_GET
@organisation_view
def case_detail(request: OrganisationRequest, pk: int) -> HttpResponse:
    grants = request.grants
    case = get_case_for_user(grants, pk)
    services.case_opened(case=case, person=request.user)
    today = timezone.localdate()
    can_assign = may_assign(grants, case)
    initial = {"version": case.version}
    context = {
        "case": case,
        "unit": case.unit,
        "acknowledgement": deadlines.acknowledgement(case, today),
        "answer_deadline": deadlines.answer(case, today),
        "can_assign": can_assign,
        "assign_form": AssignForm(
            initial={**initial, "unit": case.unit_id, "handler": case.handler_id},
            units=_org_units(request),
            people=selectors.handler_candidates(case.unit),
        )
        if can_assign
        else None,
        "secrecy_form": SecrecyForm(initial={**initial, "secret": case.secret}),
        "free_form": FreeOfPersonalDataForm(
            initial={**initial, "free": case.free_of_personal_data}
        ),
        "status_form": StatusForm(initial=initial),
        "next_statuses": [(s, CaseStatus(s).label) for s in case.next_statuses()],
        "answer_form": AnswerForm(
            initial={**initial, "channel": "mail" if case.submitter_email else "phone"}
        ),
        "can_answer": case.status != CaseStatus.CLOSED,
        "note_form": NoteForm(),
        "notes": selectors.case_notes(case),
        "answers": selectors.case_answers(case),
        "openings": selectors.case_openings(case) if can_assign else None,
        "attachments": selectors.case_attachments(case),
        "history": selectors.case_history(case),
        "case_actions": case_actions.case_actions(case),
        "action_form": CaseActionForm(),
        "goals_form": CaseGoalsForm(
            initial={
                **initial,
                "goals": [str(pk) for pk in case.goals.values_list("pk", flat=True)],
            },
            goals=case_actions.goal_choices(case),
        ),
    }
    return render(request, "complaints/detail.html", context)


@require_GET
@organisation_view
def attachment_download(request: OrganisationRequest, pk: int) -> HttpResponse:
    """An attachment, for the case's handlers only: to everyone else (a reader of the unit
    too) it does not exist (404). Always a download, never shown inline."""
    grants = request.grants
    found = get_object_or_404(
        Attachment.objects.only("case_id"), pk=pk, case__organisation=grants.organisation
    )
    try:
        get_case_for_user(grants, found.case_id)
    except PermissionDenied:
        raise Http404 from None
    attachment = Attachment.objects.get(pk=found.pk)
    response = HttpResponse(bytes(attachment.content), content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=attachment.name
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _handle(
    request: OrganisationRequest,
    case: Case,
    form: Form,
    call: Callable[[dict[str, Any]], object],
    success: str,
) -> HttpResponse:
    """Run a case's form: the service's refusal is shown as a message, nothing saved."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, success)
    else:
        errors = [str(e) for field in form.errors.values() for e in field]
        messages.error(request, " ".join(errors))
    return redirect(_detail_url(request, case))


@require_POST
@organisation_view
def case_assign(request: OrganisationRequest, pk: int) -> HttpResponse:
    grants = request.grants
    case = get_case_for_user(grants, pk, need=ASSIGNER)
    form = AssignForm(
        request.POST,
        units=_org_units(request),
        people=[p for p in selectors.handler_candidates_in(grants.organisation)],
    )

    def call(data: dict[str, Any]) -> object:
        unit = fetch_for_user(grants, Unit, data["unit"], unit=None)
        return services.case_assign(
            case=case,
            unit=unit,
            handler=data["handler"],
            expected_version=data["version"],
            by=request.user,
        )

    return _handle(request, case, form, call, _("The case was assigned."))


@require_POST
@organisation_view
def case_status(request: OrganisationRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.grants, pk)
    call = partial(_status, case=case, by=request.user)
    return _handle(request, case, StatusForm(request.POST), call, _("The status was saved."))


def _status(data: dict[str, Any], *, case: Case, by: Any) -> object:
    return services.case_set_status(
        case=case, status=data["status"], expected_version=data["version"], by=by
    )


@require_POST
@organisation_view
def case_secrecy(request: OrganisationRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.grants, pk, need=ASSIGNER)

    def call(data: dict[str, Any]) -> object:
        return services.case_set_secret(
            case=case, secret=data["secret"], expected_version=data["version"], by=request.user
        )

    return _handle(request, case, SecrecyForm(request.POST), call, _("The secrecy mark was saved."))


@require_POST
@organisation_view
def case_free_mark(request: OrganisationRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.grants, pk)

    def call(data: dict[str, Any]) -> object:
        return services.case_mark_free_of_personal_data(
            case=case, free=data["free"], expected_version=data["version"], by=request.user
        )

    form = FreeOfPersonalDataForm(request.POST)
    return _handle(request, case, form, call, _("The mark was saved."))


@require_POST
@organisation_view
def case_note(request: OrganisationRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.grants, pk)

    def call(data: dict[str, Any]) -> object:
        return services.case_add_note(case=case, text=data["text"], by=request.user)

    return _handle(request, case, NoteForm(request.POST), call, _("The note was added."))


@require_POST
@organisation_view
def case_answer(request: OrganisationRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.grants, pk)

    def call(data: dict[str, Any]) -> object:
        return services.case_answer(
            case=case,
            text=data["text"],
            channel=data["channel"],
            expected_version=data["version"],
            by=request.user,
        )

    return _handle(request, case, AnswerForm(request.POST), call, _("The answer was saved."))


# --- statistics ----------------------------------------------------------------------------


@require_GET
@organisation_view
def statistics_page(request: OrganisationRequest) -> HttpResponse:
    """The statistics of a unit's branch for a year or a reporting period: for everyone who
    sees the unit, readers too; figures only, never a case."""
    grants = request.grants
    organisation = grants.organisation
    units = selectors.statistics_units(grants)
    if not units:
        raise PermissionDenied
    today = timezone.localdate()
    with_cases = selectors.case_years(organisation)
    years = sorted({*with_cases, today.year}, reverse=True)
    periods = list(ReportingPeriod.objects.filter(organisation=organisation).order_by("-starts"))
    form = StatisticsForm(request.GET or None, units=units, years=years, periods=periods)
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    unit_pk = chosen.get("unit")
    top = min(units, key=lambda u: (u.depth, u.path))
    unit = get_unit_for_user(grants, unit_pk) if unit_pk else top
    period = next((p for p in periods if p.pk == chosen.get("period")), None)
    year = chosen.get("year") or (with_cases[0] if with_cases else today.year)
    if period is not None:
        starts, ends, year = period.starts, period.ends, period.year
    else:
        starts, ends = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    settings = services.settings_of(organisation)
    figures = statistics.branch_statistics(
        unit=unit,
        units=units,
        starts=starts,
        ends=ends,
        minimum=settings.statistics_minimum,
        service_names={s.pk: s.name for s in selectors.services_of(organisation)},
    )
    if not form.is_bound:
        form = StatisticsForm(
            initial={"unit": unit.pk, "year": year}, units=units, years=years, periods=periods
        )
    context = {
        "form": form,
        "unit": unit,
        "period": period,
        "year": year,
        "stats": figures,
        "handles": handles_somewhere(grants),
    }
    return render(request, "complaints/statistics.html", context)


@require_POST
@organisation_view
def indicator_publish(request: OrganisationRequest, pk: int) -> HttpResponse:
    """Write an indicator's outcomes for its owner unit from the complaint statistics: the
    owner unit's reporters and up."""
    indicator = get_indicator_for_user(request.grants, pk, need=HANDLER)
    try:
        counts = services.indicator_publish(
            indicator=indicator, unit=indicator.owner, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "%(written)s outcomes were written from the complaint statistics, %(pending)s "
                "await a controller's approval, %(too_few)s periods had too few cases."
            )
            % counts,
        )
    return redirect("indicators:detail", org=_org(request), pk=indicator.pk)


# --- the kundlogg --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@organisation_view
def customer_log(request: OrganisationRequest, unit_pk: int) -> HttpResponse:
    """A unit's kundlogg: its customer contacts and meetings with counts per month and tertial,
    for everyone who sees the unit; its reporters and up log new ones."""
    grants = request.grants
    unit = get_unit_for_user(grants, unit_pk)
    can_log = grants.has_role(unit, HANDLER)
    if request.method == "POST" and not can_log:
        raise PermissionDenied
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    year = year if 2000 <= year <= today.year + 1 else today.year
    edit = form_edit(
        request,
        ContactForm,
        partial(services.contact_add, unit=unit, by=request.user),
        initial={"day": today, "kind": "meeting", "count": 1},
    )
    url = reverse("complaints:customer_log", kwargs={"org": _org(request), "unit_pk": unit.pk})
    if edit.saved:
        messages.success(request, _("The contact was logged."))
        return redirect(f"{url}?year={edit.result.day.year}")
    context = {
        "unit": unit,
        "year": year,
        "years": list(range(today.year, today.year - 20, -1)),
        "counts": selectors.contact_counts(unit, year),
        "contacts": selectors.contacts_of(unit, year),
        "kinds": ContactKind.choices,
        "form": edit.form if can_log else None,
        "can_log": can_log,
    }
    return render(request, "complaints/customer_log.html", context)


@require_POST
@organisation_view
def customer_contact_delete(request: OrganisationRequest, pk: int) -> HttpResponse:
    contact = fetch_for_user(request.grants, CustomerContact, pk, need=HANDLER)
    services.contact_delete(contact=contact, by=request.user)
    messages.success(request, _("The contact was removed from the log."))
    url = reverse(
        "complaints:customer_log", kwargs={"org": _org(request), "unit_pk": contact.unit_id}
    )
    return redirect(f"{url}?year={contact.day.year}")


# --- personal data: registerutdrag and erasure ----------------------------------------------


def _person_json(term: str, cases: list[Case]) -> dict[str, Any]:
    return {
        "search": term,
        "produced": timezone.now().isoformat(timespec="seconds"),
        "cases": [
            {
                "diary_number": case.diary_number,
                "type": str(case.get_kind_display()),
                "status": str(case.get_status_display()),
                "received": case.received_on.isoformat(),
                "unit": case.unit.name,
                "service": case.service.name if case.service else "",
                "name": case.submitter_name,
                "email": case.submitter_email,
                "phone": case.submitter_phone,
                "description": case.description,
                "answers": [
                    {"day": a.answered_on.isoformat(), "sent_to": a.sent_to, "text": a.text}
                    for a in case.answers.all()
                ],
                "notes": [n.text for n in case.notes.all()],
                "attachments": [
                    {"name": f.name, "type": f.content_type, "size": f.size}
                    for f in case.attachments.all()
                ],
            }
            for case in cases
        ],
    }


@require_GET
@organisation_view
def personal_data(request: OrganisationRequest) -> HttpResponse:
    """Registerutdrag: the cases and the data stored about a person, found by their e-mail
    address or phone number, as a page or a file (?format=json). Organisation administrators."""
    grants = request.grants
    require_organisation_administrator(grants)
    form = PersonSearchForm(request.GET or None)
    term = form.cleaned_data["q"].strip() if form.is_bound and form.is_valid() else ""
    cases = selectors.person_cases(grants.organisation, term) if term else []
    if term and request.GET.get("format") == "json":
        response = JsonResponse(
            _person_json(term, cases), json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
        response["Content-Disposition"] = 'attachment; filename="registerutdrag.json"'
        return response
    context = {
        "form": form,
        "term": term,
        "cases": cases,
        "erase_form": EraseForm(initial={"q": term}) if cases else None,
    }
    return render(request, "complaints/personal_data.html", context)


@require_POST
@organisation_view
def personal_data_erase(request: OrganisationRequest) -> HttpResponse:
    grants = request.grants
    require_organisation_administrator(grants)
    form = EraseForm(request.POST)
    url = reverse("complaints:personal_data", kwargs={"org": _org(request)})
    if not form.is_valid():
        messages.error(request, _("Tick the box to confirm the erasure. Nothing was erased."))
        return redirect(f"{url}?{urlencode({'q': request.POST.get('q', '')})}")
    term = form.cleaned_data["q"]
    cases = selectors.person_cases(grants.organisation, term)
    logs = services.personal_data_erase(cases=cases, by=request.user)
    messages.success(
        request,
        _("The personal data was erased in %(count)s cases; the statistics are unchanged.")
        % {"count": len(logs)},
    )
    return redirect(f"{url}?{urlencode({'q': term})}")


# --- settings and services -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@organisation_view
def settings_page(request: OrganisationRequest) -> HttpResponse:
    grants = request.grants
    require_organisation_administrator(grants)
    current = services.settings_of(grants.organisation)
    units = _org_units(request)
    edit = form_edit(
        request,
        SettingsForm,
        partial(services.settings_save, organisation=grants.organisation, by=request.user),
        obj=current if current.pk else None,
        fields=services.SETTINGS_FIELDS,
        initial=None
        if current.pk
        else {
            "number_pattern": current.number_pattern,
            "acknowledge_days": current.acknowledge_days,
            "answer_days": current.answer_days,
            "retention_months": current.retention_months,
            "statistics_minimum": current.statistics_minimum,
        },
        versioned=True,
        units=units,
    )
    if edit.saved:
        messages.success(request, _("The settings were saved."))
        return redirect("complaints:settings", org=_org(request))
    context = {
        "form": edit.form,
        "public_open": current.form_open,
        "service_form": ServiceForm(units=units),
        "services": selectors.services_of(grants.organisation),
        "removals": selectors.removal_log(grants.organisation),
    }
    return render(request, "complaints/settings.html", context)


@require_POST
@organisation_view
def service_create(request: OrganisationRequest) -> HttpResponse:
    grants = request.grants
    require_organisation_administrator(grants)
    units = _org_units(request)
    edit = form_edit(
        request,
        ServiceForm,
        partial(services.service_create, organisation=grants.organisation, by=request.user),
        units=units,
    )
    if edit.saved:
        messages.success(request, _("The service was added."))
        return redirect("complaints:settings", org=_org(request))
    current = services.settings_of(grants.organisation)
    context = {
        "form": SettingsForm(
            initial={
                **{name: getattr(current, name) for name in services.SETTINGS_FIELDS},
                "receiving_unit": current.receiving_unit_id,
                "version": current.version,
            },
            units=units,
        ),
        "service_form": edit.form,
        "public_open": current.form_open,
        "services": selectors.services_of(grants.organisation),
    }
    return render(request, "complaints/settings.html", context)


@require_http_methods(["GET", "POST"])
@organisation_view
def service_edit(request: OrganisationRequest, pk: int) -> HttpResponse:
    grants = request.grants
    require_organisation_administrator(grants)
    service = fetch_for_user(grants, Service, pk, unit=None)
    edit = form_edit(
        request,
        ServiceForm,
        partial(services.service_update, service=service, by=request.user),
        obj=service,
        fields=services.SERVICE_FIELDS,
        units=_org_units(request),
    )
    if edit.saved:
        messages.success(request, _("The service was saved."))
        return redirect("complaints:settings", org=_org(request))
    return render(request, "complaints/service_form.html", {"form": edit.form, "service": service})


@require_POST
@organisation_view
def case_action(request: OrganisationRequest, pk: int) -> HttpResponse:
    """Create an action in the unit's action list from the case; its handlers."""
    case = get_case_for_user(request.grants, pk)
    form = CaseActionForm(request.POST)

    def call(data: dict[str, Any]) -> object:
        return case_actions.case_action_create(
            case=case, title=data["title"], due=data["due"], by=request.user
        )

    return _handle(request, case, form, call, _("The action was created in the action list."))


@require_POST
@organisation_view
def case_goals(request: OrganisationRequest, pk: int) -> HttpResponse:
    """The goals the case concerns; its handlers."""
    case = get_case_for_user(request.grants, pk)
    choices = case_actions.goal_choices(case)
    form = CaseGoalsForm(request.POST, goals=choices)

    def call(data: dict[str, Any]) -> object:
        chosen = {str(goal.pk): goal for goal in choices}
        return case_actions.case_goals_set(
            case=case,
            goals=[chosen[pk] for pk in data["goals"]],
            expected_version=data["version"],
            by=request.user,
        )

    return _handle(request, case, form, call, _("The goals of the case were saved."))
