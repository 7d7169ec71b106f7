"""Documents of a unit: choose, read as a web page, produce PDF/Word/Excel through a task with
progress, download what was produced; the texts the unit writes; the organisation's templates."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roder.core.forms import GridLine
from roder.core.htmx import template_for
from roder.documents import kinds, services
from roder.documents.forms import ReportTextFormSet, TemplateForm
from roder.documents.models import DocumentRun, Format, ReportText
from roder.documents.xlsx import table_xlsx as table_workbook
from roder.organisation.access import (
    fetch_for_user,
    get_unit_for_user,
    organisation_view,
    require_organisation_administrator,
)
from roder.organisation.models import RoleKind
from roder.periods import locks
from roder.periods.access import get_period_for_user
from roder.periods.models import ReportingPeriod

RUNS_SHOWN = 20


def _kind(kind: str) -> str:
    """A registered unit document's key, else 404."""
    spec = kinds.get(kind)
    if spec is None or not spec.for_unit:
        raise Http404
    return kind


def _choice(request, unit, kind: str):
    """(year, period) from the query: the period decides the year; follow-up reports without a
    period get the latest one of their kind."""
    spec = kinds.require(kind)  # checked by _kind
    source = request.POST if request.method == "POST" else request.GET
    pk = str(source.get("period", ""))
    period = get_period_for_user(request.grants, int(pk)) if pk.isdigit() else None
    if period is not None and period.kind not in spec.period_kinds:
        period = None
    if period is None and spec.period_required:
        period = (
            ReportingPeriod.objects.filter(
                organisation=unit.organisation, kind__in=spec.period_kinds
            )
            .order_by("-ends")
            .first()
        )
        if period is None:
            raise Http404
    year = str(source.get("year", ""))
    if period is not None:
        return period.year, period
    if year.isdigit() and 2000 <= int(year) <= 2100:
        return int(year), None
    years = services.unit_years(unit)
    return (years[0] if years else timezone.localdate().year), None


def _periods(unit) -> list[ReportingPeriod]:
    period_kinds = {kind for spec in kinds.unit_kinds() for kind in spec.period_kinds}
    return list(
        ReportingPeriod.objects.filter(
            organisation=unit.organisation, kind__in=period_kinds
        ).order_by("-year", "ends")
    )


@require_GET
@organisation_view
def unit_documents(request, unit_pk: int):
    unit = get_unit_for_user(request.grants, unit_pk)
    runs = (
        DocumentRun.objects.filter(unit=unit, created_by=request.user)
        .select_related("created_by", "period")
        .defer("content")
        .order_by("-created_at", "-pk")[:RUNS_SHOWN]
    )
    years = services.unit_years(unit)
    periods = _periods(unit)
    choices = []
    for spec in kinds.unit_kinds():
        fitting = [p for p in periods if p.kind in spec.period_kinds]
        choices.append((spec.key, spec.label, spec, fitting))
    context = {
        "unit": unit,
        "kinds": choices,
        "years": years,
        "year": years[0] if years else timezone.localdate().year,
        "runs": runs,
    }
    return render(request, "documents/unit.html", context)


@require_GET
@organisation_view
def document(request, unit_pk: int, kind: str):
    kind = _kind(kind)
    unit = get_unit_for_user(request.grants, unit_pk)
    year, period = _choice(request, unit, kind)
    built = services.build_document(
        kind=kind, unit=unit, year=year, period=period, grants=request.grants
    )
    context = {
        "unit": unit,
        "kind": kind,
        "kind_label": kinds.label(kind),
        "year": year,
        "period": period,
        "document": built,
        "formats": Format.choices,
        "tables": list(enumerate(built.tables)),
        "texts_url": _texts_url(request, unit, kind, year, period),
    }
    return render(request, "documents/document.html", context)


