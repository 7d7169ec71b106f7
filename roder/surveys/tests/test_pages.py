"""The pages that run surveys: the overview, questionnaires, creating and running rounds —
permissions (the sibling unit's manager sees nothing of another unit's rounds), bad input that
writes nothing, and constant query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from roder.organisation.models import Unit
from roder.surveys import services
from roder.surveys.models import Questionnaire
from roder.testing import add_units

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def hme():
    return Questionnaire.objects.get(organisation=None, code="hme")


def make_round(world, *, owner=None, units=None, access="open", name="HME 2026", **extra):
    return services.round_create(
        organisation=world.organisation,
        questionnaire=extra.get("questionnaire") or hme(),
        owner_unit=owner or world.unit_a,
        units=units or [owner or world.unit_a],
        name=name,
        access=access,
        opens_on=extra.get("opens_on", TODAY - datetime.timedelta(days=1)),
        closes_on=extra.get("closes_on", TODAY + datetime.timedelta(days=10)),
        by=world.admin,
    )


def overview_url(world, **query):
    url = reverse("surveys:overview", kwargs={"org": world.organisation.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# --- the overview ---------------------------------------------------------------------------


def test_the_overview_lists_the_rounds_of_the_units_one_sees(world, client_for):
    make_round(world, name="Enhet A:s enkät")
    make_round(world, owner=world.unit_b, name="Enhet B:s enkät")
    page = client_for(world.manager).get(overview_url(world)).content.decode()
    assert "Enhet A:s enkät" in page
    assert "Enhet B:s enkät" not in page
    assert "Öppen för svar" in page
    outsider = client_for(world.outsider).get(overview_url(world)).content.decode()
    assert "Enhet B:s enkät" in outsider
    assert "Enhet A:s enkät" not in outsider
    everything = client_for(world.admin).get(overview_url(world)).content.decode()
    assert "Enhet A:s enkät" in everything and "Enhet B:s enkät" in everything


def test_the_overview_shows_the_questionnaires_and_the_state_in_swedish(world, client_for):
    services.round_close(round_=make_round(world, name="Stängd enkät 2"), by=world.admin)
    make_round(
        world,
        name="Kommande enkät",
        opens_on=TODAY + datetime.timedelta(days=3),
        closes_on=TODAY + datetime.timedelta(days=9),
    )
    page = client_for(world.reader).get(overview_url(world)).content.decode()
    assert "Stängd" in page and "Inte öppen ännu" in page
    assert "HME" in page and "Ingår i Roder" in page
    for word in ("closed", "not_open", "True", "False"):
        assert f">{word}<" not in page


def test_the_unit_filter_and_the_sibling(world, client_for):
    make_round(world, name="Enhet A:s enkät")
    response = client_for(world.outsider).get(overview_url(world, unit=world.unit_a.pk))
    assert response.status_code == 404
    page = client_for(world.manager).get(overview_url(world, unit=world.unit_a.pk))
    assert "Enhet A:s enkät" in page.content.decode()


def test_the_unit_page_and_the_menu_link_to_the_surveys(world, client_for):
    client = client_for(world.reporter)
    url = reverse(
        "organisation:unit_detail", kwargs={"org": world.organisation.slug, "pk": world.unit_a.pk}
    )
    page = client.get(url).content.decode()
    assert overview_url(world, unit=world.unit_a.pk) in page
    assert f'href="{overview_url(world)}"' in page


@pytest.mark.parametrize("size", [1, 8])
def test_the_overview_reads_in_a_constant_number_of_queries(
    world, client_for, django_assert_max_num_queries, size
):
    units = add_units(world.administration, size)
    for n, unit in enumerate(units):
        round_ = make_round(world, owner=unit, name=f"Enkät {n}", access="personal")
        services.invitations_create(
            round_=round_, unit=unit, recipients=[(f"p{n}@example.se", None)], by=world.admin
        )
    services.questionnaire_copy(source=hme(), organisation=world.organisation, by=world.admin)
    client = client_for(world.admin)
    with django_assert_max_num_queries(12):
        response = client.get(overview_url(world))
    assert response.status_code == 200
    assert Unit.objects.count() >= size


# --- questionnaires -------------------------------------------------------------------------


def q_url(world, name, questionnaire=None):
    kwargs = {"org": world.organisation.slug}
    if questionnaire is not None:
        kwargs["pk"] = questionnaire.pk
    return reverse(f"surveys:{name}", kwargs=kwargs)


def upload(content: bytes, name="enkat.json"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/json")


def test_the_questionnaire_page_shows_groups_questions_and_indices(world, client_for):
    page = client_for(world.reader).get(q_url(world, "questionnaire_detail", hme()))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Skala" in html and "1–5" in html
    assert "HME totalt" in html
    assert "Ingår i Roder" in html and "Skapa en ny version" not in html
    nki = Questionnaire.objects.get(organisation=None, code="nki")
    html = client_for(world.reader).get(q_url(world, "questionnaire_detail", nki)).content
    assert "Steg 1–10" in html.decode() and "De 2 översta stegen" in html.decode()


def test_another_organisations_questionnaire_is_not_found(world, client_for):
    from roder.testing import make_organisation

    other = make_organisation("Annan kommun", "annan")
    theirs = services.questionnaire_copy(source=hme(), organisation=other, by=None)
    client = client_for(world.admin)
    for name in ("questionnaire_detail", "questionnaire_export"):
        assert client.get(q_url(world, name, theirs)).status_code == 404
    assert client.post(q_url(world, "questionnaire_copy", theirs)).status_code == 404


def test_the_export_is_the_file_the_import_reads(world, client_for):
    from roder.surveys import files

    response = client_for(world.reporter).get(q_url(world, "questionnaire_export", hme()))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="hme-skr.json"'
    assert files.parse_file(response.content)["code"] == "hme"
    client = client_for(world.admin)
    response = client.post(q_url(world, "questionnaire_import"), {"file": upload(response.content)})
    imported = Questionnaire.objects.get(organisation=world.organisation, code="hme")
    assert response.status_code == 302
    assert imported.status == "draft" and imported.questions.count() == 9


def test_a_bad_file_is_refused_in_swedish_and_nothing_is_written(world, client_for):
    from roder.core.models import HistoryEntry

    client = client_for(world.admin)
    before = (Questionnaire.objects.count(), HistoryEntry.objects.count())
    for content in (b"{not json", b'{"format": "roder-questionnaire"}', "åäö".encode("latin-1")):
        response = client.post(q_url(world, "questionnaire_import"), {"file": upload(content)})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Expecting" not in html and "is not" not in html
        assert 'class="errorlist' in html
    assert (
        "rad 1"
        in client.post(
            q_url(world, "questionnaire_import"), {"file": upload(b"{not json")}
        ).content.decode()
    )
    assert (Questionnaire.objects.count(), HistoryEntry.objects.count()) == before


def test_copy_and_take_into_use_for_controllers_of_the_organisation_only(world, client_for):
    from roder.organisation.services import role_grant

    for person in (world.controller, world.manager, world.reader, world.outsider):
        client = client_for(person)
        assert client.post(q_url(world, "questionnaire_copy", hme())).status_code == 403
        assert client.get(q_url(world, "questionnaire_import")).status_code == 403
    assert not Questionnaire.objects.filter(organisation=world.organisation).exists()
    role_grant(person=world.controller, unit=world.municipality, kind="controller", by=None)
    client = client_for(world.controller)
    response = client.post(q_url(world, "questionnaire_copy", hme()))
    draft = Questionnaire.objects.get(organisation=world.organisation)
    assert response.status_code == 302 and draft.status == "draft"
    assert (
        client_for(world.manager)
        .post(q_url(world, "questionnaire_take_into_use", draft))
        .status_code
        == 403
    )
    client = client_for(world.controller)
    client.post(q_url(world, "questionnaire_take_into_use", draft))
    draft.refresh_from_db()
    assert draft.status == "in_use"
    page = client.get(q_url(world, "questionnaire_detail", draft)).content.decode()
    assert "Ta i bruk" not in page and "låst" in page
