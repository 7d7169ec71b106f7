"""Helpers for views that answer both htmx and plain requests.

The rules for every page (docs/architecture.md, "htmx"): a view renders `page.html#partial`
only for a targeted swap (`is_htmx`); every response says `Vary: HX-Request`
(`core.middleware.HtmxVaryMiddleware`), so no cache hands a fragment to a page request; and
base.html tells htmx to keep no page snapshots and reload from the server when going back
(`historyCacheSize` 0, `refreshOnHistoryMiss`, `historyRestoreAsHxRequest` off), so going
back after a swap shows the whole page, never a fragment."""

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """Whether to answer with a fragment. Boosted requests want the whole page, and so does
    htmx restoring a page from the server when the browser goes back (a history restore):
    only targeted swaps get a partial."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and not headers.get("HX-Boosted")
        and not headers.get("HX-History-Restore-Request")
    )


def template_for(request: HttpRequest, template: str, partial: str) -> str:
    """The page template, or `page.html#partial` when htmx asks for the swappable region."""
    return f"{template}#{partial}" if is_htmx(request) else template
