import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from roder.organisation.forms import DateInput, VersionField, people_of
from roder.quality.frameworks import NUMBER_LIMIT, STEP_LIMIT
from roder.quality.models import (
    EvaluationKind,
    FindingKind,
    FrameworkStatus,
    scale_as_text,
)


class FrameworkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


def _people_field(organisation, label, help_text=""):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=people_of(organisation),
        required=False,
        help_text=help_text,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )


# --- scales --------------------------------------------------------------------------------

STEP_LINE = re.compile(r"^\s*(\d+)\s*=\s*(\S.*?)\s*$")


class ScaleField(forms.CharField):
    """A scale written one step per line as "value = label" ("1 = Stämmer inte alls"); empty
    for none. Cleans to the list of steps [{"value": 1, "label": "Stämmer inte alls"}, …]; the
    services check the order and the number of steps."""

    widget = forms.Textarea(attrs={"rows": 6})

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Scale"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 5000)
        kwargs.setdefault(
            "help_text",
            _(
                "One step per line as value = label, e.g. 1 = Stämmer inte alls. A score is "
                "then one of the steps. Leave empty for no scale."
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return scale_as_text(value) if isinstance(value, list) else value

    def clean(self, value):
        text = super().clean(value)
        steps, errors = [], []
        for number, line in enumerate((text or "").splitlines(), start=1):
            if not line.strip():
                continue
            match = STEP_LINE.match(line)
            if match is None:
                errors.append(
                    _("Line %(line)s: write the step as value = label, e.g. 3 = Mostly true.")
                    % {"line": number}
                )
                continue
            steps.append({"value": int(match[1]), "label": match[2]})
        if errors:
            raise ValidationError(errors)
        return steps


def _plain(score) -> str:
    """A stored score as the form shows it: "4", "7,5"; "" when not scored."""
    return "" if score is None else format(score.normalize(), "f").replace(".", ",")


def score_field(part, label) -> forms.Field:
    """The score of an area or question: a list of the scale's steps ("4 – Stämmer i hög grad")
    when the part has a scale, else a number."""
    if part.scale:
        choices = [("", _("No score"))] + [
            (str(step["value"]), f"{step['value']} – {step['label']}") for step in part.scale
        ]
        return forms.ChoiceField(label=label, choices=choices, required=False)
    field = forms.CharField(label=label, required=False, max_length=10)
    field.widget.attrs["inputmode"] = "decimal"
    return field


# --- frameworks ----------------------------------------------------------------------------


class FrameworkForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    version_label = forms.CharField(label=_("Version"), max_length=50)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    source = forms.CharField(
        label=_("Source"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    status = forms.ChoiceField(label=_("Status"), choices=FrameworkStatus.choices)
    version = VersionField(required=False)


class AreaForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=NUMBER_LIMIT)
    name = forms.CharField(label=_("Name"), max_length=200)
    max_score = forms.IntegerField(
        label=_("Maximum score"),
        required=False,
        min_value=0,
        max_value=STEP_LIMIT,
        help_text=_("Leave empty for an area that is not scored."),
    )
    scale = ScaleField()
    help_text = forms.CharField(
        label=_("Help text"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = VersionField(required=False)


class SubAreaForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=NUMBER_LIMIT)
    name = forms.CharField(label=_("Name"), max_length=200)
    help_text = forms.CharField(
        label=_("Help text"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = VersionField(required=False)


class QuestionForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=NUMBER_LIMIT)
    text = forms.CharField(
        label=_("Question"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    help_text = forms.CharField(
        label=_("Help text"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    max_score = forms.IntegerField(
        label=_("Maximum score"), required=False, min_value=0, max_value=STEP_LIMIT
    )
    scale = ScaleField()
    asks_for_results = forms.BooleanField(
        label=_("Asks for results (offer figures from Roder)"), required=False
    )
    version = VersionField(required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Framework file (JSON)"),
        help_text=_("A file exported from Roder, or written in the format the help describes."),
    )


# --- evaluations ---------------------------------------------------------------------------


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
        self.fields["evaluator_people"] = _people_field(
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
        self.initial.setdefault("score", _plain(score))
        for sub_area, narrative in narratives:
            name = f"sub_{sub_area.pk}"
            self.fields[name] = forms.CharField(
                label=sub_area.name,
                required=False,
                help_text=sub_area.help_text,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
            self.initial.setdefault(name, narrative.text if narrative else "")

    def narrative_texts(self) -> dict:
        return {
            narrative: self.cleaned_data[f"sub_{sub_area.pk}"]
            for sub_area, narrative in self.narratives
            if narrative is not None
        }


class FindingForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=None)
    sub_area = forms.ModelChoiceField(label=_("Sub-area"), queryset=None, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=FindingKind.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))
    municipality = forms.CharField(
        label=_("Municipality (for a good example)"), required=False, max_length=200
    )
    version = VersionField(required=False)

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        from roder.quality.models import SubArea

        self.fields["area"].queryset = framework.areas.all()
        self.fields["sub_area"].queryset = SubArea.objects.filter(
            area__framework=framework
        ).select_related("area")


class ActionFromFindingForm(forms.Form):
    title = forms.CharField(label=_("Title of the action"), max_length=300)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    responsible = forms.ModelChoiceField(label=_("Responsible"), queryset=None, required=False)
    due = forms.DateField(label=_("Due date"), required=False, widget=DateInput())

    def __init__(self, *args, organisation, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["responsible"].queryset = people_of(organisation)


class ReferenceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    source = forms.CharField(
        label=_("Source"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = VersionField(required=False)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas
        for area in areas:
            self.fields[f"area_{area.pk}"] = forms.CharField(
                label=str(area), required=False, max_length=10
            )

    def values(self) -> dict:
        return {area: self.cleaned_data[f"area_{area.pk}"] for area in self.areas}


# --- entries -------------------------------------------------------------------------------


class EntryCreateForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    framework = FrameworkChoiceField(label=_("Framework version"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    entry_class = forms.CharField(label=_("Class"), required=False, max_length=200)

    def __init__(self, *args, organisation, units, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["framework"].queryset = frameworks
        self.fields["evaluators"] = _people_field(organisation, _("Evaluators"))


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

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluators"] = _people_field(organisation, _("Evaluators"))


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    version = VersionField()


class FiguresForm(forms.Form):
    indicators = forms.ModelMultipleChoiceField(
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
        self.initial.setdefault("score", _plain(score))
        for answer in answers:
            name = f"q{answer.question.number}"
            label = _("Score for question %(number)s") % {"number": answer.question.number}
            fields[name] = score_field(answer.question, label)
            self.initial.setdefault(name, _plain(answer.score))
        self.fields |= fields

    def question_scores(self) -> dict:
        return {a: self.cleaned_data[f"q{a.question.number}"] for a in self.answers}
