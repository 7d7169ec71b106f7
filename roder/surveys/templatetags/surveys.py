from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from roder.core.disclosure import Reason
from roder.surveys.indices import rounded

register = template.Library()


@register.filter
def survey_number(value, places: int = 0) -> str:
    """A figure rounded half up, with the locale's decimal comma; "–" when there is none."""
    shown = rounded(value, int(places))
    return "–" if shown is None else number_format(shown, int(places))


@register.filter
def survey_percent(value) -> str:
    shown = rounded(None if value is None else value * 100)
    return "–" if shown is None else f"{number_format(shown, 0)} %"


@register.filter
def share_positive(result, steps) -> str:
    return survey_percent(result.share_positive(int(steps)))


@register.simple_tag
def hidden_reason(group, minimum) -> str:
    if group.respondents == 0:
        return _("No answers yet.")
    if group.hidden == Reason.COMPLEMENT:
        return _("Hidden so that a smaller group cannot be worked out.")
    return _("Fewer than %(n)s answers") % {"n": minimum}
