"""Every documents page and write, tried by each persona of the test world, anonymously and with
the wrong method; the files produced, the unit's texts and the organisation's templates.

The interface is Swedish by default: messages are compared with what the Swedish catalogue gives
for their msgid (`swedish`), so a message not translated yet still matches its English msgid."""

import io
import struct
import zlib
from types import SimpleNamespace

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from PIL import Image as PillowImage
from pypdf import PdfReader

from roder.control.testing import make_control, make_control_plan, make_risk, make_year
from roder.core.models import HistoryEntry
from roder.core.services import ConcurrentEditError
from roder.documents import services
from roder.documents.blocks import Heading, Paragraphs
from roder.documents.models import FORMAT_TYPES, DocumentRun, DocumentTemplate, ReportText
from roder.documents.render import print_html
from roder.followup.testing import follow_up, make_indicator, report
from roder.organisation.access import grants_for
from roder.organisation.models import Unit
from roder.periods.testing import make_period
from roder.planning.testing import YEAR, make_categories, make_goal, make_plan
from roder.testing import EVERYONE, PERSONAS, READ_A, make_organisation, make_unit

pytestmark = pytest.mark.django_db

READ_B = EVERYONE | {"manager": 404, "reporter": 404}
WRITE_A = READ_A | {"reader": 403}
ADMINISTRATOR = dict.fromkeys(PERSONAS, 403) | {"admin": 200}
KINDS = ["plan", "tertial", "control"]
MAGIC = {"pdf": b"%PDF", "docx": b"PK", "xlsx": b"PK"}
STALE = "Någon annan ändrade det här medan du redigerade"  # locale/sv: ConcurrentEditError


def url(name, world, **kwargs):
    return reverse(f"documents:{name}", kwargs={"org": world.organisation.slug, **kwargs})


def unit_url(name, world, unit=None, **kwargs):
    return url(name, world, unit_pk=(unit or world.unit_a).pk, **kwargs)


def swedish(msgid: str) -> str:
    """What a Swedish page shows for `msgid` (the msgid itself while it is not translated)."""
    with translation.override("sv"):
        return gettext(msgid)


def admin_grants(world):
    return grants_for(world.admin, world.organisation)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def png(width: int = 8, height: int = 8) -> bytes:
    """A small, valid, red PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    rows = b"".join(b"\x00" + b"\xcc\x22\x22" * width for _row in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def scene(world):
    """Enhet A's plan with a goal, an indicator with a target and an outcome in tertial 1, the
    three periods of the year and Enhet A's internal control plan with a risk and a control."""
    periods = make_year(world.organisation)
    categories = make_categories(world.organisation)
    plan = make_plan(world.unit_a)
    goal = make_goal(plan, "Nöjda kunder", category=categories["focus"])
    indicator = make_indicator(world.unit_a, "Andel nöjda kunder")
    follow_up(goal, indicator, target="80")
    report(indicator, world.unit_a, periods["t1"], "85")
    make_control(make_risk(make_control_plan(world.unit_a)))
    return SimpleNamespace(periods=periods, plan=plan, goal=goal, t1=periods["t1"])


def same_picture(first: bytes, second: bytes) -> bool:
    one, two = (PillowImage.open(io.BytesIO(data)).convert("RGB") for data in (first, second))
    return one.size == two.size and one.tobytes() == two.tobytes()


def choice(scene, kind: str) -> dict:
    """The query or form fields that choose the report: the year, or tertial 1."""
    return {"period": scene.t1.pk} if kind == "tertial" else {"year": YEAR}


def make_run(world, unit=None, *, by=None, status="done", fmt="pdf", content=b"%PDF-1.7 x"):
    unit = unit or world.unit_a
    return DocumentRun.objects.create(
        organisation=unit.organisation,
        unit=unit,
        kind="plan",
        format=fmt,
        year=YEAR,
        title=f"Verksamhetsplan {YEAR} – {unit.name}",
        status=status,
        content=content if status == "done" else b"",
        size=len(content) if status == "done" else 0,
        created_by=by,
    )


