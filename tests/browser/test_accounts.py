"""Logging in, throttling of guessed passwords, and choosing or changing a password."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import expect

from roder.accounts.models import FailedLogin
from roder.testing import PASSWORD
from tests.browser.conftest import follow, log_in, visit

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Ny-lösenfras-för-2025"


def test_it_refuses_even_the_right_password_after_five_wrong_ones(page, world):
    assert settings.LOGIN_FAILURE_LIMIT == 5
    for attempt in range(5):
        log_in(page, "reader", f"wrong-{attempt}")
        expect(page).to_have_url(re.compile(r"/accounts/login/"))
        expect(page.locator("main .errorlist")).to_be_visible()
    assert FailedLogin.objects.filter(username="reader").count() == 5

    log_in(page, "reader", PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    minutes = str(settings.LOGIN_FAILURE_WINDOW_MINUTES)
    expect(page.locator("main .errorlist")).to_contain_text(minutes)  # "try again in 15 minutes"
    expect(page.locator("header form[action$='/logout/']")).to_have_count(0)
    visit(page, "/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/"))


def test_it_sends_a_reset_link_and_lets_the_person_choose_a_new_password(page, world):
    visit(page, "/accounts/login/")
    follow(page, page.locator("main a[href$='/accounts/reset/']"))
    page.locator("main [name=email]").fill(world.reader.email)
    follow(page, page.locator("main form.stacked button[type=submit]"))
    expect(page).to_have_url(re.compile(r"/accounts/reset/sent/"))

    # The link the e-mail carries (the live server's outbox is not reliably shared).
    uid = urlsafe_base64_encode(force_bytes(world.reader.pk))
    token = default_token_generator.make_token(world.reader)
    visit(page, f"/accounts/reset/{uid}/{token}/")
    page.locator("main [name=new_password1]").fill(NEW_PASSWORD)
    page.locator("main [name=new_password2]").fill(NEW_PASSWORD)
    follow(page, page.locator("main form.stacked button[type=submit]"))
    expect(page).to_have_url(re.compile(r"/accounts/reset/done/"))
    world.reader.refresh_from_db()
    assert world.reader.check_password(NEW_PASSWORD)

    follow(page, page.locator("main a[href$='/accounts/login/']"))
    log_in(page, "reader", NEW_PASSWORD)
    expect(page.locator("header form[action$='/logout/']")).to_be_visible()


def test_it_explains_a_used_or_broken_reset_link(page, world):
    visit(page, "/accounts/reset/MQ/not-a-token/")
    expect(page.locator("main [name=new_password1]")).to_have_count(0)
    expect(page.locator("main a[href$='/accounts/reset/']")).to_be_visible()


def test_it_lets_a_person_change_their_password(page, world):
    log_in(page, "reader")
    follow(page, page.locator("header a[href$='/accounts/password/']"))
    page.locator("main [name=old_password]").fill(PASSWORD)
    page.locator("main [name=new_password1]").fill(NEW_PASSWORD)
    page.locator("main [name=new_password2]").fill(NEW_PASSWORD)
    follow(page, page.locator("main form.stacked button[type=submit]"))
    expect(page).to_have_url(re.compile(r"/accounts/password/done/"))
    world.reader.refresh_from_db()
    assert world.reader.check_password(NEW_PASSWORD)
