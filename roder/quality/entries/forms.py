"""Forms of the award entry pages: the entry, an answer, figures from Roder, the feedback per
area."""

from django import forms
from django.utils.translation import gettext_lazy as _

from roder.core.forms import VersionField
from roder.indicators.models import Indicator
from roder.organisation.models import Unit
from roder.quality.frameworks.forms import FrameworkChoiceField, plain_score, score_field
from roder.quality.roles import people_field


class EntryCreateForm(forms.Form):
    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    framework = FrameworkChoiceField(label=_("Framework version"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    entry_class = forms.CharField(label=_("Class"), required=False, max_length=200)

    def __init__(self, *args, organisation, units, frameworks, names_evaluators=True, **kwargs):
        """`names_evaluators`: whether the person may name evaluators (a controller)."""
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["framework"].queryset = frameworks
        if names_evaluators:
            self.fields["evaluators"] = people_field(organisation, _("Evaluators"))


class EntryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    entry_class = forms.CharField(label=_("Class"), required=False, max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    feedback_summary = forms.CharField(
        label=_("Overall summary of the feedback report"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    version = VersionField()

    def __init__(self, *args, organisation, hidden=(), **kwargs):
        """`hidden`: the fields this person does not write (see views.entry_edit)."""
        super().__init__(*args, **kwargs)
        self.fields["evaluators"] = people_field(organisation, _("Evaluators"))
        for name in hidden:
            del self.fields[name]


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    version = VersionField()


class FiguresForm(forms.Form):
    indicators: forms.ModelMultipleChoiceField[Indicator] = forms.ModelMultipleChoiceField(
        label=_("Indicators to quote"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Adds a line per indicator with the unit's outcome per year."),
    )
    version = VersionField()

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = indicators


class FeedbackForm(forms.Form):
    score = forms.CharField(label=_("Score for the area"), required=False, max_length=10)
    strengths = forms.CharField(
        label=_("Strengths"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    improvements = forms.CharField(
        label=_("Improvement areas"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    version = VersionField()

    def __init__(self, *args, area, answers, score=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.answers = answers
        fields = {"score": score_field(area, _("Score for the area"))}
        self.initial.setdefault("score", plain_score(score))
        for answer in answers:
            name = f"q{answer.question.number}"
            label = _("Score for question %(number)s") % {"number": answer.question.number}
            fields[name] = score_field(answer.question, label)
            self.initial.setdefault(name, plain_score(answer.score))
        self.fields |= fields

    def clean(self):
        """The questions' scores as `question_scores` ({Answer: score}), as
        services.feedback_save takes them."""
        data = super().clean()
        data["question_scores"] = {a: data.pop(f"q{a.question.number}", "") for a in self.answers}
        return data
