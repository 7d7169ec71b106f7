"""The start page costs the same number of queries however many roles, reports to write or
approve and actions due the person has (the to-do sections come from other apps' panels)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roder.actions.models import Action
from roder.actions.testing import days
from roder.followup.models import ReportStatus, UnitReport
from roder.organisation.models import Role
from roder.periods.testing import make_period
from roder.planning.models import Plan
from roder.planning.testing import YEAR
from roder.testing import add_units

pytestmark = pytest.mark.django_db


def grow(world, parent, period, count: int) -> None:
    """`count` units below `parent` where the controller reports too, each with a plan, a
    submitted and a draft report, and an action of the controller's due soon (bulk)."""
    units = add_units(parent, count)
    Role.objects.bulk_create(Role(person=world.controller, unit=u, kind="reporter") for u in units)
    Plan.objects.bulk_create(Plan(unit=u, year=YEAR, title=f"Plan {u.code}") for u in units)
    UnitReport.objects.bulk_create(
        UnitReport(
            unit=u, period=period, status=[ReportStatus.SUBMITTED, ReportStatus.DRAFT][n % 2]
        )
        for n, u in enumerate(units)
    )
    Action.objects.bulk_create(
        Action(unit=u, title=f"Åtgärd {u.code}", responsible=world.controller, due=days(n % 10))
        for n, u in enumerate(units)
    )


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("home:start")).status_code == 200
    return len(captured)


def test_the_start_page_costs_the_same_for_few_and_many_units(world, client_for):
    period = make_period(world.organisation)
    client = client_for(world.controller)
    grow(world, world.unit_a, period, 2)
    small = queries(client)
    grow(world, world.unit_b, period, 100)
    large = queries(client)
    assert large == small, (small, large)
    page = client.get(reverse("home:start")).content.decode()
    assert page.count("/actions/") >= 100 and "Godkänn" in page
