"""Frameworks, evaluations, findings and entries: the writes and their rules."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from roder.actions.models import Action
from roder.core.models import HistoryEntry
from roder.core.services import ConcurrentEditError
from roder.quality import frameworks, selectors, services
from roder.quality.models import (
    Area,
    AreaScore,
    Finding,
    FindingAction,
    FrameworkVersion,
    Question,
    SubArea,
)
from roder.quality.shipped import KOMMUNKOMPASSEN_2010, SHIPPED
from roder.quality.testing import (
    SIX_STEPS,
    THREE_STEPS,
    kommunkompassen,
    kvalitetsutmarkelsen,
    make_entry,
    make_evaluation,
    make_finding,
    score,
    with_scale,
)

pytestmark = pytest.mark.django_db


# --- shipped frameworks --------------------------------------------------------------------


def test_it_ships_the_four_frameworks_once():
    assert FrameworkVersion.objects.filter(organisation=None).count() == len(SHIPPED) == 4
    assert frameworks.install_shipped_frameworks() == 0  # idempotent
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


# --- evaluations: totals and scores --------------------------------------------------------


def test_it_computes_totals_and_maxima_from_the_framework(world):
    evaluation = make_evaluation(world.municipality)
    view = selectors.evaluation_view(evaluation)
    assert view.total is None and view.maximum == 800
    score(evaluation, 1, "68")
    score(evaluation, 2, "63,5")
    view = selectors.evaluation_view(evaluation)
    assert view.total == Decimal("131.5")
    assert view.maximum == 800


def test_it_refuses_a_score_outside_the_range_and_writes_nothing(world):
    evaluation = make_evaluation(world.municipality)
    row = evaluation.scores.get(area__number=1)
    entries = HistoryEntry.objects.count()
    for bad in ("101", "-1", "abc", "50.25"):
        with pytest.raises(ValidationError) as raised:
            services.area_score_save(
                row=row,
                score=bad,
                text="Text",
                narratives={},
                expected_version=row.version,
                by=None,
            )
        assert "score" in raised.value.message_dict
    row = AreaScore.objects.get(pk=row.pk)
    assert row.score is None and row.text == "" and row.version == 1
    assert HistoryEntry.objects.count() == entries


def test_it_gives_the_range_in_the_message(world):
    evaluation = make_evaluation(world.municipality)
    with pytest.raises(ValidationError) as raised:
        score(evaluation, 3, "120")
    assert raised.value.message_dict["score"] == ["The score must be between 0 and 100."]


def test_it_saves_narratives_with_the_area_and_records_history(world):
    evaluation = make_evaluation(world.municipality)
    row = evaluation.scores.get(area__number=1)
    narrative = evaluation.narratives.get(sub_area__number=2, sub_area__area__number=1)
    services.area_score_save(
        row=row,
        score="68",
        text="Allmänt",
        narratives={narrative: "Mitt Väsby"},
        expected_version=1,
        by=world.controller,
    )
    narrative.refresh_from_db()
    assert narrative.text == "Mitt Väsby"
    assert HistoryEntry.objects.for_object(row).exists()


def test_it_refuses_a_stale_area_edit(world):
    evaluation = make_evaluation(world.municipality)
    score(evaluation, 1, "50")
    row = evaluation.scores.get(area__number=1)
    with pytest.raises(ConcurrentEditError):
        services.area_score_save(
            row=row, score="60", text="", narratives={}, expected_version=1, by=None
        )


def test_it_refuses_an_evaluation_ending_before_it_starts(world):
    with pytest.raises(ValidationError):
        make_evaluation(
            world.municipality,
            starts=datetime.date(2011, 6, 1),
            ends=datetime.date(2011, 5, 1),
        )


def test_it_requires_the_municipality_of_a_good_example(world):
    evaluation = make_evaluation(world.municipality)
    with pytest.raises(ValidationError):
        make_finding(evaluation, kind="good_example", text="Sociala medier")
    finding = make_finding(evaluation, kind="good_example", municipality="Borås Stad")
    assert finding.municipality == "Borås Stad"


# --- frameworks: versions, import and export -----------------------------------------------


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
    assert selectors.evaluation_view(evaluation).maximum == 800


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


def test_export_and_import_round_trip(world):
    shipped = kvalitetsutmarkelsen()
    data = frameworks.export_data(shipped)
    imported = services.framework_import(
        organisation=world.organisation, raw=frameworks.export_json(shipped).encode(), by=None
    )
    assert imported.organisation == world.organisation
    assert frameworks.export_data(imported) == data


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


def test_a_finding_moves_to_another_area_with_history_and_a_version_check(world):
    evaluation = make_evaluation(world.municipality)
    finding = make_finding(evaluation, number=1)
    area_2 = evaluation.framework.areas.get(number=2)
    with pytest.raises(ConcurrentEditError):
        services.finding_update(finding=finding, expected_version=0, by=None, area=area_2)
    finding.refresh_from_db()
    assert finding.area.number == 1  # a stale edit moves nothing
    services.finding_update(finding=finding, expected_version=finding.version, by=None, area=area_2)
    finding.refresh_from_db()
    assert finding.area.number == 2
    entry = HistoryEntry.objects.filter(object_id=finding.pk).order_by("-pk").first()
    assert "area" in entry.changes


def test_duplicate_numbers_and_negative_maxima_are_refused(world):
    data = frameworks.export_data(kommunkompassen())
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
    raw = frameworks.export_json(kommunkompassen())
    services.framework_import(organisation=world.organisation, raw=raw, by=None)
    with pytest.raises(ValidationError):
        services.framework_import(organisation=world.organisation, raw=raw, by=None)


def _kk_with(change) -> str:
    data = frameworks.export_data(kommunkompassen())
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


# --- improvement: findings become actions ---------------------------------------------------


def test_an_improvement_area_becomes_a_linked_action(world):
    evaluation = make_evaluation(world.municipality)
    finding = make_finding(evaluation)
    action = services.finding_to_action(
        finding=finding, title="Strategi för sociala medier", by=world.controller
    )
    assert action.unit == world.municipality
    assert FindingAction.objects.filter(finding=finding, action=action).exists()
    assert selectors.finding_of(action).finding == finding
    second = services.finding_to_action(finding=finding, title="Utbildning", by=None)
    assert finding.action_links.count() == 2 and second.pk != action.pk


def test_a_strength_does_not_become_an_action(world):
    evaluation = make_evaluation(world.municipality)
    finding = make_finding(evaluation, kind="strength")
    with pytest.raises(ValidationError):
        services.finding_to_action(finding=finding, title="X", by=None)
    assert not Action.objects.exists()


def test_a_finding_with_actions_cannot_be_removed(world):
    finding = make_finding(make_evaluation(world.municipality))
    services.finding_to_action(finding=finding, title="Åtgärd", by=None)
    with pytest.raises(ValidationError):
        services.finding_delete(finding=finding, by=None)
    assert Finding.objects.filter(pk=finding.pk).exists()


def test_the_next_evaluation_shows_what_happened_to_the_improvement_areas(world):
    first = make_evaluation(world.municipality, starts=datetime.date(2011, 6, 1))
    finding = make_finding(first, kind="weakness")
    make_finding(first, kind="strength", text="Mitt Väsby")
    action = services.finding_to_action(finding=finding, title="Åtgärd", by=None)
    action.status = "done"
    action.save()
    # The next one uses another framework version: still shown.
    second = make_evaluation(
        world.municipality,
        framework=FrameworkVersion.objects.get(code="kommunkompassen", version_label="2020"),
        title="KommunKompassen 2021",
        starts=datetime.date(2021, 6, 1),
    )
    previous, findings = selectors.improvements_followed_up(second)
    assert previous == first
    assert findings == [finding]
    assert [link.action.status for link in findings[0].action_links.all()] == ["done"]
    assert selectors.previous_same_version(second) is None
    assert selectors.improvements_followed_up(first) == (None, [])


def test_comparison_keeps_to_one_framework_version(world):
    kk = kommunkompassen()
    first = make_evaluation(world.municipality, starts=datetime.date(2011, 1, 1))
    second = make_evaluation(world.municipality, title="Ny", starts=datetime.date(2015, 1, 1))
    other = make_evaluation(
        world.municipality,
        framework=FrameworkVersion.objects.get(code="kommunkompassen", version_label="2020"),
        title="2020-version",
    )
    score(first, 1, 50)
    services.reference_save(
        organisation=world.organisation,
        framework=kk,
        name="Snitt",
        source="SKL",
        values={kk.areas.get(number=1): "55"},
        by=None,
    )
    compared = selectors.comparison(second, _grants(world))
    names = [name for name, *_rest in compared.series]
    assert names[1] == "Snitt"
    assert any(str(first) in name for name in names)
    assert not any("2020-version" in name for name in names)
    assert compared.other_versions == [other]
    assert compared.series[1][1][0] == Decimal("55")


def _grants(world):
    from roder.organisation.access import grants_for

    return grants_for(world.admin, world.organisation)


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


# --- entries -------------------------------------------------------------------------------


def test_an_entry_gets_an_answer_per_question_and_feedback_per_area(world):
    entry = make_entry(world.administration)
    assert entry.answers.count() == 24
    assert entry.feedback.count() == 8


def test_figures_from_roder_are_appended_to_the_answer(world):
    from roder.followup.models import Outcome
    from roder.followup.testing import make_indicator, make_period

    entry = make_entry(world.unit_a)
    answer = entry.answers.get(question__number=5)
    services.answer_save(
        answer=answer, text="Varje år genomför vi en kundenkät.", expected_version=1, by=None
    )
    indicator = make_indicator(world.unit_a, name="Nöjd-Kund-Index", measure="index")
    for year, value in ((2010, 67), (2011, 67)):
        period = make_period(
            world.organisation,
            year=year,
            kind="year_end",
            name=f"Helår {year}",
            starts=datetime.date(year, 1, 1),
            ends=datetime.date(year, 12, 31),
        )
        Outcome.objects.create(indicator=indicator, unit=world.unit_a, period=period, value=value)
    lines = selectors.figure_lines(world.unit_a, [indicator])
    assert lines == ["Indicator: Nöjd-Kund-Index – 2011: 67, 2010: 67"]
    services.answer_add_figures(
        answer=answer, lines=lines, expected_version=answer.version, by=None
    )
    answer.refresh_from_db()
    assert answer.text.endswith("kundenkät.\n\nIndicator: Nöjd-Kund-Index – 2011: 67, 2010: 67")


def test_feedback_scores_within_range(world):
    entry = make_entry(world.unit_a)
    feedback = entry.feedback.get(area__number=1)
    answer = entry.answers.get(question__number=1)
    services.feedback_save(
        feedback=feedback,
        score="40",
        strengths="Kundfokus",
        improvements="Mät effekter",
        question_scores={answer: "7"},
        expected_version=feedback.version,
        by=world.controller,
    )
    answer.refresh_from_db()
    assert answer.score == 7
    with pytest.raises(ValidationError):
        services.feedback_save(
            feedback=feedback,
            score="-3",
            strengths="",
            improvements="",
            question_scores={},
            expected_version=feedback.version,
            by=None,
        )
    feedback.refresh_from_db()
    assert feedback.score == 40 and feedback.strengths == "Kundfokus"


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
    assert selectors.evaluation_view(make_evaluation(world.unit_a, framework=own)).maximum == 702
    entry = HistoryEntry.objects.for_object(own).filter(action="update").get()
    assert entry.changes["area scale"]["after"] == "0 = Inte påbörjat; 1 = Delvis; 2 = Helt"


def test_a_score_not_on_the_scale_is_refused_and_nothing_written(world):
    evaluation = make_evaluation(world.unit_a, framework=with_scale(world.organisation))
    row = evaluation.scores.get(area__number=1)
    entries = HistoryEntry.objects.count()
    for bad in ("7", "0", "3,5", "abc", "100"):
        with pytest.raises(ValidationError) as raised:
            score(evaluation, 1, bad, text="Text")
        assert "score" in raised.value.message_dict
    assert raised.value.message_dict["score"] == ["Choose one of the scale's steps: 1–6."]
    row.refresh_from_db()
    assert (row.score, row.text, row.version) == (None, "", 1)
    assert HistoryEntry.objects.count() == entries


def test_a_score_on_the_scale_is_kept_with_its_label(world):
    evaluation = make_evaluation(world.unit_a, framework=with_scale(world.organisation))
    score(evaluation, 1, "4,0")
    score(evaluation, 2, "68")  # the other areas keep 0–100
    view = selectors.evaluation_view(evaluation)
    assert [v.score for v in view.areas[:2]] == [4, 68]
    assert view.areas[0].step_text == "4 – Stämmer i hög grad"
    assert view.areas[1].step_text == "68"
    assert view.maximum == 6 + 7 * 100


def test_a_question_score_not_on_its_scale_is_refused(world):
    own = with_scale(world.organisation, kvalitetsutmarkelsen(), question=1)
    entry = make_entry(world.unit_a, framework=own)
    feedback = entry.feedback.get(area__number=1)
    answer = entry.answers.get(question__number=1)
    values = {"strengths": "", "improvements": "", "by": None}
    with pytest.raises(ValidationError) as raised:
        services.feedback_save(
            feedback=feedback,
            score="4",
            question_scores={answer: "3"},
            expected_version=feedback.version,
            **values,
        )
    assert raised.value.message_dict == {"q1": ["Choose one of the scale's steps: 0–2."]}
    feedback.refresh_from_db()
    assert feedback.score is None and feedback.version == 1
    services.feedback_save(
        feedback=feedback,
        score="4",
        question_scores={answer: "2"},
        expected_version=feedback.version,
        **values,
    )
    answer.refresh_from_db()
    assert answer.score == 2 and answer.step_text == "2 – Helt"
    assert selectors.entry_view(entry)[0].feedback_text == "4 – Stämmer i hög grad"


def test_a_scale_is_not_contiguous_in_the_message_when_its_values_are_not(world):
    with pytest.raises(ValidationError) as raised:
        services.parse_score(
            "1", None, scale=[{"value": 0, "label": "A"}, {"value": 2, "label": "B"}]
        )
    assert raised.value.message_dict["score"] == ["Choose one of the scale's steps: 0, 2."]


def test_export_and_import_round_trip_with_a_scale(world):
    own = with_scale(world.organisation, kvalitetsutmarkelsen(), question=2)
    data = frameworks.export_data(own)
    assert data["areas"][0]["scale"] == SIX_STEPS and "scale" not in data["areas"][1]
    assert data["areas"][0]["questions"][1]["scale"] == THREE_STEPS
    assert "scale" not in data["areas"][0]["questions"][0]
    raw = json.dumps(data | {"version_label": "2012 b"})
    imported = services.framework_import(organisation=world.organisation, raw=raw, by=None)
    assert frameworks.export_data(imported) == data | {"version_label": "2012 b"}
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
    data = frameworks.export_data(kvalitetsutmarkelsen())
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


def test_the_shipped_frameworks_have_no_scales():
    assert not any(area.scale for area in Area.objects.filter(framework__organisation=None))
    assert not any(q.scale for q in Question.objects.filter(area__framework__organisation=None))
