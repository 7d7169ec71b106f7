"""The framework file and the shipped frameworks: import, export, the checks of every value,
scales in files."""

import json

import pytest
from django.core.exceptions import ValidationError

from roder.core.models import HistoryEntry
from roder.quality.frameworks import files, services
from roder.quality.frameworks.shipped import KOMMUNKOMPASSEN_2010, SHIPPED
from roder.quality.models import Area, FrameworkVersion, Question
from roder.quality.testing import (
    SIX_STEPS,
    THREE_STEPS,
    kommunkompassen,
    kvalitetsutmarkelsen,
    with_scale,
)

pytestmark = pytest.mark.django_db


# --- shipped frameworks --------------------------------------------------------------------


def test_it_ships_the_four_frameworks_once():
    assert FrameworkVersion.objects.filter(organisation=None).count() == len(SHIPPED) == 4
    assert files.install_shipped_frameworks() == 0  # idempotent
    assert FrameworkVersion.objects.filter(organisation=None).count() == 4


def test_it_ships_kommunkompassen_2010_with_eight_areas_of_100():
    version = kommunkompassen()
    areas = list(version.areas.all())
    assert [a.max_score for a in areas] == [100] * 8
    assert sum(a.max_score for a in areas) == 800
    assert areas[0].name == "Offentlighet och demokrati"
    assert areas[2].sub_areas.all()[0].name == "System för styrning och uppföljning"
    assert [len(a.sub_areas.all()) for a in areas] == [4, 6, 5, 6, 6, 6, 5, 0]


def test_it_ships_kvalitetsutmarkelsen_with_24_questions_in_eight_areas():
    version = kvalitetsutmarkelsen()
    questions = Question.objects.filter(area__framework=version).order_by("number")
    assert [q.number for q in questions] == list(range(1, 25))
    assert questions[0].area.name == "Brukare/kunder"
    assert questions[23].area.name == "Utveckling"
    assert all(q.text for q in questions[:15]) and not any(q.text for q in questions[15:])
    assert questions[4].asks_for_results and questions[13].asks_for_results


# --- the framework file --------------------------------------------------------------------


def test_export_and_import_round_trip(world):
    shipped = kvalitetsutmarkelsen()
    data = files.export_data(shipped)
    imported = services.framework_import(
        organisation=world.organisation, raw=files.export_json(shipped).encode(), by=None
    )
    assert imported.organisation == world.organisation
    assert files.export_data(imported) == data


def _file(**changes):
    return json.dumps({**KOMMUNKOMPASSEN_2010, **changes})


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"format": "roder-framework", "format_version": 1}), 'The key "code"'),
        (json.dumps([1, 2]), "one JSON object"),
        (_file(format_version=2), "Unknown format version 2"),
    ],
)
def test_a_malformed_file_is_refused_and_nothing_written(world, raw, message):
    before = FrameworkVersion.objects.count(), Question.objects.count()
    with pytest.raises(ValidationError) as raised:
        services.framework_import(organisation=world.organisation, raw=raw, by=None)
    assert any(message in text for text in raised.value.messages)
    assert (FrameworkVersion.objects.count(), Question.objects.count()) == before


def _area_with(**changes) -> str:
    data = json.loads(_file())
    data["areas"][0] = {**data["areas"][0], **changes}
    return json.dumps(data)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sub_areas": 5}, '"sub_areas" must be a list'),
        ({"questions": 5}, '"questions" must be a list'),
        ({"help_text": 5}, "the help text must be text"),
        ({"sub_areas": [{"number": 1, "name": " "}]}, "Area 1, sub-area 1: the name is missing."),
    ],
)
def test_wrongly_typed_parts_of_a_file_are_refused_with_a_message(world, changes, message):
    before = FrameworkVersion.objects.count()
    with pytest.raises(ValidationError) as raised:
        services.framework_import(
            organisation=world.organisation, raw=_area_with(**changes), by=None
        )
    assert any(message in text for text in raised.value.messages)
    assert FrameworkVersion.objects.count() == before


def test_duplicate_numbers_and_negative_maxima_are_refused(world):
    data = files.export_data(kommunkompassen())
    data["areas"][1]["number"] = 1
    data["areas"][2]["max_score"] = -5
    data["areas"][3]["sub_areas"][1]["number"] = 1
    before = FrameworkVersion.objects.count()
    with pytest.raises(ValidationError) as raised:
        services.framework_import(organisation=world.organisation, raw=json.dumps(data), by=None)
    messages = raised.value.messages
    assert "Area number 1 appears twice." in messages
    assert "Area 3: the maximum score must be a whole number from 0 to 999999, or null." in messages
    assert "Area 4: sub-area number 1 appears twice." in messages
    assert FrameworkVersion.objects.count() == before


def test_a_file_for_an_existing_version_is_refused(world):
    raw = files.export_json(kommunkompassen())
    services.framework_import(organisation=world.organisation, raw=raw, by=None)
    with pytest.raises(ValidationError):
        services.framework_import(organisation=world.organisation, raw=raw, by=None)


