"""Every chart Roder shows, on a page or in a document, drawn once on the server with
matplotlib, for every format from the same Figure.

Each function returns a `Chart`: SVG (pages and PDF, as an <img> so pages keep a strict CSP;
text stays text), PNG at 150 dpi (Word), a text alternative and a `tables.Table` with the same
numbers, all written with `core.formatting`. `width_cm` is the figure's real width, so fonts
print at their drawn size. Pages include `core/_chart.html` (the image, its caption and the
table in a <details>); documents hold a Chart as a block.

Why matplotlib for all rather than hand-written SVG: Word needs a PNG, and matplotlib draws
the SVG and the PNG from one Figure, so the two can never differ; the accessible parts (alt
text, table) come from the same numbers in Python either way. The pages' own SVG templates
(economy follow-up, risk matrix) would have needed a second renderer for Word.

No pyplot: a bare `Figure` belongs to no global figure manager, so nothing has to be closed and
nothing leaks between requests. The rc settings are applied with `rc_context`, which changes
matplotlib's global `rcParams` for its duration; a lock keeps two threads from drawing (and
restoring the settings) at the same time. A chart takes well under a tenth of a second.

Colour is never the only cue (WCAG 1.4.1): series also differ by marker, line style or hatch,
and every colour has at least 3:1 contrast against white (WCAG 1.4.11).
"""

import base64
import io
import math
import re
import secrets
import textwrap
import threading
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

import matplotlib
from django.utils.translation import gettext as _
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from roder.core import formatting
from roder.core.tables import Cell, Table

BLUE = "#0b4f71"
ORANGE = "#b34700"
GREEN = "#1e6b34"
GREY = "#5f6368"
INK = "#202124"
GRID = "#d0d4d9"
PALETTE = (BLUE, ORANGE, GREEN, GREY)
MARKERS = ("o", "s", "^", "D")
LINESTYLES = ("-", (0, (5, 2)), (0, (1, 1.5)), (0, (5, 1.5, 1, 1.5)))
HATCHES = ("", "////", "xxx", "\\\\\\\\")
TARGET_STYLE = (0, (4, 2))

WIDE_CM = 16.0
SMALL_CM = 8.0
PNG_DPI = 150
CM = 1 / 2.54

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Serialise SVG as the default namespace and xlink as "xlink:", as HTML expects when inlined
# (ElementTree's default_namespace option refuses matplotlib's unqualified attributes).
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

_RC = {
    # Every label may be user text (an evaluation titled "Analys $x^$", a category "Kostnad $5
    # och $6"): never read it as mathtext or TeX. One setting for every Text of every figure
    # drawn here (ticks, legends, bar labels, annotations), rather than escaping "$" at each
    # call site, which a new chart would forget; nothing Roder draws uses mathtext.
    "text.parse_math": False,
    "text.usetex": False,
    "svg.fonttype": "none",
    # DejaVu Sans ships with matplotlib, so the PNG always has it; the SVG names it first and
    # falls back to Verdana, whose metrics are close, then to any sans-serif.
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Verdana", "Arial"],
    "font.size": 8,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": GREY,
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": INK,
    "ytick.color": INK,
    "legend.frameon": False,
    "legend.fontsize": 8,
    "hatch.linewidth": 1.2,
}
_LOCK = threading.Lock()

Points = list[tuple[str, Decimal | None]]
BudgetRow = tuple[str, Decimal | None, Decimal | None, Decimal | None]


