"""Every place a password is chosen applies the same rules (AUTH_PASSWORD_VALIDATORS)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from roder.testing import PASSWORD

pytestmark = pytest.mark.django_db
WEAK = ["aaaaaaaaaaaa", "AaAaAaAaAaAa", "abababababab", "abcabcabcabc"]
TOO_FEW = "Lösenordet har för få olika tecken"


@pytest.mark.parametrize("password", WEAK)
def test_it_refuses_a_password_of_a_few_repeated_characters(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert refused.value.error_list[0].code == "password_too_few_distinct_characters"


def test_it_accepts_a_long_password_of_varied_characters():
    validate_password("ett nytt långt lösen 7")


def test_it_refuses_it_when_an_invited_person_chooses_a_password(world, client):
    uid = urlsafe_base64_encode(force_bytes(world.reader.pk))
    token = default_token_generator.make_token(world.reader)
    form_url = client.get(reverse("accounts:password_reset_confirm", args=[uid, token]))["Location"]
    response = client.post(form_url, {"new_password1": WEAK[0], "new_password2": WEAK[0]})
    assert response.status_code == 200
    assert TOO_FEW in response.content.decode()
    world.reader.refresh_from_db()
    assert world.reader.check_password(PASSWORD)


def test_it_refuses_it_when_a_person_changes_their_password(world, client_for):
    response = client_for(world.reader).post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": WEAK[0], "new_password2": WEAK[0]},
    )
    assert TOO_FEW in response.content.decode()
    world.reader.refresh_from_db()
    assert world.reader.check_password(PASSWORD)


def test_it_refuses_it_in_the_admin_sites_new_person_form(world, client_for):
    world.admin.is_staff = world.admin.is_superuser = True
    world.admin.save()
    data = {"username": "ny", "password1": WEAK[0], "password2": WEAK[0], "usable_password": "true"}
    response = client_for(world.admin).post(reverse("admin:accounts_user_add"), data)
    assert response.status_code == 200
    assert TOO_FEW in response.content.decode()
    assert not get_user_model().objects.filter(username="ny").exists()


def test_it_refuses_it_from_createsuperuser_without_a_prompt(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", WEAK[0])
    with pytest.raises(CommandError, match=TOO_FEW):
        call_command("createsuperuser", "--noinput", username="chef", email="chef@example.se")
    assert not get_user_model().objects.exists()
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "ett nytt långt lösen 7")
    call_command("createsuperuser", "--noinput", username="Ｃhef", email="chef@example.se")
    assert get_user_model().objects.get().username == "chef"
