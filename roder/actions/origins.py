"""Origins: where an action came from (a control deviation, an evaluation finding …).

The apps that turn something into an action keep the link in their own tables; the actions app
knows none of them. Each registers an `OriginSource` in its `AppConfig.ready()`:

    origins.register(OriginSource(key="control", order=10, of_actions=deviation_origins))

`of_actions(actions, grants)` returns, for the actions that came from its objects, an `Origin`
each: the text the action page shows under "Caused by" and a link to the source. It reads all
the given actions at once, in a fixed number of queries, and names only sources the person may
see.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from roder.actions.models import Action


@dataclass(frozen=True)
class Origin:
    """'A deviation found by the control “Stickprov” in Tertial 1 2026 (internal control
    follow-up)': `label`, then a link with `link_text` to `url`."""

    label: str
    url: str
    link_text: str


@dataclass(frozen=True)
class OriginSource:
    key: str
    order: int
    # (actions, the person's grants) -> {action pk: its origin}, for the actions from this source.
    of_actions: Callable[[Sequence[Action], Any], Mapping[int, Origin]]


_SOURCES: dict[str, OriginSource] = {}


def register(source: OriginSource) -> None:
    known = _SOURCES.get(source.key)
    if known is not None and known != source:
        raise ImproperlyConfigured(f"Two origins of actions are called {source.key!r}.")
    _SOURCES[source.key] = source


def sources() -> list[OriginSource]:
    return sorted(_SOURCES.values(), key=lambda source: (source.order, source.key))


def origins_of(actions: Sequence[Action], grants) -> dict[int, list[Origin]]:
    """Every action's origins, in the sources' order (one query or so per source)."""
    found: dict[int, list[Origin]] = {action.pk: [] for action in actions}
    if not actions:
        return found
    for source in sources():
        for pk, origin in source.of_actions(actions, grants).items():
            found[pk].append(origin)
    return found
