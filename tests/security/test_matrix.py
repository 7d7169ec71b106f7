"""The persona × URL matrix (issue 10): every URL pattern of the project, taken from the
resolver and filled with demo ids, requested as every persona, the sibling-unit manager, a unit
administrator and anonymously, against the rules in matrix_rules.py (access.py's rules per URL);
and every POST form, as the administrator sees it, replayed by each lower role: it answers
302/403/404 and changes nothing (no history entry, every table's rows unchanged).

The demo is loaded once for the module inside one transaction that is rolled back at its end;
each test runs in a savepoint of it, so the rest of the suite never sees the demo.
How to add a URL: CONTRIBUTING.md, "The persona × URL matrix".
"""

from dataclasses import dataclass, replace
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from roder.demo.economy import interim_ledger_file
from roder.followup import excel
from roder.organisation.access import grants_for
from roder.organisation.models import Organisation, Role
from roder.quality.frameworks import files as frameworks
from roder.surveys import files as survey_files
from tests.security import matrix_admin, matrix_demo, matrix_rules
from tests.security.matrix_checks import LOGIN, Ctx, Lit, Redirect, Url, login, login_url, member
from tests.security.matrix_demo import PERSONAS, Obj, Persona
from tests.security.matrix_rules import FRAMEWORK_FILE, LEDGER, OUTCOME_FILE, QUESTIONNAIRE_FILE
from tests.security.matrix_tools import (
    Snapshots,
    differences,
    form_posting_to,
    url_patterns,
)

pytestmark = pytest.mark.django_db

# URL names that are not requested, each with the reason.
EXCLUDED = {
    # Unnamed Django admin patterns: the old-style object URL that redirects to the named
    # change page, and the admin's catch-all; every named admin page is in the matrix.
    None: "unnamed Django admin redirects (the named pages they lead to are requested)",
}

# Known defects of issue 10 that the matrix finds, fixed by other changes: (URL name[variant],
# persona, method) → the defect. Each one is expected to fail until fixed; once it passes the
# test says so, and the entry goes.
KNOWN: dict[tuple[str, str, str], str] = {}

# The Django admin refuses anyone who is not staff before it reads a form; its forms are
# replayed by anonymous, a controller and a unit administrator (who is not staff).
ADMIN_SITE_REPLAYERS = {"anonymous", "controller", "enhetsadmin"}


# --- the demo, once for the module -----------------------------------------------------------


@dataclass
class Matrix:
    objects: dict[str, Obj]
    users: dict[str, object]
    roles: dict[str, list[tuple[str, str, int]]]
    organisations: list
    roots: dict[int, str]
    snapshots: Snapshots
    baseline: dict


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            matrix_demo.build()
            built = _matrix()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _matrix() -> Matrix:
    users = {u.username: u for u in get_user_model().objects.all()}
    roles: dict[str, list] = {}
    for username, path, kind, org in Role.objects.values_list(
        "person__username", "unit__path", "kind", "unit__organisation_id"
    ):
        roles.setdefault(username, []).append((path, kind, org))
    organisations = list(Organisation.objects.order_by("pk"))
    roots = {o.pk: o.units.get(parent=None).path for o in organisations}
    snapshots = Snapshots()
    return Matrix(
        matrix_demo.objects(), users, roles, organisations, roots, snapshots, snapshots.take()
    )


# --- the cases, from the resolver ------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str | None
    route: str
    kwargs: tuple[str, ...]
    spec: Url | None

    @property
    def id(self) -> str:
        variant = self.spec.variant if self.spec else ""
        return f"{self.name}[{variant}]" if variant else str(self.name)

    @property
    def in_organisation(self) -> bool:
        return "org" in self.kwargs


def _cases() -> list[Case]:
    cases = []
    for pattern in url_patterns():
        if pattern.name in EXCLUDED:
            continue
        found = matrix_admin.specs(pattern) or matrix_rules.specs(pattern.name) or [None]
        cases += [Case(pattern.name, pattern.route, pattern.kwargs, spec) for spec in found]
    return cases


CASES = _cases()


def _ids(cases):
    return [case.id for case in cases]


