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

from django.core.exceptions import PermissionDenied


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
    `grants`: required, there is no document without a viewer), the period for follow-up
    reports (None for the plan) and a progress callback."""

    unit: object
    year: int
    grants: object  # organisation.access.Grants of the person who reads or asked for the file
    period: object = None
    template: object = None  # models.DocumentTemplate or None for the defaults
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
