import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from roder.organisation.access import grants_for
from roder.organisation.models import Organisation
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan
from roder.selfassessment import selectors, services
from roder.selfassessment.models import Round
from roder.surveys.models import Invitation, QuestionKind, Response, ResponseAnswer
from roder.testing import PERSONAS, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    plan = make_plan(world.unit_a)
    commitments = [make_goal(plan, f"Åtagande {n}", kind="commitment") for n in (1, 2)]
    make_goal(plan, "Ett mål, inget åtagande")
    period = make_period(world.organisation)
    staff = [
        make_person(world.organisation, f"medarbetare{n}", role="reporter", unit=world.unit_a)
        for n in range(3)
    ]
    return {"commitments": commitments, "period": period, "staff": staff}


def open_round(world, setup):
    return services.round_open(
        unit=world.unit_a,
        period=setup["period"],
        low_label="Inte alls",
        high_label="Helt",
        by=world.manager,
    )


def answer(round_, person, first, second, comment=""):
    c1, c2 = (g.pk for g in round_.goals.order_by("pk"))
    services.answer_submit(
        round_=round_, person=person, scores={c1: first, c2: second}, comments={c1: comment}
    )


def scores():
    return list(
        ResponseAnswer.objects.filter(
            question__kind=QuestionKind.LIKERT, value__isnull=False
        ).values_list("value", flat=True)
    )


def test_it_asks_about_the_commitments_of_the_units_plan(world, setup):
    round_ = open_round(world, setup)
    assert set(round_.goals.all()) == set(setup["commitments"])
    with pytest.raises(ValidationError):
        open_round(world, setup)


def test_answers_are_anonymous_and_given_once(world, setup):
    round_ = open_round(world, setup)
    answer(round_, setup["staff"][0], 4, 5, comment="Vi behöver rutiner")
    used = Invitation.objects.get(round=round_.survey_round, answered=True)
    assert used.person == setup["staff"][0] and used.draft == {}
    # The answers are the survey engine's: the unit and the day, no person, no token.
    assert {f.name for f in Response._meta.get_fields()} == {
        "id",
        "round",
        "unit",
        "answered_on",
        "answers",
    }
    with pytest.raises(ValidationError):
        answer(round_, setup["staff"][0], 1, 1)
    assert sorted(scores()) == [4, 5]
    assert ResponseAnswer.objects.filter(text="Vi behöver rutiner").count() == 1


def test_only_people_in_the_unit_answer(world, setup):
    round_ = open_round(world, setup)
    for outsider in (world.outsider, world.controller):  # sibling unit; a role above the unit
        with pytest.raises(ValidationError):
            answer(round_, outsider, 3, 3)
    assert not ResponseAnswer.objects.exists()
    assert not Invitation.objects.exists()


def test_it_refuses_scores_outside_the_scale(world, setup):
    round_ = open_round(world, setup)
    with pytest.raises(ValidationError):
        answer(round_, setup["staff"][0], 6, 3)
    assert not Invitation.objects.filter(answered=True).exists()
    assert not ResponseAnswer.objects.exists()


def test_it_compiles_per_unit_and_hides_small_groups(world, setup):
    Organisation.objects.filter(pk=world.organisation.pk).update(minimum_group_size=3)
    round_ = open_round(world, setup)
    answer(round_, setup["staff"][0], 4, 2)
    answer(round_, setup["staff"][1], 5, None)
    result = selectors.round_result(round_, members=5)
    assert not result.shown
    answer(round_, setup["staff"][2], 3, 4)
    result = selectors.round_result(round_, members=5)
    assert result.shown
    first, second = result.goals
    assert (first.mean, first.counts[2:]) == (4, [(3, 1), (4, 1), (5, 1)])
    assert (second.mean, second.cannot_say) == (3, 1)


