"""Award entries: answers, figures from Roder, the feedback report."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from roder.quality.entries import selectors, services
from roder.quality.testing import kvalitetsutmarkelsen, make_entry, with_scale

pytestmark = pytest.mark.django_db


# --- entries -------------------------------------------------------------------------------


def test_an_entry_gets_an_answer_per_question_and_feedback_per_area(world):
    entry = make_entry(world.administration)
    assert entry.answers.count() == 24
    assert entry.feedback.count() == 8


def test_figures_from_roder_are_appended_to_the_answer(world):
    from roder.followup.models import Outcome
    from roder.followup.testing import make_indicator
    from roder.periods.testing import make_period

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
