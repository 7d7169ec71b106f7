"""The award entry pages: the unit's side, the evaluators' side, answers with figures."""

import pytest

from roder.quality.models import Entry
from roder.quality.testing import (
    ANSWER_A,
    PERSONAS,
    kvalitetsutmarkelsen,
    make_entry,
    url,
    with_scale,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_unit_edits_its_entry_but_only_controllers_name_the_evaluators(
    world, client_for, data, persona
):
    client = client_for(world.personas[persona])
    path = url("entry_edit", world, pk=data.entry.pk)
    response = client.get(path)
    assert response.status_code == ANSWER_A[persona]
    if response.status_code != 200:
        return
    page = response.content.decode()
    controller = persona in ("admin", "controller")
    assert ('name="evaluators"' in page) == controller
    assert ('name="feedback_summary"' in page) == controller  # evaluators write the feedback
    client.post(
        path,
        {
            "title": "Vårt bidrag",
            "year": 2012,
            "version": data.entry.version,
            "evaluators": [world.reporter.pk],
        },
    )
    data.entry.refresh_from_db()
    assert data.entry.title == "Vårt bidrag"
    named = data.entry.evaluators.filter(pk=world.reporter.pk).exists()
    assert named == controller  # a unit never picks its own judges


def test_a_reporter_cannot_name_evaluators_when_creating_an_entry(world, client_for, data):
    client = client_for(world.reporter)
    page = client.get(url("entry_create", world)).content.decode()
    assert 'name="evaluators"' not in page


@pytest.mark.parametrize("persona", PERSONAS)
def test_answering_needs_a_reporter_of_the_unit(world, client_for, data, persona):
    client = client_for(world.personas[persona])
    path = url("answer_edit", world, pk=data.answer.pk)
    assert client.get(path).status_code == ANSWER_A[persona]
    client.post(path, {"text": "Vårt svar", "version": 1})
    data.answer.refresh_from_db()
    assert (data.answer.text == "Vårt svar") == (ANSWER_A[persona] == 200)


def test_the_entry_evaluator_scores_without_a_controller_role(world, client_for):
    entry = make_entry(world.unit_a, evaluators=[world.reporter])
    feedback = entry.feedback.get(area__number=1)
    client = client_for(world.reporter)
    response = client.post(
        url("feedback_edit", world, pk=feedback.pk),
        {"score": "30", "strengths": "Kundloggen", "improvements": "", "version": 1, "q1": "5"},
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.score == 30


def test_figures_are_inserted_into_the_answer(world, client_for, data):
    import datetime

    from roder.followup.models import Outcome
    from roder.followup.testing import make_indicator
    from roder.periods.testing import make_period

    indicator = make_indicator(world.unit_a, name="NKI", measure="index")
    period = make_period(
        world.organisation,
        year=2011,
        kind="year_end",
        name="Helår 2011",
        starts=datetime.date(2011, 1, 1),
        ends=datetime.date(2011, 12, 31),
    )
    Outcome.objects.create(indicator=indicator, unit=world.unit_a, period=period, value=67)
    client = client_for(world.reporter)
    page = client.get(url("answer_edit", world, pk=data.answer.pk)).content.decode()
    assert "Insert figures from Roder" in page
    response = client.post(
        url("answer_figures", world, pk=data.answer.pk),
        {"indicators": [indicator.pk], "version": data.answer.version},
    )
    assert response.status_code == 302
    data.answer.refresh_from_db()
    assert data.answer.text == "Indicator: NKI – 2011: 67"


@pytest.mark.parametrize("persona", PERSONAS)
def test_entries_are_created_by_reporters_and_up_for_their_units(world, client_for, persona):
    client = client_for(world.personas[persona])
    expected = 403 if persona == "reader" else 200
    assert client.get(url("entry_create", world)).status_code == expected
    response = client.post(
        url("entry_create", world),
        {
            "unit": world.unit_a.pk,
            "framework": kvalitetsutmarkelsen().pk,
            "title": "Bidrag 2012",
            "year": 2012,
        },
    )
    created = Entry.objects.filter(title="Bidrag 2012", unit=world.unit_a).exists()
    # The sibling unit's manager may enter for B only: A is not among their units.
    assert created == (persona in ("admin", "controller", "manager", "reporter")), response


def test_the_feedback_page_offers_the_steps_and_the_entry_shows_their_labels(world, client_for):
    own = with_scale(world.organisation, kvalitetsutmarkelsen(), question=1)
    entry = make_entry(world.unit_a, framework=own)
    feedback = entry.feedback.get(area__number=1)
    client = client_for(world.controller)
    path = url("feedback_edit", world, pk=feedback.pk)
    page = client.get(path).content.decode()
    assert '<label for="id_q1">Score for question 1:</label>' in page
    assert '<option value="2">2 – Helt</option>' in page
    assert '<option value="6">6 – Stämmer helt</option>' in page
    assert 'type="text" name="q2"' in page  # question 2 has no scale
    post = {"score": "5", "strengths": "", "improvements": "", "version": 1, "q1": "1", "q2": ""}
    assert client.post(path, post).status_code == 302
    page = client.get(url("entry_detail", world, pk=entry.pk)).content.decode()
    assert "1 – Delvis" in page and "5 – Stämmer nästan helt" in page
