"""The kinds of notification (aviseringar) that higher apps send.

An app that tells people something registers its kinds in its `AppConfig.ready()`:

    kinds.register(Kind("followup.report_submitted", _("A report was submitted"),
                        _("A unit you approve for submitted its report.")))

The key is stored on every notification and on each person's mail choice: it never changes.
The mail settings page offers one checkbox per registered kind, in the order registered.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Kind:
    key: str
    label: StrOrPromise
    description: StrOrPromise = ""
    # Whether a person who never chose gets this kind by e-mail.
    mail_default: bool = True


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    known = _KINDS.get(kind.key)
    if known is not None and known != kind:
        raise ImproperlyConfigured(f"Two notification kinds are called {kind.key!r}.")
    _KINDS[kind.key] = kind


def get(key: str) -> Kind:
    try:
        return _KINDS[key]
    except KeyError:
        raise ImproperlyConfigured(f"No notification kind {key!r} is registered.") from None


def all_kinds() -> list[Kind]:
    return list(_KINDS.values())
