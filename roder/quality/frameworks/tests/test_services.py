"""Frameworks: versions and their parts (edited in place or in a new version), scales,
reference series."""

import pytest
from django.core.exceptions import ValidationError

from roder.core.models import HistoryEntry
from roder.core.services import ConcurrentEditError
from roder.quality import scores
from roder.quality.evaluations import selectors as evaluation_selectors
from roder.quality.frameworks import services
from roder.quality.models import FrameworkVersion, Question, SubArea
from roder.quality.testing import (
    SIX_STEPS,
    THREE_STEPS,
    kommunkompassen,
    kvalitetsutmarkelsen,
    make_entry,
    make_evaluation,
    score,
    with_scale,
)

pytestmark = pytest.mark.django_db


# --- versions and their parts --------------------------------------------------------------


def test_editing_a_framework_in_use_makes_a_new_version(world):
    organisation = world.organisation
    own = services.framework_copy(source=kommunkompassen(), organisation=organisation, by=None)
    evaluation = make_evaluation(world.municipality, framework=own)
    score(evaluation, 1, "68")
    area = own.areas.get(number=1)
    edited = services.area_save(
        framework=own,
        area=area,
        organisation=organisation,
        by=world.admin,
        number=1,
        name="Demokrati",
        max_score=50,
        help_text="",
    )
    assert edited.copied and edited.version.pk != own.pk
    assert edited.version.copied_from == own
    assert edited.version.areas.get(number=1).name == "Demokrati"
    area.refresh_from_db()
    assert (area.name, area.max_score) == ("Offentlighet och demokrati", 100)
    evaluation.refresh_from_db()
    assert evaluation.framework == own
    assert evaluation_selectors.evaluation_view(evaluation).maximum == 800


def test_editing_an_unused_own_version_changes_it_in_place(world):
    own = services.framework_copy(
        source=kommunkompassen(), organisation=world.organisation, by=None
    )
    edited = services.sub_area_save(
        area=own.areas.get(number=8),
        organisation=world.organisation,
        by=None,
        number=1,
        name="Planering",
        help_text="",
    )
    assert not edited.copied and edited.version == own
    assert SubArea.objects.filter(area__framework=own, area__number=8).count() == 1


def test_editing_a_shipped_framework_copies_it_into_the_organisation(world):
    shipped = kommunkompassen()
    edited = services.framework_update(
        version=shipped,
        organisation=world.organisation,
        expected_version=shipped.version,
        by=None,
        name="KommunKompassen (vår)",
        version_label="2010",
        year=2010,
        description="",
        source="",
        status="draft",
    )
    assert edited.copied and edited.version.organisation == world.organisation
    assert edited.version.version_label == "2010"
    shipped.refresh_from_db()
    assert shipped.name == "KommunKompassen"


def test_a_question_number_appears_once_per_framework(world):
    own = services.framework_copy(
        source=kvalitetsutmarkelsen(), organisation=world.organisation, by=None
    )
    with pytest.raises(ValidationError):
        services.question_save(
            area=own.areas.get(number=2),
            organisation=world.organisation,
            by=None,
            number=1,
            text="Dubblett",
            help_text="",
            max_score=None,
            asks_for_results=False,
        )


STALE = (
    "Someone else changed this while you were editing. Nothing was saved: reload the page to "
    "see their change, then make yours again."
)


def _part(version, kind):
    """An area, sub-area or question of `version` with the service that edits it and the values
    its form sends."""
    if kind == "area":
        area = version.areas.get(number=1)
        values = {"number": 1, "name": area.name, "max_score": area.max_score, "help_text": ""}
        return area, services.area_save, {"framework": version, "area": area}, values, "name"
    if kind == "sub_area":
        sub_area = version.areas.get(number=1).sub_areas.get(number=1)
        values = {"number": 1, "name": sub_area.name, "help_text": ""}
        kwargs = {"area": sub_area.area, "sub_area": sub_area}
        return sub_area, services.sub_area_save, kwargs, values, "name"
    question = Question.objects.get(area__framework=version, number=1)
    values = {
        "number": 1,
        "text": question.text,
        "help_text": "",
        "max_score": None,
        "asks_for_results": False,
    }
    kwargs = {"area": question.area, "question": question}
    return question, services.question_save, kwargs, values, "text"


def _edit(world, version, kind, text, expected_version):
    _, save, kwargs, values, field = _part(version, kind)
    return save(
        organisation=world.organisation,
        by=world.admin,
        expected_version=expected_version,
        **kwargs,
        **(values | {field: text}),
    )


PARTS = ["area", "sub_area", "question"]


def _text(part) -> str:
    return part.text if isinstance(part, Question) else part.name


