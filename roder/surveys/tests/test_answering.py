"""Rounds answered by link: anonymity, one answer per browser or link, bad input, closed rounds,
drafts, and the results page with small groups protected."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from roder.surveys import services
from roder.surveys.models import (
    Invitation,
    OpenLinkUse,
    Questionnaire,
    Response,
    ResponseAnswer,
    RoundUnit,
)
from roder.surveys.views import BROWSER_COOKIE

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def hme():
    return Questionnaire.objects.get(organisation=None, code="hme")


def make_round(world, *, access="open", units=None, owner=None, questionnaire=None, **extra):
    return services.round_create(
        organisation=world.organisation,
        questionnaire=questionnaire or hme(),
        owner_unit=owner or world.administration,
        units=units or [world.unit_a, world.unit_b],
        name="HME 2026",
        access=access,
        opens_on=extra.get("opens_on", TODAY - datetime.timedelta(days=1)),
        closes_on=extra.get("closes_on", TODAY + datetime.timedelta(days=10)),
        by=world.admin,
    )


def all_answers(round_, value="4"):
    return {f"q{q.pk}": value for q in round_.questionnaire.questions.all()}


def open_url(round_, unit):
    token = RoundUnit.objects.get(round=round_, unit=unit).token
    return reverse("surveys:answer_open", args=[token])


def answer_as_browser(client, url, data, browser):
    client.cookies[BROWSER_COOKIE] = browser
    return client.post(url, data)


def test_the_answering_page_has_one_fieldset_with_a_legend_per_question(world, client):
    round_ = make_round(world)
    page = client.get(open_url(round_, world.unit_a))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<fieldset") == 9 and html.count("<legend") == 9
    assert "Mitt arbete känns meningsfullt." in html
    assert "1 – Stämmer mycket dåligt" in html and "5 – Stämmer mycket bra" in html
    assert "Personuppgiftsansvarig: Testkommun" in html
    assert "<table" not in html  # no grid
    assert BROWSER_COOKIE in page.cookies


def test_an_open_answer_is_stored_without_token_person_or_time(world, client):
    round_ = make_round(world)
    url = open_url(round_, world.unit_a)
    page = answer_as_browser(client, url, all_answers(round_), "browser-1")
    assert page.status_code == 302 and page.url == reverse("surveys:thanks")
    response = Response.objects.get()
    assert (response.unit, response.answered_on) == (world.unit_a, TODAY)
    fields = {f.name for f in Response._meta.get_fields()}
    assert fields == {"id", "round", "unit", "answered_on", "answers"}
    assert ResponseAnswer.objects.filter(response=response, value=4).count() == 9
    token = RoundUnit.objects.get(round=round_, unit=world.unit_a).token
    assert token not in str(list(Response.objects.values()))
    # The same browser cannot answer twice; another can.
    again = answer_as_browser(client, url, all_answers(round_), "browser-1")
    assert "Den här webbläsaren har redan svarat" in again.content.decode()
    answer_as_browser(client, url, all_answers(round_), "browser-2")
    assert Response.objects.count() == 2 == OpenLinkUse.objects.count()


@pytest.mark.parametrize(
    "change",
    [
        lambda data, q: data.update({f"q{q.pk}": "7"}),  # outside the scale
        lambda data, q: data.update({f"q{q.pk}": "dont_know"}),  # HME offers no "vet ej"
        lambda data, q: data.update({"website": "http://spam.example"}),  # the honeypot
    ],
)
def test_bad_input_gives_a_swedish_message_and_writes_nothing(world, client, change):
    round_ = make_round(world)
    data = all_answers(round_)
    change(data, round_.questionnaire.questions.first())
    page = answer_as_browser(client, open_url(round_, world.unit_a), data, "browser-1")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'class="error-summary"' in html
    assert Response.objects.count() == 0 and OpenLinkUse.objects.count() == 0


def test_the_error_summary_links_to_the_question(world, client):
    round_ = make_round(world)
    first = round_.questionnaire.questions.first()
    first.required = True
    first.save()
    data = all_answers(round_)
    del data[f"q{first.pk}"]
    html = answer_as_browser(client, open_url(round_, world.unit_a), data, "b").content.decode()
    assert f'href="#id_q{first.pk}_0"' in html and f'id="id_q{first.pk}_0"' in html
    assert "Fråga 1" in html


def test_an_unknown_link_is_not_found(client):
    assert client.get(reverse("surveys:answer_open", args=["nope"])).status_code == 404
    assert client.get(reverse("surveys:answer_personal", args=["nope"])).status_code == 404


def test_a_closed_round_refuses_with_a_clear_message(world, client):
    round_ = make_round(world)
    services.round_close(round_=round_, by=world.admin)
    url = open_url(round_, world.unit_a)
    assert "tar inte emot fler svar" in client.get(url).content.decode()
    page = answer_as_browser(client, url, all_answers(round_), "b")
    assert "tar inte emot fler svar" in page.content.decode()
    assert Response.objects.count() == 0


def test_a_round_that_has_not_opened_says_when_it_opens(world, client):
    round_ = make_round(
        world,
        opens_on=TODAY + datetime.timedelta(days=2),
        closes_on=TODAY + datetime.timedelta(days=9),
    )
    assert "Enkäten öppnar" in client.get(open_url(round_, world.unit_a)).content.decode()


def test_a_personal_link_saves_a_draft_then_answers_once(world, client):
    round_ = make_round(world, access="personal")
    tokens = services.invitations_create(
        round_=round_, unit=world.unit_a, recipients=[("Anna@Example.se", None)], by=world.admin
    )
    url = reverse("surveys:answer_personal", args=[tokens["anna@example.se"]])
    first = round_.questionnaire.questions.first()
    saved = client.post(url, {f"q{first.pk}": "5", "save": ""})
    assert saved.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.draft == {str(first.pk): 5} and not invitation.answered
    page = client.get(url)
    assert f'value="5" id="id_q{first.pk}_4" checked' in page.content.decode()
    assert client.post(url, all_answers(round_, "3")).status_code == 302
    invitation.refresh_from_db()
    assert invitation.answered and invitation.draft == {}
    assert Response.objects.get().unit == world.unit_a
    assert "redan använts" in client.get(url).content.decode()
    assert client.post(url, all_answers(round_)).status_code == 200
    assert Response.objects.count() == 1
    # Only the hash of the token is kept.
    assert tokens["anna@example.se"] not in str(list(Invitation.objects.values()))


def test_closing_a_round_deletes_the_drafts(world):
    round_ = make_round(world, access="personal")
    tokens = services.invitations_create(
        round_=round_, unit=world.unit_a, recipients=[("a@example.se", None)], by=world.admin
    )
    invitation = services.invitation_for(tokens["a@example.se"])
    first = round_.questionnaire.questions.first()
    services.draft_save(invitation=invitation, values={first.pk: 2}, today=TODAY)
    services.round_close(round_=round_, by=world.admin)
    assert Invitation.objects.get().draft == {}


def test_a_round_locks_its_questionnaire_and_keeps_to_its_owners_branch(world):
    draft = services.questionnaire_copy(source=hme(), organisation=world.organisation, by=None)
    make_round(world, questionnaire=draft)
    draft.refresh_from_db()
    assert draft.is_locked
    with pytest.raises(ValidationError):
        make_round(world, owner=world.unit_a, units=[world.unit_b])


def _answers(round_, unit, values_list):
    questions = list(round_.questionnaire.questions.all())
    ru = RoundUnit.objects.get(round=round_, unit=unit)
    for n, value in enumerate(values_list):
        services.answer_open_link(
            round_unit=ru,
            browser_token=f"{unit.pk}-{n}",
            values={q.pk: value for q in questions},
            today=TODAY,
        )


def test_results_hide_small_groups_and_the_sibling_that_would_give_them_away(world, client_for):
    round_ = make_round(world)
    _answers(round_, world.unit_a, [5, 4, 4, 3, 4, 4])  # 6 answers
    _answers(round_, world.unit_b, [1, 2])  # 2: under 5
    page = client_for(world.reader).get(
        reverse("surveys:round_results", args=[world.organisation.slug, round_.pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Färre än 5 svar" in html  # Enhet B
    assert "Dold så att en mindre grupp inte kan räknas fram" in html  # Enhet A
    # The total of 8: every question's mean is (24 + 3) / 8 = 3.375, index 59.375 → 59.
    assert ">59<" in html
    # No figure of Enhet A (24 / 6 = 4.0, index 75) nor Enhet B (index 12.5).
    table = html.split("Index per enhet")[1].split("</table>")[0]
    assert ">75<" not in html
    assert ">13<" not in table and ">12<" not in table


def test_the_outsider_from_a_sibling_unit_sees_no_results(world, client_for):
    round_ = make_round(world, owner=world.unit_a, units=[world.unit_a])
    url = reverse("surveys:round_results", args=[world.organisation.slug, round_.pk])
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(world.manager).get(url).status_code == 200
    assert client_for(None).get(url).status_code == 302


@pytest.mark.parametrize("answers", [5, 40])
def test_the_results_page_has_a_constant_number_of_queries(
    world, client_for, django_assert_max_num_queries, answers
):
    round_ = make_round(world)
    _answers(round_, world.unit_a, [4] * answers)
    client = client_for(world.reader)
    url = reverse("surveys:round_results", args=[world.organisation.slug, round_.pk])
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200
