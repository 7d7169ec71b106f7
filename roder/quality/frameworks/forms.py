"""Forms of the framework pages: a version's particulars, its areas, sub-areas and questions
(with a scale written one step per line), the import, reference series; and the score field the
evaluation and entry forms use for an area or question."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from roder.core.forms import VersionField
from roder.quality.frameworks.files import NUMBER_LIMIT, STEP_LIMIT
from roder.quality.models import FrameworkStatus, scale_as_text


class FrameworkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


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


def plain_score(score) -> str:
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


class ReferenceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    source = forms.CharField(
        label=_("Source"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    published_total = forms.CharField(
        label=_("Published total"),
        required=False,
        max_length=10,
        help_text=_(
            "When the source publishes a total, give it here; the areas below may then be "
            "left empty where the source gives no value. Empty: the total is the areas' sum."
        ),
    )
    version = VersionField(required=False)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = areas
        for area in areas:
            self.fields[f"area_{area.pk}"] = forms.CharField(
                label=str(area), required=False, max_length=10
            )

    def clean(self):
        """The value per area as `values` ({Area: text}), as services.reference_save takes it."""
        data = super().clean()
        data["values"] = {area: data.pop(f"area_{area.pk}", "") for area in self.areas}
        return data