GET_CASES = CASES
# Not replayed as forms: the API's endpoints take JSON and a token, not a page's form (every
# persona's POST is still answered by the rule above; with tokens: roder/api/tests), and the
# revoke button shows only beside a token, which the demo has none of (roder/api/tests).
NOT_REPLAYED = ("api-v1:", "api:revoke")
POST_CASES = [
    c
    for c in CASES
    if c.spec is not None
    and c.spec.post is not None
    and (c.spec.post or c.in_organisation)
    and not c.name.startswith(NOT_REPLAYED)
]


# --- one request -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    url: str
    org: object | None
    objects: dict[str, Obj]


def target(matrix: Matrix, case: Case, persona: Persona) -> Target:
    """The URL of the case for this persona: demo ids in, the organisation slug the persona
    uses (Persona.org)."""
    args, objects = {}, {}
    for name in case.kwargs:
        if name == "org":
            continue
        args[name] = _fill(matrix, case, name, case.spec.args, objects)
    query = {name: _fill(matrix, case, name, case.spec.query, objects) for name in case.spec.query}
    owners = {o.organisation for o in objects.values() if o.organisation is not None}
    assert len(owners) <= 1, f"{case.id}: objects from several organisations"
    home = owners.pop() if owners else matrix.organisations[0]
    org = _organisation_for(matrix, persona, home) if case.in_organisation else None
    if case.in_organisation:
        args["org"] = org.slug
    url = reverse(case.name, kwargs=args)
    return Target(url + (f"?{urlencode(query)}" if query else ""), org, objects)


def _fill(matrix: Matrix, case: Case, name: str, given: dict, objects: dict):
    if case.name.startswith("admin:"):
        return matrix_admin.value(case.name, name)
    source = given.get(name, matrix_rules.DEFAULT_ARGS.get(name))
    assert source is not None, (
        f"{case.id}: no demo value for the URL argument {name!r}; name one in matrix_rules.URLS"
    )
    if isinstance(source, Lit):
        return source.value
    objects[name] = matrix.objects[source]
    return objects[name].value


def _organisation_for(matrix: Matrix, persona: Persona, home):
    user = matrix.users.get(persona.username)
    if persona.org == "home" and user is not None and user.organisation_id:
        return next(o for o in matrix.organisations if o.pk == user.organisation_id)
    if persona.org == "other":
        return next(o for o in matrix.organisations if o != home)
    return home


def expected(matrix: Matrix, case: Case, persona: Persona, method: str, where: Target):
    """What the rules say this persona gets: a status, a Redirect, or "allowed" for a POST."""
    checks = case.spec.get if method == "GET" else case.spec.post
    if checks is None:
        return 405
    user = matrix.users.get(persona.username)
    ctx = Ctx(
        persona=persona,
        user=user,
        roles=matrix.roles.get(persona.username, []),
        org=where.org,
        root_path=matrix.roots[where.org.pk] if where.org else "",
        objects=where.objects,
    )
    # The API's endpoints take the organisation too but answer tokens, not sessions.
    api = case.name.startswith("api-v1:")
    implied = (login, member) if case.in_organisation and not api else ()
    for check in (*implied, *checks):
        answer = check(ctx)
        if answer is not None:
            return Redirect(login_url()) if answer == LOGIN else answer
    return case.spec.ok if method == "GET" else "allowed"


def client_for(matrix: Matrix, persona: Persona) -> Client:
    client = Client()
    if persona.username is not None:
        client.force_login(matrix.users[persona.username])
    return client


def answer(client: Client, method: str, url: str, data=None):
    """The status (and Location) the server gives; an exception is a 500."""
    try:
        response = client.get(url) if method == "GET" else client.post(url, data or {})
    except Exception as error:  # any crash is what the matrix reports
        return 500, f"{type(error).__name__}: {error}"
    return response.status_code, response.get("Location", "")


def agrees(want, status: int, location: str) -> bool:
    if isinstance(want, Redirect):
        return status == 302 and location.startswith(want.to)
    return status == want


def personas_for(case: Case) -> list[Persona]:
    """Everyone; the persona that swaps the organisation only where the URL has one."""
    return [p for p in PERSONAS if p.org != "other" or case.in_organisation]


