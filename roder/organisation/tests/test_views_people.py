import pytest
from django.core import mail
from django.urls import reverse

from roder.core.models import HistoryEntry
from roder.organisation.models import Organisation, Unit
from roder.testing import make_organisation, make_person

pytestmark = pytest.mark.django_db

ADMIN_ONLY = {
    "admin": 200,
    "controller": 403,
    "manager": 403,
    "reporter": 403,
    "reader": 403,
    "outsider": 403,
}


def url(name, world, **kwargs):
    return reverse(f"organisation:{name}", kwargs={"org": world.organisation.slug, **kwargs})


@pytest.mark.parametrize("persona", list(ADMIN_ONLY))
@pytest.mark.parametrize("view", ["people", "person_create", "settings"])
def test_it_lets_only_administrators_open_people_and_settings(world, client_for, persona, view):
    response = client_for(world.personas[persona]).get(url(view, world))
    assert response.status_code == ADMIN_ONLY[persona]


@pytest.mark.parametrize("persona", list(ADMIN_ONLY))
@pytest.mark.parametrize("view", ["person_detail", "person_edit"])
def test_it_lets_only_administrators_open_a_person(world, client_for, persona, view):
    response = client_for(world.personas[persona]).get(url(view, world, pk=world.reader.pk))
    assert response.status_code == ADMIN_ONLY[persona]


def test_it_hides_people_of_another_organisation(world, client_for):
    other = make_organisation("Grannkommun", "grannkommun")
    stranger = make_person(other, "stranger")
    response = client_for(world.admin).get(url("person_detail", world, pk=stranger.pk))
    assert response.status_code == 404


@pytest.mark.parametrize("persona", list(ADMIN_ONLY))
def test_it_lets_only_administrators_add_people(world, client_for, persona):
    client = client_for(world.personas[persona])
    data = {
        "first_name": "Nina",
        "last_name": "Ny",
        "username": "nina",
        "email": "nina@example.se",
        "invite": "on",
    }
    response = client.post(url("person_create", world), data)
    assert response.status_code == (302 if persona == "admin" else 403)
    added = world.organisation.people.filter(username="nina").exists()
    assert added == (persona == "admin")
    assert len(mail.outbox) == (1 if persona == "admin" else 0)


def test_the_invitation_link_lets_the_person_choose_a_password_and_log_in(world, client_for):
    client = client_for(world.admin)
    client.post(
        url("person_create", world),
        {
            "first_name": "Nina",
            "last_name": "Ny",
            "username": "nina",
            "email": "nina@example.se",
            "invite": "on",
        },
    )
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    client.logout()
    page = client.get(link.replace("http://testserver", ""), follow=True)
    form_url = page.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "ett långt lösenord 42", "new_password2": "ett långt lösenord 42"},
    )
    assert response.status_code == 302
    assert client.login(username="nina", password="ett långt lösenord 42")


def test_it_refuses_a_taken_user_name_and_keeps_the_form(world, client_for):
    response = client_for(world.admin).post(
        url("person_create", world),
        {"first_name": "Annan", "last_name": "Admin", "username": "ADMIN", "email": ""},
    )
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert world.organisation.people.count() == 6


@pytest.mark.parametrize("persona", list(ADMIN_ONLY))
def test_it_lets_only_administrators_edit_people(world, client_for, persona):
    client = client_for(world.personas[persona])
    data = {
        "first_name": "Rut",
        "last_name": "Läsare",
        "username": "reader",
        "email": "",
        "title": "Ledamot",
        "is_active": "on",
        "version": world.reader.version,
    }
    response = client.post(url("person_edit", world, pk=world.reader.pk), data)
    assert response.status_code == (302 if persona == "admin" else 403)
    world.reader.refresh_from_db()
    assert (world.reader.title == "Ledamot") == (persona == "admin")


def test_it_shows_a_persons_history(world, client_for):
    client = client_for(world.admin)
    client.post(
        url("role_grant", world, pk=world.unit_b.pk),
        {"person": world.reader.pk, "kind": "reporter"},
    )
    page = client.get(url("person_detail", world, pk=world.reader.pk)).content.decode()
    assert "Enhet B" in page
    assert HistoryEntry.objects.filter(
        person=world.reader, action="grant", actor=world.admin
    ).exists()


@pytest.mark.parametrize("persona", list(ADMIN_ONLY))
def test_it_lets_only_organisation_administrators_change_settings(world, client_for, persona):
    client = client_for(world.personas[persona])
    data = {
        "name": "Nya Testkommun",
        "slug": "testkommun",
        "municipality_code": "0114",
        "fiscal_year_start_month": "1",
        "version": world.organisation.version,
    }
    response = client.post(url("settings", world), data)
    assert response.status_code == (302 if persona == "admin" else 403)
    assert Organisation.objects.get().name == (
        "Nya Testkommun" if persona == "admin" else "Testkommun"
    )


def test_it_refuses_a_bad_municipality_code(world, client_for):
    data = {
        "name": "Testkommun",
        "slug": "testkommun",
        "municipality_code": "11",
        "fiscal_year_start_month": "1",
        "version": world.organisation.version,
    }
    response = client_for(world.admin).post(url("settings", world), data)
    assert response.status_code == 200
    assert Organisation.objects.get().municipality_code == ""


def test_only_superusers_create_organisations(world, client_for):
    data = {"name": "Nykommun", "slug": "nykommun", "municipality_code": "", "root_code": "NK"}
    assert (
        client_for(world.admin).post(reverse("organisation:organisation_create"), data).status_code
        == 403
    )
    world.admin.is_superuser = True
    world.admin.save()
    response = client_for(world.admin).post(reverse("organisation:organisation_create"), data)
    assert response.status_code == 302
    root = Unit.objects.get(organisation__slug="nykommun", parent=None)
    assert (root.code, root.kind) == ("NK", "municipality")


def test_a_person_page_links_only_the_units_the_viewer_can_open(world, client_for):
    """The controller's role is on Kommunstyrelsen; Enhet A's administrator sees its name, but a
    link to it would answer 404."""
    leaf_admin = make_person(
        world.organisation, "leafadmin", role="administrator", unit=world.unit_a
    )
    page = client_for(leaf_admin).get(url("person_detail", world, pk=world.controller.pk))
    assert page.status_code == 200
    html = page.content.decode()
    committee = url("unit_detail", world, pk=world.committee.pk)
    assert "Kommunstyrelsen" in html and committee not in html
    assert client_for(leaf_admin).get(committee).status_code == 404
    admin_page = client_for(world.admin).get(url("person_detail", world, pk=world.controller.pk))
    assert committee in admin_page.content.decode()
