"""Every quality page and write, tried by each persona of the test world.

The evaluation and the entry belong to Enhet A: the admin (municipality), controller
(committee) evaluate; the manager and reporter of A read the evaluation and write the entry's
answers; the reader reads; the outsider (manager of sibling B) gets 404."""

import json
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roder.actions.models import Action
from roder.quality import frameworks, services
from roder.quality.models import (
    AreaScore,
    Entry,
    Evaluation,
    Finding,
    FindingAction,
    FrameworkVersion,
    Question,
)
from roder.quality.testing import (
    kommunkompassen,
    kvalitetsutmarkelsen,
    make_entry,
    make_evaluation,
    make_finding,
    with_scale,
)

pytestmark = pytest.mark.django_db

PERSONAS = ["admin", "controller", "manager", "reporter", "reader", "outsider"]
READ_A = dict.fromkeys(PERSONAS, 200) | {"outsider": 404}
EVALUATE_A = READ_A | {"manager": 403, "reporter": 403, "reader": 403}
ANSWER_A = READ_A | {"reader": 403}
ADMIN_ONLY = dict.fromkeys(PERSONAS, 403) | {"admin": 200}


def url(name, world, **kwargs):
    return reverse(f"quality:{name}", kwargs={"org": world.organisation.slug, **kwargs})


@pytest.fixture
def data(world):
    evaluation = make_evaluation(world.unit_a)
    finding = make_finding(evaluation)
    entry = make_entry(world.unit_a)
    area = evaluation.framework.areas.get(number=1)
    return SimpleNamespace(
        evaluation=evaluation,
        finding=finding,
        entry=entry,
        area=area,
        answer=entry.answers.get(question__number=5),
        feedback=entry.feedback.get(area__number=1),
    )


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


@pytest.mark.parametrize("persona", PERSONAS)
def test_framework_administration_needs_the_organisations_administrator(world, client_for, persona):
    client = client_for(world.personas[persona])
    kk = kommunkompassen()
    for path in (
        url("framework_import", world),
        url("framework_edit", world, pk=kk.pk),
        url("area_create", world, pk=kk.pk),
        url("area_edit", world, pk=kk.areas.first().pk),
        url("sub_area_create", world, area_pk=kk.areas.first().pk),
        url("question_create", world, area_pk=kk.areas.first().pk),
    ):
        assert client.get(path).status_code == ADMIN_ONLY[persona], path
    response = client.post(url("framework_copy", world, pk=kk.pk))
    copied = FrameworkVersion.objects.filter(organisation=world.organisation).exists()
    assert copied == (persona == "admin")
    assert response.status_code == (302 if persona == "admin" else 403)


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


def test_a_malformed_file_is_refused_on_the_page(world, client_for):
    client = client_for(world.admin)
    bad = SimpleUploadedFile("ramverk.json", b"{broken", content_type="application/json")
    response = client.post(url("framework_import", world), {"file": bad})
    assert response.status_code == 200
    assert "not valid JSON" in response.content.decode()
    assert not FrameworkVersion.objects.filter(organisation=world.organisation).exists()


def test_the_export_is_the_framework_file(world, client_for):
    response = client_for(world.reader).get(url("framework_export", world, pk=kommunkompassen().pk))
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content) == frameworks.export_data(kommunkompassen())