def test_it_compiles_the_branch(world, setup):
    Organisation.objects.filter(pk=world.organisation.pk).update(minimum_group_size=3)
    round_ = open_round(world, setup)
    for person, scores in zip(setup["staff"], [(4, 2), (5, 5), (3, 4)], strict=True):
        answer(round_, person, *scores)
    b_plan = make_plan(world.unit_b)
    make_goal(b_plan, "B:s åtagande", kind="commitment")
    services.round_open(
        unit=world.unit_b, period=setup["period"], low_label="1", high_label="5", by=world.outsider
    )
    branch = selectors.branch_results(
        world.administration, setup["period"], grants_for(world.controller, world.organisation)
    )
    assert [line.round.unit.name for line in branch.lines] == ["Enhet A", "Enhet B"]
    assert (round(branch.mean, 2), branch.respondents) == (3.83, 3)
    branch = selectors.branch_results(
        world.administration, setup["period"], grants_for(world.outsider, world.organisation)
    )
    assert [line.round.unit.name for line in branch.lines] == ["Enhet B"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_unit_managers_and_above_open_a_round(world, client_for, persona, setup):
    client = client_for(world.personas[persona])
    path = reverse("selfassessment:list", kwargs={"org": "testkommun", "unit_pk": world.unit_a.pk})
    expected_get = 404 if persona == "outsider" else 200
    assert client.get(path).status_code == expected_get
    response = client.post(
        path,
        {
            "period": setup["period"].pk,
            "scale_max": "5",
            "low_label": "Inte alls",
            "high_label": "Helt",
        },
    )
    allowed = persona in {"admin", "controller", "manager"}
    assert response.status_code == (
        302 if allowed else expected_get if persona == "outsider" else 403
    )
    assert Round.objects.exists() == allowed


def test_a_member_answers_through_the_page(world, client_for, setup):
    """The round page's button leads to a personal link on the survey's answering page."""
    round_ = open_round(world, setup)
    client = client_for(setup["staff"][0])
    path = reverse("selfassessment:round", kwargs={"org": "testkommun", "pk": round_.pk})
    assert "Svara på självskattningen" in client.get(path).content.decode()
    response = client.post(path)
    assert response.status_code == 302 and response.url.startswith("/s/p/")
    page = client.get(response.url)
    assert page.status_code == 200
    first, _comment, second, _comment2 = round_.survey_round.questionnaire.questions.order_by(
        "number"
    )
    assert client.post(response.url, {f"q{first.pk}": "4"}).status_code == 200  # one missing
    assert not ResponseAnswer.objects.exists()
    data = {f"q{first.pk}": "4", f"q{second.pk}": "dont_know"}
    assert client.post(response.url, data).status_code == 302
    assert sorted(scores()) == [4]
    assert ResponseAnswer.objects.filter(dont_know=True).count() == 1
    again = client.post(path)  # a second try is refused
    assert again.status_code == 302 and again.url == path
    assert "Svara på självskattningen" not in client.get(path).content.decode()
    # Not a member: sent back to the round page, no link made.
    other = client_for(world.controller).post(path)
    assert other.status_code == 302 and other.url == path
    assert Invitation.objects.filter(round=round_.survey_round).count() == 1


def test_its_survey_round_is_not_on_the_survey_pages(world, client_for, setup):
    round_ = open_round(world, setup)
    client = client_for(world.manager)
    results = reverse(
        "surveys:round_results", kwargs={"org": "testkommun", "pk": round_.survey_round.pk}
    )
    assert client.get(results).status_code == 404
    overview = client.get(reverse("surveys:overview", kwargs={"org": "testkommun"}))
    assert round_.survey_round.name not in overview.content.decode()


def test_the_outsider_cannot_see_the_round(world, client_for, setup):
    round_ = open_round(world, setup)
    path = reverse("selfassessment:round", kwargs={"org": "testkommun", "pk": round_.pk})
    assert client_for(world.outsider).get(path).status_code == 404
    close = reverse("selfassessment:close", kwargs={"org": "testkommun", "pk": round_.pk})
    assert client_for(world.reporter).post(close).status_code == 403
    assert client_for(world.manager).post(close).status_code == 302
    round_.refresh_from_db()
    assert not round_.is_open


def test_two_members_with_one_address_both_answer(world, setup):
    round_ = open_round(world, setup)
    first, second = setup["staff"][:2]
    type(first).objects.filter(pk__in=[first.pk, second.pk]).update(email="delad@example.se")
    first.refresh_from_db()
    second.refresh_from_db()
    answer(round_, first, 3, 3)
    answer(round_, second, 4, 4)
    assert Invitation.objects.filter(round=round_.survey_round, answered=True).count() == 2
