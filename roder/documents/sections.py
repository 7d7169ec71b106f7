"""What a unit document's builder works with: its sections and the context it is built in.

A builder (in the app that owns the data) defines `SECTIONS`, an ordered list of
`Section(key, title, build)`. `build(ctx, number)` returns the blocks of that section *after*
its main heading (services.build_document writes the heading "number title" and the template's
fixed text for the section); it numbers its own sub-headings from `number` ("3" → "3.1",
"3.1.1"). The organisation's document template (models.DocumentTemplate) decides which sections
appear and in which order.

Builders read through their apps' selectors in bulk, so the number of queries does not grow
with the number of goals, indicators or units. `ctx.progress(share, text)` reports how far a
long run has come (the task stores it for the progress bar).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from roder.documents.blocks import Heading, Paragraphs
from roder.documents.models import DocumentTemplate
from roder.organisation.access import Grants
from roder.organisation.models import Unit, UnitKind
from roder.periods.models import ReportingPeriod


@dataclass(frozen=True)
class Section:
    key: str
    title: object  # a lazy translation
    build: Callable  # (ctx: Context, number: str) -> list[block]
    # Sections whose text the unit writes in Roder (plan sections, report texts).
    written: bool = False


@dataclass
class Context:
    """What a builder gets: the unit, the year, the person the document is built for (their
    `grants`: required, there is no document without a viewer), the period for a document of
    a period (None otherwise) and a progress callback. `cache` holds what one build reads once
    (the texts under "texts", what the kind's hooks read, what sections share)."""

    unit: Unit
    year: int
    grants: Grants  # of the person who reads or asked for the file
    period: ReportingPeriod | None = None
    template: DocumentTemplate | None = None  # None: the defaults
    progress: Callable = lambda share, text="": None
    cache: dict = field(default_factory=dict)

    def __post_init__(self):
        # Builders show what lies outside the unit itself (a committee's control plan) only
        # when grants.can_see() it; a unit the person may not read is never built at all.
        if not self.grants.can_see(self.unit):
            raise PermissionDenied

    @property
    def organisation(self):
        return self.unit.organisation

    @property
    def user(self):
        return self.grants.user

    def text_for(self, key: str) -> str:
        """The template's fixed text for a section ("" when none)."""
        if self.template is None:
            return ""
        return (self.template.fixed_texts or {}).get(key, "")


def written(ctx: Context, key: str) -> list:
    """A section the unit writes in Roder, or a note that it is not written yet."""
    text = ctx.cache.get("texts", {}).get(key, "").strip()
    if not text:
        return [Paragraphs(_("This section has not been written yet."))]
    return [Paragraphs(text)]


def sub_heading(text: str, number: str) -> Heading:
    """A heading one level below its section's: "3.1" is level 2, "3.1.1" level 3."""
    return Heading(number.count(".") + 1, text, number)


def display_name(unit: Unit) -> str:
    """How seed 004 names an office: "Allmänna utskottet (Stöd & process)" — the committee it
    serves, with the office in brackets. Other units go by their own name."""
    parent = unit.parent
    if parent is not None and parent.kind == UnitKind.COMMITTEE and unit.kind != UnitKind.COMMITTEE:
        return f"{parent.name} ({unit.name})"
    return unit.name
