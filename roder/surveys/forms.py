"""The answering form, built from the questionnaire (one field per question, named by its pk),
and the forms that import a questionnaire and start a round."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from roder.surveys import recipients
from roder.surveys.files import ANSWER_TEXT_LIMIT
from roder.surveys.indices import DONT_KNOW
from roder.surveys.models import QuestionKind, RoundAccess

HONEYPOT = "website"  # left empty by people; a hidden field bots fill in


def field_name(question) -> str:
    return f"q{question.pk}"


class AnswerForm(forms.Form):
    def __init__(self, *args, questions, complete: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[field_name(question)] = _field(question, required=complete)
        self.fields[HONEYPOT] = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT):
            raise forms.ValidationError(_("The answer could not be saved."))
        return cleaned

    def values(self) -> dict:
        """{question pk: value} as the services take them."""
        values = {}
        for question in self.questions:
            raw = self.cleaned_data.get(field_name(question))
            values[question.pk] = _value(question, raw)
        return values

    def entries(self):
        """(question, bound field) in order, for the template."""
        return [(q, self[field_name(q)]) for q in self.questions]


def _field(question, *, required: bool):
    required = required and question.required
    if question.kind == QuestionKind.TEXT:
        return forms.CharField(
            required=required,
            max_length=ANSWER_TEXT_LIMIT,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            required=required,
            choices=[(str(c.number), c.label) for c in question.choices.all()],
            widget=forms.CheckboxSelectMultiple,
        )
    return forms.ChoiceField(
        required=required, choices=_choices(question), widget=forms.RadioSelect
    )


def _choices(question):
    if question.kind == QuestionKind.YES_NO:
        return [("1", _("Yes")), ("0", _("No"))]
    if question.kind == QuestionKind.SINGLE:
        return [(str(c.number), c.label) for c in question.choices.all()]
    steps = []
    for step in range(1, question.scale_max + 1):
        if step == 1:
            label = f"1 – {question.low_label}"
        elif step == question.scale_max:
            label = f"{step} – {question.high_label}"
        else:
            label = str(step)
        steps.append((str(step), label))
    if question.dont_know:
        steps.append((DONT_KNOW, _("Don't know / not applicable")))
    return steps


def _value(question, raw):
    if raw in (None, "", []):
        return None
    if question.kind == QuestionKind.TEXT:
        return raw
    if question.kind == QuestionKind.MULTIPLE:
        return [int(v) for v in raw]
    if raw == DONT_KNOW:
        return DONT_KNOW
    return int(raw)


def initial_from_draft(questions, draft: dict) -> dict:
    initial: dict[str, str | list[str]] = {}
    for question in questions:
        value = draft.get(str(question.pk))
        if value is None:
            continue
        if isinstance(value, list):
            initial[field_name(question)] = [str(v) for v in value]
        else:
            initial[field_name(question)] = str(value)
    return initial


class QuestionnaireImportForm(forms.Form):
    file = forms.FileField(
        label=_("Questionnaire file (JSON)"),
        help_text=_("A file exported from Roder, or written in the format the page describes."),
    )


RECIPIENTS_ROLES = "roles"
RECIPIENTS_FILE = "file"


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})" if obj.code else obj.name


class RoundForm(forms.Form):
    """A new round for `owner` and the units at or below it; for personal links, who is
    invited (read here, written by the service: a bad list writes nothing)."""

    name = forms.CharField(label=_("Name of the round"), max_length=200)
    questionnaire: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Questionnaire"), queryset=None
    )
    units = UnitChoiceField(
        label=_("Units that answer"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The round's own unit and the units below it."),
    )
    opens_on = forms.DateField(label=_("Opens"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(
        label=_("Closes"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The last day answers are taken; the round is closed the night after."),
    )
    access = forms.ChoiceField(
        label=_("Answered by"),
        choices=RoundAccess.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "An open link per unit, for anyone who has it (one answer per browser), or a "
            "personal one-time link per person, sent by e-mail."
        ),
    )
    recipients = forms.ChoiceField(
        label=_("Who gets a personal link"),
        required=False,
        choices=[
            (RECIPIENTS_ROLES, _("Roder's people with a role on the chosen units")),
            (RECIPIENTS_FILE, _("The addresses in a list I upload")),
        ],
        initial=RECIPIENTS_ROLES,
        widget=forms.RadioSelect,
    )
    recipient_list = forms.FileField(
        label=_("List of e-mail addresses"),
        required=False,
        help_text=_(
            "A text or CSV file, one address a line. With several units chosen, give the "
            "unit's code after the address: anna@example.se;SP-VD."
        ),
    )

    def __init__(self, *args, owner, questionnaires, units, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        if today is not None and not self.is_bound:
            self.initial.setdefault("opens_on", today)
            self.initial.setdefault("closes_on", today + datetime.timedelta(days=14))
        self.owner = owner
        self.fields["questionnaire"].queryset = questionnaires
        self.fields["units"].queryset = units
        if not self.is_bound:
            self.initial.setdefault("units", list(units))
            self.initial.setdefault("access", RoundAccess.PERSONAL)

    def clean(self):
        cleaned = super().clean()
        self.recipient_rows: list = []
        units = cleaned.get("units")
        if cleaned.get("access") != RoundAccess.PERSONAL or not units:
            return cleaned
        if cleaned.get("recipients") == RECIPIENTS_FILE:
            upload = cleaned.get("recipient_list")
            if upload is None:
                self.add_error("recipient_list", _("Choose the file with the addresses."))
                return cleaned
            try:
                self.recipient_rows = recipients.parse_list(upload.read(), units)
            except forms.ValidationError as error:
                self.add_error("recipient_list", error)
        else:
            self.recipient_rows = recipients.from_roles(units)
            if not self.recipient_rows:
                self.add_error(
                    "recipients",
                    _("Nobody with an e-mail address has a role on the chosen units."),
                )
        return cleaned


class ResultsImportForm(forms.Form):
    """Results from elsewhere: whose, of which questionnaire and year, from where, the file."""

    unit = forms.TypedChoiceField(
        label=_("Unit"),
        coerce=int,
        help_text=_("The results' own unit: the file's units are this one and those below it."),
    )
    questionnaire: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, label=_("Questionnaire")
    )
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Empty: the questionnaire's name and the year."),
    )
    source = forms.CharField(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_(
            "Where the figures come from, e.g. SCB:s medborgarundersökning. Empty: the file's name."
        ),
    )
    file = forms.FileField(
        label=_("File (Excel or CSV)"),
        help_text=_(
            "Columns: unit code, index or question code, n, value (an index on 0–100, a "
            "question's mean on its scale) and, optionally, the share positive in per cent."
        ),
    )

    def __init__(self, *args, units, questionnaires, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [
            (u.pk, f"{u.name} ({u.code})" if u.code else u.name) for u in units
        ]
        self.fields["questionnaire"].queryset = questionnaires
