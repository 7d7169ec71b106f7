from django import forms
from django.utils.translation import gettext_lazy as _


class RoundForm(forms.Form):
    period = forms.TypedChoiceField(label=_("Period"), coerce=int)
    scale_max = forms.IntegerField(label=_("Highest score"), min_value=2, max_value=10, initial=5)
    low_label = forms.CharField(label=_("Meaning of 1"), max_length=100, initial=_("Not at all"))
    high_label = forms.CharField(
        label=_("Meaning of the highest score"), max_length=100, initial=_("Fully")
    )

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {p.pk: p for p in periods}
        self.fields["period"].choices = [(p.pk, p.name) for p in periods]

    def clean_period(self):
        return self.periods[self.cleaned_data["period"]]
