"""The demo's complaint statistics: Serviceförvaltningen's cases of 2010 and 2011 with seed
001's totals, and the nyckeltal they feed on the ekonomiadministration's scorecard."""

from decimal import Decimal

import pytest
from django.urls import reverse

from roder.complaints.models import Case, CustomerContact
from roder.demo.personas import DEMO_PASSWORD
from roder.followup.models import Outcome
from roder.organisation.models import Unit
from roder.periods.models import ReportingPeriod

pytestmark = pytest.mark.django_db


def test_the_seeds_totals_per_year(demo):
    cases = Case.objects.filter(organisation__slug="stockholm")
    for year, total, positive in ((2010, 54, 12), (2011, 24, 1)):
        of_year = cases.filter(year=year)
        assert of_year.count() == total
        assert of_year.filter(kind="praise").count() == positive
        assert len({case.received_on.month for case in of_year}) == 12
        assert not of_year.exclude(status="closed").exists()
    assert {c.unit.code for c in cases.select_related("unit")} == {
        "SF-EA-KR",
        "SF-EA-LR",
        "SF-EA-KB",
        "SF-EA-RS",
    }


def test_the_nyckeltal_come_from_the_statistics_onto_the_scorecard(demo, client):
    outcomes = Outcome.objects.filter(source="complaints", unit__code="SF-EA")
    counts = {o.period.year: o.value for o in outcomes if o.indicator.measure == "count"}
    assert counts == {2010: Decimal(54), 2011: Decimal(24)}
    unit = Unit.objects.get(organisation__slug="stockholm", code="SF-EA")
    period = ReportingPeriod.objects.get(organisation__slug="stockholm", year=2011, kind="year_end")
    assert client.login(username="ekonomichef", password=DEMO_PASSWORD)
    page = client.get(
        reverse("followup:scorecard", kwargs={"org": "stockholm", "unit_pk": unit.pk}),
        {"period": period.pk},
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Andel synpunkter besvarade inom 10 arbetsdagar" in text
    stats = client.get(
        reverse("complaints:statistics", kwargs={"org": "stockholm"}),
        {"unit": unit.pk, "year": 2011},
    )
    assert stats.context["stats"].total.cases == 24


def test_the_kundlogg_has_142_customer_meetings_a_year(demo):
    from roder.complaints.selectors import contact_counts

    unit = Unit.objects.get(organisation__slug="stockholm", code="SF-EA")
    for year in (2010, 2011):
        counts = contact_counts(unit, year)
        assert dict(counts.kinds)["Möte"] == 142 == counts.total
    assert CustomerContact.objects.filter(unit__code="SP-VD").count() == 3
