from collections.abc import Sequence

from django import template
from django.utils.safestring import SafeString

from roder.core.statusbar import status_bar as draw

register = template.Library()


@register.simple_tag
def status_bar(parts: Sequence[tuple[str, str, int]]) -> SafeString:
    """`{% status_bar cell.parts %}`: the inline SVG bar of (light, label, count) parts."""
    return draw(parts)
