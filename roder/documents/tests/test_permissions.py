"""Every way of building a document applies the same person's permissions: the web page, each
table as Excel, the PDF, Word and Excel files of the task, and the quality app's reports.

The scene is the demo's shape: Kommunstyrelsen has the internal control plan that covers Enhet A
(which has none of its own). Enhet A's manager and reporter hold no role on the committee, so
its risks, controls and results ("Hemligstämpel") must appear nowhere in what they get. Each
document kind is built as each persona of the test world, and every table download and every
file is read back (openpyxl, python-docx, pypdf) and compared with what the page showed."""

import html
import io
import re
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from docx import Document as WordDocument
from openpyxl import load_workbook
from pypdf import PdfReader

from roder.control.services import result_record
from roder.control.testing import make_control, make_control_plan, make_risk, make_year
from roder.documents import services
from roder.documents.models import DocumentRun, RunStatus
from roder.documents.render import print_html
from roder.documents.sections import Context
from roder.documents.tasks import produce_document
from roder.followup.testing import follow_up, make_indicator, report
from roder.organisation.access import grants_for
from roder.organisation.models import Role
from roder.planning.testing import YEAR, make_categories, make_goal, make_plan
from roder.quality.documents import evaluation_document
from roder.quality.testing import make_entry, make_evaluation
from roder.testing import PERSONAS

pytestmark = pytest.mark.django_db

# Who may see Kommunstyrelsen (and so its control plan): roles on it or above it.
SEES_COMMITTEE = {"admin", "controller", "reader"}
KINDS = ["plan", "tertial", "interim", "annual", "control"]
PERIOD_OF = {"tertial": "t1", "interim": "t2", "annual": "year_end"}
SECRET = "Hemligstämpel"  # a word only the committee's control plan holds
FORMATS = ["pdf", "docx", "xlsx"]


@pytest.fixture(autouse=True)
def _swedish():
    with translation.override("sv"):
        yield


@pytest.fixture
def scene(world):
    """Enhet A's plan with a goal and an indicator reported in every period; the committee's
    control plan (covering Enhet A and B) with a risk, a control and a deviation in T1."""
    periods = make_year(world.organisation, year_end="open")
    categories = make_categories(world.organisation)
    plan = make_plan(world.unit_a)
    goal = make_goal(plan, "Nöjda kunder", category=categories["focus"])
    indicator = make_indicator(world.unit_a, "Andel nöjda kunder")
    follow_up(goal, indicator, target="80")
    for period in periods.values():
        report(indicator, world.unit_a, period, "85")
    committee_plan = make_control_plan(world.committee)
    risk = make_risk(committee_plan, f"{SECRET} läcker ut", process=f"{SECRET}process")
    control = make_control(risk, f"Granska {SECRET}", report_in=("t1", "t2", "year_end"))
    result_record(
        control=control,
        period=periods["t1"],
        outcome="deviation",
        comment=f"{SECRET} hittad",
        by=world.controller,
    )
    return SimpleNamespace(periods=periods, plan=plan)


def choice(scene, kind: str) -> dict:
    if kind in PERIOD_OF:
        return {"period": scene.periods[PERIOD_OF[kind]].pk}
    return {"year": YEAR}


def unit_url(name, world, unit, **kwargs) -> str:
    kwargs = {"org": world.organisation.slug, "unit_pk": unit.pk, **kwargs}
    return reverse(f"documents:{name}", kwargs=kwargs)


# --- reading back what the page, the downloads and the files hold --------------------------

WORDS = re.compile(r"[^\W\d_]+")


def words(text: str) -> set[str]:
    """The words of a text (numbers left out: page numbers and dates differ between formats)."""
    return {word.casefold() for word in WORDS.findall(text)}


def page_text(response) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def value(cell) -> str:
    """A cell as a string, the same for a number written and read back and for its text."""
    if cell is None or cell == "":
        return ""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return f"{float(cell):g}"
    try:
        return f"{float(str(cell)):g}"
    except ValueError:
        return str(cell)


def table_rows(table, *, numbers: bool = True) -> list[list[str]]:
    """The table's header and cells; Excel holds a cell's number, Word its text."""
    rows = [[value(text) for text in table.columns]]
    for cells in table.rows:
        rows.append(
            [
                value(cell.value if numbers and cell.value is not None else cell.text)
                for cell in cells[: len(table.columns)]
            ]
        )
    return rows


