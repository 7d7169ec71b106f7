"""An indicator's outcomes over the units below a unit, combined by the indicator's rule (sum,
mean, weighted mean or none). Used by the roll-up page and by the proposals from below."""

from dataclasses import dataclass, field
from decimal import Decimal

from roder.followup.visibility import mark_label
from roder.indicators.models import Aggregation
from roder.organisation.models import Unit


@dataclass
class Rollup:
    indicator: object
    value: Decimal | None
    contributing: list[tuple[Unit, Decimal]]
    missing: list[Unit]
    excluded: list[tuple[Unit, str]]
    marks: dict[int, str] = field(default_factory=dict)  # unit id -> "utkast", "inskickad"

    @property
    def figures(self) -> list[tuple[Unit, Decimal, str]]:
        """The contributing units' values, each with its mark ("" when approved)."""
        return [(unit, value, self.marks.get(unit.pk, "")) for unit, value in self.contributing]


def combine_units(indicator, units, outcomes) -> Rollup:
    """A unit's own outcome stands for its whole branch: units below a unit that reported are
    excluded as "included above", so nothing is counted twice."""
    contributing, missing, excluded, weights = [], [], [], []
    marks: dict[int, str] = {}
    reported = [u for u in units if outcomes.get(u) is not None and outcomes[u].value is not None]
    for unit in units:
        outcome = outcomes.get(unit)
        covering = next((u for u in reported if u != unit and u.contains(unit)), None)
        if covering is not None:
            excluded.append((unit, "included"))
        elif outcome is None or outcome.value is None:
            missing.append(unit)
        elif indicator.aggregation == Aggregation.NONE:
            excluded.append((unit, "none"))
        elif indicator.aggregation == Aggregation.WEIGHTED_MEAN and not outcome.weight:
            excluded.append((unit, "no_weight"))
        else:
            contributing.append((unit, outcome.value))
            weights.append(outcome.weight)
            marks[unit.pk] = mark_label(getattr(outcome, "report_status", None))
    values = [value for _unit, value in contributing]
    value = None
    if values and indicator.aggregation == Aggregation.SUM:
        value = sum(values)
    elif values and indicator.aggregation == Aggregation.MEAN:
        value = sum(values) / len(values)
    elif values and indicator.aggregation == Aggregation.WEIGHTED_MEAN:
        value = sum(v * w for v, w in zip(values, weights, strict=True)) / sum(weights)
    return Rollup(indicator, value, contributing, missing, excluded, marks)
