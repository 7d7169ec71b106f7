"""The complaint statistics: figures, roll-up over the tree, "too few cases", who may read them,
and a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.complaints import services, statistics
from roder.complaints.models import Case, ComplaintSettings
from roder.complaints.testing import make_case, make_service
from roder.testing import PERSONAS, READ_A, add_units, make_unit

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 3)  # a Monday


def answered(unit, days: int, *, kind: str = "complaint", service=None, acknowledge=True):
    """A case received on DAY and answered `days` working days later (acknowledged at once)."""
    case = make_case(unit, kind=kind, received_on=DAY, service=service)
    if acknowledge:
        case = services.case_set_status(
            case=case, status="acknowledged", expected_version=case.version, by=None, today=DAY
        )
    services.case_answer(
        case=case,
        text="Svar",
        channel="phone",
        expected_version=case.version,
        by=None,
        today=DAY + datetime.timedelta(days=days + 2 * (days // 5)),  # weekdays only
    )
    return Case.objects.get(pk=case.pk)


def url(world, **query):
    path = reverse("complaints:statistics", kwargs={"org": world.organisation.slug})
    return path, query


def get(client, world, **query):
    path, query = url(world, **query)
    return client.get(path, query)


def test_the_answer_stores_the_handling_time_in_working_days(world):
    # Received Thursday 2025-04-17 (skärtorsdagen), answered Tuesday 2025-04-22: långfredagen
    # and annandag påsk are days off, so Tuesday is the first working day after.
    case = make_case(world.unit_a, received_on=datetime.date(2025, 4, 17))
    services.case_answer(
        case=case,
        text="Svar",
        channel="phone",
        expected_version=case.version,
        by=None,
        today=datetime.date(2025, 4, 22),
    )
    assert Case.objects.get(pk=case.pk).handling_days == 1


def test_figures_roll_up_over_the_branch_and_count_the_deadlines(world):
    below = make_unit(world.unit_a, "A1", "Enhet A1")
    for days in (1, 2, 3, 4, 12):
        answered(below, days)
    answered(world.unit_a, 20, acknowledge=False)  # acknowledged by the (late) answer
    answered(world.unit_b, 1, kind="praise")
    units = list(type(world.unit_a).objects.filter(organisation=world.organisation))
    stats = statistics.branch_statistics(
        unit=world.unit_a.parent,
        units=units,
        starts=datetime.date(2025, 1, 1),
        ends=datetime.date(2025, 12, 31),
        minimum=5,
        service_names={},
    )
    by_unit = {row.label: row for row in stats.units}
    assert by_unit["Enhet A"].cases == 6  # its own and Enhet A1's
    assert by_unit["Enhet A1"].cases == 5
    assert by_unit["Enhet B"].cases == 1
    assert stats.total.cases == 7
    a1 = by_unit["Enhet A1"]
    assert a1.acknowledged_share == Decimal(100)
    assert a1.answered_share == Decimal(80)  # 12 days is late
    assert a1.median_days == Decimal(3)
    a = by_unit["Enhet A"]
    assert round(a.acknowledged_share, 1) == Decimal("83.3")
    assert a.median_days == Decimal("3.5")
    assert by_unit["Enhet B"].too_few and by_unit["Enhet B"].answered_text == "för få ärenden"
    kinds = {row.key: row for row in stats.kinds}
    assert kinds["complaint"].cases == 6 and kinds["praise"].cases == 1
    assert [row.label for row in stats.years] == ["2025"]


def test_open_cases_before_their_deadline_do_not_count_against_it(world):
    for _n in range(5):
        make_case(world.unit_a, received_on=datetime.date(2099, 1, 5))
    units = [world.unit_a]
    stats = statistics.branch_statistics(
        unit=world.unit_a,
        units=units,
        starts=datetime.date(2099, 1, 1),
        ends=datetime.date(2099, 12, 31),
        minimum=5,
        service_names={},
    )
    assert stats.total.cases == 5
    assert stats.total.too_few_answered and stats.total.answered_share is None


def test_a_median_of_an_even_number_is_the_mean_of_the_middle_two():
    from collections import Counter

    assert statistics.median(Counter({1: 1, 2: 1, 5: 1, 9: 1})) == Decimal("3.5")
    assert statistics.median(Counter({4: 3})) == Decimal(4)
    assert statistics.median(Counter()) is None


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_who_sees_the_unit_reads_its_figures_never_its_cases(world, client_for, persona):
    case = make_case(world.unit_a, "Hemlig beskrivning", received_on=DAY, name="Anna Andersson")
    response = get(client_for(world.personas[persona]), world, unit=world.unit_a.pk, year=2025)
    assert response.status_code == READ_A[persona]
    if response.status_code != 200:
        return
    page = response.content.decode()
    assert response.context["stats"].total.cases == 1
    assert "Hemlig beskrivning" not in page and "Anna Andersson" not in page
    assert case.diary_number not in page
    assert "för få ärenden" in page
    # handlers get a link to the cases; readers do not
    assert ("complaints/?unit=" in page) is (persona != "reader")


def test_the_outsider_reads_only_their_own_branch(world, client_for):
    make_case(world.unit_a, received_on=DAY)
    make_case(world.unit_b, received_on=DAY)
    response = get(client_for(world.outsider), world, year=2025)
    assert response.status_code == 200
    assert response.context["unit"] == world.unit_b
    assert response.context["stats"].total.cases == 1


def test_a_period_narrows_the_cases_and_bad_input_falls_back(world, client_for):
    from roder.periods.models import ReportingPeriod

    make_case(world.unit_a, received_on=datetime.date(2025, 2, 3))
    make_case(world.unit_a, received_on=datetime.date(2025, 6, 2))
    period = ReportingPeriod.objects.create(
        organisation=world.organisation,
        year=2025,
        kind="tertial",
        name="Tertial 1 2025",
        starts=datetime.date(2025, 1, 1),
        ends=datetime.date(2025, 4, 30),
    )
    client = client_for(world.admin)
    response = get(client, world, unit=world.unit_a.pk, period=period.pk)
    assert response.context["stats"].total.cases == 1
    response = get(client, world, unit=world.unit_a.pk, year=2025)
    assert response.context["stats"].total.cases == 2
    # nonsense is refused by the form: the defaults are shown
    response = get(client, world, unit="x", year="abc", period="zz")
    assert response.status_code == 200
    assert get(client, world, unit=999999).status_code == 404


def test_the_minimum_is_the_organisations_setting(world, client_for):
    for days in (1, 2):
        answered(world.unit_a, days)
    client = client_for(world.admin)
    response = get(client, world, unit=world.unit_a.pk, year=2025)
    assert response.context["stats"].total.too_few
    ComplaintSettings.objects.create(organisation=world.organisation, statistics_minimum=2)
    response = get(client, world, unit=world.unit_a.pk, year=2025)
    total = response.context["stats"].total
    assert not total.too_few and total.median_days == Decimal("1.5")


def test_a_minimum_of_zero_is_refused_and_nothing_is_written(world, client_for):
    client = client_for(world.admin)
    response = client.post(
        reverse("complaints:settings", kwargs={"org": world.organisation.slug}),
        {
            "number_pattern": "{year}/{number}",
            "acknowledge_days": 2,
            "answer_days": 10,
            "retention_months": 24,
            "statistics_minimum": 0,
        },
    )
    assert response.status_code == 200
    assert not ComplaintSettings.objects.exists()


def _count(client, world, unit) -> int:
    path, query = url(world, unit=unit.pk, year=2025)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, query).status_code == 200
    return len(captured)


def test_the_page_costs_the_same_for_few_and_many_cases_and_units(world, client_for):
    service = make_service(world.organisation, "Bygglov", world.unit_a)
    units = add_units(world.unit_a, 3)
    answered(units[0], 2, service=service)
    client = client_for(world.reader)
    few = _count(client, world, world.unit_a)
    units += add_units(units[1], 30)  # a deeper level too
    for n in range(40):
        answered(units[n % len(units)], n % 12, service=service, kind="suggestion")
    assert _count(client, world, world.unit_a) == few


@pytest.mark.parametrize("persona", ["reader", "reporter"])
def test_the_unit_page_links_to_the_statistics(world, client_for, persona):
    page = client_for(world.personas[persona]).get(
        reverse("organisation:unit_detail", kwargs={"org": "testkommun", "pk": world.unit_a.pk})
    )
    text = page.content.decode()
    assert f"complaints/statistics/?unit={world.unit_a.pk}" in text
    assert (f"complaints/?unit={world.unit_a.pk}" in text) is (persona == "reporter")
