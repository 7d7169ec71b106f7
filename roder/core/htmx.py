"""Helpers for views that answer both htmx and plain requests."""

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    # Boosted requests want the whole page; only targeted swaps get a partial.
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-Boosted")


def template_for(request: HttpRequest, template: str, partial: str) -> str:
    """The page template, or `page.html#partial` when htmx asks for the swappable region."""
    return f"{template}#{partial}" if is_htmx(request) else template
