import pytest
from django.core.exceptions import ValidationError

from roder.core.models import HistoryEntry
from roder.core.services import ConcurrentEditError
from roder.planning import services
from roder.planning.models import Goal, GoalCategory, GoalLink, Plan
from roder.planning.selectors import goal_chain_down, goal_chain_up, plan_goals_by_category
from roder.planning.testing import make_categories, make_goal, make_plan
from roder.testing import make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(world):
    """Goals in the committee, the administration and unit A, linked upwards."""
    categories = make_categories(world.organisation)
    committee = make_goal(
        make_plan(world.committee), "Nöjda kunder", category=categories["customer"]
    )
    office = make_goal(
        make_plan(world.administration), "Snabb service", category=categories["focus"]
    )
    unit = make_goal(make_plan(world.unit_a), "Svar inom 8 timmar", category=categories["focus"])
    services.goal_link(goal=office, target=committee, by=None)
    services.goal_link(goal=unit, target=office, by=None)
    return committee, office, unit


def test_it_installs_the_four_perspectives_once(world):
    services.categories_install_defaults(organisation=world.organisation, by=world.admin)
    names = list(GoalCategory.objects.order_by("number").values_list("name", flat=True))
    assert names == ["Kund", "Samhälle och miljö", "Medarbetare", "Ekonomi"]
    with pytest.raises(ValidationError):
        services.categories_install_defaults(organisation=world.organisation, by=world.admin)


def test_it_refuses_a_duplicate_category_number(world):
    make_categories(world.organisation)
    with pytest.raises(ValidationError) as error:
        services.category_create(
            organisation=world.organisation, parent=None, number="1", name="Kund igen", by=None
        )
    assert "number" in error.value.error_dict


def test_it_refuses_a_category_under_itself(world):
    categories = make_categories(world.organisation)
    customer = categories["customer"]
    with pytest.raises(ValidationError):
        services.category_update(
            category=customer,
            expected_version=customer.version,
            by=None,
            parent=categories["focus"],
            number="1",
            name="Kund",
            description="",
            is_active=True,
        )


def test_it_creates_a_plan_with_the_usual_sections(world):
    plan = make_plan(world.unit_a)
    assert list(plan.sections.values_list("key", flat=True)) == [
        "summary",
        "responsibility",
        "outlook",
    ]
    assert plan.sections.get(key="summary").title == "Sammanfattning"
    assert HistoryEntry.objects.filter(unit=world.unit_a, action="create").exists()


def test_it_refuses_a_second_plan_for_the_same_year(world):
    make_plan(world.unit_a)
    with pytest.raises(ValidationError) as error:
        make_plan(world.unit_a)
    assert "year" in error.value.error_dict
    assert Plan.objects.count() == 1


def test_it_links_a_goal_only_to_goals_of_units_above_in_the_same_year(world, chain):
    committee, office, unit = chain
    sibling = make_goal(make_plan(world.unit_b), "Annat mål")
    with pytest.raises(ValidationError):
        services.goal_link(goal=unit, target=sibling, by=None)  # sibling unit
    with pytest.raises(ValidationError):
        services.goal_link(goal=committee, target=unit, by=None)  # downwards
    next_year = make_goal(make_plan(world.committee, 2027), "Nästa år")
    with pytest.raises(ValidationError):
        services.goal_link(goal=unit, target=next_year, by=None)
    with pytest.raises(ValidationError):
        services.goal_link(goal=unit, target=office, by=None)  # already linked
    assert GoalLink.objects.count() == 2


def test_it_refuses_a_link_into_another_organisation(world, chain):
    other = make_organisation("Grannkommun", "grannkommun")
    root = other.units.get(parent=None)
    foreign = make_goal(make_plan(root), "Främmande mål")
    with pytest.raises(ValidationError):
        services.goal_link(goal=chain[2], target=foreign, by=None)


def test_it_shows_the_chain_from_both_ends(world, chain):
    committee, _office, unit = chain
    from roder.organisation.access import grants_for

    assert [[g.title for g in level] for level in goal_chain_up(unit)] == [
        ["Snabb service"],
        ["Nöjda kunder"],
    ]
    down = goal_chain_down(committee, grants_for(world.admin, world.organisation))
    assert [[g.title for g in level] for level in down] == [
        ["Snabb service"],
        ["Svar inom 8 timmar"],
    ]
    # Enhet A's manager sees their own goal though not the administration's in between;
    # the outsider (manager of the sibling Enhet B) sees none of them.
    manager = goal_chain_down(committee, grants_for(world.manager, world.organisation))
    assert [[g.title for g in level] for level in manager] == [["Svar inom 8 timmar"]]
    assert goal_chain_down(committee, grants_for(world.outsider, world.organisation)) == []


