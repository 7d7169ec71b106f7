import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.utils import translation

from roder.core import charts
from roder.core.charts import Chart

SVG = "{http://www.w3.org/2000/svg}"
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def trend(**overrides) -> Chart:
    arguments = {
        "title": "Satisfied users",
        "points": [("2023", Decimal("85")), ("2024", None), ("Delår 2026", Decimal("90.4"))],
        "target": Decimal("90"),
        "unit_label": "%",
    }
    return charts.trend_chart(**(arguments | overrides))


def budget() -> Chart:
    return charts.budget_chart(
        title="Budget per category",
        rows=[
            ("Staff", Decimal("120.4"), Decimal("80.25"), Decimal("118")),
            ("Premises", Decimal("30"), Decimal("21.5"), None),
        ],
    )


def risk_matrix() -> Chart:
    return charts.risk_matrix_chart(
        title="Risks 2026",
        size=4,
        band_colours={
            (p, c): "#e8f5e9" if p * c < 6 else "fde7e9" for p in range(5) for c in range(5)
        },
        risks=[("R1", 3, 4), ("R2", 3, 4), ("R3", 1, 2)],
        probability_label="Probability",
        consequence_label="Consequence",
    )


def radar() -> Chart:
    return charts.radar_chart(
        title="KommunKompassen",
        axes=["Public access and democracy", "Accessibility", "Political control"],
        series=[
            ("Upplands Väsby 2011", [Decimal(56), None, Decimal(60)]),
            ("Average of evaluated municipalities", [Decimal(50), Decimal(55), Decimal(52)]),
            ("Upplands Väsby 2008", [None, None, None]),
        ],
    )


BUILDERS = [trend, budget, risk_matrix, radar]


def svg_root(chart: Chart) -> ET.Element:
    return ET.fromstring(chart.svg)


def svg_texts(chart: Chart) -> list[str]:
    return [element.text or "" for element in svg_root(chart).iter(f"{SVG}text")]


def svg_ids(chart: Chart) -> set[str]:
    return {element.attrib["id"] for element in svg_root(chart).iter() if "id" in element.attrib}


def table_values(chart: Chart) -> list[list]:
    assert chart.table is not None
    return [
        [cell.value if cell.value is not None else cell.text for cell in row]
        for row in chart.table.rows
    ]


def table_texts(chart: Chart) -> list[list[str]]:
    assert chart.table is not None
    return [[cell.text for cell in row] for row in chart.table.rows]


@pytest.mark.parametrize("build", BUILDERS)
def test_it_returns_inline_svg_labelled_with_the_alt_text(build):
    chart = build()

    root = svg_root(chart)
    assert root.tag == f"{SVG}svg"
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-label"] == chart.alt
    assert chart.alt.endswith(".")
    assert not chart.svg.lstrip().startswith("<?xml")
    assert "<!DOCTYPE" not in chart.svg
    assert root.find(f"{SVG}metadata") is None


@pytest.mark.parametrize("build", BUILDERS)
def test_it_sizes_the_svg_in_points_with_a_view_box(build):
    root = svg_root(build())

    assert root.attrib["width"].endswith("pt")
    assert root.attrib["height"].endswith("pt")
    width, height = (float(root.attrib[name][:-2]) for name in ("width", "height"))
    assert [float(number) for number in root.attrib["viewBox"].split()] == [0, 0, width, height]


@pytest.mark.parametrize("build", BUILDERS)
def test_it_draws_a_png_from_the_same_figure(build):
    chart = build()

    assert chart.png.startswith(b"\x89PNG")
    # 150 dpi: the PNG is as wide as the chart's width_cm at that resolution.
    width = int.from_bytes(chart.png[16:20], "big")
    assert width == pytest.approx(chart.width_cm / 2.54 * 150, abs=2)


