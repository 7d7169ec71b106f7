"""Evaluations: scores, narratives, findings, findings as actions, comparison."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from roder.actions.models import Action
from roder.core.models import HistoryEntry
from roder.core.services import ConcurrentEditError
from roder.quality.evaluations import selectors, services
from roder.quality.frameworks import services as framework_services
from roder.quality.models import AreaScore, Finding, FindingAction, FrameworkVersion
from roder.quality.testing import kommunkompassen, make_evaluation, make_finding, score, with_scale

pytestmark = pytest.mark.django_db


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
    framework_services.reference_save(
        organisation=world.organisation,
        framework=kk,
        name="Snitt",
        source="SKL",
        values={kk.areas.get(number=1): "55"},
        by=None,
    )
    compared = selectors.comparison(second, _grants(world))
    names = [line.name for line in compared.series]
    assert names[1] == "Snitt"
    assert any(str(first) in name for name in names)
    assert not any("2020-version" in name for name in names)
    assert compared.other_versions == [other]
    assert compared.series[1].values[0] == Decimal("55")


def _grants(world):
    from roder.organisation.access import grants_for

    return grants_for(world.admin, world.organisation)


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
