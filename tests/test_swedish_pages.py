"""The demo's Swedish pages hold no English word or raw value (issue 13 part 7): every page of
the resolver, filled with the matrix's demo objects as the browser sweep takes them
(tests/browser/test_every_page.py), is opened with the test client as the administrator and as
the controller — lists, detail pages with their history, and every form — and its visible text
(and the values and labels of its fields) is searched for the give-aways below.

The demo's history is made richer first, through the services, with the kinds of change that
used to show "True", "Order" or "85,0000" (a boolean, an order, a choice, a decimal)."""

import itertools
import re
from collections import defaultdict
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from roder.indicators.services import target_set
from roder.organisation.models import Organisation, Role
from roder.planning import services as planning
from tests.security import matrix_demo
from tests.security.matrix_demo import PERSONAS
from tests.security.test_matrix import CASES, Matrix, expected, target

pytestmark = pytest.mark.django_db

# Words and values that give away an untranslated or unformatted page, as whole words.
GIVE_AWAYS = [
    "Select an option",
    "True",
    "False",
    "None",
    "Order",
    "Action",
    "Actions",
    "Delårsrapport Delårsrapport",
    "Fastställd fastställd",
]
RAW_DECIMAL = re.compile(r"\b\d+[.,]\d*0000\b")  # 85,0000 or 85.0000: a Decimal's storage form
DOUBLED = re.compile(r"\b(\w{5,}) \1\b", re.IGNORECASE)  # "Fastställd fastställd"
SHORT = 120  # characters: longer texts are people's own, where a doubled word is theirs
WORDS = re.compile("|".join(rf"\b{re.escape(word)}\b" for word in GIVE_AWAYS))
SHOWN_ATTRIBUTES = {"value", "placeholder", "title", "aria-label", "alt"}
HIDDEN_ELEMENTS = {"script", "style", "template"}
# Elements inside a line of text: a word doubled across their edge is read as one line.
INLINE = {"span", "strong", "em", "b", "i", "time", "abbr", "small", "a", "ins", "del", "mark"}


