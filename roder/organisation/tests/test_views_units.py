"""Every unit page and write, tried by each persona (style.md: allowed, 403, 404, login)."""

import datetime

import pytest
from django.urls import reverse

from roder.core.models import HistoryEntry
from roder.organisation.models import Role, Unit
from roder.testing import make_organisation, make_person

pytestmark = pytest.mark.django_db

ADMIN_ONLY = {
    "admin": 200,
    "controller": 403,
    "manager": 403,
    "reporter": 403,
    "reader": 403,
    "outsider": 404,
}
READERS = {**{name: 200 for name in ADMIN_ONLY}, "outsider": 404}


def url(name, world, **kwargs):
    return reverse(f"organisation:{name}", kwargs={"org": world.organisation.slug, **kwargs})


@pytest.mark.parametrize("persona", list(READERS))
def test_it_shows_unit_a_only_to_people_with_a_role_above_it(world, client_for, persona):
    response = client_for(world.personas[persona]).get(
        url("unit_detail", world, pk=world.unit_a.pk)
    )
    assert response.status_code == READERS[persona]


@pytest.mark.parametrize("view", ["unit_edit", "unit_move", "unit_deactivate"])
@pytest.mark.parametrize("persona", list(ADMIN_ONLY))
def test_it_lets_only_administrators_open_unit_forms(world, client_for, persona, view):
    response = client_for(world.personas[persona]).get(url(view, world, pk=world.unit_a.pk))
    assert response.status_code == ADMIN_ONLY[persona]


@pytest.mark.parametrize("persona", list(ADMIN_ONLY))
def test_it_lets_only_administrators_create_units(world, client_for, persona):
    client = client_for(world.personas[persona])
    create = url("unit_create", world) + f"?parent={world.unit_a.pk}"
    data = {"name": "Ny grupp", "code": "NY", "kind": "unit", "valid_from": "2024-01-01"}
    response = client.post(create, data)
    expected = 302 if persona == "admin" else ADMIN_ONLY[persona]
    assert response.status_code == expected
    assert Unit.objects.filter(code="NY").exists() == (persona == "admin")


