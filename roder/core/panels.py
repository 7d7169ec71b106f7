"""Page panels: sections a higher app adds to a lower app's page without the page importing it.

A page that others may add to offers a `Slot` (the goal page in `planning.panels`, the unit page
in `organisation.panels`, the start page here, because its app `home` is on the top floor). A
higher app registers a `Panel` on it in its `AppConfig.ready()`:

    panels.register(GOAL_PAGE, Panel(key="actions", order=20,
                    template="actions/_goal_panel.html", context=goal_panel))

The page calls `slot.bind(request, grants, obj)` and renders the result with
`{% for panel in panels %}{% panel panel %}{% endfor %}` (`{% load panels %}`). The template of a
panel sees the page's own context plus what its context function returned; a function that
returns None leaves the panel out (nothing to show). Panels come in `order`, then `key`.

A context function must cost a fixed number of queries whatever the data (the pages'
`test_queries.py` check it); return querysets unevaluated where the template only loops over them.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

# (request, grants, the page's object) -> the panel's context, or None to leave it out. `grants`
# is the person's `organisation.access.Grants` on organisation pages, None on the start page.
type ContextFunction[T] = Callable[[HttpRequest, Any, T], Mapping[str, Any] | None]


@dataclass(frozen=True)
class Panel[T]:
    key: str
    order: int
    template: str
    context: ContextFunction[T]


@dataclass(frozen=True)
class BoundPanel:
    """A panel with its context for one request, ready for `{% panel %}`."""

    key: str
    template: str
    context: Mapping[str, Any]


class Slot[T]:
    """The place on one page where panels go; T is the page's object (goal, unit, person)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._panels: dict[str, Panel[T]] = {}

    def __repr__(self) -> str:
        return f"Slot({self.name!r})"

    def register(self, panel: Panel[T]) -> None:
        known = self._panels.get(panel.key)
        if known is not None and known != panel:
            raise ImproperlyConfigured(f"{self.name}: two panels are called {panel.key!r}.")
        self._panels[panel.key] = panel

    def panels(self) -> list[Panel[T]]:
        return sorted(self._panels.values(), key=lambda panel: (panel.order, panel.key))

    def bind(self, request: HttpRequest, grants: Any, obj: T) -> list[BoundPanel]:
        bound = []
        for panel in self.panels():
            context = panel.context(request, grants, obj)
            if context is not None:
                bound.append(BoundPanel(panel.key, panel.template, context))
        return bound


def register[T](slot: Slot[T], panel: Panel[T]) -> None:
    slot.register(panel)


# The start page ("/", app home): what waits for the person (T is the logged-in person).
START_PAGE: Slot[Any] = Slot("start")
