from decimal import Decimal

import pytest
from django.urls import reverse

from roder.followup.testing import make_indicator
from roder.indicators import services
from roder.indicators.models import GoalIndicator, Indicator, Target
from roder.periods.testing import make_period
from roder.planning.testing import make_goal, make_plan
from roder.testing import PERSONAS, READ_A

pytestmark = pytest.mark.django_db

WRITE_A = {
    **READ_A,
    "admin": 302,
    "controller": 302,
    "manager": 302,
    "reporter": 403,
    "reader": 403,
}


def url(name, world, **kwargs):
    return reverse(f"indicators:{name}", kwargs={"org": world.organisation.slug, **kwargs})


@pytest.fixture
def setup(world):
    goal = make_goal(make_plan(world.unit_a), "Snabb återkoppling")
    indicator = make_indicator(world.unit_a, "Svar inom 8 timmar")
    return {"goal": goal, "indicator": indicator}


FORM = {
    "name": "Servicegrad telefon",
    "owner": None,
    "measure": "percent",
    "direction": "higher",
    "periodicity": "month",
    "decimals": "0",
    "aggregation": "mean",
    "source": "manual",
    "is_active": "on",
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_in_the_organisation_reads_the_catalogue(world, client_for, persona, setup):
    client = client_for(world.personas[persona])
    assert client.get(url("list", world)).status_code == 200
    assert client.get(url("detail", world, pk=setup["indicator"].pk)).status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_unit_managers_and_above_define_indicators_for_their_units(world, client_for, persona):
    client = client_for(world.personas[persona])
    response = client.post(url("create", world), {**FORM, "owner": world.unit_a.pk})
    allowed = persona in {"admin", "controller", "manager"}
    if persona == "outsider":
        assert response.status_code == 200  # a form error: Enhet A is not among their units
    else:
        assert response.status_code == (302 if allowed else 403)
    assert Indicator.objects.filter(name="Servicegrad telefon").exists() == allowed


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_editors_of_the_owner_unit_change_a_definition(world, client_for, persona, setup):
    client = client_for(world.personas[persona])
    data = {**FORM, "name": "Nytt namn", "owner": world.unit_a.pk, "version": 1}
    response = client.post(url("edit", world, pk=setup["indicator"].pk), data)
    assert response.status_code == WRITE_A[persona]
    renamed = Indicator.objects.get(pk=setup["indicator"].pk).name == "Nytt namn"
    assert renamed == (WRITE_A[persona] == 302)


@pytest.mark.parametrize("persona", PERSONAS)
def test_unit_managers_and_above_attach_indicators_and_set_targets(
    world, client_for, persona, setup
):
    client = client_for(world.personas[persona])
    goal, indicator = setup["goal"], setup["indicator"]
    response = client.post(
        reverse("indicators:goal_attach", kwargs={"org": "testkommun", "goal_pk": goal.pk}),
        {"indicator": indicator.pk},
    )
    assert response.status_code == WRITE_A[persona]
    attached = GoalIndicator.objects.filter(goal=goal, indicator=indicator).exists()
    assert attached == (WRITE_A[persona] == 302)
    if attached:
        response = client.post(
            url("targets", world, goal_pk=goal.pk, indicator_pk=indicator.pk),
            {"year-value": "85", "year-yellow_limit": "80"},
        )
        assert response.status_code == 302
        target = Target.objects.get()
        assert (target.value, target.yellow_limit, target.unit) == (85, 80, world.unit_a)


def test_a_target_with_a_yellow_limit_above_it_is_refused_on_its_form(world, client_for, setup):
    client = client_for(world.manager)
    goal, indicator = setup["goal"], setup["indicator"]
    client.post(
        reverse("indicators:goal_attach", kwargs={"org": "testkommun", "goal_pk": goal.pk}),
        {"indicator": indicator.pk},
    )
    period = make_period(world.organisation)
    response = client.post(
        url("targets", world, goal_pk=goal.pk, indicator_pk=indicator.pk),
        {
            "year-value": "85",
            "year-yellow_limit": "80",
            f"p{period.pk}-value": "70",
            f"p{period.pk}-yellow_limit": "75",
        },
    )
    assert response.status_code == 200
    assert not Target.objects.exists()  # the valid year target is not saved either


def test_a_target_accepts_a_swedish_decimal_comma(world, client_for, setup):
    client = client_for(world.manager)
    goal, indicator = setup["goal"], setup["indicator"]
    client.post(
        reverse("indicators:goal_attach", kwargs={"org": "testkommun", "goal_pk": goal.pk}),
        {"indicator": indicator.pk},
    )
    client.post(
        url("targets", world, goal_pk=goal.pk, indicator_pk=indicator.pk), {"year-value": "85,5"}
    )
    assert str(Target.objects.get().value.normalize()) == "85.5"


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_editors_of_the_owner_unit_add_comparison_values(world, client_for, persona, setup):
    client = client_for(world.personas[persona])
    response = client.post(
        url("comparison_add", world, pk=setup["indicator"].pk),
        {"year": "2026", "kind": "county", "value": "84", "source": "Kolada"},
    )
    assert response.status_code == WRITE_A[persona]
    assert setup["indicator"].comparisons.exists() == (WRITE_A[persona] == 302)


def test_it_shows_targets_as_numbers_not_with_the_columns_four_decimals(world, client_for, setup):
    """A Swedish page never shows a raw value such as -0,5000."""
    services.target_set(
        indicator=setup["indicator"],
        unit=world.unit_a,
        year=2026,
        value=Decimal("85"),
        yellow_limit=Decimal("-0.5"),
        by=world.admin,
    )
    page = client_for(world.reader).get(url("detail", world, pk=setup["indicator"].pk))
    html = page.content.decode()
    assert "<td>85</td><td>\u22120,5</td>" in html  # the typographic minus
    assert "0000" not in html
