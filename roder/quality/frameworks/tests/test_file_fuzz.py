"""Generated framework files through the import page, as an administrator would send them:
mutations of a valid file (wrong types, huge numbers, long texts, NUL and other control
characters, line breaks, missing and extra keys, duplicated parts, deep nesting, broken bytes).
Every file is either imported (and then exports to a valid file) or refused with a message on
the form and nothing written: never a 500. Parallel imports of one version: one wins, the others
get the message. Runs on SQLite and PostgreSQL (conftest.py's "ci" hypothesis profile)."""

import copy
import json
import threading

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections, transaction
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from roder.core.models import HistoryEntry
from roder.quality.frameworks import files, services
from roder.quality.frameworks.shipped import FORMAT, FORMAT_VERSION
from roder.quality.models import Area, FrameworkVersion, Question, SubArea

FILES = 300

VALID = {
    "format": FORMAT,
    "format_version": FORMAT_VERSION,
    "code": "provramverk",
    "name": "Provramverket",
    "version_label": "2026",
    "year": 2026,
    "description": "Ett ramverk\nför prov.",
    "source": "",
    "areas": [
        {
            "number": 1,
            "name": "Ledarskap",
            "max_score": 100,
            "help_text": "",
            "sub_areas": [
                {"number": 1, "name": "Strategi", "help_text": ""},
                {"number": 2, "name": "Uppföljning", "help_text": "Hur?"},
            ],
            "questions": [
                {
                    "number": 1,
                    "text": "Hur leder ni?",
                    "help_text": "",
                    "max_score": None,
                    "asks_for_results": False,
                    "scale": [{"value": 1, "label": "Delvis"}, {"value": 2, "label": "Helt"}],
                }
            ],
        },
        {
            "number": 2,
            "name": "Resultat",
            "max_score": None,
            "help_text": "Nyckeltal",
            "sub_areas": [],
            "questions": [{"number": 2, "text": "Vilka resultat?", "asks_for_results": True}],
        },
    ],
}

ODD_VALUES = [
    None,
    True,
    False,
    0,
    -1,
    40000,
    2**31,
    2**63,
    10**30,
    1.5,
    float("inf"),
    float("nan"),
    "",
    " ",
    "1",
    [],
    [1],
    {},
    {"number": 1},
    "n" * 201,
    "m" * 20000,
    "a\x00b",
    "två\nrader",
    "\r\n",
    "tab\there",
    "\x07\x1b[31m",
    "\x7f\x85",
    "rad\u2028skiljare",
    "\ud800",
    "\ufffe",
    '=HYPERLINK("http://x")',
    "Analys $x^$",
    '"; filename="x',
    "😀" * 60,
]
ODD = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.integers(),
    st.text(max_size=40),
    st.recursive(st.sampled_from([1, "x", None]), lambda inner: st.lists(inner, max_size=2)),
)
# Changes of a text or a number that keep its type, so the rest of the file stays valid and the
# length, range and character checks are what decides.
ODD_TEXT = st.one_of(
    st.sampled_from(["\x00", "\n", "\r", "\t", "\x01", "\x7f", "\u2028", "\ud800", "\uffff", '"']),
    st.sampled_from([49, 50, 79, 80, 199, 200, 201, 5000]).map(lambda n: "å" * n),
)
ODD_NUMBER = st.sampled_from([0, 1, 32767, 32768, 40000, 999999, 10**6, 2**31, 2**63, -1, -(2**31)])
OPERATIONS = ("tweak",) * 5 + ("set",) * 3 + ("delete", "add", "duplicate", "nest")


def _places(node, path=()) -> list[tuple]:
    """The path of every value below `node` (keys and list positions), the root excluded."""
    if isinstance(node, dict):
        items = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return []
    return [p for key, value in items for p in [(*path, key), *_places(value, (*path, key))]]


