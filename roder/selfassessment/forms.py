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


class AnswerForm(forms.Form):
    """One field per commitment: a score 1..max or 'cannot say', and a comment."""

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_
        self.goals = list(round_.goals.order_by("order", "pk"))
        choices = [(str(n), str(n)) for n in range(1, round_.scale_max + 1)]
        choices.append(("", _("Cannot say")))
        for goal in self.goals:
            self.fields[f"score_{goal.pk}"] = forms.ChoiceField(
                label=str(goal), choices=choices, widget=forms.RadioSelect, required=False
            )
            self.fields[f"comment_{goal.pk}"] = forms.CharField(
                label=_("Comment (optional)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):
        data = super().clean()
        missing = [g for g in self.goals if f"score_{g.pk}" not in self.data]
        for goal in missing:
            self.add_error(f"score_{goal.pk}", _("Choose a score or 'cannot say'."))
        return data

    def scores(self) -> dict[int, int | None]:
        return {
            g.pk: int(self.cleaned_data[f"score_{g.pk}"])
            if self.cleaned_data[f"score_{g.pk}"]
            else None
            for g in self.goals
        }

    def comments(self) -> dict[int, str]:
        return {g.pk: self.cleaned_data[f"comment_{g.pk}"] for g in self.goals}

    def pairs(self):
        return [(goal, self[f"score_{goal.pk}"], self[f"comment_{goal.pk}"]) for goal in self.goals]
