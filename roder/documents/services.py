"""Building a document of a registered kind (kinds.py), producing its files, and the writes of
this app: templates, report texts and runs."""

import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from roder.core.services import (
    GridRow,
    grid_save,
    history_record,
    snapshot,
    update_with_history,
    upsert_with_history,
)
from roder.documents import kinds
from roder.documents.blocks import Document, Heading, Paragraphs
from roder.documents.images import logo_png
from roder.documents.models import (
    DocumentRun,
    DocumentTemplate,
    EmptySections,
    Format,
    ReportText,
    RunStatus,
)
from roder.documents.sections import Context, display_name
from roder.organisation.access import Grants, grants_for
from roder.periods import locks
from roder.periods.models import ReportingPeriod
from roder.periods.services import require_writable


def sections_of(kind: str) -> list:
    spec = kinds.get(kind)
    return list(spec.sections) if spec is not None else []


def default_order(kind: str) -> list[str]:
    spec = kinds.get(kind)
    if spec is None:
        return []
    return list(spec.default_order if spec.default_order is not None else spec.section_keys)


def template_for(organisation, kind: str) -> DocumentTemplate | None:
    return DocumentTemplate.objects.filter(organisation=organisation, kind=kind).first()


def scope_of(kind: str, year: int, period) -> str:
    return f"period:{period.pk}" if period is not None else f"year:{year}"


def texts_for(unit, kind: str, year: int, period, *, cache=None) -> dict[str, str]:
    """The texts the unit wrote for the document: where the kind reads them (the plan's
    sections for the plan), else the report texts of this report."""
    spec = kinds.get(kind)
    if spec is not None and spec.texts is not None:
        return spec.texts(unit, year, period, {} if cache is None else cache)
    return dict(
        ReportText.objects.filter(
            unit=unit, kind=kind, scope=scope_of(kind, year, period)
        ).values_list("key", "body")
    )


def document_title(kind: str, unit, year: int, period, *, cache=None) -> str:
    """The kind's own title (a plan is titled as adopted), else kind, period or year and
    unit. `cache` is the build's (what the kind's title reads is read once)."""
    spec = kinds.get(kind)
    if spec is not None and spec.title is not None:
        own = spec.title(unit, year, period, {} if cache is None else cache)
        if own is not None:
            return own
    name = display_name(unit)
    label = str(kinds.label(kind))
    when = period.name if period is not None else str(year)
    # A period is often named for its report ("Delårsrapport 2026"): the kind is then said once.
    if when.casefold().startswith(label.casefold()):
        return f"{when} – {name}"
    return f"{label} {when} – {name}"


def unit_years(unit) -> list[int]:
    """The years the unit has documents for, newest first (each kind's `years`, read once)."""
    readers = {spec.years for spec in kinds.unit_kinds() if spec.years is not None}
    return sorted({year for read in readers for year in read(unit)}, reverse=True)


def current_language() -> str:
    """The interface language now ("sv" or "en"): a document is written in it."""
    code = (translation.get_language() or "sv")[:2]
    return code if code in ("sv", "en") else "sv"


def apply_template(document: Document, template: DocumentTemplate | None) -> Document:
    """The organisation's cover, cover text, logo and contents choice for the document."""
    if template is not None:
        document.cover = template.cover
        document.cover_text = template.cover_text
        document.contents = template.contents
        document.logo = bytes(template.logo or b"")
        document.logo_type = template.logo_type
    return document


def build_document(*, kind: str, unit, year: int, period=None, grants, progress=None) -> Document:
    """The unit document of `kind` for the unit as the person of `grants` may read it: the
    template's sections in its order, each with its heading, fixed text and the builder's
    blocks. There is no build without a person (README: every build applies their
    permissions); a unit they may not read raises PermissionDenied."""
    progress = progress or (lambda share, text="": None)
    template = template_for(unit.organisation, kind)
    order = list(template.sections) if template and template.sections else default_order(kind)
    sections = {section.key: section for section in sections_of(kind)}
    order = [key for key in order if key in sections]
    ctx = Context(unit=unit, year=year, grants=grants, period=period, template=template)
    ctx.progress = progress
    ctx.cache["order"] = order
    # What the kind's title and texts read (the plan) is read once, into the build's cache.
    title = document_title(kind, unit, year, period, cache=ctx.cache)
    ctx.cache["texts"] = texts_for(unit, kind, year, period, cache=ctx.cache)
    name = display_name(unit)
    label = kinds.label(kind)
    document = Document(
        title=title,
        header=f"{name}, {label}",
        organisation=unit.organisation.name,
        unit=name,
        subtitle=period.name if period is not None else str(year),
        language=current_language(),
        produced_by=grants.user.get_full_name() or grants.user.get_username(),
        produced_at=date_format(timezone.localtime(), "DATETIME_FORMAT"),
    )
    apply_template(document, template)
    _add_notice(document, kind, ctx)
    omit = template is not None and template.empty_sections == EmptySections.OMIT
    index = 0
    for position, key in enumerate(order):
        section = sections[key]
        number = str(index + 1)
        progress(0.1 + 0.8 * position / len(order), str(section.title))
        text = ctx.text_for(key)
        blocks = [block for block in section.build(ctx, number) if block is not None]
        if not text and not blocks:
            # Nothing to say: left out, or said so, as the organisation's template chooses.
            if omit:
                continue
            blocks = [Paragraphs(_("Nothing to report in this part."))]
        index += 1
        document.add(Heading(1, str(section.title), number))
        if text:
            document.add(Paragraphs(text))
        document.add(*blocks)
    return document


