"""The framework pages: who may administer them, import and export, editing parts and scales."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from roder.quality.frameworks import files, services
from roder.quality.models import FrameworkVersion, Question
from roder.quality.testing import (
    ADMIN_ONLY,
    PERSONAS,
    kommunkompassen,
    kvalitetsutmarkelsen,
    make_entry,
    make_evaluation,
    url,
)

pytestmark = pytest.mark.django_db


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
    assert json.loads(response.content) == files.export_data(kommunkompassen())


def test_the_export_of_a_label_stored_with_a_line_break_downloads(world, client_for):
    """Labels stored before they were checked may hold a line break or a quote; the file name
    is made of letters, digits and hyphens."""
    own = FrameworkVersion.objects.create(
        organisation=world.organisation, code="kk", name="KK", version_label='2010\n"(2)'
    )
    response = client_for(world.reader).get(url("framework_export", world, pk=own.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kk-2010-2.json"'


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