def _own(world, kind):
    source = kvalitetsutmarkelsen() if kind == "question" else kommunkompassen()
    return services.framework_copy(source=source, organisation=world.organisation, by=None)


@pytest.mark.parametrize("kind", PARTS)
def test_it_bumps_the_version_of_a_part_edited_in_place(world, kind):
    own = _own(world, kind)
    edited = _edit(world, own, kind, "Ändrad", expected_version=1)
    assert not edited.copied and edited.version == own
    part = type(edited.obj).objects.get(pk=edited.obj.pk)
    assert part.version == edited.obj.version == 2
    assert _text(part) == "Ändrad"
    assert HistoryEntry.objects.for_object(own).filter(action="update").count() == 1


@pytest.mark.parametrize("kind", PARTS)
def test_it_refuses_a_stale_part_edit_and_writes_nothing(world, kind):
    own = _own(world, kind)
    _edit(world, own, kind, "Först", expected_version=1)  # the other administrator's save
    before = HistoryEntry.objects.count(), FrameworkVersion.objects.count()
    with pytest.raises(ConcurrentEditError) as raised:
        _edit(world, own, kind, "Sist", expected_version=1)
    assert raised.value.messages == [STALE]
    part = _part(own, kind)[0]
    assert part.version == 2
    assert _text(part) == "Först"
    assert (HistoryEntry.objects.count(), FrameworkVersion.objects.count()) == before


@pytest.mark.parametrize("kind", PARTS)
def test_it_refuses_a_part_edit_without_its_version(world, kind):
    own = _own(world, kind)
    with pytest.raises(ConcurrentEditError):
        _edit(world, own, kind, "Utan version", expected_version=None)
    assert _part(own, kind)[0].version == 1


@pytest.mark.parametrize("kind", PARTS)
def test_it_edits_a_part_of_a_locked_version_in_a_copy(world, kind):
    """The form's version is the original part's; the copy's part is new, so it is not stale."""
    own = _own(world, kind)
    _edit(world, own, kind, "Först", expected_version=1)  # the original part is at version 2
    if kind == "question":
        make_entry(world.municipality, framework=own)
    else:
        make_evaluation(world.municipality, framework=own)
    original = _part(own, kind)[0]
    edited = _edit(world, own, kind, "I kopian", expected_version=original.version)
    assert edited.copied and edited.version.copied_from == own
    copy = _part(edited.version, kind)[0]
    assert _text(copy) == "I kopian"
    original.refresh_from_db()
    assert _text(original) == "Först"
    assert original.version == 2


@pytest.mark.parametrize("kind", PARTS)
def test_it_edits_a_part_of_a_shipped_version_in_a_copy(world, kind):
    shipped = kvalitetsutmarkelsen() if kind == "question" else kommunkompassen()
    edited = _edit(world, shipped, kind, "Vår text", expected_version=1)
    assert edited.copied and edited.version.organisation == world.organisation
    assert _part(shipped, kind)[0].version == 1


@pytest.mark.parametrize("field", ["name", "version_label"])
def test_a_framework_name_or_label_on_two_lines_is_refused(world, field):
    own = services.framework_copy(
        source=kommunkompassen(), organisation=world.organisation, by=None
    )
    values = {name: getattr(own, name) for name in services.VERSION_FIELDS} | {field: "A\nB"}
    with pytest.raises(ValidationError) as raised:
        services.framework_update(
            version=own,
            organisation=world.organisation,
            expected_version=own.version,
            by=None,
            **values,
        )
    assert field in raised.value.message_dict
    own.refresh_from_db()
    assert "\n" not in own.name + own.version_label


# --- reference series ----------------------------------------------------------------------


def test_a_reference_value_outside_the_range_is_refused(world):
    kk = kommunkompassen()
    with pytest.raises(ValidationError):
        services.reference_save(
            organisation=world.organisation,
            framework=kk,
            name="Snitt",
            source="",
            values={kk.areas.get(number=1): "150"},
            by=None,
        )


def test_a_reference_series_values_leave_history(world):
    kk = kommunkompassen()
    area = kk.areas.get(number=1)
    series = services.reference_save(
        organisation=world.organisation,
        framework=kk,
        name="Snitt 2010 års version",
        source="SKL",
        values={area: "55"},
        by=world.admin,
    )
    services.reference_save(
        organisation=world.organisation,
        framework=kk,
        name=series.name,
        source="SKL",
        values={area: "57"},
        by=world.admin,
        series=series,
        expected_version=series.version,
    )
    changes = [
        entry.changes for entry in HistoryEntry.objects.filter(object_id=series.pk).order_by("pk")
    ]
    label = f"1 {area.name}"
    assert [c[label] for c in changes if label in c] == [
        {"before": None, "after": "55"},
        {"before": "55", "after": "57"},
    ]


