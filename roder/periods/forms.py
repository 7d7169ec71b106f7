from django import forms
from django.utils.translation import gettext_lazy as _

from roder.core.forms import DateInput
from roder.periods.models import PeriodKind


class PeriodForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("For example Tertial 1 2026.")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=PeriodKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    starts = forms.DateField(label=_("Covers from"), widget=DateInput())
    ends = forms.DateField(label=_("Covers to"), widget=DateInput())
    deadline = forms.DateField(label=_("Report due"), widget=DateInput(), required=False)


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class DeadlineForm(forms.Form):
    """A period's due date for the units' reports, with the version the person saw."""

    deadline = forms.DateField(label=_("Report due"), widget=DateInput(), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput())
