"""Forms of the complaint pages. Choices come from the view's arguments; the services check
the values again."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from roder.complaints.attachments import Upload, most_bytes, most_files
from roder.complaints.models import (
    AnswerChannel,
    CaseKind,
    CaseStatus,
    Channel,
    ContactKind,
    Service,
)
from roder.complaints.selectors import OPEN
from roder.core.forms import DateInput, VersionField
from roder.organisation.models import Unit


def unit_choices(units: list[Unit]) -> list[tuple[int, str]]:
    top = min((unit.depth for unit in units), default=0)
    return [(unit.pk, "\u2003" * (unit.depth - top) + unit.name) for unit in units]


class CaseFilterForm(forms.Form):
    # Any number: the view fetches the unit through access (404 for a unit not seen).
    unit = forms.IntegerField(label=_("Unit"), required=False, widget=forms.Select)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), (OPEN, _("Open (not closed)")), *CaseStatus.choices],
    )

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].widget.choices = [("", _("All my units")), *unit_choices(units)]


class CaseRegisterForm(forms.Form):
    """Internal registration of a case that came by phone, mail, a visit or a meeting."""

    channel = forms.ChoiceField(label=_("Came in by"), choices=Channel.choices)
    kind = forms.ChoiceField(label=_("Type"), choices=CaseKind.choices)
    # Any number: the view fetches the unit through access (404 unseen, 403 below handler).
    unit = forms.IntegerField(label=_("Unit"), widget=forms.Select)
    service = forms.TypedChoiceField(
        label=_("Service"), coerce=int, required=False, empty_value=None
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000
    )
    received_on = forms.DateField(label=_("Received"), widget=DateInput())
    anonymous = forms.BooleanField(label=_("The person wants to be anonymous"), required=False)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)

    def __init__(
        self, *args: Any, units: list[Unit], services: list[Service], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.services = {service.pk: service for service in services}
        self.fields["unit"].widget.choices = unit_choices(units)
        self.fields["service"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (service.pk, service.name) for service in services
        ]

    def clean_service(self) -> Service | None:
        pk = self.cleaned_data["service"]
        return None if pk is None else self.services[pk]


class AssignForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int)
    handler = forms.TypedChoiceField(
        label=_("Handler"), coerce=int, required=False, empty_value=None
    )
    version = VersionField()

    def __init__(self, *args: Any, units: list[Unit], people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {person.pk: person for person in people}
        self.fields["unit"].choices = unit_choices(units)  # type: ignore[attr-defined]
        self.fields["handler"].choices = [("", _("Nobody yet"))] + [  # type: ignore[attr-defined]
            (person.pk, str(person)) for person in people
        ]

    def clean_handler(self) -> Any:
        pk = self.cleaned_data["handler"]
        return None if pk is None else self.people[pk]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=CaseStatus.choices)
    version = VersionField()


class SecrecyForm(forms.Form):
    secret = forms.BooleanField(label=_("Secrecy (OSL)"), required=False)
    version = VersionField()


class FreeOfPersonalDataForm(forms.Form):
    free = forms.BooleanField(
        label=_("The texts hold no personal data"),
        required=False,
        help_text=_(
            "The description, answers and notes are then kept when the retention period ends; "
            "the name, contact details and attachments are always removed."
        ),
    )
    version = VersionField()


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("The person's e-mail address or phone number"), max_length=254, required=True
    )


class EraseForm(forms.Form):
    q = forms.CharField(max_length=254, widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("Yes, erase this person's personal data in these cases now"), required=True
    )


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}))
    channel = forms.ChoiceField(
        label=_("How"), choices=AnswerChannel.choices, widget=forms.RadioSelect
    )
    version = VersionField()


class SettingsForm(forms.Form):
    form_title = forms.CharField(
        label=_("Name of the public form"),
        max_length=100,
        required=False,
        help_text=_('What the public page is called, e.g. "Synpunkt Väsby".'),
    )
    form_open = forms.BooleanField(label=_("The public form is open"), required=False)
    receiving_unit = forms.TypedChoiceField(
        label=_("Receiving unit"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Where cases go whose service is not given (empty: the top unit)."),
    )
    number_pattern = forms.CharField(
        label=_("Pattern of the diary number"),
        max_length=40,
        help_text=_(
            "{year} is the year and {number} the case's number in the year, e.g. "
            '"KS {year}/{number}" gives KS 2026/124.'
        ),
    )
    acknowledge_days = forms.IntegerField(
        label=_("Working days to acknowledge"), min_value=0, max_value=60
    )
    answer_days = forms.IntegerField(label=_("Working days to answer"), min_value=0, max_value=250)
    acknowledge_days_complaint = forms.IntegerField(
        label=_("Working days to acknowledge: complaints"),
        min_value=0,
        max_value=250,
        required=False,
    )
    answer_days_complaint = forms.IntegerField(
        label=_("Working days to answer: complaints"), min_value=0, max_value=250, required=False
    )
    acknowledge_days_suggestion = forms.IntegerField(
        label=_("Working days to acknowledge: opinions and suggestions"),
        min_value=0,
        max_value=250,
        required=False,
    )
    answer_days_suggestion = forms.IntegerField(
        label=_("Working days to answer: opinions and suggestions"),
        min_value=0,
        max_value=250,
        required=False,
    )
    acknowledge_days_praise = forms.IntegerField(
        label=_("Working days to acknowledge: praise"), min_value=0, max_value=250, required=False
    )
    answer_days_praise = forms.IntegerField(
        label=_("Working days to answer: praise"), min_value=0, max_value=250, required=False
    )
    acknowledge_days_question = forms.IntegerField(
        label=_("Working days to acknowledge: questions"),
        min_value=0,
        max_value=250,
        required=False,
    )
    answer_days_question = forms.IntegerField(
        label=_("Working days to answer: questions"),
        min_value=0,
        max_value=250,
        required=False,
        help_text=_("Empty: the working days above."),
    )
    data_controller = forms.CharField(
        label=_("Personuppgiftsansvarig"),
        max_length=200,
        required=False,
        help_text=_("Who is responsible for the personal data, e.g. Kommunstyrelsen."),
    )
    data_contact = forms.CharField(
        label=_("Contact for questions about personal data"), max_length=200, required=False
    )
    retention_months = forms.IntegerField(
        label=_("Months personal data is kept after closing"),
        min_value=1,
        max_value=240,
        help_text=_("Follows the organisation's gallringsbeslut."),
    )
    retention_complaint = forms.IntegerField(
        label=_("Months kept: complaints"), min_value=1, max_value=240, required=False
    )
    retention_suggestion = forms.IntegerField(
        label=_("Months kept: opinions and suggestions"),
        min_value=1,
        max_value=240,
        required=False,
    )
    retention_praise = forms.IntegerField(
        label=_("Months kept: praise"), min_value=1, max_value=240, required=False
    )
    retention_question = forms.IntegerField(
        label=_("Months kept: questions"),
        min_value=1,
        max_value=240,
        required=False,
        help_text=_("Empty: the months above."),
    )
    statistics_minimum = forms.IntegerField(
        label=_("Fewest cases behind a share or median"),
        min_value=1,
        max_value=1000,
        help_text=_(
            "A share, median or ranking of fewer cases is shown as “too few cases”. It guards "
            "the figures' reliability and is separate from the surveys' anonymity limit."
        ),
    )
    version = VersionField(required=False)

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {unit.pk: unit for unit in units}
        self.fields["receiving_unit"].choices = [("", "—"), *unit_choices(units)]  # type: ignore[attr-defined]

    def clean_receiving_unit(self) -> Unit | None:
        pk = self.cleaned_data["receiving_unit"]
        return None if pk is None else self.units[pk]


class ServiceForm(forms.Form):
    name = forms.CharField(label=_("Public name"), max_length=120)
    unit = forms.TypedChoiceField(label=_("Unit that handles it"), coerce=int)
    active = forms.BooleanField(label=_("Shown on the form"), required=False, initial=True)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=0)
    version = VersionField(required=False)

    def __init__(self, *args: Any, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = {unit.pk: unit for unit in units}
        self.fields["unit"].choices = unit_choices(units)  # type: ignore[attr-defined]

    def clean_unit(self) -> Unit:
        return self.units[self.cleaned_data["unit"]]


class StatisticsForm(forms.Form):
    """Which branch and which time the statistics cover. The view fetches the unit through
    access (404 for a unit not seen) and the period among the organisation's."""

    unit = forms.IntegerField(label=_("Unit"), required=False, widget=forms.Select)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    period = forms.TypedChoiceField(label=_("Period"), coerce=int, required=False, empty_value=None)

    def __init__(
        self, *args: Any, units: list[Unit], years: list[int], periods: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].widget.choices = unit_choices(units)
        self.fields["year"].choices = [(year, str(year)) for year in years]  # type: ignore[attr-defined]
        self.fields["period"].choices = [("", _("The whole year"))] + [  # type: ignore[attr-defined]
            (period.pk, str(period)) for period in periods
        ]


