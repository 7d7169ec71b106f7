"""The person's notifications on the start page (core.panels.START_PAGE)."""

from typing import Any

from django.http import HttpRequest

from roder.accounts.models import User
from roder.core.panels import Panel
from roder.notices.models import Notification

# How many notifications the start page shows; the rest are on the notifications page.
START_COUNT = 5


def start_panel(request: HttpRequest, grants: Any, person: User) -> dict[str, Any] | None:
    """The newest notifications, unread marked, and how many are unread (two queries)."""
    mine = Notification.objects.filter(recipient=person)
    latest = list(mine[: START_COUNT + 1])
    if not latest:
        return None
    return {
        "notifications": latest[:START_COUNT],
        "more_notifications": len(latest) > START_COUNT,
        "unread_count": mine.unread().count(),
    }


START: Panel[User] = Panel(
    key="notices", order=5, template="notices/_start_panel.html", context=start_panel
)
