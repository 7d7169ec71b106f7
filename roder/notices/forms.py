from typing import Any

from django import forms

from roder.notices import kinds


class MailSettingsForm(forms.Form):
    """One checkbox per registered kind of notification: mail it or not."""

    def __init__(self, *args: Any, choices: dict[str, bool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in kinds.all_kinds():
            self.fields[kind.key] = forms.BooleanField(
                label=kind.label,
                help_text=kind.description,
                required=False,
                initial=choices.get(kind.key, kind.mail_default),
            )
