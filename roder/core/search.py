"""The search field in the header: a registry of the kinds of thing it finds.

core names no domain. Each app that owns something worth finding registers a `SearchKind` in
its `AppConfig.ready()`:

    search.register(SearchKind(key="goals", label=_("Goals"), order=20, find=find_goals))

`find(grants, term, limit)` returns a `Found`: at most `limit` hits of what the person may see
(their `organisation.access.Grants`), and how many there are in all. It costs one query: filter
with `matches(queryset, term, fields)` and cut with `first(queryset, limit)`, which counts the
matches in the same query (a window function). `search(grants, term, limit)` asks every kind in
`order`, so a search costs one query per kind, whatever the size of the organisation.

Matching ignores case, for å, ä and ö too, on both databases: both sides are folded to lower case
(`Folded`, `fold`) and compared with LIKE. SQLite's LOWER() and LIKE fold only ASCII, so its
backend (`roder.core.db.sqlite3`) registers `RODER_FOLD`, Python's `str.lower`; PostgreSQL's
LOWER() folds by the database's LC_CTYPE, which a "C" database does not do beyond ASCII, so
the Swedish capitals are translated first. "a" never matches "ä": folding keeps the letters
apart.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import CharField, Count, Func, Q, QuerySet, Window
from django.utils.functional import Promise

# The capitals PostgreSQL must fold whatever the database's locale (see the module docstring).
_UPPER = "ÅÄÖÉÈÜÆØ"
_LOWER = "åäöéèüæø"

MAX_TERM = 100  # longer input is cut: nobody names a goal in more


def fold(text: str) -> str:
    """The term as the database folds its columns (`Folded`)."""
    return text.lower()


class Folded(Func):
    """LOWER() of a text column that folds å, ä and ö too, on SQLite and PostgreSQL."""

    function = "LOWER"
    output_field = CharField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function="RODER_FOLD", **extra)

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        template = f"LOWER(TRANSLATE(%(expressions)s, '{_UPPER}', '{_LOWER}'))"
        return self.as_sql(compiler, connection, template=template, **extra)


def clean_term(raw: str | None) -> str:
    """What the person typed, trimmed, inner spaces collapsed and cut to MAX_TERM."""
    return " ".join((raw or "").split())[:MAX_TERM]


def matches[Q_: QuerySet[Any]](queryset: Q_, term: str, fields: Iterable[str]) -> Q_:
    """The rows whose folded `fields` (lookups, "plan__unit__name") contain the folded term."""
    folded = fold(term)
    annotations = {f"_search_{n}": Folded(field) for n, field in enumerate(fields)}
    condition = Q()
    for name in annotations:
        condition |= Q(**{f"{name}__contains": folded})
    return queryset.alias(**annotations).filter(condition)


@dataclass(frozen=True)
class Hit:
    """One thing found: its name, where it lies (unit, year), its code, and its page."""

    label: str
    url: str
    detail: str = ""
    code: str = ""


@dataclass(frozen=True)
class Found:
    hits: Sequence[Hit]
    total: int

    @property
    def more(self) -> int:
        """How many were found beyond those shown."""
        return self.total - len(self.hits)


def first(queryset: QuerySet[Any], limit: int) -> tuple[list[Any], int]:
    """The first `limit` rows of `queryset` and the number of all its rows, in one query."""
    rows = list(queryset.annotate(_search_total=Window(Count("pk")))[:limit])
    return rows, (rows[0]._search_total if rows else 0)


type Finder = Callable[[Any, str, int], Found]


@dataclass(frozen=True)
class SearchKind:
    """A kind of thing the search finds. `key` names it in the address (?kind=goals); `order`
    places its group on the results page."""

    key: str
    label: str | Promise
    order: int
    find: Finder


@dataclass(frozen=True)
class Group:
    kind: SearchKind
    found: Found


_KINDS: dict[str, SearchKind] = {}


def register(kind: SearchKind) -> None:
    known = _KINDS.get(kind.key)
    if known is not None and known != kind:
        raise ImproperlyConfigured(f"Two search kinds are called {kind.key!r}.")
    _KINDS[kind.key] = kind


def kinds() -> list[SearchKind]:
    return sorted(_KINDS.values(), key=lambda kind: (kind.order, kind.key))


def get_kind(key: str) -> SearchKind | None:
    return _KINDS.get(key)


def search(grants: Any, term: str, limit: int, *, only: Sequence[SearchKind] = ()) -> list[Group]:
    """Every kind's hits (or those of `only`) for the person, in order; kinds that found nothing
    are left out. One query per kind."""
    groups = []
    for kind in only or kinds():
        found = kind.find(grants, term, limit)
        if found.total:
            groups.append(Group(kind, found))
    return groups
