"""Logging in, holding back guessed passwords, and choosing or changing a password."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import expect

from roder.core.models import RateLimit
from roder.testing import PASSWORD
from tests.browser.conftest import account_menu, follow, log_in, visit

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Ny-lösenfras-för-2025"


def test_it_holds_back_guesses_and_says_how_many_seconds_to_wait(page, world):
    for attempt in range(5):
        log_in(page, "reader", f"wrong-{attempt}")
        expect(page).to_have_url(re.compile(r"/accounts/login/"))
        expect(page.locator("main .errorlist")).to_be_visible()
    held_back = RateLimit.objects.get(scope="login:user+address")
    assert held_back.count == 5
    # The fifth miss makes the name wait 2 s at this address; a slow browser could outlast that.
    RateLimit.objects.filter(pk=held_back.pk).update(
        next_allowed=timezone.now() + timedelta(seconds=30)
    )

    log_in(page, "reader", PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    waiting = re.compile(r"Försök igen om (2\d|30) sekunder")
    expect(page.locator("main .errorlist")).to_contain_text(waiting)
    expect(page.locator("header form[action$='/logout/']")).to_have_count(0)

    # Once the wait is over (moved into the past rather than slept), the right password works.
    RateLimit.objects.update(next_allowed=timezone.now() - timedelta(seconds=1))
    log_in(page, "reader", PASSWORD)
    expect(account_menu(page, "form[action$='/logout/']")).to_be_visible()


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
    expect(account_menu(page, "form[action$='/logout/']")).to_be_visible()


def test_it_explains_a_used_or_broken_reset_link(page, world):
    visit(page, "/accounts/reset/MQ/not-a-token/")
    expect(page.locator("main [name=new_password1]")).to_have_count(0)
    expect(page.locator("main a[href$='/accounts/reset/']")).to_be_visible()


def test_it_lets_a_person_change_their_password(page, world):
    log_in(page, "reader")
    follow(page, account_menu(page, "a[href$='/accounts/password/']"))
    page.locator("main [name=old_password]").fill(PASSWORD)
    page.locator("main [name=new_password1]").fill(NEW_PASSWORD)
    page.locator("main [name=new_password2]").fill(NEW_PASSWORD)
    follow(page, page.locator("main form.stacked button[type=submit]"))
    expect(page).to_have_url(re.compile(r"/accounts/password/done/"))
    world.reader.refresh_from_db()
    assert world.reader.check_password(NEW_PASSWORD)
