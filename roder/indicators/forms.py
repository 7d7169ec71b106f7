from decimal import Decimal
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from roder.core.forms import GridFormSet, VersionField
from roder.indicators import sources
from roder.indicators.models import (
    Aggregation,
    ComparisonKind,
    Direction,
    Measure,
    Periodicity,
    Source,
)


class PlainDecimalField(forms.DecimalField):
    """Shows a stored 79.0000 as 79 and 91.5000 as 91,5: the column's four decimals are its
    scale, not part of the number a person typed."""

    def prepare_value(self, value):
        if isinstance(value, Decimal) and value.is_finite():
            return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()
        return value


def decimal_field(label, *, required=False, help_text=""):
    return PlainDecimalField(
        label=label,
        required=required,
        max_digits=14,
        decimal_places=4,
        help_text=help_text,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    owner = forms.TypedChoiceField(label=_("Owner unit"), coerce=int)
    measure = forms.ChoiceField(label=_("Unit of measure"), choices=Measure.choices)
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    periodicity = forms.ChoiceField(label=_("Periodicity"), choices=Periodicity.choices)
    decimals = forms.IntegerField(label=_("Decimals"), min_value=0, max_value=4, initial=0)
    aggregation = forms.ChoiceField(
        label=_("Roll-up rule"),
        choices=Aggregation.choices,
        help_text=_("How outcomes of units below are combined for a goal higher up."),
    )
    by_gender = forms.BooleanField(label=_("Reported for women and men"), required=False)
    source = forms.ChoiceField(label=_("Source"), choices=sources.choices, initial=Source.MANUAL)
    source_reference = forms.CharField(
        label=_("Source reference"),
        max_length=200,
        required=False,
        help_text=_("For example a Kolada KPI id such as N00945."),
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
    version = VersionField(required=False)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {unit.pk: unit for unit in owners}
        self.fields["owner"].choices = [
            (unit.pk, "\u2003" * unit.depth + unit.name) for unit in owners
        ]

    def clean_owner(self):
        return self.owners[self.cleaned_data["owner"]]


class TargetForm(forms.Form):
    value = decimal_field(_("Target"), required=True)
    value_high = decimal_field(_("Upper target"), help_text=_("Only for a range."))
    yellow_limit = decimal_field(
        _("Yellow limit"),
        help_text=_("Outcomes between this limit and the target are yellow; beyond it red."),
    )
    version = VersionField(required=False)  # the stored target's, when the page was shown

    def __init__(self, *args, indicator, value_required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["value"].required = value_required
        if indicator.direction != "range":
            del self.fields["value_high"]

    def clean(self):
        data = super().clean()
        if data.get("value") is not None:
            from roder.indicators.services import check_target

            try:
                check_target(
                    self.indicator, data["value"], data.get("value_high"), data.get("yellow_limit")
                )
            except forms.ValidationError as error:
                for name, errors in error.error_dict.items():
                    self.add_error(name if name in self.fields else None, errors)
        return data


# The targets page: the year's row, then one per period (see core.forms.GridFormSet).
# django-stubs types formset_factory as giving a BaseFormSet whatever `formset` is.
TargetFormSet = cast(
    type[GridFormSet], forms.formset_factory(TargetForm, formset=GridFormSet, extra=0)
)


class ComparisonForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Comparison"), choices=ComparisonKind.choices)
    value = decimal_field(_("Value"), required=True)
    source = forms.CharField(label=_("Source"), max_length=200, required=False)


class AttachForm(forms.Form):
    indicator = forms.TypedChoiceField(label=_("Indicator"), coerce=int)

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "—")] + [(i.pk, i.name) for i in indicators]
