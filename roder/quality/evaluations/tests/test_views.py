"""The evaluation pages: creating, scoring (also on a scale), findings and their actions."""

import pytest
from django.urls import reverse

from roder.actions.models import Action
from roder.quality.evaluations import services
from roder.quality.models import AreaScore, Evaluation, Finding, FindingAction
from roder.quality.testing import PERSONAS, kommunkompassen, make_evaluation, url, with_scale

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", PERSONAS)
def test_creating_an_evaluation_follows_the_tree(world, client_for, persona):
    client = client_for(world.personas[persona])
    post = {
        "unit": world.unit_a.pk,
        "framework": kommunkompassen().pk,
        "kind": "self",
        "title": "Självvärdering 2026",
    }
    response = client.post(url("evaluation_create", world), post)
    created = Evaluation.objects.filter(title="Självvärdering 2026").exists()
    assert created == (persona in ("admin", "controller"))
    if persona in ("admin", "controller"):
        assert response.status_code == 302
    else:  # no unit to evaluate at all, or Enhet A not among the choices
        assert response.status_code in (200, 403)


def test_a_score_out_of_range_is_shown_on_the_form_and_nothing_written(world, client_for, data):
    client = client_for(world.controller)
    path = url("area_score", world, pk=data.evaluation.pk, area_pk=data.area.pk)
    narrative = data.evaluation.narratives.filter(sub_area__area=data.area).first()
    response = client.post(
        path, {"score": "101", "text": "Allmänt", "version": 1, f"sub_{narrative.sub_area_id}": "X"}
    )
    assert response.status_code == 200
    assert "The score must be between 0 and 100." in response.content.decode()
    row = AreaScore.objects.get(evaluation=data.evaluation, area=data.area)
    assert row.score is None and row.text == ""
    response = client.post(path, {"score": "68", "text": "Allmänt", "version": 1})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.score == 68


def test_a_finding_becomes_an_action_from_the_page(world, client_for, data):
    client = client_for(world.controller)
    response = client.post(
        url("finding_action", world, pk=data.finding.pk),
        {"title": "Strategi för sociala medier", "unit": world.unit_a.pk},
    )
    assert response.status_code == 302
    link = FindingAction.objects.get(finding=data.finding)
    assert link.action.title == "Strategi för sociala medier"
    page = client.get(
        reverse("actions:action_detail", kwargs={"org": "testkommun", "pk": link.action.pk})
    )
    assert "Improvement area in" in page.content.decode()


def test_adding_a_good_example_needs_the_municipality(world, client_for, data):
    client = client_for(world.controller)
    path = url("finding_create", world, pk=data.evaluation.pk)
    post = {"area": data.area.pk, "kind": "good_example", "text": "Sociala medier"}
    assert client.post(path, post).status_code == 200
    assert client.post(path, post | {"municipality": "Borås Stad"}).status_code == 302
    assert Finding.objects.filter(municipality="Borås Stad").exists()


def test_a_finding_with_an_action_is_not_removed(world, client_for, data):
    services.finding_to_action(finding=data.finding, title="Åtgärd", by=None)
    client = client_for(world.controller)
    client.post(url("finding_delete", world, pk=data.finding.pk))
    assert Finding.objects.filter(pk=data.finding.pk).exists()
    assert Action.objects.count() == 1


def test_the_evaluation_page_shows_the_total(world, client_for, data):
    services.area_score_save(
        row=data.evaluation.scores.get(area__number=1),
        score="68",
        text="",
        narratives={},
        expected_version=1,
        by=None,
    )
    page = client_for(world.reader).get(url("evaluation_detail", world, pk=data.evaluation.pk))
    assert "68 of 800 points" in page.content.decode()


# --- scales --------------------------------------------------------------------------------


def test_the_score_page_offers_the_scales_steps(world, client_for):
    evaluation = make_evaluation(world.unit_a, framework=with_scale(world.organisation))
    area = evaluation.framework.areas.get(number=1)
    client = client_for(world.controller)
    path = url("area_score", world, pk=evaluation.pk, area_pk=area.pk)
    page = client.get(path).content.decode()
    assert '<label for="id_score">Score:</label>' in page
    assert '<select name="score" id="id_score">' in page
    assert '<option value="4">4 – Stämmer i hög grad</option>' in page
    assert page.count("<option") == 7  # "No score" and the six steps
    assert '<option value="" selected>No score</option>' in page
    response = client.post(path, {"score": "7", "text": "Allmänt", "version": 1})
    assert response.status_code == 200
    row = AreaScore.objects.get(evaluation=evaluation, area=area)
    assert row.score is None and row.text == ""
    assert client.post(path, {"score": "4", "text": "", "version": 1}).status_code == 302
    row.refresh_from_db()
    assert row.score == 4
    page = client.get(path).content.decode()
    assert '<option value="4" selected>4 – Stämmer i hög grad</option>' in page
    detail = client.get(url("evaluation_detail", world, pk=evaluation.pk)).content.decode()
    assert "4 – Stämmer i hög grad" in detail
    assert "of 706 points" in detail
    # An area without a scale keeps its number input.
    other = evaluation.framework.areas.get(number=2)
    page = client.get(url("area_score", world, pk=evaluation.pk, area_pk=other.pk)).content
    assert 'type="text" name="score"' in page.decode()
