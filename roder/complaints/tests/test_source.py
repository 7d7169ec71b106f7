"""The complaint statistics as an indicator source: measures, the minimum, outcomes written
through follow-up, and who may write them."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from roder.complaints import services, source
from roder.complaints.testing import make_case
from roder.followup.models import Outcome
from roder.followup.testing import make_indicator
from roder.indicators import sources
from roder.periods.testing import make_period
from roder.testing import PERSONAS, make_unit

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 1, 12)  # a Monday in Tertial 1 2026


def answer(case, on: datetime.date):
    services.case_answer(
        case=case, text="Svar", channel="phone", expected_version=case.version, by=None, today=on
    )


def cases(unit, count: int, *, kind: str = "complaint", late: int = 0):
    """`count` cases received on START, answered the next day, `late` of them after 15 days."""
    for n in range(count):
        case = make_case(unit, kind=kind, received_on=START)
        answer(case, START + datetime.timedelta(days=21 if n < late else 1))


def indicator(world, reference: str, **values):
    return make_indicator(
        world.unit_a,
        name=f"Klagomål {reference}",
        source="complaints",
        source_reference=reference,
        **values,
    )


def test_the_app_fills_the_reserved_key():
    registered = sources.get("complaints")
    assert not registered.reserved and registered.read is not None
    assert source.parse("answered_in_time:complaint") == ("answered_in_time", "complaint")
    assert source.parse("") == ("count", None)
    assert source.parse("nonsense") is None and source.parse("count:other") is None


def test_counts_and_shares_over_the_branch_with_the_minimum(world):
    period = make_period(world.organisation)
    below = make_unit(world.unit_a, "A1", "Enhet A1")
    cases(below, 4, late=1)
    cases(world.unit_a, 1, kind="praise")
    count = indicator(world, "count:complaint", measure="count")
    everything = indicator(world, "count", measure="count")
    share = indicator(world, "answered_in_time")
    late = indicator(world, "answered_in_time:complaint")
    found = sources.get("complaints").values(
        indicators=[count, everything, share, late], units=[world.unit_a, below], period=period
    )
    values = {(v.indicator.source_reference, v.unit.name): v.value for v in found}
    assert values[("count:complaint", "Enhet A")] == 4
    assert values[("count", "Enhet A")] == 5
    assert values[("count", "Enhet A1")] == 4
    assert values[("answered_in_time", "Enhet A")] == Decimal("80.0")  # 4 of 5 in time
    # only four complaints: too few for a share, left out (missing, not zero)
    assert ("answered_in_time:complaint", "Enhet A") not in values
    assert ("answered_in_time", "Enhet A1") not in values


def test_the_outcomes_are_written_through_follow_up(world, client_for):
    period = make_period(world.organisation)
    cases(world.unit_a, 6, late=3)
    share = indicator(world, "answered_in_time")
    client = client_for(world.reporter)
    response = client.post(
        reverse(
            "complaints:indicator_publish", kwargs={"org": world.organisation.slug, "pk": share.pk}
        )
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get(indicator=share, unit=world.unit_a, period=period)
    assert outcome.value == Decimal("50.0") and outcome.source == "complaints"
    assert outcome.count == 6
    page = client.get(
        reverse("indicators:detail", kwargs={"org": world.organisation.slug, "pk": share.pk})
    ).content.decode()
    assert "Andel besvarade i tid (%)" in page


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_owner_units_reporters_and_up_write_them(world, client_for, persona):
    make_period(world.organisation)
    cases(world.unit_a, 5)
    count = indicator(world, "count", measure="count")
    response = client_for(world.personas[persona]).post(
        reverse(
            "complaints:indicator_publish", kwargs={"org": world.organisation.slug, "pk": count.pk}
        )
    )
    expected = {"reader": 403, "outsider": 404}.get(persona, 302)
    assert response.status_code == expected
    assert Outcome.objects.filter(indicator=count).exists() is (expected == 302)


def test_an_indicator_of_another_source_is_refused_and_nothing_written(world, client_for):
    make_period(world.organisation)
    cases(world.unit_a, 5)
    manual = make_indicator(world.unit_a)
    response = client_for(world.admin).post(
        reverse(
            "complaints:indicator_publish",
            kwargs={"org": world.organisation.slug, "pk": manual.pk},
        )
    )
    assert response.status_code == 302
    assert "klagomålsstatistiken" in " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert not Outcome.objects.exists()