@dataclass
class Chart:
    """A chart drawn once: SVG for the page and the PDF, PNG for Word. `alt` is
    its text alternative; `table` carries the same numbers for screen readers and Excel."""

    title: str
    svg: str
    png: bytes
    alt: str
    table: Table | None = None
    width_cm: float = 16.0
    kind: str = "chart"

    @property
    def data_uri(self) -> str:
        """The SVG as an image source: pages keep a strict CSP (no inline styles), and an
        SVG inside <img> keeps its own styles."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()

    @property
    def size_class(self) -> str:
        return "chart-small" if self.width_cm <= 10 else "chart-wide"


# ---------------------------------------------------------------------------------------------
# Numbers


def _fmt(value: Decimal | float | int | None, decimals: int = 0) -> str:
    return formatting.number(value, decimals)


def _tick(value: float, _position: int | None = None) -> str:
    """An axis tick with as many decimals as it needs (at most three): 0,5 · 20 · 1 250."""
    return formatting.number(Decimal(f"{value:.3f}"))


def _with_unit(text: str, unit: str) -> str:
    return f"{text}\u00a0{unit}" if unit and text != "–" else text


def _float(value: Decimal | int | None) -> float:
    return math.nan if value is None else float(value)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _number_cell(value: Decimal | int | None, decimals: int) -> Cell:
    return Cell(text=_fmt(value, decimals), value=value, decimals=decimals)


# ---------------------------------------------------------------------------------------------
# Drawing and the SVG


def _render(
    *,
    title: str,
    alt: str,
    table: Table,
    size_cm: tuple[float, float],
    draw: Callable[[Figure], None],
    layout: Literal["constrained"] | None = "constrained",
) -> Chart:
    """Draw once, save the same Figure as SVG and PNG, and wrap both in a Chart."""
    with _LOCK, matplotlib.rc_context({**_RC, "svg.hashsalt": title}):  # type: ignore[dict-item]
        figure = Figure(figsize=(size_cm[0] * CM, size_cm[1] * CM), layout=layout)
        draw(figure)
        svg = io.BytesIO()
        figure.savefig(svg, format="svg", metadata={"Date": None})
        png = io.BytesIO()
        figure.savefig(png, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return Chart(
        title=title,
        svg=_inline_svg(svg.getvalue(), alt),
        png=png.getvalue(),
        alt=alt,
        table=table,
        width_cm=size_cm[0],
    )


_URL = re.compile(r"url\(#([^)]+)\)")


def _inline_svg(data: bytes, alt: str) -> str:
    """matplotlib's SVG made fit to inline in HTML: no prolog, DOCTYPE or metadata; role="img"
    with the alt text; ids unique to this chart (several charts share one page) and its
    `*{…}` style rule scoped to it. width/height stay in pt, with the viewBox for CSS scaling."""
    root = ET.fromstring(data)
    for metadata in root.findall(f"{{{SVG_NS}}}metadata"):
        root.remove(metadata)
    prefix = "c" + secrets.token_hex(4)
    elements = list(root.iter())
    used = {
        name
        for element in elements
        for key, value in element.attrib.items()
        for name in _URL.findall(value) + _href_target(key, value)
    }
    renamed = {name: f"{prefix}-{name}" for name in used}
    for element in elements:
        if "id" in element.attrib:
            if element.attrib["id"] in renamed:
                element.set("id", renamed[element.attrib["id"]])
            else:
                del element.attrib["id"]  # matplotlib's group names ("axes_1") repeat per chart
        for key, value in list(element.attrib.items()):
            value = _URL.sub(lambda match: f"url(#{renamed[match[1]]})", value)
            if _href_target(key, value):
                value = "#" + renamed[value[1:]]
            element.set(key, value)
        if element.tag == f"{{{SVG_NS}}}style" and element.text:
            element.text = element.text.replace("*{", f"#{prefix} *{{")
    root.set("id", prefix)
    root.set("role", "img")
    root.set("aria-label", alt)
    return ET.tostring(root, encoding="unicode")


def _href_target(key: str, value: str) -> list[str]:
    if key in ("href", f"{{{XLINK_NS}}}href") and value.startswith("#"):
        return [value[1:]]
    return []


def _grid(axes: Axes, axis: Literal["x", "y"]) -> None:
    axes.grid(axis=axis, color=GRID, linewidth=0.6)
    axes.set_axisbelow(True)


def _no_values(axes: Axes) -> None:
    axes.text(0.5, 0.5, _("No values"), ha="center", va="center", transform=axes.transAxes)


# ---------------------------------------------------------------------------------------------
# Trend


def trend_chart(
    *,
    title: str,
    points: list[tuple[str, Decimal | None]],
    target: Decimal | None = None,
    unit_label: str = "",
    decimals: int = 0,
    targets: list[Decimal | None] | None = None,
    comparisons: list[Decimal | None] | None = None,
    comparison_label: str = "",
    fmt: Callable[[Decimal | None], str] | None = None,
) -> Chart:
    """An indicator's outcomes over periods as a line with markers (None leaves a gap), the
    target as a dashed line: one `target`, or `targets` per point (a step where it changes).
    `comparisons` (a länssnitt per point) are grey squares on a dotted line. A small chart:
    8 cm wide."""
    if targets is not None and len(targets) != len(points):
        raise ValueError("One target (or None) per point.")
    if comparisons is not None and len(comparisons) != len(points):
        raise ValueError("One comparison (or None) per point.")
    each_target = targets if targets is not None else [target] * len(points)
    has_target = any(value is not None for value in each_target)

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        positions = list(range(len(points)))
        values = [_float(value) for _period, value in points]
        axes.plot(positions, values, color=BLUE, marker="o", markersize=4, label=_("Outcome"))
        if target is not None and targets is None:
            axes.axhline(
                float(target),
                color=ORANGE,
                linestyle=TARGET_STYLE,
                linewidth=1.2,
                label=_("Target"),
            )
        elif has_target:
            axes.step(
                positions,
                [_float(value) for value in each_target],
                where="mid",
                color=ORANGE,
                linestyle=TARGET_STYLE,
                linewidth=1.2,
                label=_("Target"),
            )
        if comparisons is not None and any(value is not None for value in comparisons):
            axes.plot(
                positions,
                [_float(value) for value in comparisons],
                color=GREY,
                linestyle=LINESTYLES[2],
                marker="s",
                markersize=3.5,
                linewidth=1,
                label=comparison_label or _("Comparison"),
            )
        if has_target or comparisons is not None:
            figure.legend(loc="outside lower center", ncols=3, fontsize=7)
        axes.set_xticks(positions, [_wrap(period, 10) for period, _value in points], fontsize=7)
        axes.tick_params(axis="y", labelsize=7)
        axes.yaxis.set_major_formatter(FuncFormatter(_tick))
        axes.set_ylabel(unit_label)
        axes.margins(x=0.12, y=0.2)
        _grid(axes, "y")
        if all(value is None for _period, value in points):
            _no_values(axes)

    if targets is None and comparisons is None:
        alt = _trend_alt(title, points, target, unit_label, decimals)
        table = _trend_table(title, points, target, unit_label, decimals)
    else:
        alt, table = _trend_series_text(
            title, points, each_target, comparisons, comparison_label, unit_label, decimals, fmt
        )
    height = 5.0 if targets is None and comparisons is None else 6.0  # room for the legend
    return _render(title=title, alt=alt, table=table, size_cm=(SMALL_CM, height), draw=draw)


def _trend_alt(
    title: str, points: Points, target: Decimal | None, unit_label: str, decimals: int
) -> str:
    values = ", ".join(
        _("%(value)s in %(period)s")
        % {
            "value": _with_unit(_fmt(value, decimals), unit_label)
            if value is not None
            else _("no value"),
            "period": period,
        }
        for period, value in points
    ) or _("no values")
    if target is None:
        return _("Line chart of %(title)s: %(values)s.") % {"title": title, "values": values}
    return _("Line chart of %(title)s: %(values)s; target %(target)s.") % {
        "title": title,
        "values": values,
        "target": _with_unit(_fmt(target, decimals), unit_label),
    }


def _trend_table(
    title: str, points: Points, target: Decimal | None, unit_label: str, decimals: int
) -> Table:
    columns = [_("Period"), _heading(_("Outcome"), unit_label)]
    if target is not None:
        columns.append(_heading(_("Target"), unit_label))
    rows = []
    for period, value in points:
        row = [Cell(text=period), _number_cell(value, decimals)]
        if target is not None:
            row.append(_number_cell(target, decimals))
        rows.append(row)
    return Table(
        caption=title, columns=columns, rows=rows, numeric=[False] + [True] * (len(columns) - 1)
    )


def _trend_series_text(
    title: str,
    points: Points,
    targets: list[Decimal | None],
    comparisons: list[Decimal | None] | None,
    comparison_label: str,
    unit_label: str,
    decimals: int,
    fmt: Callable[[Decimal | None], str] | None,
) -> tuple[str, Table]:
    """The text alternative and the table of a trend with a target (and a comparison) per
    point: "Servicegrad: Delår 2024 82 % (målvärde 85 %, länssnitt 84 %), …"."""

    def show(value: Decimal | None) -> str:
        if fmt is not None:
            return fmt(value) if value is not None else "–"
        return _with_unit(_fmt(value, decimals), unit_label)

    label = comparison_label or _("Comparison")
    parts = []
    rows = []
    for index, (period, value) in enumerate(points):
        extra = []
        if targets[index] is not None:
            extra.append(_("target %(value)s") % {"value": show(targets[index])})
        compared = comparisons[index] if comparisons is not None else None
        if compared is not None:
            extra.append(f"{label.lower()} {show(compared)}")
        text = show(value) if value is not None else _("no value")
        parts.append(f"{period} {text}" + (f" ({', '.join(extra)})" if extra else ""))
        row = [
            Cell(text=period),
            Cell(text=show(value), value=value, decimals=decimals),
            Cell(text=show(targets[index]), value=targets[index], decimals=decimals),
        ]
        if comparisons is not None:
            row.append(Cell(text=show(compared), value=compared, decimals=decimals))
        rows.append(row)
    unit = "" if fmt is not None else unit_label  # fmt writes the unit into each value
    columns = [_("Period"), _heading(_("Outcome"), unit), _heading(_("Target"), unit)]
    if comparisons is not None:
        columns.append(_heading(label, unit))
    alt = _("Line chart of %(title)s: %(values)s.") % {
        "title": title,
        "values": "; ".join(parts) or _("no values"),
    }
    table = Table(
        caption=title, columns=columns, rows=rows, numeric=[False] + [True] * (len(columns) - 1)
    )
    return alt, table


def _heading(text: str, unit: str) -> str:
    return f"{text} ({unit})" if unit else text


# ---------------------------------------------------------------------------------------------
# Several series over the same periods


def series_chart(
    *,
    title: str,
    periods: list[str],
    series: list[tuple[str, list[Decimal | None]]],
    unit_label: str = "",
    decimals: int = 0,
) -> Chart:
    """Several named series over the same periods as lines (a comparison of places over the
    years): the first series is drawn strongest; each differs by colour, marker and line
    style; None leaves a gap. A wide chart, with the series in the legend and in the table
    (one row per period, one column per series)."""
    if any(len(values) != len(periods) for _name, values in series):
        raise ValueError("Every series needs one value (or None) per period.")

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        positions = list(range(len(periods)))
        for index, (name, values) in enumerate(series):
            style = index % len(PALETTE)
            axes.plot(
                positions,
                [_float(value) for value in values],
                color=PALETTE[style],
                linestyle=LINESTYLES[(index // len(PALETTE) + style) % len(LINESTYLES)],
                marker=MARKERS[(index + index // len(PALETTE)) % len(MARKERS)],
                markersize=4.5 if index == 0 else 3.5,
                linewidth=2 if index == 0 else 1.2,
                label=name,
            )
        axes.set_xticks(positions, periods, fontsize=7)
        axes.tick_params(axis="y", labelsize=7)
        axes.yaxis.set_major_formatter(FuncFormatter(_tick))
        axes.set_ylabel(unit_label)
        axes.margins(x=0.06, y=0.15)
        _grid(axes, "y")
        if series:
            lines = axes.get_lines()
            labels = [_wrap(str(line.get_label()), 30) for line in lines]
            figure.legend(lines, labels, loc="outside lower center", ncols=min(len(series), 3))
        if all(value is None for _name, values in series for value in values):
            _no_values(axes)

    described = "; ".join(
        f"{name}: "
        + ", ".join(
            f"{period} "
            + (
                _with_unit(_fmt(value, decimals), unit_label)
                if value is not None
                else _("no value")
            )
            for period, value in zip(periods, values, strict=True)
        )
        for name, values in series
    ) or _("no values")
    table = Table(
        caption=title,
        columns=[_("Period")] + [_heading(name, unit_label) for name, _values in series],
        rows=[
            [Cell(text=period)] + [_number_cell(values[i], decimals) for _name, values in series]
            for i, period in enumerate(periods)
        ],
        numeric=[False] + [True] * len(series),
    )
    rows_of_legend = math.ceil(len(series) / 3)
    return _render(
        title=title,
        alt=_("Line chart of %(title)s: %(values)s.") % {"title": title, "values": described},
        table=table,
        size_cm=(WIDE_CM, 7.5 + 0.5 * rows_of_legend),
        draw=draw,
    )


# ---------------------------------------------------------------------------------------------
# A distribution (how many chose each step of a question)


def distribution_chart(
    *, title: str, steps: list[tuple[str, int]], label_heading: str = "", count_label: str = ""
) -> Chart:
    """How many answered each step, as horizontal bars in the order given (the lowest step
    first, at the top), each bar labelled with its count. `label_heading` heads the table's
    first column (default "Step"), `count_label` the counts' (default "Answers")."""

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        bars = axes.barh(
            range(len(steps)), [count for _label, count in steps], height=0.6, color=BLUE
        )
        axes.bar_label(bars, [_fmt(count) for _label, count in steps], padding=2, fontsize=7)
        axes.set_yticks(range(len(steps)), [_wrap(label, 30) for label, _count in steps])
        axes.invert_yaxis()
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no "2,5"
        axes.xaxis.set_major_formatter(FuncFormatter(_tick))
        axes.margins(x=0.12)
        _grid(axes, "x")

    counts = count_label or _("Answers")
    described = "; ".join(f"{label}: {_fmt(count)}" for label, count in steps) or _("no values")
    return _render(
        title=title,
        alt=_("Bar chart of %(title)s: %(values)s.") % {"title": title, "values": described},
        table=Table(
            caption=title,
            columns=[label_heading or _("Step"), counts],
            rows=[[Cell(text=label), _number_cell(count, 0)] for label, count in steps],
            numeric=[False, True],
        ),
        size_cm=(WIDE_CM, 1.6 + 0.7 * len(steps)),
        draw=draw,
    )