def _add_notice(document: Document, kind: str, ctx: Context) -> None:
    """The kind's note on what the document rests on: on the cover, or first without one."""
    spec = kinds.get(kind)
    notice = spec.notice(ctx) if spec is not None and spec.notice is not None else ""
    if not notice:
        return
    if document.cover:
        document.cover_text = "\n".join(part for part in (document.cover_text, notice) if part)
    else:
        document.add(Paragraphs(notice))


def object_document(kind: str, subject, *, grants) -> Document:
    """The object document of `kind` about `subject` (an evaluation, an award entry: fetched
    by the kind's `subject`) as the person of `grants` may read it, with the organisation's
    template for the kind (cover, logo, contents)."""
    build = kinds.require(kind).build
    assert build is not None, kind  # an object document's kind has one (kinds.register)
    document = build(subject, grants=grants)
    document.language = current_language()
    return apply_template(document, template_for(subject.unit.organisation, kind))


def render(document: Document, fmt: str) -> bytes:
    if fmt == Format.PDF:
        from roder.documents.render import render_pdf

        return render_pdf(document)
    if fmt == Format.DOCX:
        from roder.documents.docx import render_docx

        return render_docx(document)
    from roder.documents.xlsx import render_xlsx

    return render_xlsx(document)


# --- runs ------------------------------------------------------------------------------------


def run_request(*, unit, kind: str, fmt: str, year: int, period=None, subject=None, by):
    """Queue a run of a unit document (unit, year, period) or of an object document (its
    `subject`, whose unit and year the run takes); the task (tasks.produce_document) builds and
    renders it."""
    from roder.documents.tasks import produce_document

    if fmt not in Format.values:
        raise ValidationError(_("Choose PDF, Word or Excel."))
    spec = kinds.get(kind)
    if spec is not None and spec.period_required and period is None:
        raise ValidationError(_("Choose the period the report is for."))
    if spec is not None and period is not None and period.kind not in spec.period_kinds:
        raise ValidationError(_("That period does not fit this kind of report."))
    if period is not None and period.organisation_id != unit.organisation_id:
        raise ValidationError(_("That period belongs to another organisation."))
    title = subject.title if subject is not None else document_title(kind, unit, year, period)
    language = current_language()
    run = DocumentRun.objects.create(
        organisation=unit.organisation,
        unit=unit,
        kind=kind,
        format=fmt,
        year=year,
        period=period,
        object_id=subject.pk if subject is not None else None,
        title=title[:300],
        language=language,
        created_by=by,
    )
    # The task carries who asked: it builds the file with that person's permissions.
    transaction.on_commit(lambda: produce_document.enqueue(run.pk, by.pk))
    return run


def run_grants(run: DocumentRun, person_id: int) -> Grants:
    """The roles of the person who asked for the run, read again when the file is made (a role
    taken away meanwhile no longer shows in it). A task for someone else's run is refused."""
    if person_id is None or run.created_by_id != person_id:
        raise PermissionDenied(_("This file was asked for by someone else."))
    return grants_for(run.created_by, run.organisation)


def _produce(run: DocumentRun, progress, grants: Grants) -> bytes:
    spec = kinds.require(run.kind)
    if spec.subject is not None:
        # The object as the person may read it now (a role taken away fails the run).
        subject = spec.subject(grants, run.object_id)
        document = object_document(run.kind, subject, grants=grants)
    else:
        document = build_document(
            kind=run.kind,
            unit=run.unit,
            year=run.year,
            period=run.period,
            grants=grants,
            progress=progress,
        )
    progress(0.92, _("Writing the file"))
    return render(document, run.format)


def run_produce(run: DocumentRun, *, person_id: int) -> None:
    """Build and render the run's document as the person who asked for it (`person_id`, carried
    by the task) may read it, storing progress as it goes."""
    started = time.perf_counter()
    DocumentRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), progress=5
    )

    def progress(share: float, text: str = "") -> None:
        DocumentRun.objects.filter(pk=run.pk).update(
            progress=max(5, min(95, round(share * 100))), step=str(text)[:200]
        )

    try:
        with translation.override(run.language):
            content = _produce(run, progress, run_grants(run, person_id))
    except Exception as error:  # the run page shows the failure; the log has the trace
        DocumentRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
            seconds=time.perf_counter() - started,
        )
        raise
    DocumentRun.objects.filter(pk=run.pk).update(
        status=RunStatus.DONE,
        progress=100,
        step="",
        content=content,
        size=len(content),
        finished_at=timezone.now(),
        seconds=time.perf_counter() - started,
    )


