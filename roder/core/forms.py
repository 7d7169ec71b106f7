"""Form pieces every app shares: date inputs, the hidden version field, service errors on a
form, and the rows of a grid."""

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from roder.core.services import GridRow


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class VersionField(forms.IntegerField):
    """The version of the row when the form was shown; see core.services.save_versioned."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, **kwargs)


def parse_date(value: str | None) -> datetime.date | None:
    """A date from a query string (?date=2026-05-01); None when missing or not a date."""
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def grid_row(form: forms.Form, *, key: Any) -> GridRow:
    """A valid row form of a grid as core.services.grid_save takes it: the values the person
    sent and the version the row had when the page was shown (its hidden `version` field)."""
    values = {name: value for name, value in form.cleaned_data.items() if name != "version"}
    return GridRow(key=key, values=values, version=form.cleaned_data.get("version"))


def add_grid_errors(forms: Mapping[Any, forms.Form], error: ValidationError) -> None:
    """Show a grid service's ValidationError on the row forms it names, by the rows' keys (see
    core.services.grid_save); the view shows the error's messages above the grid as well."""
    for key, row_error in getattr(error, "rows", {}).items():
        if key in forms:
            add_service_errors(forms[key], row_error)
