import datetime

import pytest
from django.urls import reverse

from roder.core.models import HistoryEntry
from roder.periods.models import ReportingPeriod
from roder.periods.testing import make_period
from roder.testing import PERSONAS

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"periods:{name}", kwargs={"org": "testkommun", **kwargs})


# Controllers anywhere in the organisation (the test world's sits on Kommunstyrelsen, below
# the top) and administrators run the periods; everyone else gets 403.
MANAGERS = {"admin", "controller"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_organisations_controllers_manage_periods(world, client_for, persona):
    client = client_for(world.personas[persona])
    page = client.get(url("periods"))
    assert page.status_code == 200
    assert (url("install_year") in page.content.decode()) == (persona in MANAGERS)
    response = client.post(url("install_year"), {"year": "2027"})
    assert response.status_code == (302 if persona in MANAGERS else 403)
    assert ReportingPeriod.objects.filter(year=2027).exists() == (persona in MANAGERS)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_controllers_add_open_close_reopen_and_date_periods(world, client_for, persona):
    client = client_for(world.personas[persona])
    allowed = persona in MANAGERS
    code = 302 if allowed else 403
    added = client.post(
        url("periods"),
        {
            "name": "Mars 2026",
            "kind": "month",
            "year": "2026",
            "starts": "2026-03-01",
            "ends": "2026-03-31",
        },
    )
    assert added.status_code == (302 if allowed else 403)
    assert ReportingPeriod.objects.filter(name="Mars 2026").exists() == allowed
    period = make_period(world.organisation, status="closed")
    reopened = client.post(
        url("status", pk=period.pk), {"status": "open", "version": 3, "reason": "Sen rättelse"}
    )
    assert reopened.status_code == code
    dated = client.post(url("deadline", pk=period.pk), {"deadline": "2026-05-20", "version": 4})
    assert dated.status_code == code
    closed = client.post(url("status", pk=period.pk), {"status": "closed", "version": 5})
    assert closed.status_code == code
    period.refresh_from_db()
    if allowed:
        assert (period.status, period.version) == ("closed", 6)
        assert period.deadline == datetime.date(2026, 5, 20)
    else:
        assert (period.status, period.version, period.deadline) == ("closed", 3, None)
        assert HistoryEntry.objects.for_object(period).count() == 3  # created, opened, closed


def test_the_sibling_unit_manager_cannot_run_periods(world, client_for):
    period = make_period(world.organisation)
    client = client_for(world.outsider)
    assert (
        client.post(url("status", pk=period.pk), {"status": "closed", "version": 2}).status_code
        == 403
    )
    assert (
        client.post(
            url("deadline", pk=period.pk), {"deadline": "2026-05-20", "version": 2}
        ).status_code
        == 403
    )
    period.refresh_from_db()
    assert period.is_open


def test_reopening_without_a_reason_is_refused_and_the_reason_is_shown(world, client_for):
    period = make_period(world.organisation, status="closed")
    client = client_for(world.controller)
    response = client.post(
        url("status", pk=period.pk), {"status": "open", "version": 3}, follow=True
    )
    period.refresh_from_db()
    assert period.status == "closed"
    assert "Tertial 1 2026" in str(next(iter(response.context["messages"])))
    client.post(
        url("status", pk=period.pk),
        {"status": "open", "version": 3, "reason": "Enhet A:s utfall kom sent"},
    )
    period.refresh_from_db()
    assert period.is_open
    page = client.get(url("periods")).content.decode()
    assert "Enhet A:s utfall kom sent" in page
    assert world.controller.get_full_name() in page or world.controller.username in page


def test_a_period_past_its_due_date_says_so(world, client_for):
    make_period(world.organisation, deadline=datetime.date(2026, 5, 15))
    client = client_for(world.reader)
    page = client.get(url("periods")).content.decode()
    assert "2026-05-15" in page
    assert 'class="late"' in page  # the test world's today is after 2026-05-15


def test_a_period_is_opened_and_closed_from_the_periods_page(world, client_for):
    period = make_period(world.organisation, status="planned")
    client = client_for(world.admin)
    client.post(url("status", pk=period.pk), {"status": "open", "version": 1})
    client.post(url("status", pk=period.pk), {"status": "closed", "version": 2})
    period.refresh_from_db()
    assert period.status == "closed"
