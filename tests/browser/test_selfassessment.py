"""A unit's self-assessment: the manager asks the unit, the people answer anonymously, and the
compiled result shows once three have answered."""

import re

import pytest
from playwright.sync_api import expect

from roder.organisation.models import Organisation
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan
from roder.selfassessment import services
from roder.selfassessment.models import Answer, Participant, Round
from roder.testing import make_person
from tests.browser.conftest import follow, log_in, open_as, visit

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
    form = page.locator("main form:has([name^=score_])")
    for goal, score in scores.items():
        value = "" if score is None else str(score)
        form.locator(f"input[type=radio][name=score_{goal.pk}][value='{value}']").check()
    if comment:
        first = next(iter(scores))
        form.locator(f"[name=comment_{first.pk}]").fill(comment)
    follow(page, form.locator("button[type=submit]"))
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("main [name^=score_]")).to_have_count(0)  # one answer each


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
    questions = manager.locator("main form fieldset")
    expect(questions).to_have_count(2)
    expect(questions.nth(0).locator("input[type=radio]")).to_have_count(6)  # 1–5, cannot say

    answer(new_page, "reporter", round_, {first: 4, second: 2}, "Bra bemötande i receptionen.")
    answer(new_page, "rapportor2", round_, {first: 5, second: None})
    result = manager.locator("main table")
    visit(manager, manager.url)
    expect(result).to_have_count(0)  # two answers are too few to show

    answer(new_page, "rapportor3", round_, {first: 3, second: 3})
    assert Participant.objects.filter(round=round_).count() == 3
    assert Answer.objects.filter(round=round_).count() == 6
    assert sorted(
        Answer.objects.filter(round=round_, goal=first).values_list("score", flat=True)
    ) == [3, 4, 5]

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
