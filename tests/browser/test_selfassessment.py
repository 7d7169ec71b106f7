"""A unit's self-assessment: the manager asks the unit, the people answer anonymously on the
survey engine's answering page (their personal link), and the compiled result shows once three
have answered."""

import re

import pytest
from playwright.sync_api import expect

from roder.organisation.models import Organisation
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan
from roder.selfassessment import services
from roder.selfassessment.models import Round
from roder.surveys.models import Invitation, ResponseAnswer
from roder.testing import make_person
from tests.browser.conftest import axe_check, follow, log_in, open_as, visit

pytestmark = pytest.mark.browser

ORG = "/o/testkommun/"


@pytest.fixture
def commitments(world):
    """Enhet A's 2026 plan with two commitments (and a goal, which is not asked about), Tertial 1
    open, two more reporters in the unit, and the organisation's smallest group for results set to
    three (the lowest the setting allows; the default is five)."""
    Organisation.objects.filter(pk=world.organisation.pk).update(minimum_group_size=3)
    plan = make_plan(world.unit_a)
    first = make_goal(plan, "Brukarna känner sig välkomna", kind="commitment", number="Å1")
    second = make_goal(plan, "Vi svarar inom en vecka", kind="commitment", number="Å2")
    make_goal(plan, "Budget i balans")
    period = make_period(world.organisation)
    for name in ("rapportor2", "rapportor3"):
        make_person(world.organisation, name, role="reporter", unit=world.unit_a)
    return first, second, period


def answer(new_page, username: str, round_: Round, scores: dict, comment: str = "") -> None:
    """`username` answers the round through its form; a score of None is "cannot say"."""
    page = open_as(new_page, username)
    unit = round_.unit
    follow(page, page.locator(f"main .card a[href='{ORG}units/{unit.pk}/']"))
    follow(page, page.locator(f"main a[href='{ORG}units/{unit.pk}/self-assessment/']"))
    follow(page, page.locator(f"main a[href='{ORG}self-assessment/{round_.pk}/']"))
    follow(page, page.get_by_role("button", name="Svara på självskattningen"))
    expect(page).to_have_url(re.compile(r"/s/p/[^/]+/$"))
    axe_check(page)  # the survey's answering page, with the commitments as its questions
    questions = {q.code: q.pk for q in round_.survey_round.questionnaire.questions.all()}
    form = page.locator("main form:has([type=radio])")
    for goal, score in scores.items():
        value = "dont_know" if score is None else str(score)
        form.locator(
            f"input[type=radio][name=q{questions[f'item-{goal.pk}']}][value='{value}']"
        ).check()
    if comment:
        first = next(iter(scores))
        form.locator(f"[name=q{questions[f'item-{first.pk}-comment']}]").fill(comment)
    follow(page, form.locator("button[name=submit]"))
    expect(page).to_have_url(re.compile(r"/s/tack/$"))
    visit(page, f"{ORG}self-assessment/{round_.pk}/")
    expect(page.get_by_role("button", name="Svara på självskattningen")).to_have_count(0)


def test_it_compiles_the_answers_once_three_people_have_answered(new_page, world, commitments):
    first, second, period = commitments
    unit = world.unit_a
    manager = open_as(new_page, "manager")
    follow(manager, manager.locator(f"main .card a[href='{ORG}units/{unit.pk}/']"))
    follow(manager, manager.locator(f"main a[href='{ORG}units/{unit.pk}/self-assessment/']"))
    form = manager.locator("main form.stacked")
    form.locator("[name=period]").select_option(str(period.pk))
    expect(form.locator("[name=scale_max]")).to_have_value("5")
    follow(manager, form.locator("button[type=submit]"))

    round_ = Round.objects.get(unit=unit, period=period)
    assert set(round_.goals.all()) == {first, second}  # the commitments, not the goal
    expect(manager).to_have_url(re.compile(rf"{ORG}self-assessment/{round_.pk}/$"))
    expect(manager.get_by_role("button", name="Svara på självskattningen")).to_be_visible()
    axe_check(manager)

    answer(new_page, "reporter", round_, {first: 4, second: 2}, "Bra bemötande i receptionen.")
    answer(new_page, "rapportor2", round_, {first: 5, second: None})
    result = manager.locator("main table")
    visit(manager, manager.url)
    expect(result).to_have_count(0)  # two answers are too few to show

    answer(new_page, "rapportor3", round_, {first: 3, second: 3})
    assert Invitation.objects.filter(round=round_.survey_round, answered=True).count() == 3
    scale = ResponseAnswer.objects.filter(
        response__round=round_.survey_round, question__code=f"item-{first.pk}"
    )
    assert sorted(scale.values_list("value", flat=True)) == [3, 4, 5]

    visit(manager, manager.url)
    rows = result.locator("tbody tr")
    expect(rows).to_have_count(2)
    first_row, second_row = rows.filter(has_text=first.title), rows.filter(has_text=second.title)
    expect(first_row.locator("td").nth(0)).to_have_text(re.compile(r"^4[,.]0$"))
    expect(second_row.locator("td").nth(0)).to_have_text(re.compile(r"^2[,.]5$"))
    expect(second_row.locator("td").nth(2)).to_have_text("1")  # one "cannot say"
    expect(manager.locator("main")).to_contain_text("Bra bemötande i receptionen.")


def test_it_hides_a_self_assessment_from_the_manager_of_another_unit(page, world, commitments):
    first, _second, period = commitments
    round_ = services.round_open(
        unit=world.unit_a, period=period, low_label="Inte alls", high_label="Helt", by=None
    )
    log_in(page, "outsider")  # unit manager of Enhet B
    for path in (
        f"{ORG}self-assessment/{round_.pk}/",
        f"{ORG}units/{world.unit_a.pk}/self-assessment/",
    ):
        response = visit(page, path)
        assert response.status == 404
        expect(page.locator("body")).not_to_contain_text("Enhet A")
        expect(page.locator("body")).not_to_contain_text(str(first))