def test_the_export_of_a_label_stored_with_a_line_break_downloads(world, client_for):
    """Labels stored before they were checked may hold a line break or a quote; the file name
    is made of letters, digits and hyphens."""
    own = FrameworkVersion.objects.create(
        organisation=world.organisation, code="kk", name="KK", version_label='2010\n"(2)'
    )
    response = client_for(world.reader).get(url("framework_export", world, pk=own.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kk-2010-2.json"'


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
    from roder.followup.testing import make_indicator, make_period

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


def test_a_finding_with_an_action_is_not_removed(world, client_for, data):
    services.finding_to_action(finding=data.finding, title="Åtgärd", by=None)
    client = client_for(world.controller)
    client.post(url("finding_delete", world, pk=data.finding.pk))
    assert Finding.objects.filter(pk=data.finding.pk).exists()
    assert Action.objects.count() == 1


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_create_and_reference_forms_open_for_those_who_may_use_them(world, client_for, persona):
    client = client_for(world.personas[persona])
    may_evaluate = persona in ("admin", "controller")
    expected = 200 if may_evaluate else 403
    assert client.get(url("evaluation_create", world)).status_code == expected
    reference = url("reference_create", world, pk=kommunkompassen().pk)
    assert client.get(reference).status_code == (200 if persona == "admin" else 403)


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


@pytest.mark.parametrize("persona", PERSONAS)
def test_editing_sub_areas_and_questions_needs_the_organisations_administrator(
    world, client_for, persona
):
    client = client_for(world.personas[persona])
    kk = kommunkompassen()
    sub_area = kk.areas.first().sub_areas.first()
    question = kvalitetsutmarkelsen().areas.first().questions.first()
    for path in (
        url("sub_area_edit", world, pk=sub_area.pk),
        url("question_edit", world, pk=question.pk),
    ):
        assert client.get(path).status_code == ADMIN_ONLY[persona], path


STALE = "Someone else changed this while you were editing. Nothing was saved"


def _part_form(version, kind):
    """The edit page of an area, sub-area or question of `version`, the part, and what its form
    posts (the changed text under `field`)."""
    area = version.areas.get(number=1)
    if kind == "area":
        post = {"number": 1, "name": area.name, "max_score": 100, "help_text": ""}
        return "area_edit", area, post, "name"
    if kind == "sub_area":
        sub_area = area.sub_areas.get(number=1)
        return "sub_area_edit", sub_area, {"number": 1, "name": sub_area.name}, "name"
    question = Question.objects.get(area__framework=version, number=1)
    return "question_edit", question, {"number": 1, "text": question.text}, "text"


def _own(world, kind):
    source = kvalitetsutmarkelsen() if kind == "question" else kommunkompassen()
    return services.framework_copy(source=source, organisation=world.organisation, by=None)


@pytest.mark.parametrize("kind", ["area", "sub_area", "question"])
def test_a_stale_part_edit_is_shown_again_and_nothing_written(world, client_for, kind):
    own = _own(world, kind)
    name, part, post, field = _part_form(own, kind)
    client = client_for(world.admin)
    path = url(name, world, pk=part.pk)
    assert 'name="version" value="1"' in client.get(path).content.decode()
    first = client.post(path, post | {field: "Först sparad", "version": 1})
    assert first.status_code == 302
    part.refresh_from_db()
    assert part.version == 2
    response = client.post(path, post | {field: "Mitt skrivna förslag", "version": 1})
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page
    assert "Mitt skrivna förslag" in page
    part.refresh_from_db()
    assert getattr(part, field) == "Först sparad" and part.version == 2


@pytest.mark.parametrize("kind", ["area", "sub_area", "question"])
def test_a_part_of_a_locked_version_is_edited_in_a_copy_from_the_page(world, client_for, kind):
    own = _own(world, kind)
    if kind == "question":
        make_entry(world.unit_a, framework=own)
    else:
        make_evaluation(world.unit_a, framework=own)
    name, part, post, field = _part_form(own, kind)
    response = client_for(world.admin).post(
        url(name, world, pk=part.pk), post | {field: "I ny version", "version": part.version}
    )
    assert response.status_code == 302
    copy = FrameworkVersion.objects.get(copied_from=own)
    assert getattr(_part_form(copy, kind)[1], field) == "I ny version"
    part.refresh_from_db()
    assert getattr(part, field) != "I ny version" and part.version == 1


@pytest.mark.parametrize("persona", PERSONAS)
def test_reference_series_are_kept_by_the_root_units_controllers(world, client_for, persona):
    from roder.quality import services

    kk = kommunkompassen()
    series = services.reference_save(
        organisation=world.organisation,
        framework=kk,
        name="Snitt",
        source="SKL",
        values={},
        by=world.admin,
    )
    # Controllers of the root unit (the world's controller sits on the committee) and admins.
    expected = ADMIN_ONLY[persona]
    client = client_for(world.personas[persona])
    assert client.get(url("reference_edit", world, pk=series.pk)).status_code == expected
    assert client.get(url("reference_create", world, pk=kk.pk)).status_code == expected


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


def test_the_area_form_reads_a_scale_one_step_per_line(world, client_for):
    own = services.framework_copy(
        source=kommunkompassen(), organisation=world.organisation, by=None
    )
    area = own.areas.get(number=1)
    client = client_for(world.admin)
    path = url("area_edit", world, pk=area.pk)
    post = {"number": 1, "name": area.name, "max_score": "", "help_text": "", "version": 1}
    bad = "1 = Stämmer inte alls\nStämmer delvis\n6 = Stämmer helt\n= Tom"
    response = client.post(path, post | {"scale": bad})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Line 2: write the step as value = label, e.g. 3 = Mostly true." in page
    assert "Line 4: write the step" in page
    area.refresh_from_db()
    assert area.scale == [] and area.version == 1
    good = "1 = Stämmer inte alls\n\n 6 =  Stämmer helt \n"
    assert client.post(path, post | {"scale": good}).status_code == 302
    area.refresh_from_db()
    assert area.scale == [
        {"value": 1, "label": "Stämmer inte alls"},
        {"value": 6, "label": "Stämmer helt"},
    ]
    page = client.get(path).content.decode()
    assert "1 = Stämmer inte alls\n6 = Stämmer helt</textarea>" in page
    detail = client.get(url("framework_detail", world, pk=own.pk)).content.decode()
    assert "<li>1 – Stämmer inte alls</li><li>6 – Stämmer helt</li>" in detail
    assert "(scale 1, 6)" in detail
    response = client.post(path, post | {"version": 2, "scale": "2 = B\n1 = A"})
    assert "The values of the scale&#x27;s steps must increase" in response.content.decode()


def test_the_question_form_reads_a_scale_and_a_locked_version_gets_it_in_a_copy(world, client_for):
    own = services.framework_copy(
        source=kvalitetsutmarkelsen(), organisation=world.organisation, by=None
    )
    make_entry(world.unit_a, framework=own)
    question = Question.objects.get(area__framework=own, number=1)
    post = {"number": 1, "text": question.text, "version": 1, "scale": "0 = Nej\n1 = Ja"}
    client = client_for(world.admin)
    assert client.post(url("question_edit", world, pk=question.pk), post).status_code == 302
    copy = FrameworkVersion.objects.get(copied_from=own)
    assert Question.objects.get(area__framework=copy, number=1).scale_values == [0, 1]
    question.refresh_from_db()
    assert question.scale == []
    detail = client.get(url("framework_detail", world, pk=copy.pk)).content.decode()
    assert "(scale 0–1)" in detail and "<li>1 – Ja</li>" in detail