@pytest.mark.parametrize("build", BUILDERS)
def test_it_scopes_the_svg_style_rule_to_its_chart(build):
    root = svg_root(build())

    styles = [element.text or "" for element in root.iter(f"{SVG}style")]
    assert styles
    assert all(style.startswith(f"#{root.attrib['id']} *{{") for style in styles)


def test_it_keeps_ids_unique_across_charts_on_one_page():
    page = [trend(), trend(), budget(), budget(), risk_matrix(), radar()]

    seen: set[str] = set()
    for chart in page:
        ids = svg_ids(chart)
        assert ids
        assert not ids & seen
        seen |= ids


def test_it_rewrites_references_to_the_renamed_ids():
    chart = budget()

    ids = svg_ids(chart)
    references = set()
    for element in svg_root(chart).iter():
        for key, value in element.attrib.items():
            if "url(#" in value:
                references.add(value.split("url(#", 1)[1].split(")", 1)[0])
            if key.endswith("href") and value.startswith("#"):
                references.add(value[1:])
    assert references
    assert references <= ids


def test_it_draws_a_trend_with_a_target_and_a_gap():
    chart = trend()

    texts = svg_texts(chart)
    assert "Target" in texts
    assert "Delår 2026" in texts
    assert chart.width_cm == 8.0
    assert chart.table.columns == ["Period", "Outcome (%)", "Target (%)"]
    assert table_values(chart) == [
        ["2023", Decimal("85"), Decimal("90")],
        ["2024", "–", Decimal("90")],
        ["Delår 2026", Decimal("90.4"), Decimal("90")],
    ]
    assert table_texts(chart)[1] == ["2024", "–", "90"]
    assert chart.alt == (
        f"Line chart of Satisfied users: 85{NBSP}% in 2023, no value in 2024, "
        f"90{NBSP}% in Delår 2026; target 90{NBSP}%."
    )


def test_it_leaves_the_target_out_of_a_trend_without_one():
    chart = trend(target=None, decimals=1, unit_label="")

    assert "Target" not in svg_texts(chart)
    assert chart.table.columns == ["Period", "Outcome"]
    assert table_texts(chart) == [["2023", "85,0"], ["2024", "–"], ["Delår 2026", "90,4"]]
    assert (
        chart.alt
        == "Line chart of Satisfied users: 85,0 in 2023, no value in 2024, 90,4 in Delår 2026."
    )


def test_it_draws_a_trend_without_any_values():
    chart = trend(points=[("2024", None), ("2025", None)], target=None)

    assert "No values" in svg_texts(chart)
    assert table_texts(chart) == [["2024", "–"], ["2025", "–"]]


def test_it_draws_budget_outcome_and_prognosis_per_row():
    chart = budget()

    texts = svg_texts(chart)
    assert {"Budget", "Outcome to date", "Prognosis", "Staff", "Premises"} <= set(texts)
    assert "80,3" in texts  # one decimal, rounded half up
    assert chart.width_cm == 16.0
    assert chart.table.columns == [
        "Category",
        "Budget (mkr)",
        "Outcome to date (mkr)",
        "Prognosis (mkr)",
    ]
    assert table_values(chart) == [
        ["Staff", Decimal("120.4"), Decimal("80.25"), Decimal("118")],
        ["Premises", Decimal("30"), Decimal("21.5"), "–"],
    ]
    assert table_texts(chart)[0] == ["Staff", "120,4", "80,3", "118,0"]
    assert "Premises: budget 30,0, outcome to date 21,5, prognosis –" in chart.alt


def test_it_places_risks_in_their_cells():
    chart = risk_matrix()

    texts = svg_texts(chart)
    assert "R1 R2" in texts
    assert "R3" in texts
    assert {"Probability", "Consequence"} <= set(texts)
    assert chart.table.columns == ["Risk", "Probability", "Consequence", "Risk value"]
    assert table_values(chart) == [["R1", 3, 4, 12], ["R2", 3, 4, 12], ["R3", 1, 2, 2]]
    assert chart.alt == (
        "Risk matrix of Risks 2026, 4 by 4: R1: probability 3, consequence 4; "
        "R2: probability 3, consequence 4; R3: probability 1, consequence 2."
    )


