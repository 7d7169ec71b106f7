"""Answering a survey through an open link, logged out, on a 390 px wide phone, with the
keyboard only; axe-core on every page; the results with a small group protected."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from roder.surveys import services
from roder.surveys.files import install_shipped
from roder.surveys.models import Questionnaire, Response, ResponseAnswer, RoundUnit
from tests.browser.conftest import axe_check, log_in, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def checklist_round(world):
    install_shipped()  # the transactional test database has lost the migration's rows
    questionnaire = Questionnaire.objects.get(organisation=None, code="arbetsmiljo-checklista")
    draft = services.questionnaire_copy(
        source=questionnaire, organisation=world.organisation, by=None
    )
    second = draft.questions.order_by("number")[1]
    second.required = True
    second.save()
    today = timezone.localdate()
    round_ = services.round_create(
        organisation=world.organisation,
        questionnaire=draft,
        owner_unit=world.administration,
        units=[world.unit_a, world.unit_b],
        name="Arbetsmiljö 2026",
        access="open",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=5),
        by=None,
    )
    return round_


def _tab_to(page: Page, name: str, limit: int = 60) -> None:
    """Press Tab until the focused element has this name (or is the button with this text)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => [document.activeElement.name || '', document.activeElement.textContent.trim()]"
        )
        if name in focused:
            return
    pytest.fail(f"Tab never reached {name!r}")


def test_a_customer_answers_with_the_keyboard_on_a_phone(new_page, world, checklist_round):
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    link = RoundUnit.objects.get(round=checklist_round, unit=world.unit_a)
    visit(page, f"/s/o/{link.token}/")
    first, second = checklist_round.questionnaire.questions.order_by("number")
    expect(page.locator("fieldset legend").first).to_contain_text("Jag kan få avlastning")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width} px)"

    # Only the first question, then send: the error summary links to the second.
    _tab_to(page, f"q{first.pk}")
    for _ in range(4):
        page.keyboard.press("ArrowRight")  # 1 → 5
    expect(page.locator(f"#id_q{first.pk}_4")).to_be_checked()
    _tab_to(page, "Skicka mina svar")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page)
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Fråga 2")
    expect(summary.locator("a")).to_have_attribute("href", f"#id_q{second.pk}_0")
    assert Response.objects.count() == 0
    expect(page.locator(f"#id_q{first.pk}_4")).to_be_checked()  # what was typed is kept

    # Follow the link in the summary with the keyboard and answer the second question.
    summary.locator("a").focus()
    page.keyboard.press("Enter")
    _tab_to(page, f"q{second.pk}")
    page.keyboard.press("ArrowRight")  # 1 → 2
    page.keyboard.press("ArrowRight")  # 2 → 3
    _tab_to(page, "Skicka mina svar")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe_check(page)
    expect(page.locator("h1")).to_have_text("Tack för dina svar")
    response = Response.objects.get()
    assert response.unit == world.unit_a
    values = dict(ResponseAnswer.objects.values_list("question_id", "value"))
    assert values == {first.pk: 5, second.pk: 3}

    # The same browser cannot answer again.
    visit(page, f"/s/o/{link.token}/")
    page.locator(f"#id_q{first.pk}_0").check()
    page.locator(f"#id_q{second.pk}_0").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka mina svar").click()
    axe_check(page)
    expect(page.locator(".error-summary")).to_contain_text("redan svarat")
    assert Response.objects.count() == 1


def test_the_results_show_a_small_group_as_fewer_than_five(new_page, world, checklist_round):
    today = timezone.localdate()
    questions = list(checklist_round.questionnaire.questions.all())
    for unit, count in ((world.unit_a, 6), (world.unit_b, 2)):
        link = RoundUnit.objects.get(round=checklist_round, unit=unit)
        for n in range(count):
            services.answer_open_link(
                round_unit=link,
                browser_token=f"{unit.pk}-{n}",
                values={q.pk: 5 for q in questions},
                today=today,
            )
    page = new_page()
    log_in(page, "reader")
    visit(page, f"/o/testkommun/surveys/rounds/{checklist_round.pk}/")
    expect(page.get_by_role("row", name="Enhet B")).to_contain_text("Färre än 5 svar")
    expect(page.locator("tfoot")).to_contain_text("80")  # 5 on 1–6: (5 − 1) × 20
    page.set_viewport_size({"width": 390, "height": 844})
    axe_check(page)
