"""Actions for the shared test world (roder/testing.py)."""

import datetime

from django.utils import timezone

from roder.actions import services
from roder.actions.models import Action


def days(n: int) -> datetime.date:
    """Today plus `n` days (negative: in the past)."""
    return timezone.localdate() + datetime.timedelta(days=n)


def make_action(unit, title: str, **values) -> Action:
    return services.action_create(unit=unit, title=title, by=None, **values)
