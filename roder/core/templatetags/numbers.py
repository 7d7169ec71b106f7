"""The template filter over `roder.core.formatting`, so a template never formats a number:
`{{ outcome.value|number:indicator.decimals }}` gives "85,3", `{{ target.value|number }}` the
value as typed ("−0,5")."""

from django import template

from roder.core import formatting

register = template.Library()


def _decimals(decimals):
    return None if decimals in (None, "") else int(decimals)


@register.filter
def number(value, decimals=None) -> str:
    return formatting.number(_number_or_none(value), _decimals(decimals))


def _number_or_none(value):
    """ "" (a missing template variable) and None are missing; anything else must be a number."""
    return None if value in (None, "") else value
