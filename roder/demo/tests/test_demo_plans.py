import pytest
from django.urls import reverse

from roder.demo.personas import DEMO_PASSWORD
from roder.demo.plans import (
    ATGARDSLISTA,
    HANDLINGSPLANER,
    NAMNDMAL,
    SP_TITLE,
)
from roder.planning.models import Goal, GoalCategory, GoalLink, Plan

pytestmark = pytest.mark.django_db

VASBY, STOCKHOLM = "upplands-vasby", "stockholm"


def plan_of(slug: str, code: str) -> Plan:
    return Plan.objects.get(unit__organisation__slug=slug, unit__code=code, year=2026)


def test_it_builds_the_vasby_categories_with_their_sub_areas(demo):
    categories = {c.number: c for c in GoalCategory.objects.filter(organisation__slug=VASBY)}
    main = {n: c.name for n, c in categories.items() if c.parent is None}
    assert main == {"1": "Kund", "2": "Samhälle och miljö", "3": "Medarbetare", "4": "Ekonomi"}
    sub_areas = {
        n: (c.name, c.parent.number) for n, c in categories.items() if c.parent is not None
    }
    assert sub_areas == {
        "1.1": ("Kunden i fokus", "1"),
        "1.2": ("Kunskap och lärande", "1"),
        "1.3": ("Trygghet och hälsa", "1"),
        "2.1": ("Miljö och klimat", "2"),
        "3.1": ("Stolta medarbetare", "3"),
        "4.1": ("Ekonomiskt resultat", "4"),
        "4.2": ("Kvalitet och effektivitet", "4"),
    }
    assert categories["3.1"].description.startswith("Lönekartläggningen kommer att ligga")
    assert categories["1.1"].description == ""  # the seed's introduction is too long


def test_it_fills_the_sp_plan_sections_from_seed_004(demo):
    plan = plan_of(VASBY, "SP")
    assert plan.title == SP_TITLE
    sections = {s.key: s for s in plan.sections.all()}
    assert sections["summary"].title == "Sammanfattning"
    assert sections["summary"].body.startswith(
        "Inför år 2026 och framåt har stöd & process utökat antalet nyckeltal gällande kunder."
    )
    assert sections["responsibility"].body.startswith(
        "Stöd & process svarar för kommungemensamma stödprocesser och system"
    )
    assert sections["outlook"].body.startswith("Stöd & process affärsidé lyder:")
    own = [s for key, s in sections.items() if not key.startswith("area-")]
    assert all(section.version == 2 for section in own)


def test_it_writes_the_plans_own_texts_for_the_goal_areas_of_seed_004(demo):
    from roder.demo.plans import SP_AREA_TEXTS
    from roder.planning.models import GoalCategory

    plan = plan_of(VASBY, "SP")
    texts = {
        GoalCategory.objects.get(pk=int(s.key.removeprefix("area-"))).number: s.body
        for s in plan.sections.filter(key__startswith="area-")
    }
    assert texts == SP_AREA_TEXTS
    assert texts["1.1"].startswith("Nyckeltalet kring medborgardialog är nytt")


def test_it_gives_allmanna_utskottet_every_namndmal_under_its_sub_area(demo):
    goals = Goal.objects.filter(plan=plan_of(VASBY, "AU"))
    per_area = {}
    for goal in goals:
        assert goal.kind == "goal"
        per_area.setdefault(goal.category.number, []).append(goal.title)
    assert per_area == NAMNDMAL
    assert sum(len(titles) for titles in per_area.values()) == 14
    assert "Medarbetare som är kompetenta i bemötande och kundkommunikation." in per_area["1.1"]


def test_it_gives_sp_the_committees_assignments_of_seed_004_section_4(demo):
    assignments = plan_of(VASBY, "SP").goals.filter(kind="assignment")
    assert [goal.title for goal in assignments.order_by("order", "pk")] == [
        "Genomföra åtgärder för ökad kundnöjdhet",
        "Utveckla ökad koncernnytta inom stödprocesserna",
    ]


