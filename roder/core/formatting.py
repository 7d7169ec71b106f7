"""Numbers as people read them: the one formatter for pages, charts, documents, Word and Excel.

- Rounded half up (away from zero: 85.25 → 85,3) with `Decimal`, never through floats.
- A value that rounds to zero shows as zero ("0,0"), never "−0,0".
- Swedish: decimal comma and the typographic minus (U+2212): "−1 234,5". English pages and
  documents keep what they have always shown, the figures of a Swedish municipality with a
  decimal comma, and a hyphen-minus: "-1 234,5". Thousands are grouped with a no-break space
  in both, so a figure never breaks over two lines.
- Percentages get " %" and missing values "–".
- Money is stored in kronor and shown scaled (kr, tkr, mkr) with the scale's decimals; the
  scale's name goes in the caption or heading, not after every figure.

Machines get `plain` (decimal point, hyphen-minus, no grouping: open data and CSV) and Excel gets
numbers with `excel_format` (the same decimals), never text.
"""

from decimal import ROUND_HALF_UP, Decimal
from typing import overload

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

MISSING = "–"
MINUS = "\u2212"
GROUP = "\u00a0"  # no-break space between thousands
MOST_DECIMALS = 4  # the columns hold four decimals

# language: (decimal separator, minus sign)
CONVENTIONS = {"sv": (",", MINUS), "en": (",", "-"), "machine": (".", "-")}

# name: (divisor, decimals, label)
SCALES = {
    "kr": (Decimal(1), 0, _("kr")),
    "tkr": (Decimal(1000), 0, _("thousand kr")),
    "mkr": (Decimal(1_000_000), 1, _("million kr")),
}

Number = Decimal | int | float


def _decimal(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


@overload
def rounded(value: Number, decimals: int) -> Decimal: ...
@overload
def rounded(value: None, decimals: int) -> None: ...
@overload
def rounded(value: Number | None, decimals: int) -> Decimal | None: ...
def rounded(value: Number | None, decimals: int) -> Decimal | None:
    """`value` with `decimals` decimals, rounded half up (away from zero), never −0."""
    return None if value is None else _rounded(value, decimals)


def _rounded(value: Number, decimals: int) -> Decimal:
    shown = _decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return shown if shown != 0 else abs(shown)


def decimals_of(value: Number) -> int:
    """The decimals a value really has, as typed: 68.0 has none, -0.5000 has one (at most four)."""
    exponent = _decimal(value).normalize().as_tuple().exponent
    return min(max(0, -exponent), MOST_DECIMALS) if isinstance(exponent, int) else 0


def _conventions(language: str | None) -> tuple[str, str]:
    code = (language or get_language() or "sv").split("-")[0]
    return CONVENTIONS.get(code, CONVENTIONS["sv"])


def number(
    value: Number | None,
    decimals: int | None = None,
    *,
    grouping: bool = True,
    language: str | None = None,
) -> str:
    """85.25 → "85,3" (decimals 1); -1234567.5 → "−1 234 568" (decimals 0); None → "–".
    `decimals` None shows the value as typed (`decimals_of`). The active language decides the
    separator and the minus unless `language` is given."""
    if value is None:
        return MISSING
    if isinstance(value, float | Decimal) and not _decimal(value).is_finite():
        return MISSING
    places = decimals_of(value) if decimals is None else decimals
    shown = _rounded(value, places)
    point, minus = _conventions(language)
    text = f"{abs(shown):,.{places}f}" if grouping else f"{abs(shown):.{places}f}"
    text = text.replace(",", GROUP).replace(".", point)
    return minus + text if shown < 0 else text


def percent(value: Number | None, decimals: int | None = None) -> str:
    """85.25 → "85,3 %" (decimals 1); None → "–"."""
    text = number(value, decimals)
    return text if text == MISSING else f"{text}{GROUP}%"


@overload
def scaled(value: Number, scale: str) -> Decimal: ...
@overload
def scaled(value: None, scale: str) -> None: ...
@overload
def scaled(value: Number | None, scale: str) -> Decimal | None: ...
def scaled(value: Number | None, scale: str) -> Decimal | None:
    """`value` kronor in `scale` (kr, tkr, mkr), rounded as shown."""
    if value is None:
        return None
    divisor, decimals, _label = SCALES[scale]
    return rounded(_decimal(value) / divisor, decimals)


def amount(value: Number | None, scale: str = "kr") -> str:
    """Money: 1234567.5 kr → "1 234 568" in kr, "1,2" in mkr; None → "–"."""
    return number(scaled(value, scale), SCALES[scale][1])


def scale_label(scale: str) -> str:
    return str(SCALES[scale][2])


def plain(value: Number | None, decimals: int | None = None) -> str:
    """The machine form (open data, CSV): decimal point, hyphen-minus, no grouping; "" for None.
    Rounded half up like the page when `decimals` is given, otherwise as typed."""
    if value is None:
        return ""
    return number(value, decimals, grouping=False, language="machine")


def excel_format(decimals: int, *, grouping: bool = True) -> str:
    """Excel's number format for a cell shown with `decimals` decimals: "#,##0.0". The cell
    keeps the number; Excel shows it with the reader's own separators."""
    whole = "#,##0" if grouping else "0"
    return whole + ("." + "0" * decimals if decimals > 0 else "")
