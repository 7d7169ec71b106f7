import pytest
from django.urls import reverse

from roder.periods.models import ReportingPeriod
from roder.periods.testing import make_period
from roder.testing import PERSONAS

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"periods:{name}", kwargs={"org": "testkommun", **kwargs})


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_organisations_controllers_manage_periods(world, client_for, persona):
    client = client_for(world.personas[persona])
    assert client.get(url("periods")).status_code == 200
    response = client.post(url("install_year"), {"year": "2027"})
    assert response.status_code == (302 if persona == "admin" else 403)
    assert ReportingPeriod.objects.filter(year=2027).exists() == (persona == "admin")


def test_a_period_is_opened_and_closed_from_the_periods_page(world, client_for):
    period = make_period(world.organisation, status="planned")
    client = client_for(world.admin)
    client.post(url("status", pk=period.pk), {"status": "open", "version": 1})
    client.post(url("status", pk=period.pk), {"status": "closed", "version": 2})
    period.refresh_from_db()
    assert period.status == "closed"
