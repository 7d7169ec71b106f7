"""Test helpers for any page: send a form back as a browser would."""

from html.parser import HTMLParser
from typing import Any

from django.test import Client
from django.utils import translation

from roder.core.services import ConcurrentEditError


class _Forms(HTMLParser):
    """Collects each POST form's fields as a browser would submit them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, str]] = []
        self._form: dict[str, str] | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form = {}
            self.forms.append(self._form)
        if self._form is None or ("name" not in a and tag != "option"):
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self._form[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form[a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self._form[self._select] = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._form is not None and self._textarea:
            # The newline after <textarea> is not part of the value; browsers send CRLF.
            value = self._form[self._textarea].removeprefix("\n").replace("\r\n", "\n")
            self._form[self._textarea] = value.replace("\n", "\r\n")
            self._textarea = None
        elif tag == "select":
            self._select = None


def page_form(client: Client, path: str, *, containing: str, **query: Any) -> dict[str, str]:
    """GET `path` and return the fields of its POST form that has a field named `containing`,
    with the values the page shows (hidden versions included): what a browser would send."""
    response = client.get(path, query)
    assert response.status_code == 200, response.status_code
    parser = _Forms()
    parser.feed(response.content.decode())
    for form in parser.forms:
        if containing in form:
            form.pop("csrfmiddlewaretoken", None)
            return form
    raise AssertionError(f"no form on {path} has a field {containing!r}")


def stale_message() -> str:
    """The Swedish refusal of a stale edit, as a grid shows it."""
    with translation.override("sv"):
        return ConcurrentEditError().messages[0]


def logged_in(person: Any) -> Client:
    """A client of its own for `person`: two people editing at once need two clients."""
    client = Client()
    client.force_login(person)
    return client