@pytest.fixture
def produce(django_capture_on_commit_callbacks):
    """produce(client, kind, **fields): post the produce form; the run's task is enqueued when
    the request's transaction commits, which a test's transaction never does by itself."""

    def post(client, world, kind="plan", unit=None, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(unit_url("produce", world, unit, kind=kind), fields)

    return post


def template_data(order, texts=None, **extra) -> dict:
    """The template form for the plan: `order` the shown sections in their order."""
    data = {"version": "", "cover": "on", "cover_text": "", "contents": "on"}
    for key in [section.key for section in services.sections_of("plan")]:
        if key in order:
            data[f"show_{key}"] = "on"
        data[f"order_{key}"] = order.index(key) + 1 if key in order else 90
        data[f"text_{key}"] = (texts or {}).get(key, "")
    return data | extra


# --- the unit's documents ------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_the_documents_page_to_everyone_who_reads_the_unit(
    world, client_for, scene, persona
):
    person = world.personas[persona]
    run = make_run(world, by=person)
    someone_elses = make_run(world, by=world.manager if persona != "manager" else world.admin)
    response = client_for(person).get(unit_url("unit", world))
    assert response.status_code == READ_A[persona]
    if response.status_code == 200:
        content = response.content.decode()
        for kind in KINDS:
            assert unit_url("document", world, kind=kind) in content
        assert url("run", world, pk=run.pk) in content
        assert url("download", world, pk=run.pk) in content
        # Another person's file holds what they may read: it is theirs alone.
        assert url("run", world, pk=someone_elses.pk) not in content


def test_it_lists_only_the_units_own_runs(world, client_for, scene):
    mine, theirs = make_run(world, by=world.admin), make_run(world, world.unit_b, by=world.admin)
    response = client_for(world.admin).get(unit_url("unit", world))
    assert list(response.context["runs"]) == [mine]
    assert url("run", world, pk=theirs.pk) not in response.content.decode()


def test_it_shows_the_outsider_the_documents_of_their_own_unit(world, client_for, scene):
    response = client_for(world.outsider).get(unit_url("unit", world, world.unit_b))
    assert response.status_code == 200


# --- a document as a web page --------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_each_document_to_everyone_who_reads_the_unit(
    world, client_for, scene, persona, kind
):
    response = client_for(world.personas[persona]).get(
        unit_url("document", world, kind=kind), choice(scene, kind)
    )
    assert response.status_code == READ_A[persona]
    if response.status_code != 200:
        return
    document = response.context["document"]
    period = scene.t1 if kind == "tertial" else None
    assert document.title == services.document_title(kind, world.unit_a, YEAR, period)
    assert response.context["period"] == period
    content = response.content.decode()
    for heading in document.headings:
        assert f'id="{heading.anchor}"' in content
    # Only reporters and above are offered the unit's texts; a plan's are on the plan's page.
    texts = unit_url("texts", world, kind=kind)
    if kind == "plan":
        texts = reverse(
            "planning:plan_detail", kwargs={"org": world.organisation.slug, "pk": scene.plan.pk}
        )
    assert (f'href="{texts}' in content) == (WRITE_A[persona] == 200)


def test_it_shows_the_plan_document_with_the_plans_goals_and_indicators(world, client_for, scene):
    response = client_for(world.reader).get(
        unit_url("document", world, kind="plan"), {"year": YEAR}
    )
    content = response.content.decode()
    assert scene.plan.title in content
    assert "Nöjda kunder" in content
    assert "Andel nöjda kunder" in content
    # Every table is offered as Excel.
    assert response.context["tables"]
    assert unit_url("table_xlsx", world, kind="plan", index=0) in content


