"""Indicator sources (källor): where an indicator's outcomes come from, and how they are read.

A source says which indicators it can fill, how it reads their values for units and a period
(each value with its provenance: the date the source published or last changed it, and the
number of answers or cases behind it), and whether a person types them in. Higher apps register
theirs in `AppConfig.ready()`: follow-up the manual entry, economy its figures; surveys,
complaints, Kolada and formulas will register theirs under the keys reserved here. Indicators
never import the apps that fill them.

A source only reads. Every value is written as an ordinary outcome through one follow-up
service (`followup.services.outcome_write`), which keeps versions, locks and history and turns
a new value for an approved or closed period into a pending revision.

`Indicator.source` (the source meant to fill it) and `Outcome.source` (the source that wrote
the value) take their choices from `choices()`, so a new source needs no migration.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class SourceValue:
    """One value a source read for an indicator, a unit and a period, with its provenance."""

    indicator: Any
    unit: Any
    value: Decimal | None
    vintage: datetime.date | None = None  # when the source published (or last changed) it
    count: int | None = None  # answers or cases behind it
    value_women: Decimal | None = None
    value_men: Decimal | None = None
    comment: str = ""


# read(*, indicators, units, period, **options) -> the values it has (missing ones left out).
Read = Callable[..., list[SourceValue]]


def _any_indicator(indicator) -> bool:
    return True


@dataclass(frozen=True)
class IndicatorSource:
    """A registered source. `can_fill(indicator)` says whether it can fill that indicator;
    `read` (None: not connected yet) reads values; `by_hand`: people type the values in.
    `compare`: the name of a page comparing an indicator it fills with others (its URL takes
    `org` and `pk`; "kolada:compare"), linked from the scorecard's row; "" for none."""

    key: str
    label: Any  # a lazy translation
    by_hand: bool = False
    can_fill: Callable[[Any], bool] = _any_indicator
    read: Read | None = None
    reserved: bool = False  # a known key whose app is not there yet
    compare: str = ""

    def values(self, *, indicators: Iterable, units: Iterable, period, **options):
        """The source's values for the indicators it can fill, at the units, for the period."""
        if self.read is None:
            raise ValidationError(
                _("%(source)s is not connected; its values are entered by hand.")
                % {"source": self.label}
            )
        fillable = [indicator for indicator in indicators if self.can_fill(indicator)]
        if not fillable:
            return []
        return self.read(indicators=fillable, units=list(units), period=period, **options)


MANUAL = "manual"  # the key of entry by hand (follow-up's report page, grid and Excel import)

_registry: dict[str, IndicatorSource] = {}


def register(source: IndicatorSource) -> None:
    """Add a source (from an app's `ready()`), or fill a reserved key. A key is registered
    once: a second registration is a programming error."""
    known = _registry.get(source.key)
    if known is not None and not known.reserved and known != source:
        raise ImproperlyConfigured(f"Indicator source {source.key!r} is registered twice.")
    _registry[source.key] = source


def get(key: str) -> IndicatorSource:
    try:
        return _registry[key]
    except KeyError:
        raise ValidationError(_("Unknown source “%(key)s”.") % {"key": key}) from None


def registered() -> list[IndicatorSource]:
    """Every source, reserved ones included, in the order they were first registered."""
    return list(_registry.values())


def choices() -> list[tuple[str, str]]:
    """The choices of `Indicator.source` and `Outcome.source`."""
    return [(source.key, source.label) for source in _registry.values()]


def for_indicator(indicator) -> list[IndicatorSource]:
    """The connected sources that can fill this indicator."""
    return [s for s in _registry.values() if s.read is not None and s.can_fill(indicator)]


# The keys Roder has always offered (`models.Source`), in their order. Follow-up fills
# "manual"; the other apps, once they exist, fill theirs. Until then their indicators are
# reported by hand. (Literal keys: models.py imports this module for its choices.)
for _key, _label in (
    ("manual", gettext_lazy("Entered by hand")),
    ("kolada", gettext_lazy("Kolada")),
    ("survey", gettext_lazy("Survey")),
    ("complaints", gettext_lazy("Complaint statistics")),
    ("formula", gettext_lazy("Formula over other indicators")),
):
    register(IndicatorSource(key=_key, label=_label, by_hand=True, reserved=True))
