"""Amounts as people read them: kronor scaled to tkr or mkr, rounded, with a Swedish comma.

Amounts are stored exactly in kronor; tables show them scaled. Sums are computed from the exact
amounts and rounded once, as the ledger does.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

# name: (divisor, decimals, label)
SCALES = {
    "kr": (Decimal(1), 0, _("kr")),
    "tkr": (Decimal(1000), 0, _("thousand kr")),
    "mkr": (Decimal(1_000_000), 1, _("million kr")),
}


def scaled(value: Decimal | None, scale: str) -> Decimal | None:
    """`value` kronor in `scale`, rounded half away from zero (never −0)."""
    if value is None:
        return None
    divisor, decimals, _label = SCALES[scale]
    shown = (value / divisor).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return shown if shown != 0 else abs(shown)


def format_number(value: Decimal | None, decimals: int) -> str:
    """1234567.8 → '1 234 567,8' (no-break spaces); None → '–'."""
    if value is None:
        return "–"
    return f"{value:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")


def format_amount(value: Decimal | None, scale: str) -> str:
    return format_number(scaled(value, scale), SCALES[scale][1])


def scale_label(scale: str) -> str:
    return str(SCALES[scale][2])


@dataclass(frozen=True)
class Cell:
    """One amount of a table: exact kronor, the rounded figure shown, and its text."""

    value: Decimal | None
    shown: Decimal | None
    text: str

    @classmethod
    def of(cls, value: Decimal | None, scale: str) -> "Cell":
        return cls(value=value, shown=scaled(value, scale), text=format_amount(value, scale))

    @property
    def is_negative(self) -> bool:
        return self.shown is not None and self.shown < 0


def parse_amount(text) -> Decimal | None:
    """A number as ledgers and people write it: '1 234,50', '-1234.5', '1.234,50', '(12)',
    '12-'. None for text that is not a number."""
    if isinstance(text, int | float | Decimal) and not isinstance(text, bool):
        return Decimal(str(text))
    cleaned = str(text or "").strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
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
