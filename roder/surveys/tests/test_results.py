"""Results over the unit tree and over the years: each branch's figures (its units together),
the same suppression at every level, and the owner's earlier rounds of the questionnaire."""

import datetime

import pytest
from django.urls import reverse

from roder.surveys import selectors, services
from roder.surveys.tests.test_answering import TODAY, hme, make_round

pytestmark = pytest.mark.django_db


def answer(round_, unit, values: list[int], *, today=TODAY):
    questions = list(round_.questionnaire.questions.all())
    round_unit = round_.round_units.get(unit=unit)
    for n, value in enumerate(values):
        services.answer_open_link(
            round_unit=round_unit,
            browser_token=f"{round_.pk}-{unit.pk}-{n}",
            values={q.pk: value for q in questions},
            today=today,
        )


def tree_round(world, **extra):
    """Owned by the committee: the administration's own answers and its two units below."""
    return make_round(
        world,
        owner=world.committee,
        units=[world.administration, world.unit_a, world.unit_b],
        **extra,
    )


def test_a_branch_adds_its_units_together(world):
    round_ = tree_round(world)
    answer(round_, world.administration, [5] * 5)  # HME index 100
    answer(round_, world.unit_a, [4] * 6)  # 75
    answer(round_, world.unit_b, [2] * 5)  # 25
    results = selectors.round_results(round_)
    lines = {(g.name, g.branch): g for g in results.units}
    hme_total = results.indices[0]
    branch = lines[(world.administration.name, True)]
    assert branch.respondents == 16 and branch.depth == 1
    # Over the 16 respondents: (5 × 100 + 6 × 75 + 5 × 25) / 16 = 1075 / 16 = 67.1875.
    assert dict(branch.indices)[hme_total].value * 16 == 1075
    assert dict(lines[(world.administration.name, False)].indices)[hme_total].value == 100
    assert dict(lines[(world.unit_a.name, False)].indices)[hme_total].value == 75
    assert [g.name for g in results.units] == [
        world.administration.name,
        world.administration.name,
        world.unit_a.name,
        world.unit_b.name,
    ]
    assert results.total.respondents == 16
    assert dict(results.total.indices)[hme_total].value * 16 == 1075


def test_a_small_unit_hides_itself_and_the_sibling_that_would_give_it_away(world):
    round_ = tree_round(world)
    answer(round_, world.administration, [5] * 5)
    answer(round_, world.unit_a, [4] * 6)
    answer(round_, world.unit_b, [2] * 2)  # under 5
    results = selectors.round_results(round_)
    lines = {(g.name, g.branch): g for g in results.units}
    assert lines[(world.unit_b.name, False)].hidden == "small"
    # The branch (13) minus the administration's own (5) and Enhet A (6) would give Enhet B:
    # one of the two visible terms is hidden too, the smaller one (the administration's own).
    assert lines[(world.administration.name, False)].hidden == "complement"
    assert lines[(world.unit_a.name, False)].shown
    assert lines[(world.administration.name, True)].shown


def test_the_page_shows_the_branch_and_the_earlier_years(world, client_for):
    earlier = tree_round(
        world,
        opens_on=datetime.date(2025, 10, 1),
        closes_on=datetime.date(2025, 10, 31),
    )
    answer(earlier, world.unit_a, [3] * 5, today=datetime.date(2025, 10, 2))  # 50
    answer(earlier, world.unit_b, [3] * 5, today=datetime.date(2025, 10, 2))
    services.round_close(round_=earlier, by=None)
    round_ = tree_round(world)
    answer(round_, world.unit_a, [4] * 6)
    answer(round_, world.unit_b, [4] * 5)  # 75
    url = reverse("surveys:round_results", args=[world.organisation.slug, round_.pk])
    page = client_for(world.reader).get(url)
    html = page.content.decode()
    assert f"{world.administration.name} med enheterna under" in html
    years = html.split("Alla enheter över omgångarna")[1].split("</table>")[0]
    assert ">2025<" in years and ">2026<" in years
    assert ">50</td>" in years and ">75</td>" in years
    branch = client_for(world.reader).get(url, {"branch": world.administration.pk})
    assert f"{world.administration.name} med enheterna under: per fråga" in branch.content.decode()


def test_a_round_of_another_questionnaire_or_owner_is_not_an_earlier_year(world):
    other = make_round(
        world,
        owner=world.unit_a,
        units=[world.unit_a],
        opens_on=datetime.date(2025, 10, 1),
        closes_on=datetime.date(2025, 10, 31),
    )
    services.round_close(round_=other, by=None)
    round_ = tree_round(world)
    assert selectors.round_results(round_).years == []
    assert hme().code == round_.questionnaire.code