def _texts_url(request, unit, kind: str, year: int, period) -> str:
    """Where "Write the unit's texts" leads, or "" for no link: reporters and up write them;
    a kind whose texts are written elsewhere says where (a plan's on the plan's page, so a
    unit without a plan that year gets no link: one query, only for such a kind)."""
    if request.grants.rank_for(unit) < _rank(RoleKind.REPORTER):
        return ""
    if not any(section.written for section in services.sections_of(kind)):
        return ""
    org = request.grants.organisation.slug
    spec = kinds.require(kind)
    if spec.texts_url is not None:
        return spec.texts_url(unit, year, org)
    url = reverse("documents:texts", kwargs={"org": org, "unit_pk": unit.pk, "kind": kind})
    return f"{url}?period={period.pk}" if period else f"{url}?year={year}"


def _rank(kind: RoleKind) -> int:
    from roder.organisation.models import ROLE_RANK

    return ROLE_RANK[kind]


@require_POST
@organisation_view
def produce(request, unit_pk: int, kind: str):
    kind = _kind(kind)
    unit = get_unit_for_user(request.grants, unit_pk)
    year, period = _choice(request, unit, kind)
    try:
        run = services.run_request(
            unit=unit,
            kind=kind,
            fmt=request.POST.get("format", ""),
            year=year,
            period=period,
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_document_url(request, unit, kind, year, period))
    return redirect("documents:run", org=request.grants.organisation.slug, pk=run.pk)


