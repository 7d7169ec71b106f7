"""The template filter over `roder.core.formatting`, so a template never formats a number:
`{{ outcome.value|number:indicator.decimals }}` gives "85,3", `{{ target.value|number }}` the
value as typed ("−0,5")."""

from decimal import Decimal

from django import template

from roder.core import formatting

register = template.Library()


def _decimals(decimals: object) -> int | None:
    return None if decimals in (None, "") else int(str(decimals))


@register.filter
def number(value: object, decimals: object = None) -> str:
    return formatting.number(_number_or_none(value), _decimals(decimals))


def _number_or_none(value: object) -> formatting.Number | None:
    """ "" (a missing template variable) and None are missing; anything else must be a number."""
    if value in (None, ""):
        return None
    if isinstance(value, Decimal | int | float):
        return value
    return Decimal(str(value))  # a number as text; anything else is a programming error