def _mutate(data, draw) -> None:
    """One change at one place in `data`: change a text or a number (keeping its type), or set,
    delete, nest or duplicate the value there, or add a key or an item inside it."""
    places = _places(data)
    if not places:
        return
    *parents, key = draw(st.sampled_from(places))
    node = data
    for parent in parents:
        node = node[parent]
    value = node[key]
    operation = draw(st.sampled_from(OPERATIONS))
    if operation == "tweak" and isinstance(value, str):
        node[key] = value + draw(ODD_TEXT)
    elif operation == "tweak" and isinstance(value, int) and not isinstance(value, bool):
        node[key] = draw(ODD_NUMBER)
    elif operation in ("set", "tweak"):
        node[key] = draw(ODD)
    elif operation == "delete":
        del node[key]
    elif operation == "add" and isinstance(value, dict):
        value[draw(st.sampled_from(["extra", "number", "name", "scale", "sub_areas"]))] = draw(ODD)
    elif operation == "add" and isinstance(value, list):
        value.append(draw(ODD))
    elif operation == "duplicate" and isinstance(node, list):
        node.append(copy.deepcopy(value))
    else:  # nest (or add to a plain value): the value inside lists and objects
        node[key] = [[{"value": value}]] * draw(st.integers(1, 3))


@st.composite
def framework_files(draw) -> bytes:
    """A framework file: mostly a valid file with one to three changes, sometimes broken
    bytes or a file nested deeper than any parser follows."""
    kind = draw(st.sampled_from(["mutated"] * 8 + ["bytes", "deep"]))
    if kind == "deep":
        return b"[" * draw(st.integers(1000, 200_000))
    data = copy.deepcopy(VALID)
    for _change in range(draw(st.integers(0 if kind == "bytes" else 1, 3))):
        _mutate(data, draw)
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    raw = text.encode("utf-8", "surrogatepass")
    if kind == "bytes":
        cut = draw(st.integers(0, len(raw)))
        raw = raw[:cut] + draw(st.binary(max_size=8))
    return raw


def framework_rows() -> tuple:
    return (
        FrameworkVersion.objects.count(),
        Area.objects.count(),
        SubArea.objects.count(),
        Question.objects.count(),
        HistoryEntry.objects.count(),
    )


@pytest.fixture
def admin_client(world, client):
    """The organisation's administrator, in Swedish (the default language)."""
    client.force_login(world.admin)
    return client


@settings(max_examples=FILES)
@given(raw=framework_files())
def test_it_imports_or_refuses_every_generated_file_without_a_500(world, admin_client, raw):
    org = world.organisation.slug
    before = framework_rows()
    # Each file on its own: whatever it wrote is rolled back after the checks.
    with transaction.atomic():
        response = admin_client.post(
            reverse("quality:framework_import", args=[org]),
            {"file": SimpleUploadedFile("ramverk.json", raw, content_type="application/json")},
        )
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert response.context["form"].errors["file"]
            assert framework_rows() == before
        else:
            version = FrameworkVersion.objects.filter(organisation=world.organisation).get()
            export = admin_client.get(reverse("quality:framework_export", args=[org, version.pk]))
            assert export.status_code == 200
            assert files.check_data(json.loads(export.content)) == []
        transaction.set_rollback(True)


def test_it_refuses_an_import_that_loses_the_race_for_its_version(world, monkeypatch):
    """A parallel import of the same version that commits between the check and the write: the
    unique constraint refuses this one, and that is the usual message, not an IntegrityError."""
    write_version = files.write_version

    def parallel_import_first(data, **kwargs):
        FrameworkVersion.objects.create(
            organisation=world.organisation, code="provramverk", version_label="2026", name="x"
        )
        return write_version(data, **kwargs)

    monkeypatch.setattr(files, "write_version", parallel_import_first)
    before = framework_rows()
    with pytest.raises(ValidationError) as raised:
        services.framework_import(
            organisation=world.organisation, raw=json.dumps(VALID), by=world.admin
        )
    assert "already has Provramverket version 2026" in raised.value.messages[0]
    assert framework_rows() == before


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="threads need a database server; SQLite serialises the imports (IMMEDIATE)",
)
def test_parallel_imports_of_one_version_give_one_version_and_messages(world, transactional_db):
    raw = json.dumps(VALID)
    start = threading.Barrier(8)
    results: list = []

    def run():
        start.wait()
        try:
            services.framework_import(organisation=world.organisation, raw=raw, by=None)
            results.append("imported")
        except ValidationError:
            results.append("refused")
        except Exception as error:  # any other error is what the test looks for
            results.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["imported"] + ["refused"] * 7
    assert FrameworkVersion.objects.filter(organisation=world.organisation).count() == 1