@pytest.mark.parametrize("persona", ["admin", "manager", "reporter"])
def test_it_links_to_a_plans_texts_only_when_the_unit_has_that_plan(
    world, client_for, scene, persona
):
    """A unit without a plan for the year has no texts to write: no link that answers 404."""
    client = client_for(world.personas[persona])
    for year, has_plan in ((YEAR, True), (YEAR + 1, False)):
        page = client.get(unit_url("document", world, kind="plan"), {"year": year})
        assert page.status_code == 200
        content = page.content.decode()
        assert (swedish("Write the unit's texts") in content) == has_plan, year
        assert unit_url("texts", world, kind="plan") not in content
        if has_plan:
            assert client.get(page.context["texts_url"]).status_code == 200
    # The follow-up reports keep their texts page, which always answers.
    page = client.get(unit_url("document", world, kind="tertial"), {"period": scene.t1.pk})
    assert client.get(page.context["texts_url"]).status_code == 200


def test_it_answers_404_for_a_kind_it_does_not_know(world, client_for, scene):
    client = client_for(world.admin)
    for kind in ("budget", "evaluation", "entry"):
        assert client.get(unit_url("document", world, kind=kind)).status_code == 404, kind


def test_it_answers_404_for_a_follow_up_report_without_any_period(world, client_for):
    response = client_for(world.admin).get(unit_url("document", world, kind="tertial"))
    assert response.status_code == 404


def test_it_answers_404_for_a_unit_or_period_of_another_organisation(world, client_for, scene):
    other = make_organisation("Annan kommun", "annan")
    foreign_unit = make_unit(Unit.objects.get(organisation=other, parent=None), "X", "Enhet X")
    foreign_period = make_period(other)
    client = client_for(world.admin)
    assert client.get(unit_url("document", world, foreign_unit, kind="plan")).status_code == 404
    response = client.get(
        unit_url("document", world, kind="tertial"), {"period": foreign_period.pk}
    )
    assert response.status_code == 404


# --- producing files -----------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_everyone_who_reads_the_unit_produce_its_documents(
    world, client_for, scene, produce, persona
):
    person = world.personas[persona]
    response = produce(client_for(person), world, year=YEAR, format="pdf")
    if READ_A[persona] != 200:
        assert response.status_code == READ_A[persona]
        assert not DocumentRun.objects.exists()
        return
    run = DocumentRun.objects.get()
    assert response.status_code == 302
    assert response.url == url("run", world, pk=run.pk)
    assert run.created_by == person
    assert (run.unit, run.kind, run.format, run.year, run.period) == (
        world.unit_a,
        "plan",
        "pdf",
        YEAR,
        None,
    )
    assert run.title == scene.plan.title
    assert run.status == "done", run.error
    assert bytes(run.content).startswith(b"%PDF")
    assert run.size == len(bytes(run.content))
    assert run.progress == 100
    assert run.finished_at is not None


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
@pytest.mark.parametrize("kind", KINDS)
def test_it_produces_every_format_of_every_document(world, client_for, scene, produce, kind, fmt):
    client = client_for(world.reader)
    response = produce(client, world, kind, format=fmt, **choice(scene, kind))
    run = DocumentRun.objects.get()
    assert response.status_code == 302
    assert run.kind == kind
    assert run.period == (scene.t1 if kind == "tertial" else None)
    assert run.status == "done", run.error
    content = bytes(run.content)
    assert content.startswith(MAGIC[fmt])

    download = client.get(url("download", world, pk=run.pk))
    assert download.status_code == 200
    assert download["Content-Type"] == FORMAT_TYPES[fmt]
    assert download["Content-Disposition"] == f'attachment; filename="{run.filename}"'
    assert run.filename.endswith(f".{fmt}")
    assert download.content == content


def test_it_names_the_file_after_the_document(world, client_for, scene, produce):
    produce(client_for(world.reader), world, year=YEAR, format="docx")
    run = DocumentRun.objects.get()
    assert run.filename == f"{slugify(scene.plan.title)}.docx"
    assert run.filename.startswith("verksamhetsplan-")


