"""Small charts drawn once per table row (the scorecard's sparklines): inline SVG built as a
string from the numbers, escaped, with the numbers in its <title> for screen readers.

Why not `core.charts` (matplotlib): a figure costs 20+ ms to draw, and a scorecard has one
sparkline per indicator row, dozens on a committee's page; these cost well under a
millisecond each. They appear only on pages (Word and PDF get `core.charts`' tables and
charts), so no PNG from the same figure is needed.

Geometry (`layout`) is kept apart from the markup (`sparkline`), so tests can check where a
value lands: y grows downwards in SVG, so a larger value has a smaller y. A value that is None
is a gap (no point, the line broken there), never a zero.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import count
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

BLUE = "#0b4f71"  # the outcome (as core.charts)
ORANGE = "#b34700"  # the target, dashed
GREY = "#5f6368"  # the county average, dotted with squares
ZERO = "#d0d4d9"

WIDTH = 120
HEIGHT = 32
PAD = 4  # room for the markers at the edges

Value = Decimal | int | float | None
_ids = count(1)


@dataclass
class Layout:
    """Where everything lands, in SVG user units (0,0 top left)."""

    xs: list[float]
    outcome: list[tuple[float, float] | None]
    target: list[tuple[float, float] | None]
    comparison: list[tuple[float, float] | None]
    zero: float | None  # y of the zero line when the values span zero
    low: float  # the values' range, drawn from `bottom` (low) up to `top` (high)
    high: float
    top: float
    bottom: float
    step: float  # the distance between two points

    def y(self, value: Value) -> float | None:
        return None if value is None else self.at(float(value))

    def at(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return round(self.bottom - share * (self.bottom - self.top), 2)


def layout(
    values: Sequence[Value],
    *,
    targets: Sequence[Value] = (),
    comparisons: Sequence[Value] = (),
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Layout:
    """Evenly spaced points over the width, one per value; the vertical scale spans every
    value, target and comparison given (so the target line is always inside the chart)."""
    n = len(values)
    targets = list(targets) or [None] * n
    comparisons = list(comparisons) or [None] * n
    if len(targets) != n or len(comparisons) != n:
        raise ValueError("One target and one comparison (or None) per value.")
    given = [float(v) for v in [*values, *targets, *comparisons] if v is not None]
    low, high = (min(given), max(given)) if given else (0.0, 1.0)
    if low == high:  # one value, or all equal: a flat line in the middle
        low, high = low - 1, high + 1
    left, right = PAD, width - PAD
    step = (right - left) / (n - 1) if n > 1 else 0.0
    lay = Layout(
        xs=[round(left + i * step, 2) if n > 1 else width / 2 for i in range(n)],
        outcome=[],
        target=[],
        comparison=[],
        zero=None,
        low=low,
        high=high,
        top=PAD,
        bottom=height - PAD,
        step=step,
    )

    def points(series: Sequence[Value]) -> list[tuple[float, float] | None]:
        return [
            None if v is None else (x, lay.at(float(v)))
            for x, v in zip(lay.xs, series, strict=True)
        ]

    lay.outcome, lay.target, lay.comparison = points(values), points(targets), points(comparisons)
    lay.zero = lay.at(0.0) if low < 0 < high else None
    return lay


def _runs(points: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """The unbroken stretches of a series: a None ends one."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if point is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def _path(runs: list[list[tuple[float, float]]]) -> str:
    return " ".join("M" + " L".join(f"{x:g} {y:g}" for x, y in run) for run in runs if len(run) > 1)


def _target_path(lay: Layout, width: int) -> str:
    """The target as steps: each point's target spans its slot (half way to its neighbours),
    so a target that changes between years shows as a step and a constant one as one line."""
    half = lay.step / 2 if lay.step else width / 2 - PAD
    parts = []
    for point in lay.target:
        if point is not None:
            x, y = point
            parts.append(f"M{max(x - half, 0):g} {y:g} H{min(x + half, width):g}")
    return " ".join(parts)


def sparkline(
    *,
    values: Sequence[Value],
    labels: Sequence[str],
    title: str,
    fmt: Callable[[Any], str],
    targets: Sequence[Value] = (),
    comparisons: Sequence[Value] = (),
    current: int | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> SafeString:
    """An inline SVG: the values as a line with dots (gaps where None), the targets as an
    orange dashed step line, the comparisons (länssnitt) as grey squares on a dotted line, the
    point `current` (an index) larger. `title` and every number go into its <title>, so the
    chart reads as text; every text is escaped."""
    lay = layout(values, targets=targets, comparisons=comparisons, width=width, height=height)
    ident = f"spark-{next(_ids)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}" focusable="false">',
        f'<title id="{ident}">{escape(describe(title, values, labels, fmt, targets, comparisons))}'
        "</title>",
    ]
    if lay.zero is not None:
        parts.append(f'<path d="M0 {lay.zero:g} H{width}" stroke="{ZERO}" stroke-width="1"/>')
    target = _target_path(lay, width)
    if target:
        parts.append(
            f'<path d="{target}" fill="none" stroke="{ORANGE}" stroke-width="1.2" '
            'stroke-dasharray="3 2" class="spark-target"/>'
        )
    comparison = _path(_runs(lay.comparison))
    if comparison:
        parts.append(
            f'<path d="{comparison}" fill="none" stroke="{GREY}" stroke-width="1" '
            'stroke-dasharray="1 2"/>'
        )
    for point in lay.comparison:
        if point is not None:
            x, y = point
            parts.append(
                f'<rect x="{x - 1.75:g}" y="{y - 1.75:g}" width="3.5" height="3.5" '
                f'fill="{GREY}" class="spark-comparison"/>'
            )
    outcome = _path(_runs(lay.outcome))
    if outcome:
        parts.append(
            f'<path d="{outcome}" fill="none" stroke="{BLUE}" stroke-width="1.5" '
            'class="spark-outcome"/>'
        )
    for index, point in enumerate(lay.outcome):
        if point is not None:
            x, y = point
            radius = 3 if index == current else 2
            parts.append(
                f'<circle cx="{x:g}" cy="{y:g}" r="{radius}" fill="{BLUE}" class="spark-point"/>'
            )
    parts.append("</svg>")
    # Safe: every text above is escaped, every other piece a number or a constant.
    return mark_safe("".join(parts))


def describe(
    title: str,
    values: Sequence[Value],
    labels: Sequence[str],
    fmt: Callable[[Any], str],
    targets: Sequence[Value] = (),
    comparisons: Sequence[Value] = (),
) -> str:
    """The chart as a sentence: "Servicegrad: Delår 2024 82 %, Delår 2025 inget värde, …;
    målvärde 85 %; länssnitt Delår 2025 86 %". Gaps are named, never left out silently."""

    def point(label: str, value: Value) -> str:
        return f"{label} {fmt(value)}" if value is not None else f"{label} {_('no value')}"

    text = ", ".join(point(label, value) for label, value in zip(labels, values, strict=True))
    given = [(label, t) for label, t in zip(labels, targets, strict=False) if t is not None]
    if given:
        if len({t for _label, t in given}) == 1:
            text += "; " + _("target %(value)s") % {"value": fmt(given[0][1])}
        else:
            text += "; " + _("targets %(values)s") % {
                "values": ", ".join(f"{label} {fmt(t)}" for label, t in given)
            }
    shown = [(label, c) for label, c in zip(labels, comparisons, strict=False) if c is not None]
    if shown:
        text += "; " + _("county average %(values)s") % {
            "values": ", ".join(f"{label} {fmt(c)}" for label, c in shown)
        }
    return f"{title}: {text or _('no values')}"
