"""The to-do list on the start page and the period overview show the reports' due date and
what is late."""

import datetime

import pytest
from django.urls import reverse

from roder.followup import services
from roder.periods.testing import make_period
from roder.planning.testing import make_plan

pytestmark = pytest.mark.django_db

PAST = datetime.date(2026, 5, 15)  # before today: the test world is about 2026 and later


@pytest.fixture
def late_period(world):
    make_plan(world.unit_a)
    make_plan(world.unit_b)
    return make_period(world.organisation, deadline=PAST)


def test_the_to_do_list_says_when_a_report_is_due_and_late(world, client_for, late_period):
    page = client_for(world.manager).get(reverse("home:start")).content.decode()
    assert "Enhet A" in page and "2026-05-15" in page
    assert 'class="late"' in page


def test_a_submitted_report_is_no_longer_late_on_the_to_do_list(world, client_for, late_period):
    services.report_submit(unit=world.unit_a, period=late_period, by=world.manager)
    page = client_for(world.manager).get(reverse("home:start")).content.decode()
    assert 'class="late"' not in page


def test_a_report_not_yet_due_is_not_late(world, client_for):
    make_plan(world.unit_a)
    make_period(world.organisation, deadline=datetime.date.today() + datetime.timedelta(days=9))
    page = client_for(world.manager).get(reverse("home:start")).content.decode()
    assert 'class="late"' not in page


def test_the_overview_shows_the_due_date_and_the_late_units(world, client_for, late_period):
    services.report_submit(unit=world.unit_a, period=late_period, by=world.manager)
    path = reverse("followup:overview", kwargs={"org": "testkommun", "pk": late_period.pk})
    response = client_for(world.controller).get(path)
    assert "2026-05-15" in response.content.decode()
    late = {line.unit.code for line in response.context["lines"] if line.late}
    assert "B" in late and "A" not in late
