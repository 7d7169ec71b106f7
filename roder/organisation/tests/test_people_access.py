"""Who may change whom (issue 10, defect 1: account takeover through the people pages).

A person may be edited, invited or deactivated only by someone whose administrator role covers
every unit where that person holds a role; a superuser only by a superuser; nobody raises their
own roles. Refused writes change nothing: no history entry, no mail, no row changed.
"""

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from roder.organisation import services
from roder.organisation.access import can_change_person, grants_for
from roder.organisation.models import Role
from roder.testing import make_person

pytestmark = pytest.mark.django_db

ATTACKER_EMAIL = "attacker@example.net"


@pytest.fixture
def leaf_admin(world):
    """An administrator of one leaf unit (Enhet A) only."""
    return make_person(world.organisation, "leafadmin", role="administrator", unit=world.unit_a)


@pytest.fixture
def superuser(world):
    """The installation's administrator, a person of the organisation without roles."""
    return make_person(world.organisation, "root", is_superuser=True, is_staff=True)


def url(name, world, **kwargs):
    return reverse(f"organisation:{name}", kwargs={"org": world.organisation.slug, **kwargs})


def every_row() -> dict:
    """Every row of every table (sessions aside: logging in writes them)."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model is not Session
    }


def edit_data(person, **changes) -> dict:
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "username": person.username,
        "email": person.email,
        "title": person.title,
        "is_active": "on" if person.is_active else "",
        "version": person.version,
    }
    return {**data, **changes}


def service_values(person, **changes) -> dict:
    values = {name: getattr(person, name) for name in services.PERSON_FIELDS}
    return {**values, **changes}


# --- the rule ------------------------------------------------------------------------------


def test_it_lets_an_administrator_change_only_people_whose_every_role_they_cover(
    world, leaf_admin, superuser
):
    make_person(world.organisation, "norole")
    two_units = make_person(world.organisation, "twounits", role="reporter", unit=world.unit_a)
    services.role_grant(person=two_units, unit=world.unit_b, kind="reader", by=None)
    fv_admin = make_person(
        world.organisation, "fvadmin", role="administrator", unit=world.administration
    )
    expected = {
        # target: (leaf admin of A, administrator of Förvaltningen, organisation admin, superuser)
        "manager": (True, True, True, True),
        "reporter": (True, True, True, True),
        "outsider": (False, True, True, True),
        "reader": (False, False, True, True),
        "controller": (False, False, True, True),
        "admin": (False, False, True, True),
        "twounits": (False, True, True, True),
        "norole": (False, False, True, True),
        "root": (False, False, False, True),
        "leafadmin": (True, True, True, True),
    }
    people = {p.username: p for p in world.organisation.people.all()}
    actors = (leaf_admin, fv_admin, world.admin, superuser)
    for username, allowed in expected.items():
        got = tuple(
            can_change_person(grants_for(a, world.organisation), people[username]) for a in actors
        )
        assert got == allowed, username
    for persona in ("controller", "manager", "reporter", "reader", "outsider"):
        grants = grants_for(world.personas[persona], world.organisation)
        assert not can_change_person(grants, world.reporter), persona


def test_staff_accounts_are_changed_only_by_superusers(world):
    staff = make_person(world.organisation, "staff", is_staff=True)
    assert not can_change_person(grants_for(world.admin, world.organisation), staff)


# --- services ------------------------------------------------------------------------------


def test_it_refuses_a_leaf_administrator_the_superusers_email_and_invitation(
    world, leaf_admin, superuser
):
    rows = every_row()
    with pytest.raises(PermissionDenied):
        services.person_update(
            person=superuser,
            expected_version=superuser.version,
            by=leaf_admin,
            **service_values(superuser, email=ATTACKER_EMAIL),
        )
    with pytest.raises(PermissionDenied):
        services.person_invite(person=superuser, base_url="http://testserver/", by=leaf_admin)
    assert every_row() == rows
    assert mail.outbox == []


@pytest.mark.parametrize("target", ["admin", "controller", "reader", "outsider"])
def test_it_refuses_a_leaf_administrator_anyone_with_a_role_beyond_their_unit(
    world, leaf_admin, target
):
    person = world.personas[target]
    rows = every_row()
    with pytest.raises(PermissionDenied):
        services.person_update(
            person=person,
            expected_version=person.version,
            by=leaf_admin,
            **service_values(person, is_active=False),
        )
    assert every_row() == rows


def test_an_organisation_administrator_cannot_change_a_superuser(world, superuser):
    with pytest.raises(PermissionDenied):
        services.person_update(
            person=superuser,
            expected_version=superuser.version,
            by=world.admin,
            **service_values(superuser, first_name="Hijacked"),
        )
    superuser.refresh_from_db()
    assert superuser.first_name == "Root"


def test_a_leaf_administrator_changes_people_of_their_own_unit(world, leaf_admin):
    services.person_update(
        person=world.reporter,
        expected_version=world.reporter.version,
        by=leaf_admin,
        **service_values(world.reporter, title="Handläggare"),
    )
    world.reporter.refresh_from_db()
    assert world.reporter.title == "Handläggare"


def test_it_refuses_roles_on_units_the_actor_does_not_administer(world, leaf_admin):
    rows = every_row()
    with pytest.raises(PermissionDenied):
        services.role_grant(
            person=leaf_admin, unit=world.administration, kind="administrator", by=leaf_admin
        )
    with pytest.raises(PermissionDenied):
        services.role_grant(person=world.reporter, unit=world.unit_b, kind="reader", by=leaf_admin)
    with pytest.raises(PermissionDenied):
        services.role_grant(
            person=world.manager, unit=world.unit_a, kind="administrator", by=world.manager
        )
    outsider_role = Role.objects.get(person=world.outsider)
    with pytest.raises(PermissionDenied):
        services.role_revoke(role=outsider_role, by=leaf_admin)
    assert every_row() == rows


def test_a_leaf_administrator_gives_and_removes_roles_on_their_own_unit(world, leaf_admin):
    role = services.role_grant(
        person=world.reader, unit=world.unit_a, kind="reporter", by=leaf_admin
    )
    services.role_revoke(role=role, by=leaf_admin)
    assert not Role.objects.filter(pk=role.pk).exists()


def test_changing_the_email_of_someone_who_can_log_in_tells_the_old_address(world):
    services.person_update(
        person=world.manager,
        expected_version=world.manager.version,
        by=world.admin,
        **service_values(world.manager, email="ny.adress@example.se"),
    )
    assert [message.to for message in mail.outbox] == [["manager@example.se"]]
    body = mail.outbox[0].body
    assert "Admin Testsson" in body
    assert "ny.adress@example.se" not in body  # the old address may no longer be theirs


def test_changing_the_email_of_someone_without_a_password_sends_nothing(world):
    invited = make_person(world.organisation, "invited", role="reporter", unit=world.unit_a)
    invited.set_unusable_password()
    invited.save()
    services.person_update(
        person=invited,
        expected_version=invited.version,
        by=world.admin,
        **service_values(invited, email="rattad@example.se"),
    )
    assert mail.outbox == []


# --- views ---------------------------------------------------------------------------------


def test_the_takeover_a_leaf_administrator_tried_is_refused(
    world, client_for, leaf_admin, superuser
):
    """The probe's path: edit the superuser's e-mail, press "send invitation", set a password."""
    client = client_for(leaf_admin)
    rows = every_row()
    edit = client.post(
        url("person_edit", world, pk=superuser.pk), edit_data(superuser, email=ATTACKER_EMAIL)
    )
    invite = client.post(url("person_invite", world, pk=superuser.pk))
    assert (edit.status_code, invite.status_code) == (403, 403)
    assert every_row() == rows
    assert mail.outbox == []


VIEW_PERSONAS = ["admin", "leaf_admin", "controller", "manager", "reporter", "reader", "outsider"]


def _actor(world, persona, leaf_admin):
    return leaf_admin if persona == "leaf_admin" else world.personas[persona]


@pytest.mark.parametrize("persona", VIEW_PERSONAS)
@pytest.mark.parametrize("target", ["superuser", "admin", "reader", "reporter"])
def test_every_replayed_edit_and_invitation_by_a_lower_role_changes_nothing(
    world, client_for, leaf_admin, superuser, persona, target
):
    person = superuser if target == "superuser" else world.personas[target]
    allowed = target != "superuser" and (
        persona == "admin" or (persona == "leaf_admin" and target == "reporter")
    )
    client = client_for(_actor(world, persona, leaf_admin))
    rows = every_row()
    responses = [
        client.get(url("person_edit", world, pk=person.pk)),
        client.post(
            url("person_edit", world, pk=person.pk),
            edit_data(person, email=ATTACKER_EMAIL, is_active=""),
        ),
        client.post(url("person_invite", world, pk=person.pk)),
    ]
    codes = [response.status_code for response in responses]
    if allowed:
        assert 403 not in codes
        return
    assert codes == [403, 403, 403]
    assert every_row() == rows
    assert mail.outbox == []


@pytest.mark.parametrize("persona", VIEW_PERSONAS)
def test_every_replayed_role_grant_and_revoke_by_a_lower_role_changes_nothing(
    world, client_for, leaf_admin, persona
):
    client = client_for(_actor(world, persona, leaf_admin))
    admin_role = Role.objects.get(person=world.admin)
    rows = every_row()
    responses = [
        client.post(
            url("role_grant", world, pk=world.municipality.pk),
            {"person": _actor(world, persona, leaf_admin).pk, "kind": "administrator"},
        ),
        client.post(url("role_revoke", world, pk=world.municipality.pk, role_pk=admin_role.pk)),
    ]
    if persona == "admin":
        return  # the organisation administrator may; their grant to themselves is a duplicate
    expected = 403 if persona == "reader" else 404  # only the reader sees the top unit
    assert [response.status_code for response in responses] == [expected, expected]
    assert every_row() == rows


def test_the_person_page_offers_only_what_the_viewer_may_use(
    world, client_for, leaf_admin, superuser
):
    superuser.set_unusable_password()  # an invitation would be offered
    superuser.save()
    client = client_for(leaf_admin)
    for person in (superuser, world.admin):
        page = client.get(url("person_detail", world, pk=person.pk)).content.decode()
        assert url("person_edit", world, pk=person.pk) not in page
        assert url("person_invite", world, pk=person.pk) not in page
    page = client.get(url("person_detail", world, pk=world.reporter.pk)).content.decode()
    assert url("person_edit", world, pk=world.reporter.pk) in page
    page = client_for(superuser).get(url("person_detail", world, pk=superuser.pk)).content.decode()
    assert url("person_invite", world, pk=superuser.pk) in page