def test_it_copies_a_plan_and_leaves_the_old_one_alone(world, chain):
    _committee, office, unit = chain
    old_plan = unit.plan
    services.section_update(
        section=old_plan.sections.get(key="summary"),
        expected_version=1,
        title="Sammanfattning",
        body="Året i korthet.",
        by=None,
    )
    # The administration copies first, so unit A's link can follow to the new year.
    services.plan_copy(source=office.plan, year=2027, by=None)
    result = services.plan_copy(source=old_plan, year=2027, by=world.manager)
    assert (result.goals, result.links, result.dropped_links) == (1, 1, [])
    new_goal = result.plan.goals.get()
    assert new_goal.copied_from == unit
    assert new_goal.contributes_to.get().plan.year == 2027
    assert result.plan.sections.get(key="summary").body == "Året i korthet."
    assert unit.contributes_to.get() == office  # old year untouched
    assert old_plan.goals.count() == 1


def test_it_reports_links_it_could_not_carry_over(world, chain):
    result = services.plan_copy(source=chain[2].plan, year=2027, by=None)
    assert result.links == 0
    assert result.dropped_links == ["Snabb service"]


def test_it_refuses_to_overwrite_a_section_edited_meanwhile(world):
    section = make_plan(world.unit_a).sections.get(key="summary")
    services.section_update(section=section, expected_version=1, title="S", body="Först", by=None)
    with pytest.raises(ConcurrentEditError):
        services.section_update(
            section=type(section).objects.get(pk=section.pk),
            expected_version=1,
            title="S",
            body="Sedan",
            by=None,
        )


def test_it_requires_a_date_when_a_plan_is_adopted(world):
    plan = make_plan(world.unit_a)
    with pytest.raises(ValidationError):
        services.plan_update(
            plan=plan,
            expected_version=1,
            by=None,
            title=plan.title,
            status="adopted",
            adopted_on=None,
        )


def test_it_groups_goals_by_category_and_sub_area(world, chain):
    plan = chain[1].plan
    make_goal(plan, "Utan kategori")
    groups = plan_goals_by_category(plan)
    assert [g.category.number if g.category else None for g in groups] == ["1", None]
    assert groups[0].children[0].category.number == "1.1"
    assert [goal.title for goal in groups[0].children[0].goals] == ["Snabb service"]


def test_it_records_goal_changes(world, chain):
    goal = chain[2]
    values = {name: getattr(goal, name) for name in services.GOAL_FIELDS}
    services.goal_update(
        goal=goal,
        expected_version=goal.version,
        by=world.manager,
        **{**values, "title": "Svar inom 4 timmar"},
    )
    entry = HistoryEntry.objects.for_object(goal).get(action="update")
    assert entry.changes["title"] == {"before": "Svar inom 8 timmar", "after": "Svar inom 4 timmar"}
    assert Goal.objects.get(pk=goal.pk).version == 2


def test_it_names_the_higher_units_whose_plan_for_the_year_is_missing(world):
    from roder.planning.selectors import link_candidates, missing_higher_plans

    council_2026 = make_plan(world.municipality)
    make_goal(council_2026, "Fullmäktiges mål")
    committee_2025 = make_plan(world.committee, year=2025)
    committee_2026 = make_plan(world.committee)
    goal = make_goal(make_plan(world.unit_a, year=2027), "Nästa års mål")

    def missing():
        candidates = link_candidates(goal)
        return [
            (m.unit.name, m.latest_pk) for m in missing_higher_plans(goal, candidates=candidates)
        ]

    # Top down; the latest earlier plan is the one to copy; the parent that never had a plan is
    # named too, since nothing above offers a goal.
    assert missing() == [
        ("Testkommun", council_2026.pk),
        ("Kommunstyrelsen", committee_2026.pk),
        ("Förvaltningen", None),
    ]
    assert committee_2025.pk not in {pk for _name, pk in missing()}
    services.plan_copy(source=council_2026, year=2027, by=None)
    # A goal to link to now exists: only the plans yet to be copied are named.
    assert missing() == [("Kommunstyrelsen", committee_2026.pk)]
    assert missing_higher_plans(make_goal(council_2026, "Överst"), candidates=[]) == []
