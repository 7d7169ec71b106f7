"""A template's logo is opened with Pillow and stored re-encoded as PNG: a file that only starts
like a picture is refused with a message and changes nothing, and every Word file of the kind
keeps opening (issue 10: a PNG signature followed by garbage broke them all)."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from docx import Document as WordDocument
from docx.document import Document as WordFile
from PIL import Image

from roder.core.models import HistoryEntry
from roder.documents import services
from roder.documents.images import MAX_SIDE, logo_png
from roder.documents.models import DocumentTemplate
from roder.organisation.access import grants_for
from roder.planning.testing import YEAR, make_goal, make_plan

pytestmark = pytest.mark.django_db

SIGNATURE = b"\x89PNG\r\n\x1a\n"
BROKEN = "The logo could not be read as a picture; the file may be damaged."


def picture(width=40, height=20, fmt="PNG", mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (width, height), "#cc2222").save(buffer, format=fmt)
    return buffer.getvalue()


def garbage_png() -> bytes:
    """A PNG signature and then bytes that are no chunks (python-docx's parser once failed on
    them with UnicodeDecodeError, and every Word file of the kind with it)."""
    return SIGNATURE + bytes(range(255, -1, -1)) * 4


def truncated_png() -> bytes:
    whole = picture(200, 200)
    return whole[: len(whole) // 2]


def bomb_png() -> bytes:
    """A tiny PNG whose header claims 50 000 × 50 000 pixels (2.5 gigapixels)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 1000)
    return SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def swedish(msgid: str) -> str:
    with translation.override("sv"):
        return gettext(msgid)


def template_url(world) -> str:
    return reverse("documents:template", kwargs={"org": world.organisation.slug, "kind": "plan"})


def form(logo: bytes | None = None, name="logo.png", version="") -> dict:
    data = {"version": version, "cover": "on", "cover_text": "", "contents": "on"}
    for order, key in enumerate([s.key for s in services.sections_of("plan")], start=1):
        data[f"show_{key}"] = "on"
        data[f"order_{key}"] = order
        data[f"text_{key}"] = ""
    if logo is not None:
        data["logo"] = SimpleUploadedFile(name, logo, "image/png")
    return data


def word_of_the_plan(world) -> WordFile:
    grants = grants_for(world.admin, world.organisation)
    document = services.build_document(kind="plan", unit=world.unit_a, year=YEAR, grants=grants)
    return WordDocument(io.BytesIO(services.render(document, "docx")))


@pytest.fixture
def plan(world):
    plan = make_plan(world.unit_a)
    make_goal(plan, "Nöjda kunder")
    return plan


@pytest.mark.parametrize("upload", [garbage_png, truncated_png], ids=["garbage", "truncated"])
def test_it_refuses_a_broken_picture_and_changes_nothing(world, client_for, plan, upload):
    client = client_for(world.admin)
    assert client.post(template_url(world), form(picture())).status_code == 302
    template = DocumentTemplate.objects.get()
    kept, history = bytes(template.logo), HistoryEntry.objects.count()

    response = client.post(template_url(world), form(upload(), version=str(template.version)))

    assert response.status_code == 200
    assert swedish(BROKEN) in response.content.decode()
    after = DocumentTemplate.objects.get()
    assert (bytes(after.logo), after.version) == (kept, template.version)
    assert HistoryEntry.objects.count() == history
    # The Word file of the kind still opens, with the logo that was kept.
    assert len(word_of_the_plan(world).inline_shapes) == 1


def test_it_refuses_a_broken_picture_as_the_first_logo(world, client_for, plan):
    response = client_for(world.admin).post(template_url(world), form(garbage_png()))
    assert response.status_code == 200
    assert swedish(BROKEN) in response.content.decode()
    assert not DocumentTemplate.objects.exists()
    assert not HistoryEntry.objects.filter(content_type__model="documenttemplate").exists()


def test_it_stores_a_valid_png_re_encoded_and_the_word_file_opens(world, client_for, plan):
    client = client_for(world.admin)
    assert client.post(template_url(world), form(picture(40, 20))).status_code == 302
    template = DocumentTemplate.objects.get()
    assert template.logo_type == "image/png"
    with Image.open(io.BytesIO(bytes(template.logo))) as stored:
        assert (stored.format, stored.size) == ("PNG", (40, 20))
    word = word_of_the_plan(world)
    assert len(word.inline_shapes) == 1


def test_it_stores_a_jpeg_as_png(world, client_for, plan):
    client = client_for(world.admin)
    data = form(picture(30, 30, fmt="JPEG"), name="logo.jpg")
    assert client.post(template_url(world), data).status_code == 302
    template = DocumentTemplate.objects.get()
    assert template.logo_type == "image/png"
    assert bytes(template.logo).startswith(SIGNATURE)


def test_it_scales_a_large_logo_down_and_refuses_a_decompression_bomb():
    with Image.open(io.BytesIO(logo_png(picture(3000, 1500)))) as scaled:
        assert scaled.size == (MAX_SIDE, MAX_SIDE // 2)
    with pytest.raises(ValidationError) as refused:
        logo_png(bomb_png())
    assert refused.value.code == "too_large"
    with pytest.raises(ValidationError) as refused:
        logo_png(picture(fmt="GIF", mode="P"))
    assert refused.value.code == "format"


def test_the_service_refuses_a_broken_logo_whoever_calls_it(world, plan):
    with pytest.raises(ValidationError):
        services.template_save(
            organisation=world.organisation,
            kind="plan",
            values={"sections": ["summary"]},
            logo=(garbage_png(), "image/png"),
            expected_version=0,
            by=world.admin,
        )
    assert not DocumentTemplate.objects.exists()


def test_it_still_writes_the_word_file_when_a_broken_logo_was_stored_before(world, plan):
    """Logos stored before uploads were re-encoded may be garbage: the file leaves them out."""
    services.template_save(
        organisation=world.organisation,
        kind="plan",
        values={"sections": ["summary", "goals"]},
        expected_version=0,
        by=world.admin,
    )
    DocumentTemplate.objects.update(logo=garbage_png(), logo_type="image/png")
    word = word_of_the_plan(world)
    assert len(word.inline_shapes) == 0
    assert word.paragraphs
