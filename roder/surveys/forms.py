"""The answering form, built from the questionnaire: one field per question, named by its pk."""

from django import forms
from django.utils.translation import gettext_lazy as _

from roder.surveys.files import ANSWER_TEXT_LIMIT
from roder.surveys.indices import DONT_KNOW
from roder.surveys.models import QuestionKind

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