def _kk_with(change) -> str:
    data = files.export_data(kommunkompassen())
    change(data)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["areas"][0].update(number=[1]),
            "Area 1: the number must be a whole number from 1 to 32767.",
        ),
        (
            lambda d: d["areas"][1].update(number=40000),
            "Area 2: the number must be a whole number from 1 to 32767.",
        ),
        (
            lambda d: d["areas"][2]["sub_areas"][1].update(name="n" * 201),
            "Area 3, sub-area 2: the name may be at most 200 characters long (this is 201).",
        ),
        (
            lambda d: d.update(version_label="2010\n(2)"),
            '"version_label" must be one line, without line breaks or control characters.',
        ),
        (
            lambda d: d["areas"][0].update(help_text="a\x00b"),
            "Area 1: the help text contains control characters that cannot be stored.",
        ),
        (
            lambda d: d["areas"][0].update(max_score=10**7),
            "Area 1: the maximum score must be a whole number from 0 to 999999, or null.",
        ),
        (lambda d: d.update(code="kommun kompassen"), '"code" may hold only letters a–z'),
    ],
)
def test_a_file_with_values_the_columns_cannot_hold_is_refused_saying_where(world, change, message):
    before = FrameworkVersion.objects.count(), HistoryEntry.objects.count()
    with pytest.raises(ValidationError) as raised:
        services.framework_import(organisation=world.organisation, raw=_kk_with(change), by=None)
    assert any(text.startswith(message) for text in raised.value.messages), raised.value.messages
    assert (FrameworkVersion.objects.count(), HistoryEntry.objects.count()) == before


def test_a_copy_of_a_version_with_a_long_label_gets_a_label_that_fits(world):
    data = json.loads(_kk_with(lambda d: d.update(version_label="v" * 50)))
    own = services.framework_import(organisation=world.organisation, raw=json.dumps(data), by=None)
    copy = services.framework_copy(source=own, organisation=world.organisation, by=None)
    assert copy.version_label == "v" * 46 + " (2)"


def test_export_and_import_round_trip_with_a_scale(world):
    own = with_scale(world.organisation, kvalitetsutmarkelsen(), question=2)
    data = files.export_data(own)
    assert data["areas"][0]["scale"] == SIX_STEPS and "scale" not in data["areas"][1]
    assert data["areas"][0]["questions"][1]["scale"] == THREE_STEPS
    assert "scale" not in data["areas"][0]["questions"][0]
    raw = json.dumps(data | {"version_label": "2012 b"})
    imported = services.framework_import(organisation=world.organisation, raw=raw, by=None)
    assert files.export_data(imported) == data | {"version_label": "2012 b"}
    area = imported.areas.get(number=1)
    assert area.scale == SIX_STEPS and area.max_value == 6


@pytest.mark.parametrize(
    ("where", "scale", "message"),
    [
        ("area", [{"value": 1, "label": "Bara ett"}], "Area 1: A scale needs at least two steps."),
        ("area", {"1": "Ja"}, "Area 1: The scale must be a list of steps."),
        ("area", [3, 4], "Area 1: Every step of the scale needs a whole-number"),
        ("area", [{"value": "1", "label": "A"}, {"value": 2, "label": "B"}], "Every step"),
        ("area", SIX_STEPS[::-1], "Area 1: The values of the scale's steps must increase"),
        ("question", [{"value": 2, "label": ""}, {"value": 3, "label": "B"}], "question 1: Every"),
        ("max", SIX_STEPS, "Area 1: With a scale, leave the maximum score empty"),
    ],
)
def test_a_malformed_scale_in_a_file_is_refused_and_nothing_written(world, where, scale, message):
    data = files.export_data(kvalitetsutmarkelsen())
    area = data["areas"][0]
    if where == "question":
        area["questions"][0]["scale"] = scale
    else:
        area["scale"] = scale
        area["max_score"] = 100 if where == "max" else None
    before = FrameworkVersion.objects.count(), Question.objects.count()
    with pytest.raises(ValidationError) as raised:
        services.framework_import(organisation=world.organisation, raw=json.dumps(data), by=None)
    assert any(message in text for text in raised.value.messages), raised.value.messages
    assert (FrameworkVersion.objects.count(), Question.objects.count()) == before


def test_a_file_without_scales_or_with_null_ones_still_imports(world):
    data = json.loads(_file())
    data["areas"][0]["scale"] = None
    data["areas"][1]["scale"] = []
    version = services.framework_import(
        organisation=world.organisation, raw=json.dumps(data), by=None
    )
    assert not any(area.scale for area in version.areas.all())


def test_the_shipped_frameworks_have_no_scales():
    assert not any(area.scale for area in Area.objects.filter(framework__organisation=None))
    assert not any(q.scale for q in Question.objects.filter(area__framework__organisation=None))
