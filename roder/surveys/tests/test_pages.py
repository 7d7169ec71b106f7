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