@require_POST
@organisation_view
def produce_object(request, kind: str, object_id: int):
    """PDF, Word or Excel of an object document (an evaluation report, an award entry: the
    pages of the app that registered the kind), fetched as the person may read it."""
    spec = kinds.get(kind)
    if spec is None or spec.for_unit:
        raise Http404
    assert spec.subject is not None  # a kind not for units has a subject
    subject = spec.subject(request.grants, object_id)
    try:
        run = services.run_request(
            unit=subject.unit,
            kind=kind,
            fmt=request.POST.get("format", ""),
            year=getattr(subject, "year", None) or timezone.localdate().year,
            subject=subject,
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        back = request.POST.get("back", "")
        safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
        return redirect(back if safe and back else "home:start")
    return redirect("documents:run", org=request.grants.organisation.slug, pk=run.pk)


def _document_url(request, unit, kind, year, period) -> str:
    url = reverse(
        "documents:document",
        kwargs={"org": request.grants.organisation.slug, "unit_pk": unit.pk, "kind": kind},
    )
    return f"{url}?period={period.pk}" if period else f"{url}?year={year}"


@require_GET
@organisation_view
def table_xlsx(request, unit_pk: int, kind: str, index: int):
    kind = _kind(kind)
    unit = get_unit_for_user(request.grants, unit_pk)
    year, period = _choice(request, unit, kind)
    # The same person's document as the page, so a table the page hides is never downloaded.
    built = services.build_document(
        kind=kind, unit=unit, year=year, period=period, grants=request.grants
    )
    tables = built.tables
    if index >= len(tables):
        raise Http404
    response = HttpResponse(
        table_workbook(tables[index]),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="tabell-{index + 1}.xlsx"'
    return response


def _run_for_user(request, pk: int) -> DocumentRun:
    """The person's own run (its file holds what they may read, not what another may), while
    they may still read its unit; 404 otherwise."""
    runs = (
        DocumentRun.objects.filter(created_by=request.user)
        .select_related("unit", "created_by", "period")
        .defer("content")
    )
    return fetch_for_user(request.grants, runs, pk)


@require_GET
@organisation_view
def run_detail(request, pk: int):
    run = _run_for_user(request, pk)
    template = template_for(request, "documents/run.html", "progress")
    return render(request, template, {"run": run, "unit": run.unit})


@require_GET
@organisation_view
def run_download(request, pk: int):
    run = _run_for_user(request, pk)
    if not run.is_finished or run.status != "done":
        raise Http404
    content = DocumentRun.objects.filter(pk=run.pk).values_list("content", flat=True).get()
    response = HttpResponse(bytes(content), content_type=run.content_type)
    response["Content-Disposition"] = f'attachment; filename="{run.filename}"'
    return response


@require_http_methods(["GET", "POST"])
@organisation_view
def texts(request, unit_pk: int, kind: str):
    kind = _kind(kind)
    unit = get_unit_for_user(request.grants, unit_pk, need=RoleKind.REPORTER)
    year, period = _choice(request, unit, kind)
    spec = kinds.require(kind)  # checked by _kind
    if spec.texts_url is not None:  # written elsewhere (a plan's texts on the plan's page)
        url = spec.texts_url(unit, year, request.grants.organisation.slug)
        if not url:
            raise Http404
        return redirect(url)
    scope = services.scope_of(kind, year, period)
    sections = [section for section in services.sections_of(kind) if section.written]
    stored = {t.key: t for t in ReportText.objects.filter(unit=unit, kind=kind, scope=scope)}
    grid = ReportTextFormSet(
        request.POST if request.method == "POST" else None,
        lines=[
            GridLine(key=section.key, prefix=section.key, initial=_text_initial(stored, section))
            for section in sections
        ],
    )
    errors = []
    locked = services.text_lock(unit, scope)
    if request.method == "POST" and locked:
        errors.append(locks.refusal(locked))
    elif request.method == "POST" and grid.is_valid():
        # All texts or none: the error says nothing was saved, and the form keeps its versions.
        try:
            save = services.report_texts_save
            grid.save(save, unit=unit, kind=kind, scope=scope, by=request.user)
        except ValidationError as error:
            titles = {section.key: section.title for section in sections}
            for key, row_error in getattr(error, "rows", {None: error}).items():
                title = f"{titles[key]}: " if key in titles else ""
                errors += [title + message for message in row_error.messages]
        else:
            messages.success(request, _("The texts are saved."))
            return redirect(_document_url(request, unit, kind, year, period))
    fields = [
        {
            "key": section.key,
            "title": section.title,
            "body": form["body"].value(),
            "version": form["version"].value(),
        }
        for section, form in zip(sections, grid.forms, strict=True)
    ]
    context = {
        "unit": unit,
        "kind": kind,
        "kind_label": kinds.label(kind),
        "year": year,
        "period": period,
        "fields": fields,
        "errors": errors,
        "locked": locked,
    }
    return render(request, "documents/texts.html", context)


def _text_initial(stored, section) -> dict:
    text = stored.get(section.key)
    return {"body": text.body, "version": text.version} if text else {"body": "", "version": 0}


@require_GET
@organisation_view
def template_list(request):
    require_organisation_administrator(request.grants)
    stored = {t.kind: t for t in request.grants.organisation.document_templates.all().defer("logo")}
    rows = [(spec.key, spec.label, stored.get(spec.key)) for spec in kinds.all_kinds()]
    return render(request, "documents/templates.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@organisation_view
def template_edit(request, kind: str):
    if kinds.get(kind) is None:
        raise Http404
    grants = request.grants
    require_organisation_administrator(grants)
    organisation = grants.organisation
    stored = services.template_for(organisation, kind)
    sections = services.sections_of(kind)
    order = list(stored.sections) if stored and stored.sections else services.default_order(kind)
    positions = {key: index for index, key in enumerate(order, start=1)}
    keys = [s.key for s in sections]
    initial = {
        "version": stored.version if stored else 0,
        "cover": stored.cover if stored else True,
        "cover_text": stored.cover_text if stored else "",
        "contents": stored.contents if stored else True,
        "empty_sections": stored.empty_sections if stored else "explain",
    }
    for key in keys:
        initial[f"show_{key}"] = key in positions
        initial[f"order_{key}"] = positions.get(key, len(order) + keys.index(key) + 1)
        initial[f"text_{key}"] = (stored.fixed_texts or {}).get(key, "") if stored else ""
    form = TemplateForm(
        request.POST or None, request.FILES or None, sections=sections, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        logo = form.cleaned_data["logo"]
        if logo is None and form.cleaned_data["remove_logo"]:
            logo = b""
        try:
            services.template_save(
                organisation=organisation,
                kind=kind,
                values=form.values(),
                logo=logo,
                expected_version=form.cleaned_data["version"] or 0,
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The template is saved."))
            return redirect("documents:templates", org=organisation.slug)
    context = {"form": form, "kind": kind, "kind_label": kinds.label(kind), "stored": stored}
    return render(request, "documents/template_form.html", context)
