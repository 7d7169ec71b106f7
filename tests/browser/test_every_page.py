"""Every page of the demo, opened by the people who use it, passes axe-core.

The journeys in the other files click through the pages as a person would; this sweep makes
sure no page is left without an accessibility check, and that each answers 200. The pages come
from the URL resolver, as the persona × URL matrix (tests/security) takes them, with the matrix's
demo objects in their URLs: a new page is swept without anyone listing it here. A URL that is not
a page is left out by rule, each rule with its reason (SKIPPED, and `_not_a_page`).
"""

from collections import defaultdict
from dataclasses import replace

import pytest
from django.test import Client

from roder.demo.personas import DEMO_PASSWORD
from roder.organisation.models import Unit
from roder.planning.models import Goal
from roder.quality.models import Entry
from tests.browser.conftest import log_in, visit
from tests.security import matrix_demo
from tests.security.matrix_checks import Lit
from tests.security.matrix_demo import PERSONAS
from tests.security.test_matrix import CASES, _matrix, expected, target

pytestmark = pytest.mark.browser

ADMIN = next(p for p in PERSONAS if p.name == "admin")

# Pages opened once more with other URL arguments or a query string that change what they show
# (the matrix opens each URL once): the tree with its closed units, the action list as the
# workplace meeting sees it, a quality document's template, the start page from a unit (drilled
# down) and in the other organisation.
VARIANTS = {
    "home:start": [{"query": {"unit": "office"}}, {"query": {"org": Lit("stockholm")}}],
    "organisation:tree": [{"query": {"all": Lit("1")}}],
    "actions:action_list": [{"query": {"meeting": Lit("1")}}],
    "documents:template": [{"args": {"kind": Lit("evaluation")}}],
}


def _skipped(case) -> str | None:
    """Why a URL pattern is not swept, by what the resolver and the matrix say of it."""
    if case.name is None or case.name.startswith("admin:"):
        return "the Django admin site: Django's own pages"
    if case.spec is None:
        return "no rule in tests/security/matrix_rules.py (the matrix fails for it)"
    if case.spec.get is None:
        return "a form's target: it takes POST only"
    if case.name == "api-v1:openapi-view":
        # django-ninja's Swagger UI (its static files, not Roder's markup): axe finds its
        # contrast and its buttons nested in buttons. For developers; tests/browser/test_api_docs.py
        # checks that it works under the CSP from Roder's own files.
        return "Swagger UI's own page, not Roder's markup"
    if case.spec.ok != 200:
        return f"it answers {case.spec.ok} when allowed: no page of its own"
    return None


def _variants(case) -> list:
    """The case, then the same URL with each of its VARIANTS."""
    return [case] + [
        replace(
            case,
            spec=replace(
                case.spec,
                args={**case.spec.args, **change.get("args", {})},
                query={**case.spec.query, **change.get("query", {})},
            ),
        )
        for change in VARIANTS.get(case.name, [])
    ]


def _app(case) -> str:
    return case.name.split(":")[0] if ":" in case.name else case.name


# One test per app, so the workers of pytest-xdist share the sweep.
SWEPT = defaultdict(list)
for _case in CASES:
    if _skipped(_case) is None:
        SWEPT[_app(_case)].append(_case)


def _not_a_page(client: Client, url: str) -> str | None:
    """Why the administrator's answer at `url` is no page to check (a file, a fragment)."""
    response = client.get(url)
    kind = response.get("Content-Type", "")
    if not kind.startswith("text/html"):
        return f"a file ({kind})"
    if b"<html" not in response.content[:500].lower():
        return "a fragment that htmx puts into a page"
    return None


def pages(app: str) -> tuple[list[str], list[str]]:
    """The administrator's pages of the app's URLs on the matrix's demo, and what was left out
    (with the reason)."""
    matrix = _matrix()
    client = Client()
    client.force_login(matrix.users[ADMIN.username])
    found, left = [], []
    for case in SWEPT[app]:
        where = target(matrix, case, ADMIN)
        want = expected(matrix, case, ADMIN, "GET", where)
        reason = None if want == 200 else f"the administrator gets {want}"
        reason = reason or _not_a_page(client, where.url)
        if reason:
            left.append(f"{case.id}: {reason}")
            continue
        found += [target(matrix, variant, ADMIN).url for variant in _variants(case)]
    return found, left


@pytest.mark.parametrize("app", sorted(SWEPT))
def test_every_page_passes_axe_for_the_administrator(demo, page, app):
    matrix_demo.extend()
    found, left = pages(app)
    if not found:  # e.g. an app whose only URL is a file (core's health check)
        pytest.skip(f"{app}: no page to sweep ({'; '.join(left)})")
    log_in(page, "admin", DEMO_PASSWORD)
    for path in found:
        response = visit(page, path)
        assert response.status == 200, path


def test_the_stockholm_goal_chain_and_lists_pass_axe_for_its_unit_manager(demo, page):
    log_in(page, "sekretariatschef", DEMO_PASSWORD)
    unit = Unit.objects.get(organisation__slug="stockholm", code="TK-STAB-NS")
    goal = Goal.objects.get(plan__unit=unit, number="Mål 1")
    for path in [
        f"/o/stockholm/goals/{goal.pk}/",
        "/o/stockholm/actions/",
        f"/o/stockholm/units/{unit.pk}/",
    ]:
        response = visit(page, path)
        assert response.status == 200, path
    # The goal chain reaches the council's inriktningsmål through Trafiknämnden's goal.
    visit(page, f"/o/stockholm/goals/{goal.pk}/")
    assert "Trafiknämnden:" in page.content()


def test_the_award_entry_pages_pass_axe_for_the_quality_strategist(demo, page):
    log_in(page, "kvalitetsstrateg", DEMO_PASSWORD)
    entry = Entry.objects.get(unit__organisation__slug="stockholm")
    quality = "/o/stockholm/quality"
    answer = entry.answers.order_by("pk").first()
    for path in [
        f"{quality}/",
        f"{quality}/entries/new/",
        f"{quality}/entries/{entry.pk}/",
        f"{quality}/entries/{entry.pk}/edit/",
        f"{quality}/entries/{entry.pk}/report/",
        f"{quality}/answers/{answer.pk}/",
    ]:
        response = visit(page, path)
        assert response.status == 200, path
