"""`{% help "scorecard" %}`: the page's "Så här gör du" (core.help), right after its <h1>."""

from typing import Any

from django import template

from roder.core import help as texts

register = template.Library()


@register.inclusion_tag("core/_help.html")
def help(key: str) -> dict[str, Any]:
    entry = texts.get(key)
    return {
        "key": key,
        "steps": entry.steps,
        "guide": entry.guide,
        "label": texts.GUIDES[entry.guide],
    }
