"""Reporting periods for the shared test world."""

import datetime
from typing import Any

from roder.organisation.models import Organisation
from roder.periods import services
from roder.periods.models import PeriodKind, ReportingPeriod

YEAR = 2026  # the year of the test world's plans (planning.testing.YEAR)


def make_period(
    organisation: Organisation,
    *,
    status: str = "open",
    ends: datetime.date = datetime.date(YEAR, 4, 30),
    **extra: Any,
) -> ReportingPeriod:
    period = services.period_create(
        organisation=organisation,
        year=extra.pop("year", YEAR),
        kind=extra.pop("kind", PeriodKind.TERTIAL),
        name=extra.pop("name", f"Tertial 1 {YEAR}"),
        starts=extra.pop("starts", datetime.date(YEAR, 1, 1)),
        ends=ends,
        deadline=extra.pop("deadline", None),
        by=None,
    )
    if status != "planned":
        services.period_set_status(period=period, status="open", expected_version=1, by=None)
        period.refresh_from_db()
    if status == "closed":
        services.period_set_status(period=period, status="closed", expected_version=2, by=None)
        period.refresh_from_db()
    return period
