import pytest
from django.core import mail
from django.urls import reverse

from roder.testing import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def test_it_logs_in_and_out(world, client):
    response = client.post(LOGIN, {"username": "manager", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home:start")
    assert client.get(reverse("home:start")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home:start")).status_code == 302


def test_it_refuses_logout_by_get(world, client_for):
    assert client_for(world.manager).get(reverse("accounts:logout")).status_code == 405


def test_it_speaks_swedish_by_default_whatever_the_browser_says(world, client):
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = response.content.decode()
    assert '<html lang="sv">' in page
    assert "Logga in" in page


def test_it_switches_to_english_and_back(world, client):
    client.post(reverse("set_language"), {"language": "en", "next": LOGIN})
    assert '<html lang="en">' in client.get(LOGIN).content.decode()
    client.post(reverse("set_language"), {"language": "sv", "next": LOGIN})
    assert '<html lang="sv">' in client.get(LOGIN).content.decode()


def test_it_lists_demo_accounts_only_in_demo_mode(world, client, settings):
    settings.DEMO = False
    assert "controller" not in client.get(LOGIN).content.decode()
    settings.DEMO = True
    page = client.get(LOGIN).content.decode()
    assert "enhetschef" in page and "<code>demo</code>" in page


def test_it_mails_a_password_reset_link(world, client):
    response = client.post(reverse("accounts:password_reset"), {"email": "manager@example.se"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_it_changes_the_password(world, client_for):
    client = client_for(world.manager)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "ett nytt långt lösen 7",
            "new_password2": "ett nytt långt lösen 7",
        },
    )
    assert response.status_code == 302
    world.manager.refresh_from_db()
    assert world.manager.check_password("ett nytt långt lösen 7")


def test_it_refuses_a_short_password(world, client_for):
    client = client_for(world.manager)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "kort", "new_password2": "kort"},
    )
    assert response.status_code == 200
    world.manager.refresh_from_db()
    assert world.manager.check_password(PASSWORD)


def test_a_wrong_password_does_not_say_user_names_are_case_sensitive(world, client):
    """User names are case-folded; Django's text says both fields may be case-sensitive."""
    response = client.post(
        reverse("accounts:login"), {"username": "READER", "password": "wrong-password-1"}
    )
    page = response.content.decode()
    assert "Användarnamnet eller lösenordet är fel" in page
    assert "båda fälten" not in page
