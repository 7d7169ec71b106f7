"""A grouped bar chart drawn on the server as SVG geometry: budget, outcome to date and
prognosis per category. The template `economy/_bar_chart.html` turns it into inline SVG with a
<title>, a <desc> and the data table beside it; no JavaScript, no library."""

from dataclasses import dataclass, field
from decimal import Decimal

from roder.core.formatting import SCALES, amount, scaled

WIDTH = 720
LABEL_WIDTH = 240
VALUE_ROOM = 64
TOP = 44  # room for the legend
BAR = 12
GAP = 2
GROUP_GAP = 18
AXIS_ROOM = 24
# Brand blue, a dark orange and a green: each at least 3:1 against white (WCAG 1.4.11), and
# the order in every group is the legend's order.
COLOURS = ("#0b4f71", "#b34700", "#1e6b34")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    fill: str
    text: str
    text_x: float
    text_y: float
    anchor: str
    series: str


@dataclass(frozen=True)
class Group:
    label: str
    y: float  # baseline for the label
    bars: list[Bar]


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class LegendItem:
    x: float
    text_x: float
    fill: str
    text: str


@dataclass
class BarChart:
    title: str
    description: str
    width: int
    height: int
    groups: list[Group] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    zero_x: float = 0
    plot_top: float = TOP
    plot_bottom: float = TOP
    bar_height: int = BAR
    label_x: float = LABEL_WIDTH - 8

    @property
    def tick_label_y(self) -> float:
        return self.plot_bottom + 16


def _nice_step(span: Decimal) -> Decimal:
    """A step of 1, 2 or 5 times a power of ten giving four to eight ticks."""
    if span <= 0:
        return Decimal(1)
    raw = span / 5
    power = Decimal(10) ** (raw.adjusted())
    for factor in (1, 2, 5, 10):
        if raw <= power * factor:
            return power * factor
    return power * 10


def bar_chart(
    *,
    title: str,
    description: str,
    series: list[str],
    groups: list[tuple[str, list[Decimal | None]]],
    scale: str,
) -> BarChart:
    """`groups`: (label, one value per series in kronor, None where missing)."""
    values = [scaled(v, scale) for _label, row in groups for v in row if v is not None]
    low, high = min([Decimal(0), *values]), max([Decimal(0), *values])
    step = _nice_step(high - low)
    low = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    high = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    if high == low:
        high = low + step
    plot_left, plot_right = LABEL_WIDTH, WIDTH - VALUE_ROOM

    def x_of(value: Decimal) -> float:
        return plot_left + float((value - low) / (high - low)) * (plot_right - plot_left)

    zero = x_of(Decimal(0))
    group_height = len(series) * (BAR + GAP) - GAP + GROUP_GAP
    chart = BarChart(
        title=title,
        description=description,
        width=WIDTH,
        height=TOP + len(groups) * group_height + AXIS_ROOM,
        zero_x=round(zero, 1),
        plot_bottom=TOP + len(groups) * group_height,
    )
    for index, (label, row) in enumerate(groups):
        top = TOP + index * group_height
        bars = []
        for n, value in enumerate(row):
            shown = scaled(value, scale)
            end = x_of(shown) if shown is not None else zero
            left, right = min(zero, end), max(zero, end)
            negative = shown is not None and shown < 0
            bars.append(
                Bar(
                    x=round(left, 1),
                    y=top + n * (BAR + GAP),
                    width=round(right - left, 1),
                    fill=COLOURS[n % len(COLOURS)],
                    text=amount(value, scale),
                    text_x=round(left - 4 if negative else right + 4, 1),
                    text_y=top + n * (BAR + GAP) + BAR - 2,
                    anchor="end" if negative else "start",
                    series=series[n],
                )
            )
        middle = top + (len(series) * (BAR + GAP) - GAP) / 2
        chart.groups.append(Group(label=label, y=round(middle + 4, 1), bars=bars))
    tick = low
    while tick <= high:
        chart.ticks.append(
            Tick(x=round(x_of(tick), 1), text=amount(tick * SCALES[scale][0], scale))
        )
        tick += step
    chart.legend = [
        LegendItem(
            x=LABEL_WIDTH + n * 150,
            text_x=LABEL_WIDTH + n * 150 + 20,
            fill=COLOURS[n % len(COLOURS)],
            text=name,
        )
        for n, name in enumerate(series)
    ]
    return chart
