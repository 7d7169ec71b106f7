"""A small stacked bar of counts by traffic light (green, yellow, red, none), as inline SVG.

Drawn here rather than with `core.charts` (matplotlib, some 20 ms a figure): the start page
draws one per listed unit, and a few rectangles need no plotting library. The bar carries its
numbers as `<title>` and `aria-label`; pages print the numbers beside it too.
"""

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

LIGHTS = ("green", "yellow", "red", "none")


def status_bar(
    parts: Sequence[tuple[str, str, int]], *, width: int = 120, height: int = 12
) -> SafeString:
    """`parts`: (light, label, count) in drawing order. An empty bar (all zero) is a grey
    outline."""
    label = ", ".join(f"{text} {count}" for _light, text, count in parts)
    whole = sum(count for _light, _text, count in parts)
    rects = []
    x = 0.0
    for light, _text, count in parts:
        if count <= 0 or whole == 0:
            continue
        share = width * count / whole
        rects.append((light, f"{x:.2f}", f"{share:.2f}", height))
        x += share
    body = format_html_join(
        "",
        '<rect class="bar-{}" x="{}" y="0" width="{}" height="{}"/>',
        rects,
    )
    return format_html(
        '<svg class="status-bar" role="img" aria-label="{label}" width="{w}" height="{h}"'
        ' viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg"><title>{label}</title>'
        '{body}<rect class="bar-frame" x="0.5" y="0.5" width="{fw}" height="{fh}"/></svg>',
        label=label,
        w=width,
        h=height,
        fw=width - 1,
        fh=height - 1,
        body=body,
    )
