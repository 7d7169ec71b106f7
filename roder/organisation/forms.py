from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roder.core import disclosure
from roder.core.forms import DateInput, VersionField
from roder.organisation.models import MONTHS, Organisation, RoleKind, Unit, UnitKind


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("Unique within the organisation, e.g. the cost centre (ansvar)."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "—"), *UnitKind.choices])
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    valid_to = forms.DateField(
        label=_("Valid to"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty while the unit exists."),
    )
    version = VersionField(required=False)

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        Unit._meta.get_field("code").run_validators(code)
        return code


class UnitMoveForm(forms.Form):
    new_parent = forms.TypedChoiceField(label=_("New parent unit"), coerce=int)
    version = VersionField()

    def __init__(self, *args, parents: list[Unit], **kwargs):
        super().__init__(*args, **kwargs)
        new_parent = self.fields["new_parent"]
        assert isinstance(new_parent, forms.ChoiceField)
        new_parent.choices = [
            (unit.pk, "\u2003" * unit.depth + f"{unit.name} ({unit.code})") for unit in parents
        ]


class UnitDeactivateForm(forms.Form):
    last_day = forms.DateField(
        label=_("Last day"),
        widget=DateInput(),
        help_text=_("The unit and every unit below it end on this day."),
    )
    version = VersionField()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("last_day", timezone.localdate())
        super().__init__(*args, **kwargs)


class RoleGrantForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Person"), coerce=int)
    kind = forms.ChoiceField(label=_("Role"), choices=RoleKind.choices)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "—")] + [
            (person.pk, f"{person} ({person.username})") for person in people
        ]


class PersonForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    username = forms.RegexField(
        label=_("User name"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Use letters, digits and . @ + - _ only.")},
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    title = forms.CharField(label=_("Job title"), max_length=200, required=False)


class PersonCreateForm(PersonForm):
    invite = forms.BooleanField(
        label=_("Send an invitation by e-mail"),
        required=False,
        initial=True,
        help_text=_("The person gets a link to choose a password. The link is valid for 3 days."),
    )


class PersonEditForm(PersonForm):
    is_active = forms.BooleanField(
        label=_("Can log in"),
        required=False,
        help_text=_("Untick to stop the person from logging in. Their history stays."),
    )
    version = VersionField()


class PersonAnonymiseForm(forms.Form):
    version = VersionField()


class OrganisationFields(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        max_length=50,
        help_text=_("Lower-case letters, digits and hyphens, e.g. upplands-vasby."),
    )
    municipality_code = forms.RegexField(
        label=_("Municipality code"),
        regex=r"^\d{4}$",
        required=False,
        error_messages={"invalid": _("Enter the four digits of the SCB code.")},
        help_text=_("SCB's four-digit code, e.g. 0114. Used for comparisons through Kolada."),
    )


class OrganisationSettingsForm(OrganisationFields):
    fiscal_year_start_month = forms.TypedChoiceField(
        label=_("First month of the financial year"),
        coerce=int,
        choices=MONTHS,
    )
    minimum_group_size = forms.IntegerField(
        label=_("Smallest group whose answers are shown"),
        min_value=disclosure.MINIMUM_RANGE[0],
        max_value=disclosure.MINIMUM_RANGE[1],
        required=False,
        help_text=Organisation._meta.get_field("minimum_group_size").help_text,
    )
    readers_see_drafts = forms.BooleanField(
        label=_("Readers see drafts"),
        required=False,
        help_text=Organisation._meta.get_field("readers_see_drafts").help_text,
    )
    version = VersionField()

    def clean_minimum_group_size(self) -> int:
        return self.cleaned_data["minimum_group_size"] or disclosure.DEFAULT_MINIMUM  # empty: 5


class OrganisationCreateForm(OrganisationFields):
    root_code = forms.CharField(label=_("Code of the top unit"), max_length=20, initial="KOMMUN")


def people_of(organisation: Organisation):
    return (
        get_user_model()
        .objects.filter(organisation=organisation, is_active=True)
        .order_by("last_name", "first_name")
    )