# --- templates and texts ---------------------------------------------------------------------

TEMPLATE_FIELDS = (
    "cover",
    "cover_text",
    "contents",
    "empty_sections",
    "sections",
    "fixed_texts",
)


@transaction.atomic
def template_save(*, organisation, kind: str, values: dict, logo=None, expected_version, by):
    """Create or change the organisation's template for a kind (history either way). `logo` is
    (bytes, content type) when a new logo was uploaded, b"" to remove it, None to keep it; a
    new logo is stored re-encoded as PNG (images.logo_png), a broken one changes nothing."""
    if logo:
        logo = (logo_png(logo[0]), "image/png")
    sections = {s.key for s in sections_of(kind)}
    unknown = [key for key in values.get("sections", []) if key not in sections]
    if unknown:
        raise ValidationError(_("Unknown sections: %(keys)s.") % {"keys": ", ".join(unknown)})
    if sections and not values.get("sections"):
        raise ValidationError(_("Choose at least one section."))
    template = template_for(organisation, kind)
    if template is None:
        template = DocumentTemplate.objects.create(organisation=organisation, kind=kind, **values)
        history_record(
            obj=template,
            action="create",
            actor=by,
            organisation=organisation,
            after=snapshot(template, TEMPLATE_FIELDS),
        )
    else:
        fields = [name for name in TEMPLATE_FIELDS if name in values]
        update_with_history(
            template,
            expected_version=expected_version,
            values=values,
            fields=fields,
            by=by,
            organisation=organisation,
        )
    if logo is not None:
        content, content_type = logo or (b"", "")
        before = {"logo": _("%(size)s bytes") % {"size": len(template.logo or b"")}}
        DocumentTemplate.objects.filter(pk=template.pk).update(logo=content, logo_type=content_type)
        history_record(
            obj=template,
            action="update",
            actor=by,
            organisation=organisation,
            before=before,
            after={"logo": _("%(size)s bytes") % {"size": len(content)}},
        )
        template.refresh_from_db()
    return template


def scope_period(unit, scope: str, *, for_update: bool = False) -> ReportingPeriod | None:
    """The period of a period's texts ("period:<id>", in the unit's organisation); None for a
    year's texts."""
    if not scope.startswith("period:"):
        return None
    periods = ReportingPeriod.objects.filter(organisation=unit.organisation)
    if for_update:
        periods = periods.select_for_update()
    return periods.get(pk=int(scope.removeprefix("period:")))


def text_lock(unit, scope: str) -> str:
    """Why the unit's texts of a scope cannot be changed now ("" when they can): for a period,
    what `periods.locks` says (the period not open; the unit's report for it submitted or
    approved, follow-up's lock). A year's texts have no report and are never locked."""
    period = scope_period(unit, scope)
    return locks.lock_reason(unit, period) if period is not None else ""


@transaction.atomic
def report_texts_save(*, unit, kind: str, scope: str, rows: list[GridRow], by) -> None:
    """Save the unit's texts of one report: rows keyed by section, each with the version shown
    (None: never written). Every text is checked first; a stale one refuses the whole save
    (StaleRowsError) and unchanged ones are not written (core.services.grid_save). An empty
    field that was never written stays unwritten. A period's texts ("period:<id>") are locked
    as the unit's report for it is (`text_lock`); a year's texts have no report to lock them."""
    if (period := scope_period(unit, scope, for_update=True)) is not None:
        require_writable(unit, period)

    def check(row):
        return {"body": (row.values.get("body") or "").strip()}

    def read(keys):
        stored = ReportText.objects.select_for_update().filter(
            unit=unit, kind=kind, scope=scope, key__in=keys
        )
        return {text.key: text for text in stored}

    def write(row, existing):
        return upsert_with_history(
            ReportText,
            key={"unit": unit, "kind": kind, "scope": scope, "key": row.key},
            values=row.values,
            existing=existing,
            expected_version=row.version,
            clear=False,  # an emptied text stays, empty
            by=by,
            organisation=unit.organisation,
            unit=unit,
        )

    grid_save(rows, check=check, read=read, write=write)


def report_text_save(*, unit, kind: str, scope: str, key: str, body: str, expected_version, by):
    """One of the unit's texts (see report_texts_save): the text as stored, None if unwritten."""
    row = GridRow(key=key, values={"body": body}, version=expected_version)
    report_texts_save(unit=unit, kind=kind, scope=scope, rows=[row], by=by)
    return ReportText.objects.filter(unit=unit, kind=kind, scope=scope, key=key).first()