# --- scales --------------------------------------------------------------------------------


def _area_values(area, **changes) -> dict:
    values = {"number": area.number, "name": area.name, "max_score": None, "help_text": ""}
    return values | changes


@pytest.mark.parametrize(
    ("scale", "field", "message"),
    [
        (SIX_STEPS[:1], "scale", "A scale needs at least two steps."),
        (SIX_STEPS[::-1], "scale", "The values of the scale's steps must increase"),
        ([SIX_STEPS[0], SIX_STEPS[0]], "scale", "must increase from step to step"),
        ([{"value": -1, "label": "Minus"}, *SIX_STEPS], "scale", "whole-number"),
        ([{"value": 1, "label": " "}, *SIX_STEPS[1:]], "scale", '"label" of 1 to 200'),
        ([{"value": True, "label": "Ja"}, *SIX_STEPS[1:]], "scale", "whole-number"),
        ([{"value": 1.5, "label": "Halv"}, *SIX_STEPS[1:]], "scale", "whole-number"),
        ([SIX_STEPS[0], {"value": 1_000_000, "label": "Stor"}], "scale", "from 0 to 999999"),
        ("1 = Ja", "scale", "The scale must be a list of steps."),
        (SIX_STEPS, "max_score", "leave the maximum score empty or give the last step's value, 6"),
    ],
)
def test_a_bad_scale_is_refused_and_nothing_written(world, scale, field, message):
    own = services.framework_copy(
        source=kommunkompassen(), organisation=world.organisation, by=None
    )
    area = own.areas.get(number=1)
    before = HistoryEntry.objects.count(), FrameworkVersion.objects.count()
    max_score = 100 if field == "max_score" else None
    with pytest.raises(ValidationError) as raised:
        services.area_save(
            framework=own,
            area=area,
            expected_version=area.version,
            organisation=world.organisation,
            by=None,
            **_area_values(area, scale=scale, max_score=max_score),
        )
    assert any(message in text for text in raised.value.message_dict[field])
    area.refresh_from_db()
    assert (area.scale, area.max_score, area.version) == ([], 100, 1)
    assert (HistoryEntry.objects.count(), FrameworkVersion.objects.count()) == before


def test_a_scale_sets_the_maximum_and_its_steps_leave_history(world):
    own = services.framework_copy(
        source=kommunkompassen(), organisation=world.organisation, by=None
    )
    area = own.areas.get(number=1)
    steps = [{"value": 0, "label": " Inte påbörjat "}, *THREE_STEPS[1:]]
    edited = services.area_save(
        framework=own,
        area=area,
        expected_version=area.version,
        organisation=world.organisation,
        by=None,
        **_area_values(area, scale=steps, max_score=2),  # the last step's value: allowed
    )
    area.refresh_from_db()
    assert not edited.copied
    assert area.scale == THREE_STEPS and area.max_value == 2
    evaluation = make_evaluation(world.unit_a, framework=own)
    assert evaluation_selectors.evaluation_view(evaluation).maximum == 702
    entry = HistoryEntry.objects.for_object(own).filter(action="update").get()
    assert entry.changes["area scale"]["after"] == "0 = Inte påbörjat; 1 = Delvis; 2 = Helt"


def test_a_scale_is_not_contiguous_in_the_message_when_its_values_are_not(world):
    with pytest.raises(ValidationError) as raised:
        scores.parse_score(
            "1", None, scale=[{"value": 0, "label": "A"}, {"value": 2, "label": "B"}]
        )
    assert raised.value.message_dict["score"] == ["Choose one of the scale's steps: 0, 2."]


def test_a_new_version_of_a_locked_one_keeps_its_scales(world):
    own = with_scale(world.organisation, kvalitetsutmarkelsen(), question=1)
    make_entry(world.unit_a, framework=own)  # locks it
    area = own.areas.get(number=2)
    edited = services.area_save(
        framework=own,
        area=area,
        expected_version=area.version,
        organisation=world.organisation,
        by=None,
        **_area_values(area, name="Ledarskap (ny)"),
    )
    assert edited.copied
    copy = edited.version
    assert copy.areas.get(number=1).scale == SIX_STEPS
    assert Question.objects.get(area__framework=copy, number=1).scale == THREE_STEPS
    assert copy.areas.get(number=2).name == "Ledarskap (ny)"
    again = services.framework_copy(source=copy, organisation=world.organisation, by=None)
    assert again.areas.get(number=1).max_value == 6
