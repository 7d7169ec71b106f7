"""Tools of the persona × URL matrix: the URL patterns from the resolver, the forms of a page,
and a snapshot of every table."""

import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver

# --- URL patterns ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str | None  # "namespace:name"
    route: str  # the pattern as written, for messages
    kwargs: tuple[str, ...]


def url_patterns() -> list[Pattern]:
    """Every pattern of the project, walked from the root resolver with its namespaces."""
    return list(_walk(get_resolver().url_patterns, "", None, ()))


def _walk(patterns, prefix: str, namespace: str | None, outer: tuple[str, ...]):
    for entry in patterns:
        kwargs = outer + tuple(entry.pattern.regex.groupindex)
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, route, inner, kwargs)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield Pattern(name=name, route=route, kwargs=kwargs)


# --- forms -----------------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def data(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for name, value in self.fields:
            out.setdefault(name, []).append(value)
        return out


class _FormParser(HTMLParser):
    """The fields a browser would send for each form of a page (a select without a chosen
    option sends its first). A required select left at its empty placeholder sends its first
    option with a value, as a person must choose one, so that the form, posted by its owner,
    changes something. Buttons send nothing."""

    def __init__(self, base: str):
        super().__init__(convert_charrefs=True)
        self.base, self.forms = base, []
        self.form: Form | None = None
        self.select: tuple[str, bool, bool, list, list] | None = None
        self.option: list | None = None
        self.textarea: list | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            action = urljoin(self.base, a.get("action", "")) if a.get("action") else self.base
            self.form = Form(action=action, method=a.get("method", "get").lower())
            self.forms.append(self.form)
        elif self.form is None or "name" not in a:
            if tag == "option" and self.select is not None:
                self._start_option(a)
        elif tag == "input":
            self._input(a)
        elif tag == "select":
            self.select = (a["name"], "multiple" in a, "required" in a, [], [])
        elif tag == "textarea":
            self.textarea = [a["name"], ""]

    def _input(self, a):
        kind = a.get("type", "text").lower()
        if kind in ("submit", "button", "image", "reset"):
            return
        if kind == "file":
            self.form.files.append(a["name"])
        elif kind in ("checkbox", "radio"):
            if "checked" in a:
                self.form.fields.append((a["name"], a.get("value", "on")))
        else:
            self.form.fields.append((a["name"], a.get("value", "")))

    def _start_option(self, a):
        self.option = [a.get("value"), "", "selected" in a]

    def handle_data(self, data):
        if self.option is not None:
            self.option[1] += data
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "option" and self.option is not None and self.select is not None:
            value, text, chosen = self.option
            value = text.strip() if value is None else value
            self.select[3].append(value)
            if chosen:
                self.select[4].append(value)
            self.option = None
        elif tag == "select" and self.select is not None:
            self._end_select()
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.form.fields.append((name, text.removeprefix("\n")))
            self.textarea = None
        elif tag == "form":
            self.form = None

    def _end_select(self):
        name, multiple, required, options, chosen = self.select
        if not multiple and not chosen and options:
            chosen = options[:1]  # what a browser sends
        if not multiple and required and chosen == [""]:
            chosen = [next((v for v in options if v), "")]
        self.form.fields.extend((name, value) for value in chosen)
        self.select = None


def forms_of(html: str, base: str) -> list[Form]:
    parser = _FormParser(base)
    parser.feed(html)
    return parser.forms


def form_posting_to(html: str, page: str, target: str) -> Form | None:
    """The first POST form of the page whose action is the target's path."""
    path = urlsplit(target).path
    for form in forms_of(html, page):
        if form.method == "post" and urlsplit(form.action).path == path:
            return form
    return None


# --- snapshots -------------------------------------------------------------------------------

# Log-ins write these, and every persona logs in: they are not "changes" of a replayed form.
# Opening a complaint case logs who opened it, by design (roder/complaints; that only those
# allowed leave a row is tested there).
NOT_COMPARED = {
    "django_session": None,
    "accounts_user": {"last_login"},
    "complaints_caseopening": None,
}


def _selects() -> list[tuple[str, str]]:
    quote = connection.ops.quote_name
    selects = []
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            skipped = NOT_COMPARED.get(table, set())
            if skipped is None:
                continue
            columns = [
                c.name
                for c in connection.introspection.get_table_description(cursor, table)
                if c.name not in skipped
            ]
            order = ", ".join(str(i) for i in range(1, len(columns) + 1))
            select = f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table)}"
            selects.append((table, f"{select} ORDER BY {order}"))
    return selects


class Snapshots:
    """Row count and a digest of the contents of every table (one query each)."""

    def __init__(self):
        self.selects = _selects()

    def take(self) -> dict[str, tuple[int, str]]:
        taken = {}
        with connection.cursor() as cursor:
            for table, select in self.selects:
                cursor.execute(select)
                rows = [tuple(_plain(v) for v in row) for row in cursor.fetchall()]
                taken[table] = (len(rows), hashlib.sha1(repr(rows).encode()).hexdigest())
        return taken


def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


def differences(before: dict, after: dict) -> list[str]:
    """The tables that changed, with their row counts: "core_historyentry 776 → 777"."""
    return [
        f"{table} {before[table][0]} → {after[table][0]} rows"
        if before[table][0] != after[table][0]
        else f"{table} (rows changed)"
        for table in before
        if before[table] != after.get(table)
    ]
