"""Amounts as people read them: kronor scaled to tkr or mkr (`core.formatting.amount`).

Amounts are stored exactly in kronor; tables show them scaled. Sums are computed from the exact
amounts and rounded once, as the ledger does.
"""

from dataclasses import dataclass
from decimal import Decimal

from roder.core.formatting import MINUS, SCALES, amount, scaled


@dataclass(frozen=True)
class Cell:
    """One amount of a table: exact kronor, the rounded figure shown, and its text."""

    value: Decimal | None
    shown: Decimal | None
    text: str
    decimals: int = 0  # of the scale: `shown` has them, and Excel shows them

    @classmethod
    def of(cls, value: Decimal | None, scale: str) -> "Cell":
        return cls(
            value=value,
            shown=scaled(value, scale),
            text=amount(value, scale),
            decimals=SCALES[scale][1],
        )

    @property
    def is_negative(self) -> bool:
        return self.shown is not None and self.shown < 0


def parse_amount(text) -> Decimal | None:
    """A number as ledgers and people write it: '1 234,50', '-1234.5', '1.234,50', '(12)',
    '12-'. None for text that is not a number."""
    if isinstance(text, int | float | Decimal) and not isinstance(text, bool):
        return Decimal(str(text))
    cleaned = str(text or "").strip().replace("\u00a0", "").replace(" ", "").replace(MINUS, "-")
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):
        negative, cleaned = True, cleaned[1:-1]
    if cleaned.endswith("-") and cleaned[:-1].replace(",", "").replace(".", "").isdigit():
        negative, cleaned = True, cleaned[:-1]  # SAP/Agresso style trailing minus
    if "," in cleaned and "." in cleaned:
        # The later separator is the decimal one: 1.234,50 or 1,234.50.
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    if not cleaned or not all(ch.isdigit() or ch in ".-+" for ch in cleaned):
        return None
    try:
        value = Decimal(cleaned)
    except ArithmeticError:
        return None
    if not value.is_finite():
        return None
    return -value if negative else value
