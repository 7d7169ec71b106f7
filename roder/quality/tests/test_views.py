"""Every quality page, tried by each persona of the test world (the pages of each part are
tried further in frameworks/, evaluations/ and entries/ tests).

The evaluation and the entry belong to Enhet A: the admin (municipality), controller
(committee) evaluate; the manager and reporter of A read the evaluation and write the entry's
answers; the reader reads; the outsider (manager of sibling B) gets 404."""

import pytest

from roder.quality.testing import EVALUATE_A, PERSONAS, READ_A, kommunkompassen, url

pytestmark = pytest.mark.django_db


def read_urls(world, data):
    return {
        "evaluation_detail": url("evaluation_detail", world, pk=data.evaluation.pk),
        "evaluation_compare": url("evaluation_compare", world, pk=data.evaluation.pk),
        "evaluation_report": url("evaluation_report", world, pk=data.evaluation.pk),
        "entry_detail": url("entry_detail", world, pk=data.entry.pk),
        "entry_report": url("entry_report", world, pk=data.entry.pk),
    }


def evaluate_urls(world, data):
    return {
        "evaluation_edit": url("evaluation_edit", world, pk=data.evaluation.pk),
        "area_score": url("area_score", world, pk=data.evaluation.pk, area_pk=data.area.pk),
        "finding_create": url("finding_create", world, pk=data.evaluation.pk),
        "finding_edit": url("finding_edit", world, pk=data.finding.pk),
        "finding_action": url("finding_action", world, pk=data.finding.pk),
        "feedback_edit": url("feedback_edit", world, pk=data.feedback.pk),
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_reading_follows_the_tree(world, client_for, data, persona):
    client = client_for(world.personas[persona])
    for name, path in read_urls(world, data).items():
        assert client.get(path).status_code == READ_A[persona], name


@pytest.mark.parametrize("persona", PERSONAS)
def test_organisation_pages_are_open_to_everyone_in_it(world, client_for, data, persona):
    client = client_for(world.personas[persona])
    for path in (
        url("index", world),
        url("framework_list", world),
        url("framework_detail", world, pk=kommunkompassen().pk),
        url("framework_export", world, pk=kommunkompassen().pk),
    ):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("persona", PERSONAS)
def test_evaluating_needs_a_controller_of_the_unit(world, client_for, data, persona):
    client = client_for(world.personas[persona])
    for name, path in evaluate_urls(world, data).items():
        assert client.get(path).status_code == EVALUATE_A[persona], name


def test_anonymous_people_are_sent_to_log_in(world, client_for, data):
    client = client_for(None)
    for path in [*read_urls(world, data).values(), url("index", world)]:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_wrong_methods_are_refused(world, client_for, data):
    client = client_for(world.admin)
    assert client.post(url("evaluation_detail", world, pk=data.evaluation.pk)).status_code == 405
    assert client.get(url("finding_delete", world, pk=data.finding.pk)).status_code == 405
    assert client.get(url("framework_copy", world, pk=kommunkompassen().pk)).status_code == 405
    assert client.get(url("answer_figures", world, pk=data.answer.pk)).status_code == 405
    assert client.delete(url("index", world)).status_code == 405


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_create_and_reference_forms_open_for_those_who_may_use_them(world, client_for, persona):
    client = client_for(world.personas[persona])
    may_evaluate = persona in ("admin", "controller")
    expected = 200 if may_evaluate else 403
    assert client.get(url("evaluation_create", world)).status_code == expected
    reference = url("reference_create", world, pk=kommunkompassen().pk)
    assert client.get(reference).status_code == (200 if persona == "admin" else 403)
