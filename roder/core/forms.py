"""Form pieces every app shares: date inputs, the hidden version field, service errors on a
form, and the rows of a grid."""

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT, ManagementForm

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


@dataclass(frozen=True)
class GridLine:
    """One row of a grid as the page shows it: what it is about (`key`, as the grid's service
    takes it), the prefix its fields are named with ("i12" → "i12-value"), its initial values
    (with the stored row's version) and any keyword arguments its row form takes."""

    key: Any
    prefix: str
    initial: Mapping[str, Any] = field(default_factory=dict)
    kwargs: Mapping[str, Any] = field(default_factory=dict)


class GridFormSet(forms.BaseFormSet[forms.Form]):
    """The row forms of a grid (targets, outcomes, control results, report texts) as a formset.

    The rows are the ones the server lists (`lines`), never as many as a POST claims, so the
    page needs no management form; each row form is named by its line's prefix, so the page's
    field names stay readable and stable ("i12-value"). Make one with
    `formset_factory(RowForm, formset=GridFormSet, extra=0)`; `save(service, …)` hands the rows
    to the grid's service (on core.services.grid_save) and puts its refusal on the row forms.
    """

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, lines: Iterable[GridLine], **kwargs: Any
    ) -> None:
        self.lines = list(lines)
        super().__init__(data, initial=[dict(line.initial) for line in self.lines], **kwargs)

    def total_form_count(self) -> int:
        return len(self.lines)

    def initial_form_count(self) -> int:
        return len(self.lines)

    @cached_property
    def management_form(self) -> ManagementForm:
        counts = {TOTAL_FORM_COUNT: len(self.lines), INITIAL_FORM_COUNT: len(self.lines)}
        data = {f"{self.prefix}-{name}": value for name, value in counts.items()}
        form = ManagementForm(data, auto_id=self.auto_id, prefix=self.prefix)
        form.full_clean()
        return form

    def add_prefix(self, index: int | str) -> str:
        if isinstance(index, int):
            return self.lines[index].prefix
        return super().add_prefix(index)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        line_kwargs = self.lines[index].kwargs if index is not None else {}
        # Formsets leave out the `required` attribute; a grid's rows keep it, as forms do.
        return {**self.form_kwargs, **line_kwargs, "use_required_attribute": True}

    @property
    def rows(self) -> list[tuple[Any, forms.Form]]:
        """(key, row form) for each row, in the page's order."""
        return [(line.key, form) for line, form in zip(self.lines, self.forms, strict=True)]

    def save(self, service: Callable[..., Any], **arguments: Any) -> Any:
        """Call `service(rows=[GridRow …], **arguments)` with the valid rows; a ValidationError
        is shown on the rows it names (add_grid_errors) and raised again for the view."""
        try:
            return service(rows=[grid_row(form, key=key) for key, form in self.rows], **arguments)
        except ValidationError as error:
            add_grid_errors(dict(self.rows), error)
            raise
