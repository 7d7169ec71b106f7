"""Rate limits on logging in (both log-in pages) and on password-reset mails."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse

from roder.accounts.forms import RateLimitedAuthenticationForm
from roder.core.models import RateLimit
from roder.organisation.models import Organisation
from roder.testing import PASSWORD, parallel_database

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")
ADMIN_LOGIN = reverse("admin:login")
RESET = reverse("accounts:password_reset")
ATTACKER = "198.51.100.66"
PERSON = "203.0.113.10"


def log_in(username, password, *, address=PERSON, client=None, url=LOGIN):
    client = client or Client()
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def page(response):
    return response.content.decode()


def test_it_does_not_lock_the_real_person_out_after_an_attackers_guesses(world):
    for attempt in range(5):
        response = log_in("reader", f"fel-{attempt}", address=ATTACKER)
        assert "Försök igen" not in page(response)
    assert log_in("reader", PASSWORD, address=PERSON).status_code == 302
    refused = log_in("reader", PASSWORD, address=ATTACKER)
    assert refused.status_code == 200
    assert "För många försök. Försök igen om 2 sekunder." in page(refused)


def test_it_counts_full_width_and_case_variants_as_one_name(world):
    for variant in ["ｒｅａｄｅｒ", "READER", "Reader", "ｒeader", "reader"]:
        assert "Försök igen" not in page(log_in(variant, "fel", address=ATTACKER))
    assert "Försök igen om" in page(log_in("ｒｅａｄｅｒ", PASSWORD, address=ATTACKER))
    client = Client()
    assert log_in("Ｒeader", PASSWORD, address=PERSON, client=client).status_code == 302
    assert client.get(reverse("home:start")).context["user"] == world.reader


def test_it_limits_the_admin_sites_log_in_on_the_same_count(world):
    for _ in range(3):
        log_in("admin", "fel", address=ATTACKER, url=ADMIN_LOGIN)
    for _ in range(2):
        log_in("admin", "fel", address=ATTACKER)
    for url in (ADMIN_LOGIN, LOGIN):
        refused = log_in("admin", PASSWORD, address=ATTACKER, url=url)
        assert refused.status_code == 200
        assert "Försök igen om 2 sekunder" in page(refused)


@pytest.mark.django_db(transaction=True)
def test_it_checks_only_the_free_guesses_of_twenty_parallel_ones():
    def guess(index):
        request = RequestFactory().post(LOGIN, REMOTE_ADDR=ATTACKER)
        data = {"username": "lasare", "password": f"fel-{index}"}
        form = RateLimitedAuthenticationForm(request, data=data)
        assert not form.is_valid()
        return form.non_field_errors().as_data()[0].code

    with parallel_database([Organisation, get_user_model(), RateLimit]) as run:
        get_user_model().objects.create_user(username="lasare", password=PASSWORD)
        codes = run(guess, 20)
    assert sorted(codes) == ["invalid_login"] * 5 + ["throttled"] * 15, codes


def test_it_does_not_hold_back_a_browser_that_logged_in_before(world):
    known = Client()
    assert log_in("reader", PASSWORD, client=known).status_code == 302
    known.post(reverse("accounts:logout"))
    for number in range(10):  # guesses from many addresses, one each
        log_in("reader", "fel", address=f"198.51.100.{number}")
    assert "Försök igen om" in page(log_in("reader", PASSWORD, address="192.0.2.1"))
    assert log_in("reader", PASSWORD, client=known).status_code == 302


def test_it_forgives_an_addresss_misses_once_the_person_gets_in(world):
    client = Client()
    for _ in range(4):
        log_in("reader", "fel", client=client)
    assert log_in("reader", PASSWORD, client=client).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(5):
        assert "Försök igen" not in page(log_in("reader", "fel", client=client))


def test_it_reads_the_client_behind_a_trusted_proxy(world, settings):
    settings.RODER_TRUSTED_PROXIES = ["10.0.0.1"]
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    data = {"username": "reader", "password": "fel"}
    for _ in range(5):
        Client().post(LOGIN, data, HTTP_X_FORWARDED_FOR=ATTACKER, **proxy)
    refused = Client().post(LOGIN, data, HTTP_X_FORWARDED_FOR=ATTACKER, **proxy)
    assert "Försök igen om" in page(refused)
    data["password"] = PASSWORD
    assert Client().post(LOGIN, data, HTTP_X_FORWARDED_FOR=PERSON, **proxy).status_code == 302


def test_it_limits_password_reset_mails_per_address_and_mailbox(world):
    for _ in range(3):
        Client().post(RESET, {"email": "manager@example.se"}, REMOTE_ADDR=ATTACKER)
    assert len(mail.outbox) == 3
    for address in (ATTACKER, PERSON):
        refused = Client().post(RESET, {"email": "Manager@example.se"}, REMOTE_ADDR=address)
        assert refused.status_code == 200
        assert "Försök igen om 60 sekunder" in page(refused)
    assert len(mail.outbox) == 3
