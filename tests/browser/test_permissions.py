"""What each person may see and change, as they see it in the browser."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import follow, log_in, main_nav, visit

pytestmark = pytest.mark.browser

ORG = "/o/testkommun/"


def test_it_hides_a_sibling_unit_from_the_manager_of_another_unit(page, world):
    log_in(page, "outsider")  # unit manager of Enhet B
    follow(page, page.locator(f"main h3 a[href='{ORG}']"))
    tree = page.locator("#tree")
    expect(tree.get_by_role("link", name="Enhet B")).to_be_visible()
    expect(tree.get_by_role("link", name="Enhet A")).to_have_count(0)

    response = visit(page, f"{ORG}units/{world.unit_a.pk}/")
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text("Enhet A")


def test_it_shows_a_reader_the_units_without_any_way_to_change_them(page, world):
    log_in(page, "reader")  # reader on the whole municipality
    follow(page, page.locator(f"main h3 a[href='{ORG}']"))
    expect(main_nav(page, f"{ORG}people/")).to_have_count(0)
    expect(main_nav(page, f"{ORG}settings/")).to_have_count(0)
    follow(page, page.locator("#tree").get_by_role("link", name="Enhet A"))

    expect(page.locator("h1")).to_have_text("Enhet A")
    main = page.locator("main")
    for action in ("/units/new/", "/edit/", "/move/", "/deactivate/", "/roles/", "/revoke/"):
        expect(main.locator(f"a[href*='{action}'], form[action*='{action}']")).to_have_count(0)

    response = visit(page, f"{ORG}units/{world.unit_a.pk}/edit/")
    assert response.status == 403
