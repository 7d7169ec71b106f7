"""The accounts the login page lists in demo mode (`settings.DEMO`, from `RODER_DEMO`).

The demo app offers them in its `AppConfig.ready()` (`offer(provider)`); accounts never imports
demo. Outside demo mode the page lists none, whatever was offered.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    title: str
    description: str


_providers: list[Callable[[], Sequence[DemoAccount]]] = []


def offer(provider: Callable[[], Sequence[DemoAccount]]) -> None:
    if provider not in _providers:
        _providers.append(provider)


def listed() -> list[DemoAccount]:
    if not settings.DEMO:
        return []
    return [account for provider in _providers for account in provider()]