# ---------------------------------------------------------------------------------------------
# Budget


def budget_chart(
    *,
    title: str,
    rows: list[BudgetRow],
    scale_label: str = "mkr",
    label_heading: str = "",
    decimals: int = 1,
) -> Chart:
    """Budget, outcome to date and prognosis per row as grouped horizontal bars, in the order
    given, top to bottom. Values are already in `scale_label` (e.g. mkr) and shown with
    `decimals` decimals. `label_heading` heads the table's first column (default "Category")."""
    series = [
        (_("Budget"), BLUE, HATCHES[0]),
        (_("Outcome to date"), ORANGE, HATCHES[1]),
        (_("Prognosis"), GREEN, HATCHES[2]),
    ]

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        for index, (name, colour, hatch) in enumerate(series):
            values: list[Decimal | None] = [row[index + 1] for row in rows]  # type: ignore[misc]
            bars = axes.barh(
                [position + (index - 1) * 0.27 for position in range(len(rows))],
                [_float(value) if value is not None else 0.0 for value in values],
                height=0.26,
                color=colour,
                hatch=hatch,
                hatchcolor="white",
                linewidth=0,
                label=name,
            )
            labels = [_fmt(value, decimals) for value in values]
            axes.bar_label(bars, labels, padding=2, fontsize=7)
        axes.set_yticks(range(len(rows)), [_wrap(row[0], 26) for row in rows])
        axes.invert_yaxis()
        axes.axvline(0, color=INK, linewidth=0.8)
        axes.xaxis.set_major_formatter(FuncFormatter(_tick))
        axes.set_xlabel(scale_label)
        axes.margins(x=0.12)
        _grid(axes, "x")
        figure.legend(loc="outside upper center", ncols=3)

    return _render(
        title=title,
        alt=_budget_alt(title, rows, scale_label, decimals),
        table=Table(
            caption=title,
            columns=[label_heading or _("Category")]
            + [_heading(name, scale_label) for name, _colour, _hatch in series],
            rows=[
                [Cell(text=row[0])] + [_number_cell(value, decimals) for value in row[1:]]
                for row in rows
            ],
            numeric=[False, True, True, True],
        ),
        size_cm=(WIDE_CM, 2.8 + 1.2 * len(rows)),
        draw=draw,
    )


