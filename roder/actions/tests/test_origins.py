"""Origins of actions (actions.origins): the action page says where an action came from, the
sources answer for many actions at once, and a finding is named only to those who may see it."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.actions import origins
from roder.actions.models import Action
from roder.actions.testing import make_action
from roder.control.models import ControlResult, ControlResultAction
from roder.control.testing import make_control, make_control_plan, make_risk, make_year
from roder.organisation.access import grants_for
from roder.quality.models import FindingAction
from roder.quality.testing import make_evaluation, make_finding

pytestmark = pytest.mark.django_db


def from_deviation(world, period, control, title="Avvikelse") -> Action:
    result = ControlResult.objects.create(control=control, period=period, outcome="deviation")
    action = make_action(world.unit_a, title)
    ControlResultAction.objects.create(result=result, action=action)
    return action


@pytest.fixture
def english_client_for(client_for):
    def login(person):
        client = client_for(person)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return login


@pytest.fixture
def scene(world):
    periods = make_year(world.organisation)
    control = make_control(make_risk(make_control_plan(world.unit_a)), "Stickprov")
    action = from_deviation(world, periods["t1"], control)
    evaluation = make_evaluation(world.unit_b, title="KommunKompassen 2011")
    FindingAction.objects.create(finding=make_finding(evaluation, 6), action=action)
    return action, periods["t1"], control, evaluation


def detail(client, action) -> str:
    path = reverse("actions:action_detail", kwargs={"org": "testkommun", "pk": action.pk})
    return client.get(path).content.decode()


def test_the_action_page_names_the_deviation_and_the_finding_in_order(
    world, english_client_for, scene
):
    action, period, control, evaluation = scene
    page = detail(english_client_for(world.controller), action)
    followup = reverse("control:followup", kwargs={"org": "testkommun", "pk": control.risk.plan_id})
    quality = reverse(
        "quality:evaluation_detail", kwargs={"org": "testkommun", "pk": evaluation.pk}
    )
    deviation = (
        f"A deviation found by the control “Stickprov” in {period.name} "
        f'(<a href="{followup}?period={period.pk}">internal control follow-up</a>)'
    )
    finding = f'Improvement area in KommunKompassen 2011 (<a href="{quality}#area-6">'
    assert page.count("Caused by") == 2
    assert deviation in page and finding in page
    assert page.index(deviation) < page.index(finding)


def test_a_finding_is_named_only_to_those_who_may_see_its_evaluation(
    world, english_client_for, scene
):
    action = scene[0]
    page = detail(english_client_for(world.manager), action)  # Enhet A's, not Enhet B's
    assert page.count("Caused by") == 1 and "internal control follow-up" in page
    assert "KommunKompassen" not in page


def test_an_action_from_nowhere_says_nothing_about_its_cause(world, english_client_for):
    action = make_action(world.unit_a, "Egen åtgärd")
    assert "Caused by" not in detail(english_client_for(world.controller), action)


def test_the_sources_answer_for_many_actions_in_as_many_queries_as_for_one(world, scene):
    action, period, control, _evaluation = scene
    grants = grants_for(world.controller, world.organisation)
    grants.visible_units()

    def queries(actions) -> int:
        with CaptureQueriesContext(connection) as captured:
            found = origins.origins_of(actions, grants)
        assert all(found[a.pk] for a in actions)
        return len(captured)

    one = queries([action])
    many = [from_deviation(world, period, make_control(control.risk, f"K{n}")) for n in range(20)]
    assert queries([action, *many]) == one
    assert origins.origins_of([], grants) == {}


def test_it_refuses_two_sources_with_one_key():
    known = {source.key: source for source in origins.sources()}
    assert list(known) == ["control", "quality", "complaints"]
    origins.register(known["control"])  # the same source again is fine (ready() run twice)
    with pytest.raises(ImproperlyConfigured):
        origins.register(origins.OriginSource("control", 99, known["quality"].of_actions))