# --- reporting -------------------------------------------------------------------------------


def report(case: Case, method: str, mismatches: list[tuple[str, str]]) -> None:
    """Fail on mismatches that are not KNOWN; xfail when only known ones remain; fail when a
    KNOWN one no longer happens (it was fixed: remove it from KNOWN)."""
    found = {persona for persona, _text in mismatches}
    known = {p: why for (url, p, m), why in KNOWN.items() if url == case.id and m == method}
    fixed = sorted(set(known) - found)
    unknown = [text for persona, text in mismatches if persona not in known]
    lines = unknown + [f"{p}: KNOWN but passes now, remove it from KNOWN" for p in fixed]
    if lines:
        pytest.fail(f"{method} {case.id} ({case.route}):\n  " + "\n  ".join(lines), pytrace=False)
    if mismatches:
        pytest.xfail("; ".join(sorted({known[p] for p in found})))


def _no_rule(case: Case) -> None:
    if case.spec is None:
        pytest.fail(
            f"{case.name} ({case.route}) has no rule: add it to matrix_rules.URLS "
            "(or, if it truly cannot be requested, to EXCLUDED with the reason)",
            pytrace=False,
        )


# --- the tests -------------------------------------------------------------------------------


def test_it_has_a_rule_only_for_urls_that_exist():
    names = {p.name for p in url_patterns()}
    assert sorted(set(matrix_rules.URLS) - names) == []


@pytest.mark.parametrize("case", GET_CASES, ids=_ids(GET_CASES))
def test_it_answers_every_persona_as_the_rules_say(matrix, case):
    _no_rule(case)
    mismatches = []
    for persona in personas_for(case):
        where = target(matrix, case, persona)
        want = expected(matrix, case, persona, "GET", where)
        status, location = answer(client_for(matrix, persona), "GET", where.url)
        if not agrees(want, status, location):
            got = f"{status} {location}".strip()
            mismatches.append(
                (persona.name, f"{persona.name}: {where.url} expected {want}, got {got}")
            )
    changed = differences(matrix.baseline, matrix.snapshots.take())
    if changed:
        mismatches.append(("(get)", f"reading the page changed the database: {changed}"))
    report(case, "GET", mismatches)


@pytest.mark.parametrize("case", POST_CASES, ids=_ids(POST_CASES))
def test_it_refuses_the_replayed_form_to_every_lower_role(matrix, case):
    _no_rule(case)
    data = form_data(matrix, case)
    mismatches = []
    if not case.name.startswith("admin:"):
        mismatches += effective(matrix, case, data)
    for persona in personas_for(case):
        if case.name.startswith("admin:") and persona.name not in ADMIN_SITE_REPLAYERS:
            continue
        where = target(matrix, case, persona)
        want = expected(matrix, case, persona, "POST", where)
        if want == "allowed":
            continue
        status, location, changed = replay(matrix, persona, where.url, data)
        got = f"{status} {location}".strip()
        if not agrees(want, status, location) or changed:
            mismatches.append(
                (
                    persona.name,
                    f"{persona.name}: {where.url} expected {want} and no change, "
                    f"got {got}{'; changed ' + ', '.join(changed) if changed else ''}",
                )
            )
    report(case, "POST", mismatches)


# Roder's pages that only show (the Django admin's own views are Django's to test).
READ_ONLY_CASES = [
    c
    for c in CASES
    if c.spec is not None and c.spec.post is None and not c.name.startswith("admin:")
]


@pytest.mark.parametrize("case", READ_ONLY_CASES, ids=_ids(READ_ONLY_CASES))
def test_it_refuses_a_post_to_a_page_that_only_shows(matrix, case):
    """As the administrator, whom no rule stops: only the method is wrong."""
    admin_persona = next(p for p in PERSONAS if p.name == "admin")
    status, location, changed = replay(
        matrix, admin_persona, target(matrix, case, admin_persona).url, {}
    )
    mismatches = []
    if status != 405 or changed:
        got = f"{status} {location} {', '.join(changed)}".strip()
        mismatches.append(("admin", f"admin: expected 405 and no change, got {got}"))
    report(case, "POST", mismatches)


