"""Where a period's name leads on the periods page.

The periods app names no higher app: the app that composes a period's reports (followup, with
its overview of every unit's report) registers the page in its AppConfig.ready(). Without one,
the names are plain text.
"""

from collections.abc import Callable

from roder.periods.models import ReportingPeriod

_period_page: Callable[[str, ReportingPeriod], str] | None = None


def register_period_page(url_for: Callable[[str, ReportingPeriod], str]) -> None:
    """`url_for(org_slug, period)` gives the address of the period's page."""
    global _period_page
    _period_page = url_for


def period_page(org_slug: str, period: ReportingPeriod) -> str | None:
    return _period_page(org_slug, period) if _period_page else None
