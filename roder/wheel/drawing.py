"""The wheel as a circle of the twelve months, drawn on the server as SVG.

Each month is a ring segment with its name and number of events; each event is a dot at its
day, on a ring of its kind. The picture is `role="img"` with a title; the page lists the same
right below it (a status or kind is never the picture alone)."""

import math

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from roder.wheel.selectors import Wheel

SIZE = 420
CENTRE = SIZE / 2
OUTER, INNER = 200, 112
# Colours for the kinds' dots (graphics only: each kind is named in the legend and the list).
PALETTE = ("#1f5f99", "#b5462b", "#2f7d4f", "#7a4c9e", "#9a6b00", "#3d6f7a", "#a0336b", "#555")


def _point(angle: float, radius: float) -> tuple[float, float]:
    return CENTRE + radius * math.cos(angle), CENTRE + radius * math.sin(angle)


def _angle(month: int, fraction: float) -> float:
    return math.radians(-90 + (month - 1 + fraction) * 30)


def _segment(month: int) -> str:
    a, b = _angle(month, 0), _angle(month, 1)
    (x1, y1), (x2, y2) = _point(a, OUTER), _point(b, OUTER)
    (x3, y3), (x4, y4) = _point(b, INNER), _point(a, INNER)
    return (
        f"M{x1:.1f},{y1:.1f} A{OUTER},{OUTER} 0 0 1 {x2:.1f},{y2:.1f} "
        f"L{x3:.1f},{y3:.1f} A{INNER},{INNER} 0 0 0 {x4:.1f},{y4:.1f} Z"
    )


def colours(kinds: list[str]) -> dict[str, str]:
    return {kind: PALETTE[n % len(PALETTE)] for n, kind in enumerate(kinds)}


def wheel_svg(wheel: Wheel, *, title_id: str, kinds: list[str]) -> SafeString:
    colour = colours(kinds)
    rings = max(len(kinds), 1)
    parts = []
    for month in wheel.months:
        fill = "#f3f6f9" if month.number % 2 else "#e4ebf1"
        parts.append(
            format_html('<path d="{}" fill="{}" stroke="#fff"/>', _segment(month.number), fill)
        )
        lx, ly = _point(_angle(month.number, 0.5), OUTER - 16)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" dominant-baseline="middle" '
                'font-size="13" fill="#222">{}</text>',
                f"{lx:.1f}",
                f"{ly:.1f}",
                month.name[:3],
            )
        )
        cx, cy = _point(_angle(month.number, 0.5), INNER - 14)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" dominant-baseline="middle" '
                'font-size="12" fill="#444">{}</text>',
                f"{cx:.1f}",
                f"{cy:.1f}",
                len(month.occurrences),
            )
        )
        days = 31
        for occurrence in month.occurrences:
            ring = kinds.index(occurrence.kind) if occurrence.kind in kinds else 0
            radius = INNER + 6 + (OUTER - INNER - 40) * (ring + 0.5) / rings
            x, y = _point(_angle(month.number, (occurrence.day.day - 0.5) / days), radius)
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="4" fill="{}" stroke="#fff" stroke-width="1"/>',
                    f"{x:.1f}",
                    f"{y:.1f}",
                    colour.get(occurrence.kind, PALETTE[-1]),
                )
            )
    centre = format_html(
        '<text x="{c}" y="{y1}" text-anchor="middle" font-size="28" font-weight="bold" '
        'fill="#222">{year}</text>'
        '<text x="{c}" y="{y2}" text-anchor="middle" font-size="13" fill="#444">{events}</text>',
        c=CENTRE,
        y1=CENTRE,
        y2=CENTRE + 22,
        year=wheel.year,
        events=_("%(count)s events") % {"count": wheel.total},
    )
    title = _("The annual wheel %(year)s: %(count)s events over the twelve months") % {
        "year": wheel.year,
        "count": wheel.total,
    }
    return format_html(
        '<svg class="wheel-circle" role="img" aria-labelledby="{id}" viewBox="0 0 {s} {s}" '
        'width="{s}" height="{s}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}">{title}</title>'
        "{body}{centre}</svg>",
        id=title_id,
        s=SIZE,
        title=title,
        body=format_html_join("", "{}", ((p,) for p in parts)),
        centre=centre,
    )
