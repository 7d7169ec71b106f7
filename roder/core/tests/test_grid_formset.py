"""GridFormSet: the rows are the server's, named by their own prefixes, saved by one service."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from roder.core.forms import GridFormSet, GridLine, VersionField
from roder.core.services import InvalidRowsError


class RowForm(forms.Form):
    value = forms.IntegerField(required=False)
    version = VersionField(required=False)

    def __init__(self, *args, label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.label = label


RowFormSet = forms.formset_factory(RowForm, formset=GridFormSet, extra=0)
LINES = [
    GridLine(key="a", prefix="ra", initial={"value": 1, "version": 3}, kwargs={"label": "A"}),
    GridLine(key="b", prefix="rb"),
]


def test_it_names_each_row_by_its_prefix_and_needs_no_management_form():
    grid = RowFormSet({"ra-value": "5", "ra-version": "3", "rb-value": ""}, lines=LINES)
    assert grid.is_valid()
    assert [form.prefix for form in grid.forms] == ["ra", "rb"]
    assert grid.forms[0].label == "A"
    assert 'name="ra-value"' in str(grid.forms[0]["value"])


def test_it_shows_only_the_servers_rows_whatever_the_post_claims():
    grid = RowFormSet({"form-TOTAL_FORMS": "9", "rc-value": "1"}, lines=LINES)
    assert len(grid.forms) == 2


def test_it_hands_the_rows_to_the_service_with_the_versions_shown():
    grid = RowFormSet({"ra-value": "5", "ra-version": "3", "rb-value": "7"}, lines=LINES)
    assert grid.is_valid()
    rows = grid.save(lambda *, rows, by: (rows, by), by="me")[0]
    assert [(row.key, row.values, row.version) for row in rows] == [
        ("a", {"value": 5}, 3),
        ("b", {"value": 7}, None),
    ]


def test_it_puts_a_refusal_on_the_rows_it_names():
    grid = RowFormSet({"ra-value": "5", "rb-value": "7"}, lines=LINES)
    assert grid.is_valid()

    def refuse(*, rows):
        raise InvalidRowsError({"b": ValidationError({"value": "Too high."})})

    with pytest.raises(ValidationError):
        grid.save(refuse)
    assert grid.forms[1].errors == {"value": ["Too high."]}
    assert not grid.forms[0].errors
