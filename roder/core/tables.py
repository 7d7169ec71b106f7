"""A table of figures as printed, with the numbers behind them: what a chart's accessible
table, a document's table (page, PDF, Word) and an Excel sheet are written from."""

from dataclasses import dataclass, field
from decimal import Decimal

# Traffic lights as words and colours; the word is always printed, colour is never the only cue.
LIGHT_COLOURS = {
    "green": "1e6b34",
    "yellow": "8a6d00",
    "red": "b3261e",
    "none": "5f6368",
}


@dataclass
class Cell:
    """A table cell: `text` as printed (`core.formatting`: decimal comma, "–" for missing);
    `value` the number for Excel (None for text cells), shown there with `decimals` decimals
    (None: Excel's General); `light` a traffic light shown as a coloured word."""

    text: str
    value: Decimal | int | None = None
    decimals: int | None = None
    light: str = ""
    bold: bool = False
    numeric: bool = False  # set from the table's column by the renderers

    def __post_init__(self) -> None:
        self.text = "" if self.text is None else str(self.text)  # lazy translations too

    @property
    def light_colour(self) -> str:
        return LIGHT_COLOURS.get(self.light, LIGHT_COLOURS["none"])


@dataclass
class Table:
    """A table with a caption. `numeric[i]` right-aligns column i. `sheet` names the Excel
    sheet (at most 31 characters, unique within a document; the writer makes it so)."""

    caption: str
    columns: list[str]
    rows: list[list[Cell]]
    numeric: list[bool] = field(default_factory=list)
    sheet: str = ""
    note: str = ""
    kind: str = "table"

    def __post_init__(self) -> None:
        self.caption = str(self.caption)
        self.columns = [str(column) for column in self.columns]
        self.sheet = str(self.sheet)
        self.note = str(self.note)
        if not self.numeric:
            self.numeric = [False] * len(self.columns)
        for row in self.rows:
            for cell, numeric in zip(row, self.numeric, strict=False):
                cell.numeric = numeric

    @property
    def is_empty(self) -> bool:
        return not self.rows