HONEYPOT = "website"  # hidden from people (and from screen readers); bots fill it in
CHALLENGE = "altcha"  # the proof of work's answer, filled in by static/roder/challenge.js
PHONE = re.compile(r"^\+?[\d\s\-()]{5,40}$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (the attachments); their content is checked by the service."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class PublicCaseForm(forms.Form):
    """The public form (no log-in): what kind of case, about which service, the description,
    contact details or anonymity, attachments. The template sets one fieldset per group."""

    kind = forms.ChoiceField(
        label=_("What do you want to tell us?"),
        choices=CaseKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you want to tell us.")},
    )
    service = forms.TypedChoiceField(
        label=_("Which service is it about?"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose one of the services in the list.")},
    )
    description = forms.CharField(
        label=_("Describe what happened or what you think"),
        help_text=_(
            "Say when and where, if it matters. Leave out sensitive details, such as about "
            "health, unless they are needed."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10_000,
        error_messages={
            "required": _("Write what your case is about."),
            "max_length": _("Write at most %(limit_value)s characters."),
        },
    )
    anonymous = forms.BooleanField(
        label=_("I want to be anonymous"),
        required=False,
        help_text=_(
            "Then we keep no name, e-mail or phone number, and we cannot answer you. Leave out "
            "who you are in the description too."
        ),
    )
    name = forms.CharField(label=_("Name (optional)"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        error_messages={"invalid": _("Enter an e-mail address such as namn@exempel.se.")},
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)
    attachments = MultipleFileField(
        label=_("Attach pictures or PDF files (optional)"), required=False
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    altcha = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, services: list[Service], **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.services = {service.pk: service for service in services}
        self.fields["service"].choices = [  # type: ignore[attr-defined]
            ("", _("I don't know, or something else")),
            *((service.pk, service.name) for service in services),
        ]
        for name in ("name", "email", "phone"):
            self.fields[name].widget.attrs["autocomplete"] = {
                "name": "name",
                "email": "email",
                "phone": "tel",
            }[name]
        self.fields["attachments"].help_text = ngettext(
            "At most %(count)s file of at most %(size)s MB: pictures (JPEG, PNG, GIF, WebP) "
            "or PDF.",
            "At most %(count)s files of at most %(size)s MB each: pictures (JPEG, PNG, GIF, WebP) "
            "or PDF.",
            most_files(),
        ) % {"count": most_files(), "size": most_bytes() // (1024 * 1024)}
        self.fields["email"].widget.attrs["inputmode"] = "email"
        self.fields["phone"].widget.attrs["inputmode"] = "tel"
        self.fields["attachments"].widget.attrs["accept"] = (
            "image/jpeg,image/png,image/gif,image/webp,application/pdf,.pdf,.jpg,.jpeg,.png,.gif,.webp"
        )

    def clean_service(self) -> Service | None:
        pk = self.cleaned_data["service"]
        if pk is None:
            return None
        if pk not in self.services:
            raise forms.ValidationError(_("Choose one of the services in the list."))
        return self.services[pk]

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data["phone"]).strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(
                _("Enter a phone number with digits, for example 08-590 970 00.")
            )
        return phone

    def clean_attachments(self) -> list[Upload]:
        files = self.cleaned_data["attachments"]
        if len(files) > most_files():
            raise forms.ValidationError(
                ngettext(
                    "Attach at most %(count)s file.",
                    "Attach at most %(count)s files.",
                    most_files(),
                )
                % {"count": most_files()}
            )
        uploads = []
        for file in files:
            if file.size > most_bytes():  # refused before it is read
                raise forms.ValidationError(
                    _("%(name)s is larger than %(size)s MB.")
                    % {"name": file.name, "size": most_bytes() // (1024 * 1024)}
                )
            uploads.append(Upload(file.name, file.read()))
        return uploads


class ContactForm(forms.Form):
    """One row of the kundlogg."""

    day = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Kind"), choices=ContactKind.choices)
    count = forms.IntegerField(label=_("Number"), min_value=1, max_value=10_000, initial=1)
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        help_text=_("Short, and without personal data: what it was about, not who."),
    )


class CaseActionForm(forms.Form):
    """An action in the unit's action list, from the case (case_actions.case_action_create)."""

    title = forms.CharField(
        label=_("What is to be done"),
        max_length=300,
        help_text=_("The action is seen by everyone who sees the unit's actions: write no names."),
    )
    due = forms.DateField(label=_("Due"), required=False, widget=DateInput())


class CaseGoalsForm(forms.Form):
    goals = forms.MultipleChoiceField(
        label=_("Goals the case concerns"), required=False, widget=forms.CheckboxSelectMultiple
    )
    version = VersionField()

    def __init__(self, *args: Any, goals: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["goals"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(str(goal.pk), f"{goal.plan.unit.name}: {goal.title}") for goal in goals]
