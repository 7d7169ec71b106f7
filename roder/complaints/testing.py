"""Complaint cases for the shared test world (roder/testing.py)."""

import datetime
from typing import Any

from roder.complaints import services
from roder.complaints.models import Case, Service
from roder.organisation.models import Organisation, Unit


def make_service(organisation: Organisation, name: str, unit: Unit) -> Service:
    return services.service_create(organisation=organisation, name=name, unit=unit, by=None)


def make_case(unit: Unit, description: str = "Lång väntan i telefon", **values: Any) -> Case:
    values.setdefault("kind", "complaint")
    values.setdefault("received_on", datetime.date(2026, 12, 1))
    return services.case_register(
        organisation=unit.organisation, unit=unit, description=description, by=None, **values
    )
