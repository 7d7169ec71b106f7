import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roder.api.models import Scope, TokenKind
from roder.core.forms import DateInput, VersionField
from roder.organisation.models import RoleKind


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("What the token is for, such as “Power BI, the scorecard report”."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=TokenKind.choices, initial=TokenKind.PERSONAL, required=False
    )
    unit = forms.TypedChoiceField(
        label=_("Unit"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("The token sees this unit and the units below it. Empty: the organisation."),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=RoleKind.choices,
        initial=RoleKind.READER,
        help_text=_("At most your own role; the token never gets more than you hold."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Allowed to"),
        choices=Scope.choices,
        initial=[Scope.READ],
        widget=forms.CheckboxSelectMultiple,
    )
    expires_on = forms.DateField(label=_("Expires on"), widget=DateInput())

    def __init__(self, *args, units, may_make_service_tokens: bool, **kwargs):
        super().__init__(*args, **kwargs)
        units = list(units)
        top = min((unit.depth for unit in units), default=0)
        self.units = {unit.pk: unit for unit in units}
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.TypedChoiceField)
        unit_field.choices = [("", "—")] + [
            (unit.pk, "\u2003" * (unit.depth - top) + unit.name) for unit in units
        ]
        if not may_make_service_tokens:
            del self.fields["kind"]
        self.fields["expires_on"].initial = timezone.localdate() + datetime.timedelta(days=90)

    def clean_unit(self):
        pk = self.cleaned_data["unit"]
        return None if pk is None else self.units[pk]

    def clean(self):
        data = super().clean()
        data["kind"] = data.get("kind") or TokenKind.PERSONAL
        return data


class RevokeForm(forms.Form):
    version = VersionField()