def replay(matrix: Matrix, persona: Persona, url: str, data: dict):
    """POST as the persona in a savepoint that is rolled back: (status, location, changes)."""
    with transaction.atomic():
        status, location = answer(client_for(matrix, persona), "POST", url, _fresh(data))
        changed = differences(matrix.baseline, matrix.snapshots.take())
        transaction.set_rollback(True)
    return status, location, changed


def effective(matrix: Matrix, case: Case, data: dict) -> list[tuple[str, str]]:
    """The replayed form, posted by the persona whose form it is, must change something (else
    the lower roles' replay proves nothing), unless the rule says why it cannot."""
    persona = next(p for p in PERSONAS if p.name == case.spec.form_as)
    where = target(matrix, case, persona)
    status, location, changed = replay(matrix, persona, where.url, data)
    if status >= 500:
        return [(persona.name, f"{persona.name}: the form's own POST failed: {location}")]
    if case.spec.changes and changed:
        return [(persona.name, f"{persona.name}: 'changes' says nothing changes, but {changed}")]
    if not case.spec.changes and not changed:
        return [
            (
                persona.name,
                f"{persona.name}: posting the form changes nothing ({status} {location}); "
                "give matrix_rules data= or changes=",
            )
        ]
    return []


def form_data(matrix: Matrix, case: Case) -> dict:
    """The fields of the form that posts to the URL, as the persona named by the rule's
    form_as sees it on the URL's own page or on the page named by form_on."""
    persona = next(p for p in PERSONAS if p.name == case.spec.form_as)
    where = target(matrix, case, persona)
    data: dict = {}
    page_case = case
    if case.spec.form_on:
        # The host page shows the same objects: the URL's own arguments fill it first.
        host = matrix_rules.specs(case.spec.form_on)[0]
        host = replace(host, args={**host.args, **case.spec.args})
        host_pattern = next(p for p in url_patterns() if p.name == case.spec.form_on)
        page_case = Case(case.spec.form_on, host_pattern.route, host_pattern.kwargs, host)
    if case.spec.get is not None or case.spec.form_on:
        page = target(matrix, page_case, persona).url
        with transaction.atomic():
            response = client_for(matrix, persona).get(page)
            transaction.set_rollback(True)
        form = form_posting_to(response.content.decode(), "http://testserver" + page, where.url)
        # The admin site's pages without a form (history, read-only models) get an empty POST.
        optional = (
            case.spec.data
            or case.spec.changes
            or case.spec.get is None
            or case.name.startswith("admin:")
        )
        if form is None and not optional:
            pytest.fail(f"{case.id}: {persona.name} sees no form posting to {where.url} on {page}")
        if form is not None:
            data = form.data()
    values = {name: obj.value for name, obj in matrix.objects.items()}
    for key, value in case.spec.data.items():
        data[key.format(**values)] = _value(matrix, value, values)
    return data


def _value(matrix: Matrix, value, values: dict):
    """A field the rule gives: a file, or text with {object} replaced by a demo id."""
    if value == LEDGER:
        return SimpleUploadedFile("agresso.csv", interim_ledger_file(), content_type="text/csv")
    if value == FRAMEWORK_FILE:
        version = matrix.objects["framework"].instance
        return SimpleUploadedFile("ramverk.json", frameworks.export_json(version).encode())
    if value == QUESTIONNAIRE_FILE:
        questionnaire = matrix.objects["questionnaire"].instance
        return SimpleUploadedFile("enkat.json", survey_files.export_json(questionnaire).encode())
    if value == OUTCOME_FILE:
        unit, period = matrix.objects["unit"].instance, matrix.objects["period"].instance
        grants = grants_for(matrix.users["admin"], unit.organisation)
        content = excel.export_workbook(unit, period, grants)
        return SimpleUploadedFile("utfall.xlsx", content)
    return value.format(**values)


def _fresh(data: dict) -> dict:
    """Uploaded files are read once per request: each replay gets its own copy."""
    fresh = {}
    for name, value in data.items():
        if isinstance(value, SimpleUploadedFile):
            value.seek(0)
            value = SimpleUploadedFile(value.name, value.read(), value.content_type)
        fresh[name] = value
    return fresh
