from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from roder.core import formatting

NBSP = "\u00a0"
MINUS = "\u2212"


@pytest.fixture(autouse=True)
def _swedish():
    with translation.override("sv"):
        yield


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (Decimal("85.25"), 1, "85,3"),  # half up, not half to even
        (Decimal("-85.25"), 1, f"{MINUS}85,3"),  # half away from zero
        (Decimal("-0.04"), 1, "0,0"),  # no "−0,0"
        (Decimal("-0.05"), 1, f"{MINUS}0,1"),
        (Decimal("1234567.5"), 0, f"1{NBSP}234{NBSP}568"),
        (Decimal("1234.5"), 2, f"1{NBSP}234,50"),
        (7, 2, "7,00"),
        (0.1 + 0.2, 2, "0,30"),
        (None, 1, "–"),
    ],
)
def test_it_rounds_half_up_with_a_decimal_comma(value, decimals, text):
    assert formatting.number(value, decimals) == text


def test_it_shows_a_value_as_typed_without_decimals():
    assert formatting.number(Decimal("-0.5000")) == f"{MINUS}0,5"
    assert formatting.number(Decimal("68.0")) == "68"
    assert formatting.number(Decimal("1E+2")) == "100"


def test_it_writes_percent_and_money():
    assert formatting.percent(Decimal("85.25"), 1) == f"85,3{NBSP}%"
    assert formatting.percent(None, 1) == "–"
    assert formatting.amount(Decimal("1234567.5"), "kr") == f"1{NBSP}234{NBSP}568"
    assert formatting.amount(Decimal("1234567.5"), "tkr") == f"1{NBSP}235"
    assert formatting.amount(Decimal("-1250000"), "mkr") == f"{MINUS}1,3"
    assert formatting.amount(Decimal("-40000"), "mkr") == "0,0"


def test_it_keeps_the_english_pages_conventions_in_english():
    """English pages always showed the decimal comma; only the minus is the keyboard's."""
    with translation.override("en"):
        assert formatting.number(Decimal("-1234.25"), 1) == f"-1{NBSP}234,3"
        assert formatting.number(Decimal("-0.04"), 1) == "0,0"


def test_it_gives_machines_a_plain_form():
    assert formatting.plain(Decimal("-1234.25"), 1) == "-1234.3"
    assert formatting.plain(Decimal("85.2500")) == "85.25"
    assert formatting.plain(None) == ""


def test_it_gives_excel_a_number_format_with_the_same_decimals():
    assert formatting.excel_format(0) == "#,##0"
    assert formatting.excel_format(2) == "#,##0.00"
    assert formatting.excel_format(1, grouping=False) == "0.0"


def test_it_offers_the_formatter_to_templates():
    template = Template(
        "{% load numbers %}{{ a|number:1 }} {{ b|number }} {{ c|number:0 }} {{ d|number:1 }}"
    )
    context = Context({"a": Decimal("85.25"), "b": Decimal("-0.5000"), "c": 38.5, "d": None})
    assert template.render(context) == f"85,3 {MINUS}0,5 39 –"


decimals = st.integers(min_value=0, max_value=4)
values = st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False)


@given(values, decimals)
def test_it_reads_back_as_the_rounded_value(value, places):
    text = formatting.number(value, places)
    back = Decimal(text.replace(NBSP, "").replace(MINUS, "-").replace(",", "."))
    assert back == formatting.rounded(value, places)
    assert abs(back - value) <= Decimal(1).scaleb(-places) / 2
    assert formatting.plain(value, places) == str(back)


@given(values, decimals)
def test_it_never_shows_a_negative_zero(value, places):
    text = formatting.number(value, places)
    assert text.startswith(MINUS) == (formatting.rounded(value, places) < 0)
