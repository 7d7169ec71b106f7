import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import dates
from django.utils.translation import gettext_lazy as _

from roder.core.forms import DateInput, VersionField
from roder.organisation.models import Unit
from roder.wheel import recurrence
from roder.wheel.models import EventKind

FREQUENCIES = [
    ("", _("Does not recur")),
    ("weekly", _("Every week")),
    ("monthly", _("Every month")),
    ("yearly", _("Every year")),
    ("custom", _("By my own rule (RRULE)")),
]
WEEKDAY_CHOICES = list(
    zip(
        recurrence.WEEKDAYS,
        [
            _("Monday"),
            _("Tuesday"),
            _("Wednesday"),
            _("Thursday"),
            _("Friday"),
            _("Saturday"),
            _("Sunday"),
        ],
        strict=True,
    )
)
ORDINALS = [
    ("", _("The same day of the month as the first day")),
    ("1", _("The first")),
    ("2", _("The second")),
    ("3", _("The third")),
    ("4", _("The fourth")),
    ("-1", _("The last")),
]
# Django's own month names (its Swedish catalogue): a msgid "May" of Roder's would also be the
# verb, and Roder's catalogue wins over Django's for every date written with "F".
MONTHS = list(dates.MONTHS.items())


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%H:%M", **kwargs)


class EventForm(forms.Form):
    """An event of the organisation's own, with a simple builder of its recurrence rule."""

    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label=_("Unit"),
        help_text=_("The event applies to this unit and the units below it."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    starts_on = forms.DateField(label=_("First day"), widget=DateInput())
    start_time = forms.TimeField(
        label=_("Starts at"),
        required=False,
        widget=TimeInput(),
        help_text=_("Leave empty for an all-day event."),
    )
    end_time = forms.TimeField(label=_("Ends at"), required=False, widget=TimeInput())
    frequency = forms.ChoiceField(label=_("Recurs"), choices=FREQUENCIES, required=False)
    interval = forms.IntegerField(
        label=_("Every how many (weeks, months, years)"), required=False, min_value=1, max_value=52
    )
    ordinal = forms.ChoiceField(
        label=_("Which weekday of the month"),
        choices=ORDINALS,
        required=False,
        help_text=_("With every month: for example the third Tuesday."),
    )
    weekdays = forms.MultipleChoiceField(
        label=_("Weekday"),
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    skip_months = forms.TypedMultipleChoiceField(
        label=_("Except in"),
        choices=MONTHS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    until = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty to recur without end."),
    )
    rrule = forms.CharField(
        label=_("Own rule (RRULE)"),
        max_length=500,
        required=False,
        help_text=_(
            "Only with “By my own rule”, for example "
            "FREQ=MONTHLY;BYDAY=+3TU;BYMONTH=1,2,3,4,5,6,8,9,10,11,12."
        ),
    )
    exceptions = forms.CharField(
        label=_("Exceptions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Days the event does not happen on although the rule says so, one date per line "
            "(2026-04-07)."
        ),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    public = forms.BooleanField(label=_("Show in the unit's public calendar feed"), required=False)
    remind = forms.BooleanField(label=_("Remind the unit's people beforehand"), required=False)
    version = VersionField(required=False)

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean_exceptions(self) -> list[datetime.date]:
        days = []
        for word in self.cleaned_data["exceptions"].replace(",", " ").split():
            try:
                days.append(datetime.date.fromisoformat(word))
            except ValueError:
                raise ValidationError(
                    _("“%(word)s” is not a date; write dates as 2026-04-07."),
                    params={"word": word},
                    code="date",
                ) from None
        return days

    def clean(self):
        data = super().clean()
        frequency = data.get("frequency") or ""
        if frequency == "custom":
            rule = data.get("rrule") or ""
            if not rule:
                self.add_error("rrule", _("Write the rule, or choose how the event recurs."))
        else:
            ordinal = data.get("ordinal")
            rule = recurrence.build_rrule(
                frequency=frequency,
                interval=data.get("interval"),
                weekdays=data.get("weekdays"),
                ordinal=int(ordinal) if ordinal else None,
                skip_months=data.get("skip_months"),
                until=data.get("until"),
            )
            if frequency == "monthly" and ordinal and len(data.get("weekdays") or []) != 1:
                self.add_error("weekdays", _("Choose one weekday for “the third Tuesday”."))
        try:
            data["rule"] = recurrence.check_rrule(rule)
        except ValidationError as error:
            self.add_error("rrule", error)
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "unit": data["unit"],
            "title": data["title"],
            "kind": data["kind"],
            "starts_on": data["starts_on"],
            "start_time": data["start_time"],
            "end_time": data["end_time"],
            "rrule": data["rule"],
            "exceptions": data["exceptions"],
            "place": data["place"],
            "description": data["description"],
            "public": data["public"],
            "remind": data["remind"],
            "version": data.get("version"),
        }


def initial_for(event) -> dict:
    """The builder's fields for a stored event: its rule taken apart when the builder can make
    it again, else "by my own rule" with the text."""
    parsed = recurrence.parse_builder(event.rrule)
    rebuilt = (
        recurrence.build_rrule(**parsed)
        if parsed.get("frequency") in {"weekly", "monthly", "yearly"}
        else None
    )
    initial = {"exceptions": "\n".join(day.isoformat() for day in event.exception_days)}
    if not event.rrule:
        return initial | {"frequency": ""}
    if rebuilt == event.rrule:
        ordinal = parsed.pop("ordinal", None)
        return initial | parsed | {"ordinal": str(ordinal) if ordinal else ""}
    return initial | {"frequency": "custom", "rrule": event.rrule}


class PublicFeedForm(forms.Form):
    public = forms.BooleanField(
        label=_("Publish the unit's events as a public calendar feed"), required=False
    )
    version = VersionField(required=False)