def test_it_fills_risk_cells_with_their_band_colours():
    svg = risk_matrix().svg.lower()

    assert "#e8f5e9" in svg
    assert "#fde7e9" in svg


def test_it_draws_a_radar_and_leaves_out_a_series_without_values():
    chart = radar()

    texts = svg_texts(chart)
    assert "Upplands Väsby 2011" in texts
    assert "Average of evaluated municipalities" in texts
    assert "Upplands Väsby 2008" not in texts
    assert "Accessibility" in texts
    assert "100" in texts
    assert chart.table.columns == [
        "Area",
        "Upplands Väsby 2011",
        "Average of evaluated municipalities",
        "Upplands Väsby 2008",
    ]
    assert table_values(chart) == [
        ["Public access and democracy", Decimal(56), Decimal(50), "–"],
        ["Accessibility", "–", Decimal(55), "–"],
        ["Political control", Decimal(60), Decimal(52), "–"],
    ]
    assert (
        "Upplands Väsby 2011: Public access and democracy 56, Accessibility no value" in chart.alt
    )
    assert chart.alt.endswith("No values for Upplands Väsby 2008.")


def test_it_wraps_long_radar_axis_labels():
    chart = charts.radar_chart(
        title="KommunKompassen",
        axes=["Control, follow-up and evaluation", "B", "C"],
        series=[("2011", [Decimal(1), Decimal(2), Decimal(3)])],
        maximum=5,
    )

    texts = svg_texts(chart)
    assert "Control, follow-up" in texts
    assert "and evaluation" in texts
    assert "5" in texts


def test_it_refuses_a_radar_series_of_the_wrong_length():
    with pytest.raises(ValueError):
        charts.radar_chart(title="T", axes=["A", "B"], series=[("S", [Decimal(1)])])


def test_it_escapes_markup_in_labels():
    one = Decimal(1)
    chart = charts.budget_chart(title='A & B <"quoted">', rows=[("<b>x</b> & y", one, one, one)])

    root = svg_root(chart)
    assert root.attrib["aria-label"] == chart.alt
    assert "<b>x</b> & y" in svg_texts(chart)


def test_it_translates_the_labels():
    with translation.override("sv"):
        chart = trend()

    assert "Målvärde" in svg_texts(chart)
    assert chart.table.columns[2] == "Målvärde (%)"


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (Decimal("1234.5"), 1, f"1{NBSP}234,5"),
        (Decimal("1234567"), 0, f"1{NBSP}234{NBSP}567"),
        (Decimal("0.25"), 1, "0,3"),
        (Decimal("-0.04"), 1, "0,0"),
        (Decimal("-12.5"), 0, "-13"),
        (7, 2, "7,00"),
        (None, 1, "–"),
    ],
)
def test_it_formats_numbers_with_a_decimal_comma(value, decimals, text):
    assert charts._fmt(value, decimals) == text


def test_a_radar_leaves_a_gap_for_a_missing_value_and_fills_only_complete_series():
    """A missing score is not a zero: no filled polygon reaches the centre for it, and the
    series' line is broken there (matplotlib draws NaN as a gap)."""
    axes = ["A", "B", "C", "D"]
    complete = [("R", [Decimal(40)] * 4)]
    gap = [("S", [Decimal(50), None, Decimal(60), Decimal(70)])]
    assert charts.radar_chart(title="T", axes=axes, series=complete).svg.count("opacity: 0.08") == 1
    assert charts.radar_chart(title="T", axes=axes, series=gap).svg.count("opacity: 0.08") == 0
    both = charts.radar_chart(title="T", axes=axes, series=gap + complete)
    assert both.svg.count("opacity: 0.08") == 1
    assert "S: A 50, B no value, C 60, D 70" in both.alt
