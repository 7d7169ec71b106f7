import datetime

import pytest
from django.utils import timezone

from roder.api.models import ApiToken
from roder.api.testing import make_token
from roder.testing import PERSONAS

pytestmark = pytest.mark.django_db

PAGE = "/o/testkommun/api-tokens/"


def _form(**extra):
    return {
        "name": "Power BI",
        "role": "reader",
        "scopes": ["read"],
        "expires_on": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        **extra,
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_lets_everyone_make_a_token_shown_once(client_for, world, persona):
    client = client_for(getattr(world, persona))
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "API-nycklar" in page.content.decode() or "API" in page.content.decode()
    response = client.post(PAGE, _form())
    assert response.status_code == 200
    token = ApiToken.objects.get()
    assert token.person == getattr(world, persona) and token.kind == "personal"
    text = response.content.decode()
    secret_at = text.index('id="secret"')
    assert "roder_" in text[secret_at : secret_at + 200]
    assert 'id="secret"' not in client.get(PAGE).content.decode()


def test_it_refuses_a_higher_role_on_the_form(client_for, world):
    response = client_for(world.reporter).post(PAGE, _form(role="administrator"))
    assert response.status_code == 200
    assert not ApiToken.objects.exists()
    assert "högre" in response.content.decode()


def test_it_offers_service_tokens_to_organisation_administrators_only(client_for, world):
    assert 'name="kind"' in client_for(world.admin).get(PAGE).content.decode()
    assert 'name="kind"' not in client_for(world.controller).get(PAGE).content.decode()
    client_for(world.controller).post(PAGE, _form(kind="service"))
    assert ApiToken.objects.get().kind == "personal"
    client_for(world.admin).post(PAGE, _form(kind="service", name="Qlik"))
    assert ApiToken.objects.get(name="Qlik").kind == "service"


def test_it_hides_the_page_from_outside_the_organisation(client, client_for, world):
    from roder.testing import make_organisation, make_person

    other = make_organisation("Annan kommun", "annan")
    stranger = make_person(other, "stranger", role="reader", unit=other.units.get(parent=None))
    assert client_for(stranger).get(PAGE).status_code == 404
    client.logout()
    assert client.get(PAGE).status_code == 302  # to the log-in


def test_it_lets_the_owner_revoke_and_nobody_else(client_for, world):
    token, _secret = make_token(world.reporter, world.organisation)
    url = f"{PAGE}{token.pk}/revoke/"
    for persona in ("admin", "manager", "outsider"):
        assert client_for(getattr(world, persona)).post(url, {"version": 1}).status_code == 403
    assert client_for(world.reporter).get(url).status_code == 405
    response = client_for(world.reporter).post(url, {"version": token.version})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_it_lets_organisation_administrators_revoke_service_tokens(client_for, world):
    token, _secret = make_token(world.admin, world.organisation, kind="service")
    other_admin = world.controller
    assert (
        client_for(other_admin).post(f"{PAGE}{token.pk}/revoke/", {"version": 1}).status_code == 403
    )
    from roder.testing import make_person

    second = make_person(
        world.organisation, "admin2", role="administrator", unit=world.municipality
    )
    page = client_for(second).get(PAGE).content.decode()
    assert token.name in page
    client_for(second).post(f"{PAGE}{token.pk}/revoke/", {"version": token.version})
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_it_is_in_the_account_menu(client_for, world):
    page = client_for(world.reader).get("/o/testkommun/").content.decode()
    assert f'href="{PAGE}"' in page