def test_it_refuses_a_format_it_does_not_produce(world, client_for, scene, produce):
    response = produce(client_for(world.manager), world, year=YEAR, format="exe")
    assert not DocumentRun.objects.exists()
    assert response.status_code == 302
    assert response.url == unit_url("document", world, kind="plan") + f"?year={YEAR}"
    assert messages_of(response) == [swedish("Choose PDF, Word or Excel.")]


def test_it_never_produces_a_tertial_report_for_a_period_of_another_kind(
    world, client_for, scene, produce
):
    interim = scene.periods["t2"]
    with pytest.raises(ValidationError) as raised:
        services.run_request(
            unit=world.unit_a, kind="tertial", fmt="pdf", year=YEAR, period=interim, by=None
        )
    assert raised.value.messages == [swedish("That period does not fit this kind of report.")]
    with pytest.raises(ValidationError):
        services.run_request(
            unit=world.unit_a, kind="tertial", fmt="pdf", year=YEAR, period=None, by=None
        )
    assert not DocumentRun.objects.exists()
    # The page ignores a period of the wrong kind and takes the latest tertial instead.
    response = produce(client_for(world.manager), world, "tertial", period=interim.pk, format="pdf")
    run = DocumentRun.objects.get()
    assert response.url == url("run", world, pk=run.pk)
    assert run.period == scene.t1


def test_it_answers_404_for_producing_with_a_period_of_another_organisation(
    world, client_for, scene, produce
):
    foreign = make_period(make_organisation("Annan kommun", "annan"))
    response = produce(client_for(world.admin), world, "tertial", period=foreign.pk, format="pdf")
    assert response.status_code == 404
    assert not DocumentRun.objects.exists()


# --- runs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_a_person_their_own_run_while_they_read_its_unit(
    world, client_for, scene, persona
):
    person = world.personas[persona]
    ours, theirs = make_run(world, by=person), make_run(world, world.unit_b, by=person)
    client = client_for(person)
    response = client.get(url("run", world, pk=ours.pk))
    assert response.status_code == READ_A[persona]
    if response.status_code == 200:
        content = response.content.decode()
        assert ours.title in content
        assert url("download", world, pk=ours.pk) in content
        assert person.get_full_name() in content
    assert client.get(url("run", world, pk=theirs.pk)).status_code == READ_B[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_answers_404_for_someone_elses_run_and_its_file(world, client_for, scene, persona):
    """The controller's plan for Enhet A may hold the committee's control plan, which Enhet A's
    reporter may not read: a file is only ever given to the person it was built for."""
    owner = world.reporter if persona == "controller" else world.controller
    run = make_run(world, by=owner)
    client = client_for(world.personas[persona])
    assert client.get(url("run", world, pk=run.pk)).status_code == 404
    assert client.get(url("download", world, pk=run.pk)).status_code == 404


def test_it_answers_htmx_with_only_the_progress_region(world, client_for, scene):
    run = make_run(world, status="running", by=world.reader)
    client = client_for(world.reader)
    page = client.get(url("run", world, pk=run.pk)).content.decode()
    assert "<h1>" in page
    assert 'id="run-progress"' in page

    response = client.get(url("run", world, pk=run.pk), headers={"HX-Request": "true"})
    assert response.status_code == 200
    partial = response.content.decode().strip()
    assert partial.startswith('<div id="run-progress"')
    assert partial.endswith("</div>")
    assert "<h1>" not in partial
    assert "<html" not in partial
    assert "breadcrumbs" not in partial
    assert "<progress" in partial

    DocumentRun.objects.filter(pk=run.pk).update(status="done", content=b"%PDF", size=4)
    response = client.get(url("run", world, pk=run.pk), headers={"HX-Request": "true"})
    partial = response.content.decode().strip()
    assert partial.startswith('<div id="run-progress"')
    assert url("download", world, pk=run.pk) in partial
    assert "hx-trigger" not in partial


def test_it_answers_404_for_a_run_of_another_organisation(world, client_for, scene):
    other = make_organisation("Annan kommun", "annan")
    foreign = make_run(world, Unit.objects.get(organisation=other, parent=None), by=world.admin)
    assert client_for(world.admin).get(url("run", world, pk=foreign.pk)).status_code == 404
    assert client_for(world.admin).get(url("download", world, pk=foreign.pk)).status_code == 404
    assert client_for(world.admin).get(url("run", world, pk=99999)).status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_everyone_who_reads_the_unit_download_their_files(
    world, client_for, scene, persona
):
    by = world.personas[persona]
    run = make_run(world, by=by, fmt="xlsx", content=b"PK\x03\x04 workbook")
    response = client_for(world.personas[persona]).get(url("download", world, pk=run.pk))
    assert response.status_code == READ_A[persona]
    if response.status_code == 200:
        assert response.content == b"PK\x03\x04 workbook"
        assert response["Content-Type"] == FORMAT_TYPES["xlsx"]
        assert response["Content-Disposition"] == (
            f'attachment; filename="verksamhetsplan-{YEAR}-enhet-a.xlsx"'
        )


@pytest.mark.parametrize("status", ["queued", "running", "failed"])
def test_it_downloads_nothing_before_the_file_is_ready(world, client_for, scene, status):
    run = make_run(world, status=status, by=world.admin)
    assert client_for(world.admin).get(url("download", world, pk=run.pk)).status_code == 404


# --- tables as Excel -----------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_gives_every_table_as_excel_to_everyone_who_reads_the_unit(
    world, client_for, scene, persona
):
    client = client_for(world.personas[persona])
    path = unit_url("table_xlsx", world, kind="plan", index=0)
    response = client.get(path, {"year": YEAR})
    assert response.status_code == READ_A[persona]
    if response.status_code == 200:
        assert response.content.startswith(b"PK")
        assert response["Content-Type"] == FORMAT_TYPES["xlsx"]
        assert response["Content-Disposition"] == 'attachment; filename="tabell-1.xlsx"'


