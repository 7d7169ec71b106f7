"""Anonymity of self-assessment results (issue 10, defect 9): no page gives a small group's
answers away by subtraction, and the members counted are exactly the people who can answer.

The pages are read as a person reads them (the HTML, in Swedish), so the subtraction below is
the one anyone could do by hand: (24 + x) / 7 = 3,6 gives x = 1."""

import itertools
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.core.models import HistoryEntry
from roder.organisation.models import Organisation
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan
from roder.selfassessment import services
from roder.testing import add_units, make_person, make_unit

pytestmark = pytest.mark.django_db

LINE = re.compile(r"<tr><td><a [^>]*>([^<]+)</a></td><td>(\d+)</td><td>(.*?)</td></tr>", re.S)
NUMBERS = itertools.count()
TOTAL = re.compile(r"<tfoot><tr><th scope=\"row\">[^<]*</th><td>(\d+)</td><td>(.*?)</td>", re.S)


def open_round(unit, period, by):
    plan = make_plan(unit)
    make_goal(plan, f"Åtagande för {unit.name}", kind="commitment")
    return services.round_open(
        unit=unit, period=period, low_label="Inte alls", high_label="Helt", by=by
    )


def staff_answer(round_, scores: list[int]) -> None:
    """One new person with a role on the round's unit per score; one commitment per round."""
    (goal,) = round_.goals.all()
    for score in scores:
        username = f"svarande{next(NUMBERS)}"
        person = make_person(round_.unit.organisation, username, role="reporter", unit=round_.unit)
        services.answer_submit(round_=round_, person=person, scores={goal.pk: score}, comments={})


def mean(text: str) -> Decimal | None:
    """A mean as the page prints it ("3,6"), or None when the page hides it."""
    return Decimal(text.replace(",", ".")) if re.fullmatch(r"\d+,\d", text) else None


def branch_page(client, world, unit, period):
    path = reverse(
        "selfassessment:branch", kwargs={"org": world.organisation.slug, "unit_pk": unit.pk}
    )
    response = client.get(path, {"period": period.pk})
    assert response.status_code == 200
    html = response.content.decode()
    lines = [(name, int(count), mean(text)) for name, count, text in LINE.findall(html)]
    ((count, text),) = TOTAL.findall(html)
    return lines, (int(count), mean(text))


def worked_out(lines, total) -> dict[str, Decimal]:
    """The mean of the one hidden line, worked out from the total and the lines shown (every
    respondent gives one score): what the page must never allow."""
    hidden = [(name, count) for name, count, value in lines if value is None and count]
    count, value = total
    if value is None or len(hidden) != 1:
        return {}
    shown = sum(c * v for _name, c, v in lines if v is not None)
    ((name, hidden_count),) = hidden
    return {name: round((count * value - shown) / hidden_count)}


@pytest.fixture
def branch(world):
    """Förvaltningen's units A and B answer tertial 1: six people in A all give 4, the one person
    in B gives 1."""
    period = make_period(world.organisation)
    a = open_round(world.unit_a, period, world.manager)
    b = open_round(world.unit_b, period, world.outsider)
    staff_answer(a, [4] * 6)
    staff_answer(b, [1])
    return period, a, b


def test_the_branch_total_never_gives_a_lone_respondent_away(world, client_for, branch):
    period, _a, _b = branch
    lines, total = branch_page(client_for(world.controller), world, world.administration, period)

    assert total == (7, Decimal("3.6"))  # (24 + x) / 7
    assert worked_out(lines, total) == {}  # was {"Enhet B": 1}: B's one answer
    assert [(name, count) for name, count, _value in lines] == [("Enhet A", 6), ("Enhet B", 1)]
    assert [value for _name, _count, value in lines] == [None, None]


def test_every_page_hides_the_same_results(world, client_for, branch):
    """A's round page hides its result too: its mean and the branch's would give B's away."""
    period, a, b = branch
    client = client_for(world.controller)
    for round_ in (a, b):
        path = reverse("selfassessment:round", kwargs={"org": "testkommun", "pk": round_.pk})
        response = client.get(path)
        assert response.status_code == 200
        assert response.context["result"].shown is False
        assert "<table>" not in response.content.decode()
    # The committee's page adds up the same branch: the same total, nothing more shown.
    lines, total = branch_page(client, world, world.committee, period)
    assert total == (7, Decimal("3.6"))
    assert [value for _name, _count, value in lines] == [None, None]
    # Each unit's own page: its total is its round's, hidden like the line.
    for unit in (world.unit_a, world.unit_b):
        _lines, (_count, value) = branch_page(client, world, unit, period)
        assert value is None


