"""The organisation tree as an administrator uses it: search, create, give roles, move, end."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from roder.organisation import services
from roder.organisation.models import Role, Unit
from tests.browser.conftest import axe_check, follow, log_in, log_out, main_nav, visit

pytestmark = pytest.mark.browser

ORG = "/o/testkommun/"


def unit_page(unit) -> str:
    return f"{ORG}units/{unit.pk}/"


def tree_item(page, name: str):
    """The tree's entry for a unit (its <li>, holding its own link and its sub-units)."""
    return page.locator("#tree").locator(f"xpath=.//li[a[normalize-space()='{name}']]")


def test_it_lets_an_administrator_add_a_unit_and_give_a_role_on_it(page, world):
    log_in(page, "admin")
    # The start page has no organisation menu (no organisation is chosen yet): its card links
    # to the tree.
    follow(page, page.locator(f"main h3 a[href='{ORG}']"))
    expect(main_nav(page, ORG)).to_have_attribute("aria-current", "page")
    tree = page.locator("#tree")
    expect(tree.get_by_role("link", name="Enhet A")).to_be_visible()

    page.evaluate("window.searchedWithoutReload = true")  # a full page load would forget this
    page.locator("main input[name=q]").fill("förvalt")
    expect(tree.get_by_role("link", name="Enhet A")).to_have_count(0)
    expect(tree.locator("mark")).to_have_text("Förvaltningen")
    expect(page).to_have_url(re.compile(r"[?&]q=f"))
    assert page.evaluate("window.searchedWithoutReload === true"), "search reloaded the page"
    axe_check(page)

    follow(page, tree.get_by_role("link", name="Förvaltningen"))
    follow(page, page.locator("main a[href*='/units/new/?parent=']"))
    form = page.locator("main form.stacked")
    form.locator("[name=name]").fill("Enhet C")
    form.locator("[name=code]").fill("C")
    form.locator("[name=kind]").select_option("unit")
    form.locator("[name=valid_from]").fill("2024-01-01")
    follow(page, form.locator("button[type=submit]"))

    expect(page.locator("h1")).to_have_text("Enhet C")
    unit = Unit.objects.get(organisation=world.organisation, code="C")
    assert (unit.name, unit.parent, unit.kind, unit.valid_from, unit.valid_to) == (
        "Enhet C",
        world.administration,
        "unit",
        datetime.date(2024, 1, 1),
        None,
    )

    grant = page.locator("form[action$='/roles/']")
    grant.locator("[name=person]").select_option(label="Reporter Testsson (reporter)")
    grant.locator("[name=kind]").select_option("reporter")
    follow(page, grant.locator("button[type=submit]"))
    expect(page.locator(".messages")).to_contain_text("Reporter Testsson")
    roles = page.locator("section[aria-labelledby=roles-heading] tbody tr")
    expect(roles.filter(has_text="Reporter Testsson")).to_have_count(1)
    assert Role.objects.filter(person=world.reporter, unit=unit, kind="reporter").exists()

    log_out(page)
    log_in(page, "reporter")
    follow(page, page.locator("main").get_by_role("link", name="Enhet C").first)
    expect(page.locator("h1")).to_have_text("Enhet C")


def test_it_refuses_a_unit_code_already_used_and_keeps_what_was_typed(page, world):
    units_before = Unit.objects.count()
    log_in(page, "admin")
    visit(page, unit_page(world.administration))
    follow(page, page.locator("main a[href*='/units/new/?parent=']"))
    form = page.locator("main form.stacked")
    form.locator("[name=name]").fill("Enhet Dubblett")
    form.locator("[name=code]").fill("a")  # Enhet A has the code "A": codes ignore case
    form.locator("[name=kind]").select_option("department")
    form.locator("[name=valid_from]").fill("2024-01-01")
    follow(page, form.locator("button[type=submit]"))

    code = form.locator("[name=code]")
    expect(code).to_have_attribute("aria-invalid", "true")
    error = page.locator("#id_code_error")
    expect(error).to_contain_text("Enhet A")  # says which unit already has the code
    expect(code).to_have_attribute("aria-describedby", re.compile(r"\bid_code_error\b"))
    expect(form.locator("[name=name]")).to_have_value("Enhet Dubblett")
    expect(code).to_have_value("a")
    expect(form.locator("[name=kind]")).to_have_value("department")
    expect(form.locator("[name=valid_from]")).to_have_value("2024-01-01")
    assert Unit.objects.count() == units_before


