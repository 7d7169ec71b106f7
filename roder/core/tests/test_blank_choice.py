"""A select's empty choice is Swedish: Django's "- Select an option -" has no Swedish in
Django's own catalogue, so core sets its own (CoreConfig.ready)."""

from django import forms
from django.utils import translation

from roder.organisation.models import Role, Unit


def test_a_model_fields_select_and_a_model_choice_offer_valj():
    class Form(forms.ModelForm):
        class Meta:
            model = Role
            fields = ["kind"]

    class Choice(forms.Form):
        unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False)

    with translation.override("sv"):
        kind = next(iter(Form().fields["kind"].choices))
        unit = next(iter(Choice().fields["unit"].choices))
    assert kind[0] == "" and str(kind[1]) == "– Välj –"
    assert str(unit[1]) == "– Välj –"