def test_results_show_once_each_group_is_large_enough(world, client_for, branch):
    period, a, b = branch
    staff_answer(b, [2, 2, 3, 5])
    lines, total = branch_page(client_for(world.controller), world, world.administration, period)

    assert lines == [("Enhet A", 6, Decimal("4.0")), ("Enhet B", 5, Decimal("2.6"))]
    assert total == (11, Decimal("3.4"))
    path = reverse("selfassessment:round", kwargs={"org": "testkommun", "pk": a.pk})
    assert client_for(world.manager).get(path).context["result"].shown


def test_the_organisations_minimum_decides(world, client_for, branch):
    period, _a, _b = branch
    Organisation.objects.filter(pk=world.organisation.pk).update(minimum_group_size=7)
    lines, total = branch_page(client_for(world.controller), world, world.administration, period)
    assert total == (7, Decimal("3.6"))
    assert [value for _name, _count, value in lines] == [None, None]
    Organisation.objects.filter(pk=world.organisation.pk).update(minimum_group_size=8)
    _lines, total = branch_page(client_for(world.controller), world, world.administration, period)
    assert total == (7, None)


# --- who is counted and who may answer ------------------------------------------------------


def answerers(client_for, round_) -> set[int]:
    """Everyone in the organisation who can open the round page and gets the answer form."""
    path = reverse("selfassessment:round", kwargs={"org": "testkommun", "pk": round_.pk})
    can = set()
    for person in get_user_model().objects.filter(roles__isnull=False).distinct():
        response = client_for(person).get(path)
        assert response.status_code in (200, 404)
        if response.status_code == 200 and response.context["may_answer"]:
            can.add(person.pk)
    return can


def test_a_round_on_a_parent_counts_exactly_the_people_who_can_answer_it(world, client_for):
    period = make_period(world.organisation)
    office = make_person(world.organisation, "kansli", role="reporter", unit=world.administration)
    make_unit(world.unit_a, "A1", "Enhet A1")  # a unit below A, with its own staff
    round_ = open_round(world.administration, period, world.controller)

    counted = set(services.members(round_.unit))
    path = reverse("selfassessment:round", kwargs={"org": "testkommun", "pk": round_.pk})
    page = client_for(world.controller).get(path)

    assert counted == answerers(client_for, round_) == {office.pk}  # A's and B's staff got 404
    assert page.context["result"].members == 1


def test_the_people_of_a_unit_are_counted_and_answer(world, client_for):
    period = make_period(world.organisation)
    round_ = open_round(world.unit_a, period, world.manager)
    below = make_unit(world.unit_a, "A1", "Enhet A1")
    make_person(world.organisation, "a1", role="reporter", unit=below)  # answers A1's own round

    counted = set(services.members(round_.unit))
    assert counted == answerers(client_for, round_) == {world.manager.pk, world.reporter.pk}


def test_the_organisation_administrator_sets_the_minimum(world, client_for):
    path = reverse("organisation:settings", kwargs={"org": "testkommun"})
    data = {
        "name": "Testkommun",
        "slug": "testkommun",
        "municipality_code": "",
        "fiscal_year_start_month": "1",
        "version": world.organisation.version,
    }
    client = client_for(world.admin)
    assert client.post(path, data | {"minimum_group_size": "2"}).status_code == 200
    assert Organisation.objects.get().minimum_group_size == 5
    assert not HistoryEntry.objects.filter(action="update").exists()

    assert client.post(path, data | {"minimum_group_size": "10"}).status_code == 302
    assert Organisation.objects.get().minimum_group_size == 10
    entry = HistoryEntry.objects.for_object(world.organisation).get(action="update")
    assert entry.changes == {"minimum_group_size": {"before": 5, "after": 10}}
    reader = client_for(world.controller).post(path, data | {"minimum_group_size": "3"})
    assert reader.status_code == 403
    assert Organisation.objects.get().minimum_group_size == 10


def test_the_compiled_page_reads_a_fixed_number_of_queries(world, client_for, branch):
    period, _a, _b = branch
    client = client_for(world.controller)
    path = reverse(
        "selfassessment:branch", kwargs={"org": "testkommun", "unit_pk": world.administration.pk}
    )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path, {"period": period.pk}).status_code == 200
        return len(captured)

    few = queries()
    for unit in add_units(world.administration, 4):
        staff_answer(open_round(unit, period, world.controller), [3, 4])
    assert queries() == few


def test_a_unit_too_small_for_any_result_is_told_so(world, client_for):
    """Enhet B has two members; 'shown when at least 5 have answered' would never come true."""
    period = make_period(world.organisation)
    round_ = open_round(world.unit_b, period, world.admin)
    staff_answer(round_, [3])
    path = reverse("selfassessment:round", kwargs={"org": "testkommun", "pk": round_.pk})
    page = client_for(world.outsider).get(path).content.decode()
    assert "färre än de 5 svar" in page
    assert "visas när minst 5" not in page
