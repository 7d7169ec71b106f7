"""Every planning page and write, tried by each persona of the test world."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.planning import services
from roder.planning.models import Goal, GoalCategory, GoalLink, Plan
from roder.planning.testing import make_categories, make_goal, make_plan
from roder.testing import PERSONAS, READ_A

pytestmark = pytest.mark.django_db

EDIT_A = {**READ_A, "reporter": 403, "reader": 403}
WRITE_A = {**EDIT_A, "admin": 302, "controller": 302, "manager": 302}
ROOT_CONTROLLER = {name: 403 for name in PERSONAS} | {"admin": 200}


def url(name, world, **kwargs):
    return reverse(f"planning:{name}", kwargs={"org": world.organisation.slug, **kwargs})


@pytest.fixture
def setup(world):
    categories = make_categories(world.organisation)
    committee_goal = make_goal(
        make_plan(world.committee), "Nöjda kunder", category=categories["customer"]
    )
    plan = make_plan(world.unit_a)
    goal = make_goal(plan, "Svar inom 8 timmar", category=categories["focus"])
    return {"plan": plan, "goal": goal, "committee_goal": committee_goal, **categories}


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_in_the_organisation_reads_the_categories(world, client_for, persona, setup):
    response = client_for(world.personas[persona]).get(url("categories", world))
    assert response.status_code == 200
    assert "Kunden i fokus" in response.content.decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_organisations_controllers_change_categories(world, client_for, persona, setup):
    client = client_for(world.personas[persona])
    assert client.get(url("category_create", world)).status_code == ROOT_CONTROLLER[persona]
    response = client.post(url("category_create", world), {"number": "2", "name": "Samhälle"})
    assert response.status_code == (302 if persona == "admin" else 403)
    assert GoalCategory.objects.filter(number="2").exists() == (persona == "admin")


def test_a_category_edit_keeps_the_form_on_a_duplicate_number(world, client_for, setup):
    response = client_for(world.admin).post(
        url("category_edit", world, pk=setup["economy"].pk),
        {"number": "1", "name": "Ekonomi", "is_active": "on", "version": 1},
    )
    assert response.status_code == 200
    assert "number" in response.context["form"].errors
    assert GoalCategory.objects.get(pk=setup["economy"].pk).number == "4"


@pytest.mark.parametrize("persona", PERSONAS)
def test_reading_a_units_plans_follows_the_tree(world, client_for, persona, setup):
    client = client_for(world.personas[persona])
    assert (
        client.get(url("plan_list", world, unit_pk=world.unit_a.pk)).status_code == READ_A[persona]
    )
    assert client.get(url("plan_detail", world, pk=setup["plan"].pk)).status_code == READ_A[persona]
    assert client.get(url("goal_detail", world, pk=setup["goal"].pk)).status_code == READ_A[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_unit_managers_and_above_create_plans(world, client_for, persona, setup):
    client = client_for(world.personas[persona])
    response = client.post(url("plan_list", world, unit_pk=world.unit_a.pk), {"year": "2027"})
    assert response.status_code == WRITE_A[persona]
    assert Plan.objects.filter(unit=world.unit_a, year=2027).exists() == (WRITE_A[persona] == 302)


def test_a_plan_is_copied_from_the_plan_page(world, client_for, setup):
    client = client_for(world.manager)
    response = client.post(
        url("plan_list", world, unit_pk=world.unit_a.pk),
        {"year": "2027", "copy_from": setup["plan"].pk},
        follow=True,
    )
    copy = Plan.objects.get(unit=world.unit_a, year=2027)
    assert copy.goals.get().title == "Svar inom 8 timmar"
    assert "kopierades" in response.content.decode()


def test_a_second_plan_for_a_year_is_refused_on_the_form(world, client_for, setup):
    response = client_for(world.manager).post(
        url("plan_list", world, unit_pk=world.unit_a.pk), {"year": "2026"}
    )
    assert response.status_code == 200
    assert "year" in response.context["form"].errors


@pytest.mark.parametrize("persona", PERSONAS)
def test_unit_managers_and_above_open_the_plan_forms(world, client_for, persona, setup):
    client = client_for(world.personas[persona])
    plan, goal = setup["plan"], setup["goal"]
    for path in [
        url("plan_edit", world, pk=plan.pk),
        url("section_edit", world, pk=plan.pk, key="summary"),
        url("goal_create", world, plan_pk=plan.pk),
        url("goal_edit", world, pk=goal.pk),
    ]:
        assert client.get(path).status_code == EDIT_A[persona], path


@pytest.mark.parametrize("persona", PERSONAS)
def test_unit_managers_and_above_write_sections(world, client_for, persona, setup):
    client = client_for(world.personas[persona])
    response = client.post(
        url("section_edit", world, pk=setup["plan"].pk, key="summary"),
        {"title": "Sammanfattning", "body": "Året i korthet.", "version": 1},
    )
    assert response.status_code == WRITE_A[persona]
    body = setup["plan"].sections.get(key="summary").body
    assert (body == "Året i korthet.") == (WRITE_A[persona] == 302)


@pytest.mark.parametrize("persona", PERSONAS)
def test_unit_managers_and_above_add_goals(world, client_for, persona, setup):
    client = client_for(world.personas[persona])
    response = client.post(
        url("goal_create", world, plan_pk=setup["plan"].pk),
        {
            "kind": "commitment",
            "number": "Å1",
            "title": "Alla fakturor betalas i tid",
            "category": setup["economy"].pk,
            "responsible": world.manager.pk,
        },
    )
    assert response.status_code == WRITE_A[persona]
    created = Goal.objects.filter(title="Alla fakturor betalas i tid").first()
    assert (created is not None) == (WRITE_A[persona] == 302)
    if created:
        assert (created.kind, created.category, created.responsible) == (
            "commitment",
            setup["economy"],
            world.manager,
        )


def test_a_goal_form_refuses_a_responsible_person_outside_the_organisation(
    world, client_for, setup
):
    from roder.testing import make_organisation, make_person

    stranger = make_person(make_organisation("Grannkommun", "grannkommun"), "stranger")
    response = client_for(world.manager).post(
        url("goal_create", world, plan_pk=setup["plan"].pk),
        {"kind": "goal", "title": "Mål", "responsible": stranger.pk},
    )
    assert response.status_code == 200
    assert "responsible" in response.context["form"].errors
    assert setup["plan"].goals.count() == 1


@pytest.mark.parametrize("persona", PERSONAS)
def test_unit_managers_and_above_link_and_unlink_goals(world, client_for, persona, setup):
    client = client_for(world.personas[persona])
    goal, target = setup["goal"], setup["committee_goal"]
    response = client.post(url("goal_link", world, pk=goal.pk), {"target": target.pk})
    assert response.status_code == WRITE_A[persona]
    linked = GoalLink.objects.filter(goal=goal, target=target).first()
    assert (linked is not None) == (WRITE_A[persona] == 302)
    link = linked or services.goal_link(goal=goal, target=target, by=None)
    response = client.post(url("goal_unlink", world, pk=goal.pk, link_pk=link.pk))
    assert response.status_code == WRITE_A[persona]
    assert GoalLink.objects.filter(pk=link.pk).exists() == (WRITE_A[persona] != 302)


def test_the_goal_page_shows_the_chain_both_ways(world, client_for, setup):
    services.goal_link(goal=setup["goal"], target=setup["committee_goal"], by=None)
    unit_page = client_for(world.manager).get(url("goal_detail", world, pk=setup["goal"].pk))
    assert "Kommunstyrelsen: Nöjda kunder" in unit_page.content.decode()
    committee_page = client_for(world.controller).get(
        url("goal_detail", world, pk=setup["committee_goal"].pk)
    )
    assert "Enhet A: Svar inom 8 timmar" in committee_page.content.decode()


def test_the_plan_page_costs_the_same_for_few_and_many_goals(world, client_for, setup):
    client = client_for(world.manager)
    path = url("plan_detail", world, pk=setup["plan"].pk)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    small = count()
    for n in range(60):
        goal = make_goal(setup["plan"], f"Mål {n}", category=setup["focus"] if n % 2 else None)
        services.goal_link(goal=goal, target=setup["committee_goal"], by=None)
    assert count() == small


@pytest.mark.parametrize("persona", PERSONAS)
def test_unit_managers_and_above_write_the_plans_text_for_a_goal_area(
    world, client_for, persona, setup
):
    plan, focus = setup["plan"], setup["focus"]
    client = client_for(world.personas[persona])
    address = url("area_text_edit", world, pk=plan.pk, category_pk=focus.pk)
    assert client.get(address).status_code == EDIT_A[persona]
    response = client.post(address, {"body": "Kunderna väljer digitala kanaler.", "version": ""})
    assert response.status_code == WRITE_A[persona]
    written = plan.sections.filter(key=services.area_key(focus)).first()
    assert (written is not None) == (WRITE_A[persona] == 302)
    if written is not None:
        assert written.body == "Kunderna väljer digitala kanaler."
        page = client.get(url("plan_detail", world, pk=plan.pk)).content.decode()
        assert "Kunderna väljer digitala kanaler." in page


def test_a_goal_area_text_is_changed_with_history_and_refused_when_stale(world, client_for, setup):
    from roder.core.models import HistoryEntry

    plan, focus = setup["plan"], setup["focus"]
    client = client_for(world.manager)
    address = url("area_text_edit", world, pk=plan.pk, category_pk=focus.pk)
    client.post(address, {"body": "Första", "version": ""})
    section = plan.sections.get(key=services.area_key(focus))
    client.post(address, {"body": "Andra", "version": section.version})
    response = client.post(address, {"body": "Tredje", "version": section.version})
    assert response.status_code == 200  # the form again, with the concurrent-edit message
    section.refresh_from_db()
    assert section.body == "Andra"
    assert HistoryEntry.objects.filter(object_id=str(section.pk)).count() == 2


def test_a_goal_area_of_another_organisation_is_not_found(world, client_for, setup):
    address = url("area_text_edit", world, pk=setup["plan"].pk, category_pk=999_999)
    assert client_for(world.admin).get(address).status_code == 404


# --- linking to next year's goals (issue 13 part 9) ------------------------------------------


@pytest.fixture
def next_year(world, setup):
    """Enhet A's plan for the next year, made before anything above it has one for that year."""
    plan = make_plan(world.unit_a, year=2027)
    return {"plan": plan, "goal": make_goal(plan, "Svar inom 4 timmar")}