def _budget_alt(title: str, rows: list[BudgetRow], scale_label: str, decimals: int) -> str:
    described = "; ".join(
        _("%(label)s: budget %(budget)s, outcome to date %(outcome)s, prognosis %(prognosis)s")
        % {
            "label": label,
            "budget": _fmt(budget, decimals),
            "outcome": _fmt(outcome, decimals),
            "prognosis": _fmt(prognosis, decimals),
        }
        for label, budget, outcome, prognosis in rows
    ) or _("no values")
    return _("Bar chart of %(title)s in %(scale)s: %(rows)s.") % {
        "title": title,
        "scale": scale_label,
        "rows": described,
    }


# ---------------------------------------------------------------------------------------------
# Risk matrix


def risk_matrix_chart(
    *,
    title: str,
    size: int,
    band_colours: dict[tuple[int, int], str],
    risks: list[tuple[str, int, int]],
    probability_label: str,
    consequence_label: str,
    level_labels: tuple[list[str], list[str]] | None = None,
    show_values: bool = False,
    size_cm: tuple[float, float] = (12.0, 11.0),
    cell_aspect: float = 1.0,
) -> Chart:
    """A size×size matrix, consequence across and probability up, each cell in its band's
    colour, risks as their labels in their cell (in black or white, whichever contrasts more
    with the cell). `band_colours` is keyed (probability, consequence), "#e8f5e9" or "e8f5e9";
    a cell without one is white. A risk outside the grid is only listed in the table.
    `level_labels` (probability's, consequence's; one per level from 1) replace the plain
    level numbers on the axes; `show_values` prints each cell's risk value in its corner;
    `cell_aspect` is a cell's height over its width."""
    placed: dict[tuple[int, int], list[str]] = defaultdict(list)
    for label, probability, consequence in risks:
        if 1 <= probability <= size and 1 <= consequence <= size:
            placed[(probability, consequence)].append(label)

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        for probability in range(1, size + 1):
            for consequence in range(1, size + 1):
                colour = band_colours.get((probability, consequence), "ffffff")
                axes.add_patch(
                    Rectangle(
                        (consequence - 0.5, probability - 0.5),
                        1,
                        1,
                        facecolor="#" + colour.lstrip("#"),  # "e8f5e9" as in blocks too
                        edgecolor=GREY,
                        linewidth=0.6,
                    )
                )
                if show_values:
                    axes.text(
                        consequence - 0.44,
                        probability + 0.42,
                        str(probability * consequence),
                        ha="left",
                        va="top",
                        fontsize=6,
                        color=_ink_on(colour),
                    )
        for (probability, consequence), labels in placed.items():
            text = _wrap(" ".join(labels), max(4, 48 // size))
            axes.text(
                consequence,
                probability,
                text,
                ha="center",
                va="center",
                fontsize=8 if text.count("\n") < 3 else 6,
                fontweight="bold",
                linespacing=1.1,
                color=_ink_on(band_colours.get((probability, consequence), "ffffff")),
            )
        ticks = list(range(1, size + 1))
        probability_ticks, consequence_ticks = level_labels or ([str(t) for t in ticks],) * 2
        axes.set_xticks(ticks, [_wrap(text, 12) for text in consequence_ticks], fontsize=7)
        axes.set_yticks(ticks, [_wrap(text, 16) for text in probability_ticks], fontsize=7)
        axes.set_xlim(0.5, size + 0.5)
        axes.set_ylim(0.5, size + 0.5)
        axes.set_aspect(cell_aspect)
        axes.tick_params(length=0)
        axes.spines[:].set_visible(False)
        axes.set_xlabel(consequence_label)
        axes.set_ylabel(probability_label)

    return _render(
        title=title,
        alt=_risk_alt(title, size, risks, probability_label, consequence_label),
        table=Table(
            caption=title,
            columns=[_("Risk"), probability_label, consequence_label, _("Risk value")],
            rows=[
                [
                    Cell(text=label),
                    Cell(text=str(probability), value=probability),
                    Cell(text=str(consequence), value=consequence),
                    Cell(text=str(probability * consequence), value=probability * consequence),
                ]
                for label, probability, consequence in risks
            ],
            numeric=[False, True, True, True],
        ),
        size_cm=size_cm,
        draw=draw,
    )


def _ink_on(colour: str) -> str:
    """Black or white, whichever contrasts more with the colour (WCAG relative luminance)."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return INK if luminance > 0.179 else "#ffffff"


def _risk_alt(
    title: str,
    size: int,
    risks: list[tuple[str, int, int]],
    probability_label: str,
    consequence_label: str,
) -> str:
    described = "; ".join(
        _("%(risk)s: %(probability_label)s %(probability)s, %(consequence_label)s %(consequence)s")
        % {
            "risk": label,
            "probability_label": probability_label.lower(),
            "probability": probability,
            "consequence_label": consequence_label.lower(),
            "consequence": consequence,
        }
        for label, probability, consequence in risks
    ) or _("no risks")
    return _("Risk matrix of %(title)s, %(size)s by %(size)s: %(risks)s.") % {
        "title": title,
        "size": size,
        "risks": described,
    }


# ---------------------------------------------------------------------------------------------
# Radar


def radar_chart(
    *,
    title: str,
    axes: list[str],
    series: list[tuple[str, list[Decimal | None]]],
    maximum: Decimal | int = 100,
) -> Chart:
    """A radar (spider) chart as in the KommunKompassen report: one closed polygon per series
    over `axes`, scale 0..maximum. A missing value is a gap, never a zero: the lines next to
    it are left out, its neighbours keep their markers, and only a complete series is filled
    (the table and text alternative say "no value"); a series with no values at all is left out
    of the drawing and the text alternative says so."""
    if any(len(values) != len(axes) for _name, values in series):
        raise ValueError("Every radar series needs one value per axis.")
    drawn = [(name, values) for name, values in series if any(v is not None for v in values)]
    angles = [2 * math.pi * index / len(axes) for index in range(len(axes))]

    def draw(figure: Figure) -> None:
        # Fixed margins: constrained layout squeezes the circle and still clips the side labels.
        # Room for a long one-word label ("7. Verksamhetsutveckling") on either side.
        figure.subplots_adjust(left=0.3, right=0.7, top=0.9, bottom=0.16)
        polar: Any = figure.add_subplot(projection="polar")  # a PolarAxes
        polar.set_theta_offset(math.pi / 2)
        polar.set_theta_direction(-1)
        for index, (name, values) in enumerate(drawn):
            radii = [_float(value) for value in values]  # NaN: matplotlib breaks the line
            style = index % len(PALETTE)
            polar.plot(
                angles + angles[:1],
                radii + radii[:1],
                color=PALETTE[style],
                linestyle=LINESTYLES[style],
                marker=MARKERS[style],
                markersize=4,
                linewidth=1.5,
                label=name,
            )
            if all(value is not None for value in values):
                polar.fill(angles, radii, color=PALETTE[style], alpha=0.08)
        _radar_axes(polar, axes, angles, float(maximum))
        if drawn:
            # Lines and labels given explicitly: collected ones leave out a label beginning
            # with "_" (matplotlib's mark for hidden artists), and series names are user text.
            lines = polar.get_lines()
            labels = [str(line.get_label()) for line in lines]
            figure.legend(lines, labels, loc="lower center", ncols=min(len(drawn), 2))

    decimals = max(
        [formatting.decimals_of(v) for _name, values in series for v in values if v is not None],
        default=0,
    )
    return _render(
        title=title,
        alt=_radar_alt(title, axes, series, maximum, decimals),
        table=Table(
            caption=title,
            columns=[_("Area")] + [name for name, _values in series],
            rows=[
                [Cell(text=axis)] + [_number_cell(values[i], decimals) for _n, values in series]
                for i, axis in enumerate(axes)
            ],
            numeric=[False] + [True] * len(series),
        ),
        size_cm=(WIDE_CM, 13.0),
        draw=draw,
        layout=None,
    )


def _radar_axes(polar: Any, labels: list[str], angles: list[float], maximum: float) -> None:
    polar.set_ylim(0, maximum)
    ticks = [maximum * step / 5 for step in range(6)]
    polar.set_yticks(ticks, [_tick(tick) for tick in ticks], fontsize=7, color=GREY)
    polar.set_rlabel_position(180 / max(len(labels), 1))  # between the first two axes
    polar.set_xticks(angles, [_wrap(label, 18) for label in labels])
    polar.tick_params(axis="x", pad=6)
    # Labels on the right grow rightwards, on the left leftwards, so none runs into the circle.
    for label, angle in zip(polar.get_xticklabels(), angles, strict=True):
        across = math.sin(angle)
        label.set_horizontalalignment(
            "center" if abs(across) < 0.1 else "left" if across > 0 else "right"
        )
    polar.grid(color=GRID, linewidth=0.6)
    polar.spines["polar"].set_color(GREY)


def _radar_alt(
    title: str,
    axes: list[str],
    series: list[tuple[str, list[Decimal | None]]],
    maximum: Decimal | int,
    decimals: int,
) -> str:
    described = "; ".join(
        f"{name}: "
        + ", ".join(
            f"{axis} {_fmt(value, decimals) if value is not None else _('no value')}"
            for axis, value in zip(axes, values, strict=False)
        )
        for name, values in series
        if any(value is not None for value in values)
    ) or _("no values")
    alt = _("Radar chart of %(title)s on a scale from 0 to %(maximum)s: %(series)s.") % {
        "title": title,
        "maximum": _tick(float(maximum)),
        "series": described,
    }
    missing = [name for name, values in series if all(value is None for value in values)]
    if missing:
        alt += " " + _("No values for %(names)s.") % {"names": ", ".join(missing)}
    return alt