def test_it_answers_404_for_a_table_the_document_does_not_have(world, client_for, scene):
    path = unit_url("table_xlsx", world, kind="plan", index=99)
    assert client_for(world.admin).get(path, {"year": YEAR}).status_code == 404


# --- the unit's texts ----------------------------------------------------------------------


def texts_data(scene, **bodies) -> dict:
    data = {"period": scene.t1.pk}
    for key in ("summary", "outlook"):
        data[key] = bodies.get(key, "")
        data[f"version_{key}"] = bodies.get(f"version_{key}", "0")
    return data


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_reporters_and_above_write_the_units_texts(world, client_for, scene, persona):
    client = client_for(world.personas[persona])
    path = unit_url("texts", world, kind="tertial")
    response = client.get(path, {"period": scene.t1.pk})
    assert response.status_code == WRITE_A[persona]
    if response.status_code == 200:
        assert [field["key"] for field in response.context["fields"]] == ["summary", "outlook"]

    response = client.post(path, texts_data(scene, summary="Det gick bra."))
    expected = 302 if WRITE_A[persona] == 200 else WRITE_A[persona]
    assert response.status_code == expected
    saved = ReportText.objects.filter(key="summary", body="Det gick bra.").exists()
    assert saved == (expected == 302)


def test_it_saves_the_texts_with_their_history(world, client_for, scene):
    client = client_for(world.reporter)
    path = unit_url("texts", world, kind="tertial")
    response = client.post(
        path, texts_data(scene, summary="Det gick bra.\n\nVi fortsätter.", outlook="Ljust.")
    )
    assert response.status_code == 302
    assert response.url == unit_url("document", world, kind="tertial") + f"?period={scene.t1.pk}"
    assert messages_of(response) == [swedish("The texts are saved.")]
    texts = {t.key: t for t in ReportText.objects.filter(unit=world.unit_a, kind="tertial")}
    assert texts["summary"].body == "Det gick bra.\n\nVi fortsätter."
    assert texts["outlook"].body == "Ljust."
    assert {t.scope for t in texts.values()} == {f"period:{scene.t1.pk}"}
    entry = HistoryEntry.objects.for_object(texts["summary"]).get()
    assert (entry.action, entry.actor, entry.unit) == ("create", world.reporter, world.unit_a)

    # The texts appear in the document; a second save with the right versions changes them.
    page = client.get(unit_url("document", world, kind="tertial"), {"period": scene.t1.pk})
    assert "Vi fortsätter." in page.content.decode()
    response = client.post(
        path,
        texts_data(
            scene, summary="Nytt.", outlook="Ljust.", version_summary="1", version_outlook="1"
        ),
    )
    assert response.status_code == 302
    texts["summary"].refresh_from_db()
    assert (texts["summary"].body, texts["summary"].version) == ("Nytt.", 2)
    assert HistoryEntry.objects.for_object(texts["summary"]).count() == 2


