"""Forms of the evaluation pages: the evaluation, an area's score and texts, a finding, an
action from a finding."""

from django import forms
from django.utils.translation import gettext_lazy as _

from roder.accounts.models import User
from roder.core.forms import DateInput, VersionField
from roder.organisation.forms import people_of
from roder.organisation.models import Unit
from roder.quality.frameworks.forms import FrameworkChoiceField, plain_score, score_field
from roder.quality.models import Area, EvaluationKind, FindingKind, SubArea
from roder.quality.roles import people_field


class EvaluationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvaluationKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    evaluators = forms.CharField(
        label=_("Evaluators"),
        required=False,
        max_length=500,
        help_text=_("Names, as the report gives them."),
    )
    starts = forms.DateField(label=_("Carried out from"), required=False, widget=DateInput())
    ends = forms.DateField(label=_("Carried out to"), required=False, widget=DateInput())
    reported_on = forms.DateField(label=_("Report date"), required=False, widget=DateInput())
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    key_facts = forms.CharField(
        label=_("Key facts about the unit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = VersionField(required=False)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluator_people"] = people_field(
            organisation, _("Evaluators in Roder"), _("People in Roder who took part.")
        )


class EvaluationCreateForm(EvaluationForm):
    def __init__(self, *args, organisation, units, frameworks, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields = {
            "unit": forms.ModelChoiceField(
                label=_("Evaluated unit"),
                queryset=units,
                help_text=_("The top unit stands for the whole municipality."),
            ),
            "framework": FrameworkChoiceField(label=_("Framework version"), queryset=frameworks),
            **self.fields,
        }
        del self.fields["summary"], self.fields["key_facts"], self.fields["version"]


class AreaScoreForm(forms.Form):
    score = forms.CharField(label=_("Score"), required=False, max_length=10)  # see __init__
    text = forms.CharField(
        label=_("General text"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    version = VersionField()

    def __init__(self, *args, area, narratives, score=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.narratives = narratives
        label = _("Score")
        if area.max_score is not None and not area.scale:
            label = _("Score (0–%(max)s)") % {"max": area.max_score}
        self.fields["score"] = score_field(area, label)
        self.initial.setdefault("score", plain_score(score))
        for sub_area, narrative in narratives:
            name = f"sub_{sub_area.pk}"
            self.fields[name] = forms.CharField(
                label=sub_area.name,
                required=False,
                help_text=sub_area.help_text,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
            self.initial.setdefault(name, narrative.text if narrative else "")

    def clean(self):
        """The sub-areas' texts as `narratives` ({SubAreaNarrative: text}), as
        services.area_score_save takes them."""
        data = super().clean()
        texts = {sub_area: data.pop(f"sub_{sub_area.pk}", "") for sub_area, _row in self.narratives}
        data["narratives"] = {
            narrative: texts[sub_area]
            for sub_area, narrative in self.narratives
            if narrative is not None
        }
        return data


class FindingForm(forms.Form):
    area: forms.ModelChoiceField[Area] = forms.ModelChoiceField(label=_("Area"), queryset=None)
    sub_area: forms.ModelChoiceField[SubArea] = forms.ModelChoiceField(
        label=_("Sub-area"), queryset=None, required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=FindingKind.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))
    municipality = forms.CharField(
        label=_("Municipality (for a good example)"), required=False, max_length=200
    )
    version = VersionField(required=False)

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = framework.areas.all()
        self.fields["sub_area"].queryset = SubArea.objects.filter(
            area__framework=framework
        ).select_related("area")


class ActionFromFindingForm(forms.Form):
    title = forms.CharField(label=_("Title of the action"), max_length=300)
    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    responsible: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Responsible"), queryset=None, required=False
    )
    due = forms.DateField(label=_("Due date"), required=False, widget=DateInput())

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["responsible"].queryset = people_of(organisation)
