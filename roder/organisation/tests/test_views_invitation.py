"""The people pages say when an invitation was sent, and show the link to copy where mail does
not reach people, to those who may invite the person only."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from roder.organisation import services
from roder.testing import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(world):
    """A person on Enhet A who has not chosen a password yet."""
    person = services.person_create(
        organisation=world.organisation,
        username="nykomling",
        first_name="Nina",
        last_name="Nykomling",
        email="nina@example.se",
        by=world.admin,
    )
    services.role_grant(person=person, unit=world.unit_a, kind="reporter", by=world.admin)
    return person


def _page(world, person):
    return reverse(
        "organisation:person_detail", kwargs={"org": world.organisation.slug, "pk": person.pk}
    )


def _people(world):
    return reverse("organisation:people", kwargs={"org": world.organisation.slug})


def test_it_says_when_and_by_whom_an_invitation_was_sent(world, client_for, newcomer):
    client = client_for(world.admin)
    assert client.get(_page(world, newcomer)).context["invitation"] is None
    services.person_invite(person=newcomer, base_url="http://testserver/", by=world.admin)
    response = client.get(_page(world, newcomer))
    assert response.context["invitation"].actor == world.admin
    text = response.content.decode()
    day = response.context["invitation"].at.astimezone().date().isoformat()
    assert day in text and str(world.admin) in text
    people = client.get(_people(world))
    [row] = [p for p in people.context["people"] if p.pk == newcomer.pk]
    assert row.invitation.actor == world.admin


def test_the_people_list_reads_invitations_in_one_query(
    world, client_for, newcomer, django_assert_num_queries
):
    client = client_for(world.admin)
    client.get(_people(world))  # warm the session
    with CaptureQueriesContext(connection) as before:
        client.get(_people(world))
    for n in range(5):
        person = make_person(world.organisation, f"ny{n}")
        person.set_unusable_password()
        person.save()
        services.person_invite(person=person, base_url="http://testserver/", by=world.admin)
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(_people(world))


def test_the_administrator_may_copy_the_link_when_mail_goes_to_the_log(world, client_for, newcomer):
    response = client_for(world.admin).get(_page(world, newcomer))
    link = response.context["invitation_link"]
    assert link.startswith("http://testserver/accounts/reset/")
    text = response.content.decode()
    assert f'value="{link}"' in text and "readonly" in text
    assert 'data-copy="invitation-link"' in text
    # The link lets the newcomer choose a password.
    followed = Client().get(link.removeprefix("http://testserver"), follow=True)
    assert followed.context["validlink"] is True


def test_the_people_list_says_that_mail_goes_to_the_log(world, client_for, settings):
    note = gettext(
        "E-mail from this installation goes to the server log, not to people. A person's page "
        "shows their invitation link to copy and give them yourself."
    ).split(".")[0]  # the part without an apostrophe to escape
    client = client_for(world.admin)
    settings.RODER_MAIL_DELIVERED = False
    assert escape(note) in client.get(_people(world)).content.decode()
    settings.RODER_MAIL_DELIVERED = True
    assert escape(note) not in client.get(_people(world)).content.decode()


def test_no_link_where_mail_reaches_people(world, client_for, newcomer, settings):
    settings.RODER_MAIL_DELIVERED = True
    response = client_for(world.admin).get(_page(world, newcomer))
    assert response.context["invitation_link"] == ""
    assert "invitation-link" not in response.content.decode()


def test_no_link_for_an_administrator_who_may_not_invite_the_person(world, client_for, newcomer):
    # An administrator of Enhet B does not cover Enhet A, where the newcomer has a role.
    other = make_person(world.organisation, "badmin", role="administrator", unit=world.unit_b)
    response = client_for(other).get(_page(world, newcomer))
    assert response.status_code == 200
    assert response.context["invitation_link"] == ""
    assert "/accounts/reset/" not in response.content.decode()


@pytest.mark.parametrize("persona", ["controller", "manager", "reporter", "reader", "outsider"])
def test_no_link_for_people_who_are_not_administrators(world, client_for, newcomer, persona):
    response = client_for(world.personas[persona]).get(_page(world, newcomer))
    assert response.status_code in (403, 404)
    assert "/accounts/reset/" not in response.content.decode()


def test_no_link_once_the_person_chose_a_password(world, client_for, newcomer):
    newcomer.set_password("Ett-riktigt-lösen-2026")
    newcomer.save()
    response = client_for(world.admin).get(_page(world, newcomer))
    assert response.context["invitation_link"] == ""