def test_it_keeps_the_typed_text_when_someone_saved_in_between(world, client_for, scene):
    scope = f"period:{scene.t1.pk}"
    for key in ("summary", "outlook"):
        services.report_text_save(
            unit=world.unit_a,
            kind="tertial",
            scope=scope,
            key=key,
            body=f"Först {key}.",
            expected_version=0,
            by=world.manager,
        )
    services.report_text_save(
        unit=world.unit_a,
        kind="tertial",
        scope=scope,
        key="summary",
        body="Chefens version.",
        expected_version=1,
        by=world.manager,
    )
    history = HistoryEntry.objects.count()
    # The reporter's form was shown before the manager's change: both versions are 1.
    data = texts_data(
        scene,
        summary="Min version.",
        outlook="Min framåtblick.",
        version_summary="1",
        version_outlook="1",
    )
    response = client_for(world.reporter).post(unit_url("texts", world, kind="tertial"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert STALE in content
    with translation.override("sv"):
        assert ConcurrentEditError().messages[0] in content
    assert "Min version." in content
    assert "Min framåtblick." in content
    bodies = dict(
        ReportText.objects.filter(unit=world.unit_a, kind="tertial").values_list("key", "body")
    )
    assert bodies == {"summary": "Chefens version.", "outlook": "Först outlook."}
    assert HistoryEntry.objects.count() == history


def test_it_sends_the_plans_texts_to_the_plan(world, client_for, scene):
    client = client_for(world.reporter)
    response = client.get(unit_url("texts", world, kind="plan"), {"year": YEAR})
    assert response.status_code == 302
    assert response.url == reverse(
        "planning:plan_detail", kwargs={"org": world.organisation.slug, "pk": scene.plan.pk}
    )
    response = client.get(unit_url("texts", world, kind="plan"), {"year": YEAR + 5})
    assert response.status_code == 404


def test_it_answers_404_for_texts_of_a_unit_the_person_cannot_read(world, client_for, scene):
    response = client_for(world.outsider).post(
        unit_url("texts", world, kind="tertial"), texts_data(scene, summary="Intrång.")
    )
    assert response.status_code == 404
    assert not ReportText.objects.exists()


# --- the organisation's templates ----------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_shows_the_templates_to_organisation_administrators_only(
    world, client_for, scene, persona
):
    client = client_for(world.personas[persona])
    response = client.get(url("templates", world))
    assert response.status_code == ADMINISTRATOR[persona]
    if response.status_code == 200:
        content = response.content.decode()
        for kind in KINDS:
            assert url("template", world, kind=kind) in content
    assert client.get(url("template", world, kind="plan")).status_code == ADMINISTRATOR[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_organisation_administrators_only_change_a_template(
    world, client_for, scene, persona
):
    client = client_for(world.personas[persona])
    data = template_data(["goals", "summary"])
    response = client.post(url("template", world, kind="plan"), data)
    expected = 302 if ADMINISTRATOR[persona] == 200 else 403
    assert response.status_code == expected
    assert DocumentTemplate.objects.exists() == (expected == 302)
    if expected == 302:
        assert response.url == url("templates", world)


def test_it_answers_404_for_a_template_of_an_unknown_kind(world, client_for, scene):
    assert client_for(world.admin).get(url("template", world, kind="budget")).status_code == 404


def test_it_writes_the_document_in_the_templates_order_with_its_fixed_texts(
    world, client_for, scene
):
    client = client_for(world.admin)
    titles = {section.key: str(section.title) for section in services.sections_of("plan")}

    def level_one(document):
        return [
            block for block in document.blocks if isinstance(block, Heading) and block.level == 1
        ]

    before = services.build_document(
        kind="plan", unit=world.unit_a, year=YEAR, grants=admin_grants(world)
    )
    assert [h.text for h in level_one(before)] == [
        titles[key] for key in services.default_order("plan")
    ]

    order = ["outlook", "goals", "summary"]
    fixed = {"goals": "Målen beslutas av nämnden.", "outlook": "Så ser vi framåt."}
    response = client.post(
        url("template", world, kind="plan"),
        template_data(order, fixed, cover_text="Beslutad av nämnden"),
    )
    assert response.status_code == 302
    assert messages_of(response) == [swedish("The template is saved.")]
    template = DocumentTemplate.objects.get(organisation=world.organisation, kind="plan")
    assert template.sections == order
    assert template.fixed_texts == fixed
    assert template.cover_text == "Beslutad av nämnden"
    entry = HistoryEntry.objects.for_object(template).get()
    assert (entry.action, entry.actor) == ("create", world.admin)

    document = services.build_document(
        kind="plan", unit=world.unit_a, year=YEAR, grants=admin_grants(world)
    )
    headings = level_one(document)
    assert [(h.number, h.text) for h in headings] == [
        ("1", titles["outlook"]),
        ("2", titles["goals"]),
        ("3", titles["summary"]),
    ]
    assert document.cover_text == "Beslutad av nämnden"
    for key in ("outlook", "goals"):
        heading = next(h for h in headings if h.text == titles[key])
        after = document.blocks[document.blocks.index(heading) + 1]
        assert isinstance(after, Paragraphs)
        assert after.text == fixed[key]
    summary = next(h for h in headings if h.text == titles["summary"])
    after = document.blocks[document.blocks.index(summary) + 1]
    assert after.text != fixed.get("summary", "")

    # A second save with the stored version changes the template and its history.
    response = client.post(
        url("template", world, kind="plan"),
        template_data(["summary", "goals"], version=str(template.version)),
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.sections == ["summary", "goals"]
    assert template.fixed_texts == {}
    assert HistoryEntry.objects.for_object(template).count() == 2
    update = HistoryEntry.objects.for_object(template).get(action="update")
    assert update.changes["sections"] == {"before": order, "after": ["summary", "goals"]}


def test_it_refuses_a_template_saved_from_a_stale_form(world, client_for, scene):
    client = client_for(world.admin)
    path = url("template", world, kind="plan")
    client.post(path, template_data(["goals"]))
    client.post(path, template_data(["summary", "goals"], version="1"))
    history = HistoryEntry.objects.count()
    response = client.post(path, template_data(["outlook"], version="1"))
    assert response.status_code == 200
    assert STALE in response.content.decode()
    assert DocumentTemplate.objects.get().sections == ["summary", "goals"]
    assert HistoryEntry.objects.count() == history


def test_it_refuses_a_template_without_sections(world, client_for, scene):
    response = client_for(world.admin).post(url("template", world, kind="plan"), template_data([]))
    assert response.status_code == 200
    assert swedish("Choose at least one section.") in response.content.decode()
    assert not DocumentTemplate.objects.exists()
    assert not HistoryEntry.objects.filter(content_type__model="documenttemplate").exists()


def test_it_refuses_a_logo_that_is_not_a_png_or_jpeg(world, client_for, scene):
    logo = SimpleUploadedFile("logo.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif")
    data = template_data(["summary", "goals"]) | {"logo": logo}
    response = client_for(world.admin).post(url("template", world, kind="plan"), data)
    assert response.status_code == 200
    assert swedish("The logo must be a PNG or JPEG image.") in response.content.decode()
    assert not DocumentTemplate.objects.exists()
    assert not HistoryEntry.objects.filter(content_type__model="documenttemplate").exists()


def test_it_stores_a_png_logo_and_prints_it_on_the_cover(world, client_for, scene, produce):
    image = png()
    client = client_for(world.admin)
    data = template_data(["summary", "goals"]) | {
        "logo": SimpleUploadedFile("logo.png", image, "image/png")
    }
    response = client.post(url("template", world, kind="plan"), data)
    assert response.status_code == 302
    template = DocumentTemplate.objects.get()
    stored = bytes(template.logo)  # re-encoded by Pillow (images.logo_png): the same picture
    assert same_picture(stored, image)
    assert template.logo_type == "image/png"
    changes = [entry.changes for entry in HistoryEntry.objects.for_object(template)]
    assert any("logo" in change for change in changes)

    document = services.build_document(
        kind="plan", unit=world.unit_a, year=YEAR, grants=admin_grants(world)
    )
    assert "data:image/png;base64," in print_html(document)

    produce(client, world, year=YEAR, format="pdf")
    run = DocumentRun.objects.get()
    assert run.status == "done", run.error
    first_page = PdfReader(io.BytesIO(bytes(run.content))).pages[0]
    assert len(first_page.images) >= 1

    # The stored logo is kept when the template is saved without a new one, and can be removed.
    client.post(url("template", world, kind="plan"), template_data(["goals"], version="1"))
    template.refresh_from_db()
    assert bytes(template.logo) == stored
    client.post(
        url("template", world, kind="plan"),
        template_data(["goals"], version="2", remove_logo="on"),
    )
    template.refresh_from_db()
    assert bytes(template.logo) == b""


# --- anonymous visitors and wrong methods --------------------------------------------------


def every_url(world, run) -> dict[str, str]:
    return {
        "unit": unit_url("unit", world),
        "document": unit_url("document", world, kind="plan"),
        "produce": unit_url("produce", world, kind="plan"),
        "table_xlsx": unit_url("table_xlsx", world, kind="plan", index=0),
        "texts": unit_url("texts", world, kind="tertial"),
        "run": url("run", world, pk=run.pk),
        "download": url("download", world, pk=run.pk),
        "templates": url("templates", world),
        "template": url("template", world, kind="plan"),
    }


def test_it_sends_anonymous_visitors_to_log_in(world, client_for, scene, produce):
    run = make_run(world)
    client = client_for(None)
    login = reverse("accounts:login")
    for name, path in every_url(world, run).items():
        method = client.post if name in ("produce", "texts", "template") else client.get
        response = method(path, {"year": YEAR, "format": "pdf"})
        assert response.status_code == 302, name
        assert response.url.startswith(login), name
    assert DocumentRun.objects.count() == 1
    assert not ReportText.objects.exists()
    assert not DocumentTemplate.objects.exists()


def test_it_refuses_the_wrong_method(world, client_for, scene):
    run = make_run(world)
    client = client_for(world.admin)
    paths = every_url(world, run)
    for name in ("unit", "document", "table_xlsx", "run", "download", "templates"):
        assert client.post(paths[name]).status_code == 405, name
    assert client.get(paths["produce"]).status_code == 405
    for name in ("texts", "template"):
        assert client.put(paths[name]).status_code == 405, name
        assert client.delete(paths[name]).status_code == 405, name
    assert DocumentRun.objects.count() == 1
