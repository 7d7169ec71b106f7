"""Several organisations: the header's switcher offers those the person may open (a superuser:
all), the start page lists them and shows the chosen one, and a new organisation is the next
one shown."""

import pytest
from django.urls import reverse

from roder.organisation import services
from roder.organisation.current import SESSION_KEY
from roder.organisation.models import Organisation, Role, RoleKind, Unit

pytestmark = pytest.mark.django_db

START = reverse("home:start")


@pytest.fixture
def second(world):
    """A second organisation where the manager of Enhet A is also a reader. (role_grant keeps a
    person's roles in their own organisation; the switcher goes by roles alone, so a role made
    otherwise, e.g. in the Django admin site, is enough.)"""
    organisation = services.organisation_create(
        name="Andra kommunen", slug="andra", root_code="AK", by=None
    )
    root = Unit.objects.get(organisation=organisation, parent=None)
    Role.objects.create(person=world.manager, unit=root, kind=RoleKind.READER)
    return organisation


def switcher(page: str) -> str:
    start = page.index('class="menu org-switcher"')
    return page[start : page.index("</details>", start)]


def test_it_offers_each_organisation_with_a_role_in_the_header(world, second, client_for):
    client = client_for(world.manager)
    page = client.get(START).content.decode()
    links = switcher(page)
    assert f"{START}?org=testkommun" in links and f"{START}?org=andra" in links
    # Its own organisation first, marked as the current one.
    assert 'aria-current="true">Testkommun<' in links


def test_a_person_in_one_organisation_gets_its_name_and_no_menu(world, second, client_for):
    page = client_for(world.outsider).get(START).content.decode()
    assert 'class="menu org-switcher"' not in page
    assert '<span class="org-name">Testkommun</span>' in page
    assert "Andra kommunen" not in page
    assert client_for(world.outsider).get(START, {"org": "andra"}).status_code == 404
    assert client_for(world.outsider).get("/o/andra/").status_code == 404


def test_choosing_an_organisation_shows_it_and_is_remembered(world, second, client_for):
    client = client_for(world.manager)
    page = client.get(START, {"org": "andra"}).content.decode()
    assert client.session[SESSION_KEY] == "andra"
    assert reverse("organisation:tree", kwargs={"org": "andra"}) in page
    assert 'aria-current="true">Andra kommunen<' in switcher(page)
    # The menu offers the chosen organisation's pages, also on the next visit without ?org.
    page = client.get(START).content.decode()
    assert reverse("followup:strategy_map", kwargs={"org": "andra"}) in page
    assert reverse("followup:strategy_map", kwargs={"org": "testkommun"}) not in page


def test_a_remembered_organisation_no_longer_open_is_forgotten(world, second, client_for):
    client = client_for(world.manager)
    client.get(START, {"org": "andra"})
    world.manager.roles.filter(unit__organisation=second).delete()
    page = client.get(START).content.decode()
    assert "Andra kommunen" not in page
    assert reverse("followup:strategy_map", kwargs={"org": "testkommun"}) in page


def test_a_superuser_switches_to_every_organisation(world, second, client_for):
    world.admin.is_superuser = True
    world.admin.save()
    third = services.organisation_create(name="Tredje", slug="tredje", root_code="T", by=None)
    page = client_for(world.admin).get(START).content.decode()
    for organisation in Organisation.objects.all():
        assert f"{START}?org={organisation.slug}" in switcher(page)
    # Listed on the page too, though the superuser holds no role there.
    assert reverse("organisation:tree", kwargs={"org": third.slug}) in page
    assert client_for(world.admin).get(START, {"org": "tredje"}).status_code == 200


def test_creating_an_organisation_leads_into_it(world, client_for):
    world.admin.is_superuser = True
    world.admin.save()
    client = client_for(world.admin)
    data = {"name": "Nykommun", "slug": "nykommun", "municipality_code": "", "root_code": "NK"}
    response = client.post(reverse("organisation:organisation_create"), data)
    assert response.url == reverse("organisation:tree", kwargs={"org": "nykommun"})
    page = client.get(START).content.decode()
    assert reverse("organisation:tree", kwargs={"org": "nykommun"}) in page
    assert 'aria-current="true">Nykommun<' in switcher(page)


def test_a_to_do_of_another_organisation_says_which(world, second, client_for):
    """The to-do list is the person's own, across organisations; shown while another
    organisation is chosen, each item names its organisation."""
    from roder.periods.testing import make_period
    from roder.planning.testing import make_plan

    make_plan(world.unit_a)
    make_period(world.organisation)
    client = client_for(world.manager)
    own = client.get(START, {"org": "testkommun"}).content.decode()
    todo = own[own.index('id="todo-heading"') :]
    assert "Enhet A" in todo and "(Testkommun)" not in todo
    other = client.get(START, {"org": "andra"}).content.decode()
    todo = other[other.index('id="todo-heading"') :]
    assert "Enhet A" in todo[: todo.index("</section>")]
    assert "(Testkommun)" in todo[: todo.index("</section>")]
