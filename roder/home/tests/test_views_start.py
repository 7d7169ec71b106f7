import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "persona", ["admin", "controller", "manager", "reporter", "reader", "outsider"]
)
def test_it_shows_each_person_their_own_units_and_roles(world, client_for, persona):
    person = world.personas[persona]
    page = client_for(person).get(reverse("home:start")).content.decode()
    role = person.roles.get()
    assert role.unit.name in page
    assert role.get_kind_display() in page


def test_it_does_not_show_the_outsider_the_sibling_unit(world, client_for):
    page = client_for(world.outsider).get(reverse("home:start")).content.decode()
    assert "Enhet B" in page and "Enhet A" not in page


def test_it_asks_anonymous_visitors_to_log_in(client):
    assert client.get(reverse("home:start")).status_code == 302


def test_it_offers_the_home_organisations_menu_right_after_log_in(world, client_for):
    page = client_for(world.manager).get(reverse("home:start")).content.decode()
    assert reverse("organisation:tree", kwargs={"org": "testkommun"}) in page


def test_it_lists_reports_to_write_and_to_approve(world, client_for):
    from roder.followup import services
    from roder.periods.testing import make_period
    from roder.planning.testing import make_plan

    make_plan(world.unit_a)
    period = make_period(world.organisation)
    todo = client_for(world.manager).get(reverse("home:start")).content.decode()
    report_url = reverse(
        "followup:unit_report",
        kwargs={"org": "testkommun", "unit_pk": world.unit_a.pk, "period_pk": period.pk},
    )
    assert report_url in todo
    assert report_url not in client_for(world.outsider).get(reverse("home:start")).content.decode()
    services.report_submit(unit=world.unit_a, period=period, by=world.manager)
    assert report_url not in client_for(world.manager).get(reverse("home:start")).content.decode()
    assert report_url in client_for(world.controller).get(reverse("home:start")).content.decode()


def test_it_lists_my_overdue_and_soon_due_actions(world, client_for):
    import datetime

    from roder.actions import services

    today = datetime.date.today()
    late = services.action_create(
        unit=world.unit_a,
        title="Ring kunden",
        by=None,
        responsible=world.reporter,
        due=today - datetime.timedelta(days=3),
    )
    services.action_create(
        unit=world.unit_a,
        title="Långt fram",
        by=None,
        responsible=world.reporter,
        due=today + datetime.timedelta(days=90),
    )
    page = client_for(world.reporter).get(reverse("home:start")).content.decode()
    # The notifications above name both actions given to the reporter; the due list one.
    page = page[page.index("my-actions-heading") :]
    assert late.title in page and "Långt fram" not in page
    assert "Försenad" in page
