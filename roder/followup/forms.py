from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from roder.core.forms import GridFormSet, VersionField
from roder.core.xlsx import check_size
from roder.followup.models import Level
from roder.indicators.forms import decimal_field
from roder.indicators.models import Aggregation


class OutcomeRowForm(forms.Form):
    """One indicator's outcome on the unit's report page."""

    value = decimal_field(_("Outcome"))
    value_women = decimal_field(_("Women"))
    value_men = decimal_field(_("Men"))
    weight = decimal_field(_("Weight"))
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 1})
    )
    version = VersionField(required=False)  # the stored outcome's, when the page was shown

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        if not indicator.by_gender:
            del self.fields["value_women"], self.fields["value_men"]
        if indicator.aggregation != Aggregation.WEIGHTED_MEAN:
            del self.fields["weight"]
        for field in self.fields.values():
            field.widget.attrs["aria-label"] = f"{field.label}: {indicator.name}"


# The outcome grid of a unit's report: one row per indicator (see core.forms.GridFormSet).
# django-stubs types formset_factory as giving a BaseFormSet whatever `formset` is.
OutcomeFormSet = cast(
    type[GridFormSet], forms.formset_factory(OutcomeRowForm, formset=GridFormSet, extra=0)
)


class AssessmentForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Assessment"), choices=Level.choices, widget=forms.RadioSelect
    )
    prognosis = forms.ChoiceField(
        label=_("Year-end prognosis"), choices=[("", "—"), *Level.choices], required=False
    )
    analysis = forms.CharField(
        label=_("Analysis"), widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    version = VersionField(required=False)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What needs to change"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is reopened"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in Excel file"),
        help_text=_("The file exported from this page, with outcomes (and targets) filled in."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_size(upload.size)  # before the file is read
        return upload


class RevisionDecisionForm(forms.Form):
    """Accept or reject a pending revision: the versions of the revision and of the outcome
    the controller saw beside it (0: none), and a reason (needed to reject)."""

    version = VersionField()
    outcome_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    period = forms.IntegerField(required=False, widget=forms.HiddenInput)  # the list's filter