def sheet_rows(sheet) -> list[list[str]]:
    return [[value(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]


def word_rows(grid) -> list[list[str]]:
    return [[value(cell.text) for cell in row.cells] for row in grid.rows]


def word_text(content: bytes) -> str:
    word = WordDocument(io.BytesIO(content))
    parts = [paragraph.text for paragraph in word.paragraphs]
    parts += [cell.text for grid in word.tables for row in grid.rows for cell in row.cells]
    parts += [paragraph.text for paragraph in word.sections[0].header.paragraphs]
    return "\n".join(parts)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def download(client, world, post_to: str, fields: dict, capture) -> bytes:
    """Post a produce form, let the task run, and download the file."""
    with capture(execute=True):
        response = client.post(post_to, fields)
    assert response.status_code == 302
    run = DocumentRun.objects.latest("pk")
    assert run.status == RunStatus.DONE, run.error
    org = world.organisation.slug
    got = client.get(reverse("documents:download", kwargs={"org": org, "pk": run.pk}))
    assert got.status_code == 200
    return got.content


def produced(client, world, unit, kind: str, fields: dict, fmt: str, capture) -> bytes:
    post_to = unit_url("produce", world, unit, kind=kind)
    return download(client, world, post_to, fields | {"format": fmt}, capture)


def assert_files_show_only_the_page(client, world, unit, kind, fields, capture) -> str:
    """Every table download and every file of the document holds what the page shows, and
    nothing else. Returns everything seen, for the callers' checks."""
    page = client.get(unit_url("document", world, unit, kind=kind), fields)
    assert page.status_code == 200
    document = page.context["document"]
    shown = page_text(page)
    tables = document.tables
    for index, table in enumerate(tables):
        got = client.get(unit_url("table_xlsx", world, unit, kind=kind, index=index), fields)
        assert got.status_code == 200, (kind, index)
        [sheet] = load_workbook(io.BytesIO(got.content)).worksheets
        assert sheet_rows(sheet) == table_rows(table), (kind, index, table.caption)
    beyond = unit_url("table_xlsx", world, unit, kind=kind, index=len(tables))
    assert client.get(beyond, fields).status_code == 404, kind

    # What a file may say beyond the page's text: its print layout of the same document
    # (cover, producer, date) and Word's contents field.
    allowed = words(shown) | words(print_html(document))
    allowed |= words(gettext("Right-click to update the table of contents."))
    allowed |= words(gettext("This document has no tables."))
    seen = [shown]
    for fmt in FORMATS:
        content = produced(client, world, unit, kind, fields, fmt, capture)
        if fmt == "xlsx":
            sheets = [sheet_rows(s) for s in load_workbook(io.BytesIO(content)).worksheets]
            if tables:
                assert sheets == [table_rows(table) for table in tables], kind
            text = "\n".join(str(cell) for rows in sheets for row in rows for cell in row)
        elif fmt == "docx":
            grids = [word_rows(grid) for grid in WordDocument(io.BytesIO(content)).tables]
            assert grids == [table_rows(t, numbers=False) for t in tables if not t.is_empty]
            text = word_text(content)
        else:
            text = pdf_text(content)
        assert words(text) <= allowed, (kind, fmt, sorted(words(text) - allowed))
        seen.append(text)
    return "\n".join(seen)


# --- the leak of issue 10 ------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["plan", "tertial", "control"])
def test_it_never_downloads_a_table_the_page_hides(world, client_for, scene, kind):
    """Enhet A's manager sees no committee plan on the page; the table downloads once built
    the document without the person and handed out the committee's risks and results."""
    client = client_for(world.manager)
    fields = choice(scene, kind)
    page = client.get(unit_url("document", world, world.unit_a, kind=kind), fields)
    tables = page.context["document"].tables
    assert SECRET not in page.content.decode()
    for index in range(len(tables) + 3):
        path = unit_url("table_xlsx", world, world.unit_a, kind=kind, index=index)
        got = client.get(path, fields)
        if index >= len(tables):
            assert got.status_code == 404, index
            continue
        [sheet] = load_workbook(io.BytesIO(got.content)).worksheets
        assert sheet_rows(sheet) == table_rows(tables[index]), index
        assert SECRET not in str(sheet_rows(sheet))


# --- each kind as each persona -------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_it_gives_each_persona_in_every_file_only_what_their_page_shows(
    world, client_for, scene, django_capture_on_commit_callbacks, kind, persona
):
    client = client_for(world.personas[persona])
    fields = choice(scene, kind)
    unit = world.unit_b if persona == "outsider" else world.unit_a
    if persona == "outsider":
        # Enhet A is not theirs: the page, every table and producing a file answer 404.
        for name in ("document", "table_xlsx"):
            extra = {"index": 0} if name == "table_xlsx" else {}
            path = unit_url(name, world, world.unit_a, kind=kind, **extra)
            assert client.get(path, fields).status_code == 404, name
        path = unit_url("produce", world, world.unit_a, kind=kind)
        assert client.post(path, fields | {"format": "pdf"}).status_code == 404
        assert not DocumentRun.objects.exists()
    seen = assert_files_show_only_the_page(
        client, world, unit, kind, fields, django_capture_on_commit_callbacks
    )
    # The comparison has teeth: every kind prints the committee's plan, to those who see it.
    assert (SECRET.casefold() in seen.casefold()) == (persona in SEES_COMMITTEE)


# --- no build without a person -------------------------------------------------------------


def test_it_cannot_build_a_document_without_a_person(world, scene):
    with pytest.raises(TypeError):
        services.build_document(kind="plan", unit=world.unit_a, year=YEAR)
    with pytest.raises(TypeError):
        Context(unit=world.unit_a, year=YEAR)
    evaluation = make_evaluation(world.unit_a)
    with pytest.raises(TypeError):
        services.object_document("evaluation", evaluation)
    with pytest.raises(TypeError):
        evaluation_document(evaluation)


def test_it_refuses_to_build_for_a_person_who_cannot_read_the_unit(world, scene):
    outsider = grants_for(world.outsider, world.organisation)
    for kind in KINDS:
        period = scene.periods.get(PERIOD_OF.get(kind, ""), None)
        with pytest.raises(PermissionDenied):
            services.build_document(
                kind=kind, unit=world.unit_a, year=YEAR, period=period, grants=outsider
            )
    with pytest.raises(PermissionDenied):
        services.object_document("evaluation", make_evaluation(world.unit_a), grants=outsider)
    with pytest.raises(PermissionDenied):
        services.object_document("entry", make_entry(world.unit_a), grants=outsider)


# --- the task builds as the person who asked, with the roles they hold now -----------------


def queue(world, person, kind="control", fmt="xlsx"):
    """A run asked for by `person`, left queued (the worker has not taken it yet)."""
    return services.run_request(unit=world.unit_a, kind=kind, fmt=fmt, year=YEAR, by=person)


def test_it_produces_a_file_with_the_roles_the_person_holds_when_it_runs(world, scene, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    run = queue(world, world.controller)
    # Before the worker takes the run, the controller moves from the committee to Enhet A.
    Role.objects.filter(person=world.controller).update(unit=world.unit_a)
    produce_document.call(run.pk, world.controller.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    workbook = load_workbook(io.BytesIO(bytes(run.content)))
    cells = [
        str(c)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for c in row
    ]
    assert cells
    assert not any(SECRET in cell for cell in cells)


def test_it_refuses_a_task_for_someone_elses_run(world, scene, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    run = queue(world, world.manager)
    with pytest.raises(PermissionDenied):
        produce_document.call(run.pk, world.controller.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert not bytes(run.content)


def test_it_produces_nothing_for_a_person_who_lost_the_unit(world, scene, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    run = queue(world, world.reporter, kind="plan", fmt="pdf")
    Role.objects.filter(person=world.reporter).update(unit=world.unit_b)
    with pytest.raises(PermissionDenied):
        produce_document.call(run.pk, world.reporter.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert not bytes(run.content)


# --- the quality app's reports -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["evaluation", "entry"])
@pytest.mark.parametrize("persona", PERSONAS)
def test_it_gives_each_persona_the_quality_reports_files_like_their_page(
    world, client_for, django_capture_on_commit_callbacks, kind, persona
):
    subject = make_evaluation(world.unit_a) if kind == "evaluation" else make_entry(world.unit_a)
    org = world.organisation.slug
    page_url = reverse(f"quality:{kind}_report", kwargs={"org": org, "pk": subject.pk})
    post_to = reverse(
        "documents:produce_object", kwargs={"org": org, "kind": kind, "object_id": subject.pk}
    )
    client = client_for(world.personas[persona])
    page = client.get(page_url)
    if persona == "outsider":
        assert page.status_code == 404
        assert client.post(post_to, {"format": "xlsx"}).status_code == 404
        assert not DocumentRun.objects.exists()
        return
    assert page.status_code == 200
    document = page.context["document"]
    content = download(
        client, world, post_to, {"format": "xlsx"}, django_capture_on_commit_callbacks
    )
    sheets = [sheet_rows(s) for s in load_workbook(io.BytesIO(content)).worksheets]
    assert sheets == [table_rows(table) for table in document.tables]
    allowed = words(page_text(page)) | words(print_html(document))
    allowed |= words(gettext("Right-click to update the table of contents."))
    # The report is the same for everyone who may read it; one PDF (the slowest file) is enough.
    for fmt in ("docx", "pdf") if persona == "reporter" else ("docx",):
        fields = {"format": fmt}
        content = download(client, world, post_to, fields, django_capture_on_commit_callbacks)
        text = pdf_text(content) if fmt == "pdf" else word_text(content)
        assert words(text) <= allowed, (fmt, sorted(words(text) - allowed))