def test_it_links_each_sp_goal_to_the_au_goal_with_the_same_title(demo):
    committee = plan_of(VASBY, "AU")
    goals = list(Goal.objects.filter(plan=plan_of(VASBY, "SP")).exclude(kind="assignment"))
    assert len(goals) == committee.goals.count() == 14
    for goal in goals:
        targets = list(goal.contributes_to.all())
        assert len(targets) == 1
        (target,) = targets
        assert target.plan == committee
        assert (target.title, target.category_id) == (goal.title, goal.category_id)


def test_it_keeps_the_handlingsplaner_out_of_the_goals(demo):
    titles = set(Goal.objects.values_list("title", flat=True))
    assert set(HANDLINGSPLANER) <= set(NAMNDMAL) | {"1.2", "1.3"}
    for items in HANDLINGSPLANER.values():
        for title, _description in items:
            assert title and title not in titles
    assert not Plan.objects.filter(unit__code="KS").exists()


def test_it_builds_the_councils_three_inriktningsmal_in_stockholm(demo):
    council = plan_of(STOCKHOLM, "KF")
    goals = list(council.goals.order_by("order"))
    assert [g.category.number for g in goals] == ["1", "2", "3"]
    assert goals[1].title == "Kvalitet och valfrihet ska utvecklas och förbättras"
    assert goals[2].category.name == "Stadens verksamheter ska vara kostnadseffektiva"


def test_it_chains_every_nämndsekretariat_goal_to_trafiknamnden_and_the_council(demo):
    unit, committee, council = (
        plan_of(STOCKHOLM, "TK-STAB-NS"),
        plan_of(STOCKHOLM, "TN"),
        plan_of(STOCKHOLM, "KF"),
    )
    goals = {g.number: g for g in unit.goals.all()}
    assert set(goals) == {"Övergripande mål", "Mål 1", "Mål 2", "Mål 3", "Mål 4", "Mål 5"}
    reached = set()
    for number in ["Mål 1", "Mål 2", "Mål 3", "Mål 4", "Mål 5"]:
        goal = goals[number]
        assert goal.expected_results and goal.working_methods and goal.follow_up_methods
        committee_goals = list(goal.contributes_to.all())
        assert committee_goals
        for committee_goal in committee_goals:
            assert committee_goal.plan == committee
            (council_goal,) = committee_goal.contributes_to.all()
            assert council_goal.plan == council
            assert council_goal.category == committee_goal.category
            reached.add(council_goal.number)
    assert reached == {"Inriktningsmål 1", "Inriktningsmål 2", "Inriktningsmål 3"}
    assert goals["Mål 4"].contributes_to.count() == 5
    assert set(goals["Mål 5"].contributes_to.values_list("title", flat=True)) == {
        "Minska sjukfrånvaron",
        "Resurser ska i ökad utsträckning styras till nämndens huvuduppdrag",
    }
    assert GoalLink.objects.filter(goal__plan=unit).count() == 15
    assert GoalLink.objects.filter(goal__plan=committee).count() == 6


def test_it_keeps_an_atgardslista_for_each_nämndsekretariat_goal(demo):
    numbers = set(plan_of(STOCKHOLM, "TK-STAB-NS").goals.values_list("number", flat=True))
    keys = {"goal", "title", "responsible_text", "due_text", "status_text", "comment"}
    for item in ATGARDSLISTA:
        assert set(item) == keys
        assert item["title"] and item["responsible_text"] and item["status_text"]
        assert item["goal"] in numbers
    assert {item["goal"] for item in ATGARDSLISTA} == numbers - {"Övergripande mål"}


@pytest.mark.parametrize(
    ("username", "slug", "code", "text"),
    [
        ("admin", VASBY, "SP", "Elektronisk felanmälan ska användas av kunderna"),
        ("sekretariatschef", STOCKHOLM, "TK-STAB-NS", "Minska sårbarheten"),
    ],
)
def test_it_shows_the_demo_plans_on_the_plan_page(demo, client, username, slug, code, text):
    client.login(username=username, password=DEMO_PASSWORD)
    plan = plan_of(slug, code)
    response = client.get(reverse("planning:plan_detail", kwargs={"org": slug, "pk": plan.pk}))
    assert response.status_code == 200
    assert text in response.content.decode()