def test_it_sends_anonymous_visitors_to_the_login_page(world, client):
    response = client.get(url("unit_detail", world, pk=world.unit_a.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_hides_an_organisation_from_people_without_a_role_in_it(world, client_for):
    other = make_organisation("Grannkommun", "grannkommun")
    stranger = make_person(
        other,
        "stranger",
        role="administrator",
        unit=Unit.objects.get(organisation=other, parent=None),
    )
    client = client_for(stranger)
    assert client.get(url("tree", world)).status_code == 404
    assert client.get(url("unit_detail", world, pk=world.unit_a.pk)).status_code == 404
    # The unit id exists, but not in the organisation the address names.
    other_url = reverse(
        "organisation:unit_detail", kwargs={"org": "grannkommun", "pk": world.unit_a.pk}
    )
    assert client.get(other_url).status_code == 404


def test_it_refuses_the_wrong_method(world, client_for):
    client = client_for(world.admin)
    assert client.post(url("tree", world)).status_code == 405
    assert client.get(url("role_grant", world, pk=world.unit_a.pk)).status_code == 405


def test_it_creates_a_unit_and_shows_it(world, client_for):
    client = client_for(world.admin)
    response = client.post(
        url("unit_create", world) + f"?parent={world.unit_a.pk}",
        {"name": "Grupp Norr", "code": "A-N", "kind": "unit", "valid_from": "2024-01-01"},
        follow=True,
    )
    unit = Unit.objects.get(code="A-N")
    assert unit.parent == world.unit_a
    assert response.redirect_chain[-1][0] == url("unit_detail", world, pk=unit.pk)
    assert HistoryEntry.objects.filter(unit=unit, actor=world.admin, action="create").exists()


def test_it_keeps_what_was_typed_when_the_code_is_taken(world, client_for):
    client = client_for(world.admin)
    count = Unit.objects.count()
    response = client.post(
        url("unit_create", world) + f"?parent={world.unit_a.pk}",
        {"name": "Dubblett", "code": "B", "kind": "unit", "valid_from": "2024-01-01"},
    )
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert 'value="Dubblett"' in response.content.decode()
    assert Unit.objects.count() == count


def test_it_answers_in_swedish_when_input_is_bad(world, client_for):
    client = client_for(world.admin)
    response = client.post(
        url("unit_create", world) + f"?parent={world.unit_a.pk}",
        {"name": "Dubblett", "code": "B", "kind": "unit", "valid_from": "2024-01-01"},
    )
    assert "används redan" in response.content.decode()


def test_it_edits_a_unit(world, client_for):
    client = client_for(world.admin)
    response = client.post(
        url("unit_edit", world, pk=world.unit_a.pk),
        {
            "name": "Enhet Alfa",
            "code": "A",
            "kind": "unit",
            "valid_from": "2020-01-01",
            "version": world.unit_a.version,
        },
    )
    assert response.status_code == 302
    world.unit_a.refresh_from_db()
    assert world.unit_a.name == "Enhet Alfa"


def test_it_refuses_a_stale_edit_and_keeps_the_newer_one(world, client_for):
    client = client_for(world.admin)
    form = {"code": "A", "kind": "unit", "valid_from": "2020-01-01", "version": 1}
    client.post(url("unit_edit", world, pk=world.unit_a.pk), {**form, "name": "Först"})
    response = client.post(url("unit_edit", world, pk=world.unit_a.pk), {**form, "name": "Sedan"})
    assert response.status_code == 200
    assert "Någon annan ändrade" in response.content.decode()
    world.unit_a.refresh_from_db()
    assert world.unit_a.name == "Först"


def test_it_refuses_to_move_a_unit_under_its_own_branch(world, client_for):
    client = client_for(world.admin)
    response = client.post(
        url("unit_move", world, pk=world.committee.pk),
        {"new_parent": world.unit_a.pk, "version": world.committee.version},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    world.committee.refresh_from_db()
    assert world.committee.parent == world.municipality


def test_it_moves_a_unit(world, client_for):
    client = client_for(world.admin)
    response = client.post(
        url("unit_move", world, pk=world.unit_b.pk),
        {"new_parent": world.unit_a.pk, "version": world.unit_b.version},
    )
    assert response.status_code == 302
    world.unit_b.refresh_from_db()
    assert world.unit_b.parent == world.unit_a


def test_it_deactivates_a_unit(world, client_for):
    client = client_for(world.admin)
    response = client.post(
        url("unit_deactivate", world, pk=world.unit_b.pk),
        {"last_day": "2026-06-30", "version": world.unit_b.version},
    )
    assert response.status_code == 302
    world.unit_b.refresh_from_db()
    assert world.unit_b.valid_to == datetime.date(2026, 6, 30)


@pytest.mark.parametrize("persona", list(ADMIN_ONLY))
def test_it_lets_only_administrators_give_roles(world, client_for, persona):
    client = client_for(world.personas[persona])
    response = client.post(
        url("role_grant", world, pk=world.unit_b.pk),
        {"person": world.reporter.pk, "kind": "reporter"},
    )
    # On Enhet B the roles swap: its manager (the "outsider") sees it, Enhet A's people do not.
    expected = {**ADMIN_ONLY, "admin": 302, "manager": 404, "reporter": 404, "outsider": 403}
    assert response.status_code == expected[persona]
    granted = Role.objects.filter(person=world.reporter, unit=world.unit_b).exists()
    assert granted == (persona == "admin")


@pytest.mark.parametrize("persona", list(ADMIN_ONLY))
def test_it_lets_only_administrators_remove_roles(world, client_for, persona):
    role = Role.objects.get(person=world.manager, unit=world.unit_a)
    client = client_for(world.personas[persona])
    response = client.post(url("role_revoke", world, pk=world.unit_a.pk, role_pk=role.pk))
    assert response.status_code == (302 if persona == "admin" else ADMIN_ONLY[persona])
    assert Role.objects.filter(pk=role.pk).exists() == (persona != "admin")


def test_it_shows_inherited_roles_and_history_on_the_unit_page(world, client_for):
    response = client_for(world.reader).get(url("unit_detail", world, pk=world.unit_a.pk))
    page = response.content.decode()
    assert str(world.controller) in page  # controller on Kommunstyrelsen, inherited
    assert "Historik" in page
    assert "Redigera" not in page  # a reader gets no edit buttons


def test_it_returns_only_the_tree_region_to_htmx(world, client_for):
    response = client_for(world.admin).get(
        url("tree", world), {"q": "enhet a"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="tree"')
    assert "Enhet A" in page
    assert "Enhet B" not in page


def test_it_shows_last_years_tree(world, client_for):
    client = client_for(world.admin)
    client.post(
        url("unit_deactivate", world, pk=world.unit_b.pk),
        {"last_day": "2025-12-31", "version": world.unit_b.version},
    )
    assert "Enhet B" not in client.get(url("tree", world)).content.decode()
    assert "Enhet B" in client.get(url("tree", world), {"date": "2025-06-01"}).content.decode()
    assert "Enhet B" in client.get(url("tree", world), {"all": "1"}).content.decode()


def test_it_shows_the_outsider_only_their_branch(world, client_for):
    page = client_for(world.outsider).get(url("tree", world)).content.decode()
    assert "Enhet B" in page
    assert "Enhet A" not in page
