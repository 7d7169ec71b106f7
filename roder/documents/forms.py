from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from roder.core.forms import GridFormSet
from roder.documents.images import logo_png
from roder.documents.models import EmptySections

MAX_LOGO = 1024 * 1024


class TemplateForm(forms.Form):
    """Cover, contents, sections (chosen and ordered) and fixed texts of one document kind."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    cover = forms.BooleanField(label=_("Cover page"), required=False)
    cover_text = forms.CharField(
        label=_("Text on the cover"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    contents = forms.BooleanField(label=_("Table of contents"), required=False)
    empty_sections = forms.ChoiceField(
        label=_("A section with nothing to report is"),
        choices=EmptySections.choices,
        widget=forms.RadioSelect,
        required=False,  # a form posted without it (an older page) keeps the default
    )
    logo = forms.FileField(
        label=_("Logo (PNG or JPEG, at most 1 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.section_keys = [section.key for section in sections]
        for position, section in enumerate(sections, start=1):
            self.fields[f"show_{section.key}"] = forms.BooleanField(
                label=_("Show “%(title)s”") % {"title": section.title}, required=False
            )
            self.fields[f"order_{section.key}"] = forms.IntegerField(
                label=_("Place of “%(title)s”") % {"title": section.title},
                min_value=1,
                max_value=99,
                initial=position,
            )
            self.fields[f"text_{section.key}"] = forms.CharField(
                label=_("Fixed text under “%(title)s”") % {"title": section.title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def section_rows(self):
        return [
            (self[f"show_{key}"], self[f"order_{key}"], self[f"text_{key}"])
            for key in self.section_keys
        ]

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        if upload.size > MAX_LOGO:
            raise forms.ValidationError(_("The logo is larger than 1 MB."))
        # Opened, decoded and written again as PNG: a broken file is refused here.
        return logo_png(upload.read()), "image/png"

    def values(self) -> dict:
        data = self.cleaned_data
        chosen = [key for key in self.section_keys if data.get(f"show_{key}")]
        chosen.sort(key=lambda key: (data[f"order_{key}"], self.section_keys.index(key)))
        return {
            "cover": data["cover"],
            "cover_text": data["cover_text"],
            "contents": data["contents"],
            "empty_sections": data.get("empty_sections") or EmptySections.EXPLAIN,
            "sections": chosen,
            "fixed_texts": {
                key: data[f"text_{key}"].strip()
                for key in self.section_keys
                if data.get(f"text_{key}", "").strip()
            },
        }


class ReportTextForm(forms.Form):
    """One of the unit's texts of a report. Its fields keep the page's names: the text under its
    section's key ("summary"), the version shown as "version_summary"."""

    body = forms.CharField(required=False, strip=False)
    version = forms.CharField(required=False)

    def add_prefix(self, field_name: str) -> str:
        assert self.prefix is not None  # the formset names each row
        return self.prefix if field_name == "body" else f"version_{self.prefix}"

    def clean_body(self) -> str:
        if self.add_prefix("body") not in self.data:  # a text not sent stays as it is
            return self.initial.get("body", "")
        return self.cleaned_data["body"]

    def clean_version(self) -> int:
        version = str(self.data.get(self.add_prefix("version"), "0"))
        return int(version) if version.isdigit() else -1  # not a version: refused as stale


# The texts page: one row per written section (core.forms.GridFormSet).
# django-stubs types formset_factory as giving a BaseFormSet whatever `formset` is.
ReportTextFormSet = cast(
    type[GridFormSet], forms.formset_factory(ReportTextForm, formset=GridFormSet, extra=0)
)