class ShownText(HTMLParser):
    """The text a reader sees or hears: text outside scripts and styles, and the shown
    attributes (a field's value, its placeholder, an aria-label …), hidden inputs left out."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.joined: list[bool] = []  # each part: does it go on the line of the one before?
        self.hidden = 0
        self.broken = True

    def handle_starttag(self, tag, attrs):
        self.broken = self.broken or tag not in INLINE
        if tag in HIDDEN_ELEMENTS:
            self.hidden += 1
        values = dict(attrs)
        if tag == "input" and values.get("type") in ("hidden", "password"):
            return
        if tag == "meta":
            return
        shown = [value for name, value in attrs if name in SHOWN_ATTRIBUTES and value]
        self.parts += shown
        self.joined += [False] * len(shown)
        self.broken = self.broken or bool(shown)

    def handle_endtag(self, tag):
        self.broken = self.broken or tag not in INLINE
        if tag in HIDDEN_ELEMENTS and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(data)
            self.joined.append(not self.broken)
            self.broken = False


def give_aways(html: str) -> set[str]:
    parser = ShownText()
    parser.feed(html)
    found = set()
    texts = [" ".join(part.split()) for part in parser.parts]
    for text in texts:
        found |= {*WORDS.findall(text), *RAW_DECIMAL.findall(text)}
        if len(text) <= SHORT:  # a title, label or cell; long texts are what people wrote
            found |= {match.group(0) for match in DOUBLED.finditer(text)}
    # A word doubled across an element's edge: "<span>Fastställd</span> fastställd 2026-01-15".
    for (before, after), joined in zip(itertools.pairwise(texts), parser.joined[1:], strict=True):
        if not joined:
            continue
        last, first = (before.split() or [""])[-1], (after.split() or [""])[0]
        if len(last) >= 5 and last.casefold() == first.casefold():
            found.add(f"{last} {first}")
    return found


def test_the_give_aways_are_found():
    page = (
        '<p>Status: True</p><select><option value="">- Select an option -</option></select>'
        '<input name="target" value="85,0000"><h1>Delårsrapport Delårsrapport 2026</h1>'
        "<script>var x = None;</script><td>Fastställd fastställd</td><td>Klar</td>"
        '<p><span class="tag">Fastställd</span> fastställd 2026-01-15</p>'
    )
    assert give_aways(page) == {
        "True",
        "Select an option",
        "85,0000",
        "Delårsrapport Delårsrapport",
        "Fastställd fastställd",
    }
    # Separate cells and lines are separate texts: a heading may repeat the breadcrumb.
    table = "<nav><a>Planer</a></nav><h1>Planer</h1><tr><th>Status</th><td>Status</td></tr>"
    assert give_aways(table) == set()
    long_text = "<p>" + "Ett arbete med serviceavtal Serviceavtal som sömmen tappade. " * 3 + "</p>"
    assert give_aways(long_text) == set()
    assert give_aways("<p>Nonstop: Truely Ordered, 85 och 0,5 av 10000</p>") == set()


# --- the sweep ------------------------------------------------------------------------------

SWEEPERS = [p for p in PERSONAS if p.name in ("admin", "controller")]


def _app(case) -> str:
    return case.name.split(":")[0]


SWEPT = defaultdict(list)
for _case in CASES:
    spec = _case.spec
    if _case.name and not _case.name.startswith("admin:") and spec and spec.get and spec.ok == 200:
        SWEPT[_app(_case)].append(_case)


def enrich(objects) -> None:
    """Changes of the kinds that used to show raw values in history: a choice and an order on
    the matrix's goal, a boolean on its category, a decimal target on its indicator."""
    goal, category = objects["goal"].instance, objects["goal_category"].instance
    values = {name: getattr(goal, name) for name in planning.GOAL_FIELDS}
    planning.goal_update(
        goal=goal, expected_version=goal.version, by=None, **values | {"kind": "commitment"}
    )
    values = {name: getattr(category, name) for name in planning.CATEGORY_FIELDS}
    planning.category_update(
        category=category,
        expected_version=category.version,
        by=None,
        **values | {"is_active": False},
    )
    link = objects["goal_indicator"].instance
    target_set(
        indicator=link.indicator,
        unit=goal.plan.unit,
        year=goal.plan.year,
        value=Decimal("85.0000"),
        by=None,
    )


def demo_matrix() -> Matrix:
    """What the matrix knows of the demo to fill URLs and decide who gets a page (its table
    snapshots, for checking that nothing changed, are not needed here)."""
    users = {u.username: u for u in get_user_model().objects.all()}
    roles: dict[str, list] = {}
    for username, path, kind, org in Role.objects.values_list(
        "person__username", "unit__path", "kind", "unit__organisation_id"
    ):
        roles.setdefault(username, []).append((path, kind, org))
    organisations = list(Organisation.objects.order_by("pk"))
    roots = {o.pk: o.units.get(parent=None).path for o in organisations}
    return Matrix(matrix_demo.objects(), users, roles, organisations, roots, None, {})


@pytest.mark.parametrize("app", sorted(SWEPT))
def test_every_page_speaks_swedish_to_the_administrator_and_the_controller(demo, app):
    matrix_demo.extend()
    matrix = demo_matrix()
    enrich(matrix.objects)
    problems = []
    for persona in SWEEPERS:
        client = Client()
        client.force_login(matrix.users[persona.username])
        for case in SWEPT[app]:
            where = target(matrix, case, persona)
            if expected(matrix, case, persona, "GET", where) != 200:
                continue
            response = client.get(where.url)
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            found = give_aways(response.content.decode())
            if found:
                problems.append(f"{persona.name} {where.url}: {sorted(found)}")
    assert not problems, "\n".join(problems)
