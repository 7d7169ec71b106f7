"""The sparkline's geometry for hand-worked values, its gaps, and its text."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import translation

from roder.core import formatting, minicharts

NS = {"svg": "http://www.w3.org/2000/svg"}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def fmt(value) -> str:
    return formatting.number(value, 0)


def spark(values, **kwargs) -> ET.Element:
    labels = kwargs.pop("labels", [f"P{i}" for i in range(len(values))])
    return ET.fromstring(
        minicharts.sparkline(values=values, labels=labels, title="Servicegrad", fmt=fmt, **kwargs)
    )


def test_it_places_hand_worked_values_on_the_scale():
    # 120 × 32 with a padding of 4: x from 4 to 116, y from 28 (low) up to 4 (high).
    lay = minicharts.layout([Decimal(80), Decimal(90), Decimal(100)])
    assert lay.xs == [4, 60, 116]
    assert [point[1] for point in lay.outcome] == [28, 16, 4]  # 90 half way


def test_a_value_above_the_target_is_above_the_line_and_one_below_is_below():
    lay = minicharts.layout([Decimal(90), Decimal(80)], targets=[Decimal(85), Decimal(85)])
    above, below = lay.outcome[0][1], lay.outcome[1][1]
    line = lay.target[0][1]
    assert above < line < below  # SVG's y grows downwards
    assert line == 16  # 85 is half way between 80 and 90
    svg = spark([Decimal(90), Decimal(80)], targets=[Decimal(85), Decimal(85)])
    target = svg.find("svg:path[@class='spark-target']", NS)
    # One step per point, each spanning its slot: together one line across the chart.
    assert target.get("d") == "M0 16 H60 M60 16 H120"
    assert target.get("stroke-dasharray")  # dashed: not told by colour alone


def test_the_target_is_inside_the_chart_even_when_every_value_is_below_it():
    lay = minicharts.layout([Decimal(50), Decimal(60)], targets=[Decimal(95), Decimal(95)])
    assert lay.target[0][1] == 4 and lay.outcome[1][1] > lay.target[0][1]


def test_a_missing_value_is_a_gap_not_a_zero():
    lay = minicharts.layout([Decimal(10), None, Decimal(30), Decimal(40)])
    assert lay.outcome[1] is None
    assert lay.low == 10  # the gap does not pull the scale down to 0
    svg = spark([Decimal(10), None, Decimal(30), Decimal(40)])
    circles = svg.findall("svg:circle", NS)
    assert len(circles) == 3
    line = svg.find("svg:path[@class='spark-outcome']", NS).get("d")
    # The line is broken at the gap: only the stretch from the third to the fourth point.
    assert line.count("M") == 1 and line.startswith("M78.67 ")
    assert "P1 no value" in svg.find("svg:title", NS).text


def test_isolated_points_have_dots_but_no_line():
    svg = spark([Decimal(10), None, Decimal(30)])
    assert svg.find("svg:path[@class='spark-outcome']", NS) is None
    assert len(svg.findall("svg:circle", NS)) == 2


def test_negative_values_are_below_the_zero_line():
    lay = minicharts.layout([Decimal(-5), Decimal(5)])
    assert lay.zero == 16
    assert lay.outcome[0][1] > lay.zero > lay.outcome[1][1]
    svg = spark([Decimal(-5), Decimal(-1)])
    assert all(float(c.get("cy")) for c in svg.findall("svg:circle", NS))
    assert spark([Decimal(-5), Decimal(-1)]).find("svg:path", NS) is not None


def test_a_single_point_sits_in_the_middle():
    lay = minicharts.layout([Decimal(7)])
    assert lay.outcome == [(60, 16)]
    svg = spark([Decimal(7)], current=0)
    (circle,) = svg.findall("svg:circle", NS)
    assert (circle.get("cx"), circle.get("cy"), circle.get("r")) == ("60", "16", "3")


def test_the_county_average_is_drawn_as_squares():
    svg = spark([Decimal(80), Decimal(82)], comparisons=[None, Decimal(84)])
    (square,) = svg.findall("svg:rect", NS)
    assert float(square.get("y")) + 1.75 == 4  # 84 is the highest value
    assert "county average P1 84" in svg.find("svg:title", NS).text


def test_the_title_holds_every_number_and_is_escaped():
    text = minicharts.sparkline(
        values=[Decimal(1), None],
        labels=["<b>2025</b>", "2026"],
        title='Servicegrad "x" & <script>',
        fmt=fmt,
        targets=[Decimal(2), Decimal(2)],
    )
    assert "<script>" not in text and "<b>" not in text
    title = ET.fromstring(text).find("svg:title", NS).text
    assert title == 'Servicegrad "x" & <script>: <b>2025</b> 1, 2026 no value; target 2'
    root = ET.fromstring(text)
    assert root.get("role") == "img" and root.get("aria-labelledby")


def test_it_refuses_targets_of_the_wrong_length():
    with pytest.raises(ValueError):
        minicharts.layout([Decimal(1), Decimal(2)], targets=[Decimal(1)])
