"""Builders turn Roder's data into a `blocks.Document`, one module per document type.

Each builder module defines `SECTIONS`, an ordered list of `Section(key, title, build)`.
`build(ctx, number)` returns the blocks of that section *after* its main heading (the base
writes the heading "number title" and the template's fixed text for the section); it numbers
its own sub-headings from `number` ("3" → "3.1", "3.1.1"). The document template of the
organisation (models.DocumentTemplate) decides which sections appear and in which order.

Builders read through the apps' selectors in bulk, so the number of queries does not grow with
the number of goals, indicators or units. `ctx.progress(share, text)` reports how far a long run
has come (the task stores it for the progress bar).
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    key: str
    title: object  # a lazy translation
    build: Callable  # (ctx: Context, number: str) -> list[block]
    # Sections whose text the unit writes in Roder (plan sections, report texts).
    written: bool = False


@dataclass
class Context:
    """What a builder gets: the unit, the year, the period for follow-up reports (None for the
    plan), the person producing the document, and a progress callback."""

    unit: object
    year: int
    period: object = None
    user: object = None
    template: object = None  # models.DocumentTemplate or None for the defaults
    progress: Callable = lambda share, text="": None
    cache: dict = field(default_factory=dict)

    @property
    def organisation(self):
        return self.unit.organisation

    @property
    def grants(self):
        """The person's roles in the organisation (None: a system run, e.g. the benchmark).
        Builders show what lies outside the unit itself — a committee's control plan — only
        when the person may see it."""
        if self.user is None:
            return None
        if "grants" not in self.cache:
            from roder.organisation.access import grants_for

            self.cache["grants"] = grants_for(self.user, self.organisation)
        return self.cache["grants"]

    def text_for(self, key: str) -> str:
        """The template's fixed text for a section ("" when none)."""
        if self.template is None:
            return ""
        return (self.template.fixed_texts or {}).get(key, "")
