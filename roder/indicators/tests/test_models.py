from decimal import Decimal

import pytest

from roder.indicators.models import Indicator, Light, Target


def light(direction, outcome, value, yellow=None, high=None):
    target = Target(
        indicator=Indicator(direction=direction),
        value=Decimal(value),
        yellow_limit=None if yellow is None else Decimal(yellow),
        value_high=None if high is None else Decimal(high),
    )
    return target.light(None if outcome is None else Decimal(outcome))


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("90", Light.GREEN),
        ("85", Light.GREEN),
        ("82", Light.YELLOW),
        ("80", Light.YELLOW),
        ("79.9", Light.RED),
        (None, Light.NONE),
    ],
)
def test_it_lights_higher_is_better(outcome, expected):
    assert light("higher", outcome, "85", yellow="80") == expected


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("6", Light.GREEN),
        ("8", Light.GREEN),
        ("9", Light.YELLOW),
        ("10.5", Light.RED),
    ],
)
def test_it_lights_lower_is_better(outcome, expected):
    assert light("lower", outcome, "8", yellow="10") == expected


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("0", Light.GREEN),
        ("0.5", Light.GREEN),
        ("-0.3", Light.YELLOW),
        ("0.9", Light.YELLOW),
        ("1.5", Light.RED),
    ],
)
def test_it_lights_a_range_with_a_margin(outcome, expected):
    assert light("range", outcome, "0", yellow="0.5", high="0.5") == expected


def test_without_a_yellow_limit_anything_off_target_is_red():
    assert light("higher", "84", "85") == Light.RED


def test_it_formats_values_the_swedish_way():
    indicator = Indicator(measure="percent", decimals=1)
    assert (
        indicator.format(Decimal("85.25")) == "85,2\u00a0%"
        or indicator.format(Decimal("85.25")) == "85,3\u00a0%"
    )
    assert Indicator(measure="count", decimals=0).format(Decimal("12500")) == "12\u00a0500"
    assert indicator.format(None) == "–"
