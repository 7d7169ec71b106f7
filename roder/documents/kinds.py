"""The kinds of document Roder writes: a registry that the apps owning the data fill in their
AppConfig.ready(). The documents app renders blocks and runs; it names no domain.

There are two sorts of kind:

- a **unit document** (verksamhetsplan, tertialrapport, internal control report …) is written
  for a unit and a year, or a period of the year. The unit's documents page lists it; it is
  built from its `sections` in the order of the organisation's template, and the texts the unit
  writes for it are report texts unless the kind reads them from elsewhere (`texts`).
- an **object document** (an evaluation report, an award entry) is about one object of its app:
  `subject(grants, pk)` fetches it as the person may read it (404 or 403 otherwise) and
  `build(subject, grants=…)` returns its `blocks.Document`. The object has `unit` and `title`,
  and `year` when it has one.

Registering (roder/control/apps.py):

    def ready(self):
        from roder.control import documents
        from roder.documents import kinds

        kinds.register(documents.KIND)

The key is stored on runs, templates and report texts: it never changes once files were made.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentKind:
    key: str
    label: object  # a lazy translation: "Tertial report"
    order: int  # its place on the unit's documents page and in the list of templates
    # --- a unit document -----------------------------------------------------------------
    sections: Sequence = ()  # sections.Section, in their default order
    default_order: Sequence[str] | None = None  # keys shown without a template (None: all)
    period_kinds: tuple = ()  # the kinds of reporting period it may be written for
    period_required: bool = False  # written for a period, never for a whole year
    # (unit, year, period, cache) -> its own title, or None for "label period – unit"
    title: Callable | None = None
    # (unit, year, period, cache) -> {section key: text} when the texts are not report texts
    texts: Callable | None = None
    # (unit, year, organisation slug) -> where those texts are written ("" when nowhere yet)
    texts_url: Callable | None = None
    # (unit) -> the years the unit has documents for, newest first (the page's year choice)
    years: Callable | None = None
    # (sections.Context) -> a note for the cover (or the first page without one): what the
    # document rests on, e.g. "only approved reports; not approved: …" ("" for none)
    notice: Callable | None = None
    # --- an object document --------------------------------------------------------------
    subject: Callable | None = None  # (grants, pk) -> the object, as the person may read it
    build: Callable | None = None  # (subject, *, grants) -> blocks.Document

    @property
    def for_unit(self) -> bool:
        return self.subject is None

    @property
    def section_keys(self) -> list[str]:
        return [section.key for section in self.sections]


_KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> None:
    """Called from the owning app's AppConfig.ready(); registering a key again replaces it."""
    if kind.for_unit == (kind.build is not None):
        raise ValueError(f"{kind.key}: a unit document has sections, an object document build")
    _KINDS[kind.key] = kind


def get(key: str) -> DocumentKind | None:
    return _KINDS.get(key)


def require(key: str) -> DocumentKind:
    """The registered kind of `key`; LookupError when no app registers it."""
    kind = _KINDS.get(key)
    if kind is None:
        raise LookupError(f"No app registers the document kind {key!r}.")
    return kind


def all_kinds() -> list[DocumentKind]:
    return sorted(_KINDS.values(), key=lambda kind: (kind.order, kind.key))


def unit_kinds() -> list[DocumentKind]:
    return [kind for kind in all_kinds() if kind.for_unit]


def label(key: str) -> str:
    """The kind's name ("Tertial report"), or its key when no app registers it."""
    kind = _KINDS.get(key)
    return str(kind.label) if kind is not None else key


def choices() -> list[tuple[str, object]]:
    """The registered kinds as field choices (models: `choices=kinds.choices`, read when used,
    so the migrations do not change with the kinds)."""
    return [(kind.key, kind.label) for kind in all_kinds()]