def test_it_does_not_let_a_unit_move_under_its_own_branch(page, world):
    log_in(page, "admin")
    visit(page, unit_page(world.administration))
    follow(page, page.locator("main a[href$='/move/']"))
    new_parent = page.locator("main [name=new_parent]")
    expect(new_parent.locator("option")).to_have_text(
        [re.compile(r"Testkommun \(K\)"), re.compile(r"Kommunstyrelsen \(KS\)")]
    )

    # Even a forged choice (Enhet A lies below Förvaltningen) is refused.
    new_parent.evaluate(
        "(select, pk) => select.add(new Option('Enhet A', pk, true, true))",
        str(world.unit_a.pk),
    )
    follow(page, page.locator("main form.stacked button[type=submit]"))
    expect(page.locator("main .errorlist")).to_be_visible()
    world.administration.refresh_from_db()
    assert world.administration.parent == world.committee


def test_it_moves_a_unit_and_the_tree_shows_it_in_its_new_place(page, world):
    log_in(page, "admin")
    visit(page, unit_page(world.unit_b))
    follow(page, page.locator("main a[href$='/move/']"))
    page.locator("main [name=new_parent]").select_option(str(world.unit_a.pk))
    follow(page, page.locator("main form.stacked button[type=submit]"))

    expect(page.locator("h1")).to_have_text("Enhet B")
    expect(page.locator("nav.breadcrumbs")).to_contain_text("Enhet A")
    world.unit_b.refresh_from_db()
    assert world.unit_b.parent == world.unit_a
    assert world.unit_b.path == f"{world.unit_a.path}{world.unit_b.pk}/"

    follow(page, main_nav(page, ORG))
    expect(tree_item(page, "Enhet A").locator("xpath=./ul/li/a")).to_have_text(["Enhet B"])


def test_it_ends_a_unit_which_then_only_shows_in_the_tree_of_earlier_days(page, world):
    today = timezone.localdate()
    last_day = today - datetime.timedelta(days=1)
    log_in(page, "admin")
    visit(page, unit_page(world.unit_b))
    follow(page, page.locator("main a[href$='/deactivate/']"))
    page.locator("main [name=last_day]").fill(last_day.isoformat())
    follow(page, page.locator("main form.stacked button[type=submit]"))

    expect(page.locator(".messages")).to_be_visible()
    world.unit_b.refresh_from_db()
    assert world.unit_b.valid_to == last_day

    follow(page, main_nav(page, ORG))
    tree = page.locator("#tree")
    expect(tree.get_by_role("link", name="Enhet A")).to_be_visible()
    expect(tree.get_by_role("link", name="Enhet B")).to_have_count(0)

    day_before_end = last_day - datetime.timedelta(days=1)
    page.locator("input[name=date]").fill(day_before_end.isoformat())
    expect(tree.get_by_role("link", name="Enhet B")).to_be_visible()
    expect(tree_item(page, "Enhet B").locator(".tag")).to_contain_text(last_day.isoformat())
    expect(page).to_have_url(re.compile(rf"[?&]date={day_before_end.isoformat()}"))
    axe_check(page)


def test_it_shows_ended_units_when_asked_to_include_them(page, world):
    last_day = timezone.localdate() - datetime.timedelta(days=30)
    services.unit_deactivate(
        unit=world.unit_b, last_day=last_day, expected_version=world.unit_b.version, by=None
    )
    log_in(page, "admin")
    visit(page, ORG)
    tree = page.locator("#tree")
    expect(tree.get_by_role("link", name="Enhet B")).to_have_count(0)

    page.locator("input[name=all]").check()
    expect(page).to_have_url(re.compile(r"[?&]all=1"))
    expect(tree.get_by_role("link", name="Enhet B")).to_be_visible()
    expect(tree_item(page, "Enhet B").locator(".tag")).to_be_visible()
    axe_check(page)
