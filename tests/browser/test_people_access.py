"""The takeover a security probe found (issue 10): an administrator of one leaf unit opened the
superuser's page, changed the e-mail address, pressed "Send an invitation" and chose the
superuser's password from the mail. Now such pages offer nothing to change, and the addresses,
typed or replayed, answer 403."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from roder.testing import make_person
from tests.browser.conftest import follow, log_in, main_nav, visit

pytestmark = pytest.mark.browser

ORG = "/o/testkommun/"
CHANGES = ("/edit/", "/invite/", "/anonymise/")


def no_way_to_change(page) -> None:
    main = page.locator("main")
    for action in CHANGES:
        expect(main.locator(f"a[href$='{action}'], form[action$='{action}']")).to_have_count(0)


def test_a_leaf_administrator_cannot_take_over_the_superuser_or_the_organisation_admin(
    page, world, live_server
):
    make_person(world.organisation, "leafadmin", role="administrator", unit=world.unit_a)
    root = make_person(
        world.organisation,
        "root",
        first_name="Rut",
        last_name="Rot",
        is_superuser=True,
        is_staff=True,
    )
    for person in (root, world.admin):  # both waiting for an invitation: the button would show
        person.set_unusable_password()
        person.save()
    log_in(page, "leafadmin")
    visit(page, ORG)
    follow(page, main_nav(page, f"{ORG}people/"))
    for name in ("Rut Rot", "Admin Testsson"):
        follow(page, page.locator("#people").get_by_role("link", name=name, exact=True))
        expect(page.locator("h1")).to_have_text(name)
        no_way_to_change(page)
        follow(page, page.locator(f"nav.breadcrumbs a[href$='{ORG}people/']"))

    response = visit(page, f"{ORG}people/{root.pk}/edit/")
    assert response.status == 403
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    headers = {"X-CSRFToken": token, "Referer": live_server.url + ORG}
    for person in (root, world.admin):
        replayed = page.request.post(
            f"{ORG}people/{person.pk}/edit/",
            headers=headers,
            form={
                "first_name": "X",
                "last_name": "Y",
                "username": person.username,
                "email": "attacker@example.net",
                "is_active": "on",
                "version": str(person.version),
            },
        )
        invited = page.request.post(f"{ORG}people/{person.pk}/invite/", headers=headers)
        assert (replayed.status, invited.status) == (403, 403)
        person.refresh_from_db()
        assert person.email == f"{person.username}@example.se"
    assert mail.outbox == []

    # Her own unit's reporter she may change.
    visit(page, f"{ORG}people/{world.reporter.pk}/")
    expect(page.locator(f"main a[href$='/people/{world.reporter.pk}/edit/']")).to_have_count(1)


def test_an_organisation_administrator_anonymises_a_person_who_has_left(page, world):
    log_in(page, "admin")
    visit(page, f"{ORG}people/{world.reporter.pk}/")
    follow(page, page.locator(f"main a[href$='/people/{world.reporter.pk}/anonymise/']"))
    expect(page.locator("h1")).to_have_text("Anonymisera Reporter Testsson")
    follow(page, page.locator("main form button[type=submit]"))

    label = f"borttagen person #{world.reporter.pk}"
    expect(page.locator("h1")).to_have_text(label)
    expect(page.locator("main")).not_to_contain_text("Reporter Testsson")
    world.reporter.refresh_from_db()
    assert not world.reporter.is_active and world.reporter.email == ""