def test_the_goal_link_field_says_that_the_higher_units_have_no_plan_yet(
    world, client_for, setup, next_year
):
    page = client_for(world.controller).get(url("goal_detail", world, pk=next_year["goal"].pk))
    html = page.content.decode()
    assert 'name="target"' not in html
    assert "Det finns inget mål för 2027 högre upp att knyta an till." in html
    assert "Kommunstyrelsen har ingen plan för 2027 ännu." in html
    # The committee had a plan before: it may be copied; the administration never had one.
    assert "Kopiera Verksamhetsplan 2026 – Kommunstyrelsen till 2027" in html
    assert "Förvaltningen har ingen plan för 2027 ännu." in html
    assert html.count("Skapa en tom plan för 2027") == 2
    assert "Testkommun har ingen plan" not in html  # never had one, and is not the parent


def test_a_unit_manager_is_told_whom_to_ask_instead_of_given_the_buttons(
    world, client_for, setup, next_year
):
    page = client_for(world.manager).get(url("goal_detail", world, pk=next_year["goal"].pk))
    html = page.content.decode()
    assert "Kommunstyrelsen har ingen plan för 2027 ännu." in html
    assert "Be den som planerar för enheten att skapa eller kopiera dess plan." in html
    assert "Kopiera" not in html and "Skapa en tom plan" not in html


