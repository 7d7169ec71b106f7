"""form_edit: bind, call the service with the version shown, put its refusal on the form."""

from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from roder.core.editing import form_edit
from roder.core.forms import VersionField


class NameForm(forms.Form):
    name = forms.CharField()
    version = VersionField(required=False)


def save(*, by, **values):
    if values["name"] == "no":
        raise ValidationError({"name": "Refused."})
    return {"by": by, **values}


def test_it_shows_an_unbound_form_on_get():
    edit = form_edit(RequestFactory().get("/"), NameForm, save)
    assert not edit.form.is_bound and not edit.saved


def test_it_calls_the_service_with_the_version_shown_when_editing():
    request = RequestFactory().post("/", {"name": "Ny", "version": "3"})
    edit = form_edit(request, NameForm, partial(save, by="me"), versioned=True)
    assert edit.saved
    assert edit.result == {"by": "me", "name": "Ny", "expected_version": 3}


def test_a_create_gets_no_version():
    edit = form_edit(RequestFactory().post("/", {"name": "Ny"}), NameForm, partial(save, by="me"))
    assert edit.result == {"by": "me", "name": "Ny"}


def test_it_puts_the_services_refusal_on_the_field():
    edit = form_edit(RequestFactory().post("/", {"name": "no"}), NameForm, partial(save, by="me"))
    assert not edit.saved
    assert edit.form.errors == {"name": ["Refused."]}
