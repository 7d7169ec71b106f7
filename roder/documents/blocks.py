"""The document model every format is written from.

A builder (in the app that owns the data, registered as a kind: kinds.py) reads Roder's data
and returns a `Document`: a flat list of blocks.
The renderers (`render.py`: web page and PDF; `docx.py`: Word; `xlsx.py`: the tables as Excel)
only walk the blocks, so the three formats always carry the same headings, texts, tables and
charts. Nothing here touches the database.
"""

import base64
from dataclasses import dataclass, field

# Tables and charts are core's (charts are drawn by `core.charts` for pages too); a document
# holds them as blocks like any other.
from roder.core.charts import Chart
from roder.core.tables import LIGHT_COLOURS, Cell, Table

__all__ = ["LIGHT_COLOURS", "Cell", "Chart", "Table"]  # with the blocks defined below


@dataclass
class Heading:
    """A numbered heading. Level 1 is a main section ("3 Mål och nyckeltal")."""

    level: int
    text: str
    number: str = ""
    kind: str = "heading"

    def __post_init__(self):
        self.text = str(self.text)

    @property
    def label(self) -> str:
        return f"{self.number} {self.text}".strip()

    @property
    def anchor(self) -> str:
        return "s-" + (self.number.replace(".", "-") or str(abs(hash(self.text)) % 10**8))


@dataclass
class Paragraphs:
    """Free text as people write it: blank lines separate paragraphs, lines starting with
    "- " are bullets. `lead` is a bold label before the text ("Analys")."""

    text: str
    lead: str = ""
    kind: str = "paragraphs"

    def __post_init__(self):
        self.text, self.lead = str(self.text or ""), str(self.lead or "")

    @property
    def lead_label(self) -> str:
        """The lead as it starts a paragraph: with its colon ("Analys:"), once."""
        lead = self.lead.rstrip()
        return lead if not lead or lead.endswith((":", "?", "!", ".")) else f"{lead}:"

    @property
    def lead_inline(self) -> bool:
        """The lead starts the first paragraph; before a list it stands on its own line."""
        parts = self.parts
        return bool(parts) and parts[0][0] == "p"

    @property
    def parts(self) -> list[tuple[str, list[str]]]:
        """[("p", [text]) or ("ul", [item, …])] in order."""
        parts: list[tuple[str, list[str]]] = []
        for chunk in self.text.replace("\r\n", "\n").split("\n\n"):
            lines = [line.strip() for line in chunk.split("\n") if line.strip()]
            paragraph: list[str] = []
            for line in lines:
                if line.startswith("- "):
                    if paragraph:
                        parts.append(("p", [" ".join(paragraph)]))
                        paragraph = []
                    if parts and parts[-1][0] == "ul" and not paragraph:
                        parts[-1][1].append(line[2:])
                    else:
                        parts.append(("ul", [line[2:]]))
                else:
                    paragraph.append(line)
            if paragraph:
                parts.append(("p", [" ".join(paragraph)]))
        return parts


@dataclass
class Status:
    """A goal's assessment in a report: the light as a coloured word and its level."""

    light: str
    label: str
    detail: str = ""
    kind: str = "status"

    @property
    def colour(self) -> str:
        return LIGHT_COLOURS.get(self.light, LIGHT_COLOURS["none"])


@dataclass
class Card:
    """One card of a `Tree`: a title, its status as a coloured word, lines of text, and the
    cards under it."""

    title: str
    light: str
    label: str
    lines: list[str] = field(default_factory=list)
    children: list["Card"] = field(default_factory=list)

    def __post_init__(self):
        self.title, self.label = str(self.title), str(self.label)
        self.lines = [str(line) for line in self.lines if line]

    @property
    def colour(self) -> str:
        return LIGHT_COLOURS.get(self.light, LIGHT_COLOURS["none"])


@dataclass
class Tree:
    """Cards nested in levels (the strategy map): the web page and the PDF draw nested lists
    of cards, Word indents each level."""

    cards: list[Card]
    kind: str = "tree"

    def walk(self, cards=None, depth: int = 0):
        """(card, depth) for every card, depth first."""
        for card in self.cards if cards is None else cards:
            yield card, depth
            yield from self.walk(card.children, depth + 1)


@dataclass
class Document:
    """Everything a format needs. `header` is printed on every page with "x(y)" page numbers,
    as in seed 004: "Allmänna utskottet (Stöd & process), Verksamhetsplan med budget"."""

    title: str
    header: str
    organisation: str
    unit: str
    subtitle: str = ""
    language: str = "sv"
    blocks: list = field(default_factory=list)
    cover: bool = True
    cover_text: str = ""
    logo: bytes = b""
    logo_type: str = ""
    contents: bool = True
    produced_by: str = ""
    produced_at: str = ""

    @property
    def logo_uri(self) -> str:
        if not self.logo:
            return ""
        encoded = base64.b64encode(bytes(self.logo)).decode()
        return f"data:{self.logo_type or 'image/png'};base64,{encoded}"

    @property
    def byline(self) -> str:
        """The line under the title on the web page: the header and the period or year, the
        kind said once ("Väsby Direkt · Delårsrapport 2026", not "Väsby Direkt, Delårsrapport ·
        Delårsrapport 2026")."""
        if not self.subtitle:
            return self.header
        head, _, kind = self.header.rpartition(", ")
        if head and kind and kind.casefold() in self.subtitle.casefold():
            return f"{head} · {self.subtitle}"
        return f"{self.header} · {self.subtitle}"

    @property
    def cover_paragraphs(self) -> list[str]:
        return [line.strip() for line in self.cover_text.splitlines() if line.strip()]

    def add(self, *blocks) -> None:
        self.blocks.extend(block for block in blocks if block is not None)

    @property
    def headings(self) -> list[Heading]:
        return [block for block in self.blocks if isinstance(block, Heading)]

    @property
    def tables(self) -> list[Table]:
        """Every table, charts' data tables included, in document order (for Excel)."""
        tables = []
        for block in self.blocks:
            if isinstance(block, Table):
                tables.append(block)
            elif isinstance(block, Chart) and block.table is not None:
                tables.append(block.table)
        return tables