def test_the_controller_copies_the_committees_plan_from_the_goal_and_can_then_link(
    world, client_for, setup, next_year
):
    client = client_for(world.controller)
    goal_page = url("goal_detail", world, pk=next_year["goal"].pk)
    source = Plan.objects.get(unit=world.committee, year=2026)
    response = client.post(
        url("plan_list", world, unit_pk=world.committee.pk),
        {"year": 2027, "copy_from": source.pk, "next": goal_page},
    )
    assert response.status_code == 302 and response["Location"] == goal_page
    copy = Plan.objects.get(unit=world.committee, year=2027)
    assert copy.copied_from == source
    html = client.get(goal_page).content.decode()
    assert "Kommunstyrelsen har ingen plan" not in html
    assert "Förvaltningen har ingen plan" not in html  # there is a goal to link to now
    target = copy.goals.get()
    assert f'<option value="{target.pk}">Kommunstyrelsen: Nöjda kunder</option>' in html
    client.post(url("goal_link", world, pk=next_year["goal"].pk), {"target": target.pk})
    assert GoalLink.objects.filter(goal=next_year["goal"], target=target).exists()


def test_creating_a_higher_plan_refuses_a_next_address_of_another_site(
    world, client_for, setup, next_year
):
    response = client_for(world.controller).post(
        url("plan_list", world, unit_pk=world.committee.pk),
        {"year": 2027, "next": "https://example.com/"},
    )
    plan = Plan.objects.get(unit=world.committee, year=2027)
    assert response["Location"] == url("plan_detail", world, pk=plan.pk)


def test_the_outsider_cannot_create_a_higher_plan_through_the_goal_pages_buttons(
    world, client_for, setup, next_year
):
    response = client_for(world.outsider).post(
        url("plan_list", world, unit_pk=world.committee.pk),
        {"year": 2027, "next": url("goal_detail", world, pk=next_year["goal"].pk)},
    )
    assert response.status_code in (403, 404)
    assert not Plan.objects.filter(unit=world.committee, year=2027).exists()
