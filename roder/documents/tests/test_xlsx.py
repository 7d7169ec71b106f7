import io
from decimal import Decimal

from openpyxl import load_workbook

from roder.documents.blocks import LIGHT_COLOURS, Cell, Chart, Document, Table
from roder.documents.xlsx import render_xlsx, sheet_names, table_xlsx

LONG_CAPTION = "Tabell 3. Nyckeltal för Allmänna utskottet (Stöd & process) 2026"


def goals_table(**changes) -> Table:
    table = Table(
        caption="Tabell 1. Nyckeltal",
        columns=["Nyckeltal", "Målvärde", "Utfall", "Bedömning"],
        rows=[
            [
                Cell("Nöjda invånare"),
                Cell("75", 75),
                Cell("72,5", Decimal("72.5")),
                Cell("Gul", light="yellow"),
            ],
            [
                Cell("Sjukfrånvaro", bold=True),
                Cell("6,0", Decimal("6.0")),
                Cell("–"),
                Cell("Röd", light="red"),
            ],
        ],
        numeric=[False, True, True, False],
        sheet="Nyckeltal",
    )
    for name, value in changes.items():
        setattr(table, name, value)
    return table


def chart() -> Chart:
    numbers = Table(
        caption="Diagram 1. Utfall per år",
        columns=["År", "Utfall"],
        rows=[[Cell("2023"), Cell("70", 70)], [Cell("2025"), Cell("72,5", Decimal("72.5"))]],
        numeric=[False, True],
    )
    return Chart(title="Diagram 1", svg="<svg/>", png=b"", alt="Utfallet steg.", table=numbers)


def document(*blocks, language: str = "sv") -> Document:
    result = Document(
        title="Verksamhetsplan med budget 2026",
        header="Allmänna utskottet (Stöd & process), Verksamhetsplan med budget",
        organisation="Upplands Väsby kommun",
        unit="Allmänna utskottet",
        language=language,
        produced_by="Kim Controller",
    )
    result.add(*blocks)
    return result


def read(data: bytes):
    return load_workbook(io.BytesIO(data))


def values(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_it_writes_one_sheet_per_table_charts_included():
    workbook = read(render_xlsx(document(goals_table(), chart())))

    assert workbook.sheetnames == ["Nyckeltal", "Diagram 1. Utfall per år"]
    assert values(workbook["Diagram 1. Utfall per år"]) == [
        ["År", "Utfall"],
        ["2023", 70],
        ["2025", 72.5],
    ]


def test_it_writes_headers_then_numbers_as_numbers_and_text_as_printed():
    sheet = read(render_xlsx(document(goals_table())))["Nyckeltal"]

    assert values(sheet) == [
        ["Nyckeltal", "Målvärde", "Utfall", "Bedömning"],
        ["Nöjda invånare", 75, 72.5, "Gul"],
        ["Sjukfrånvaro", 6, "–", "Röd"],
    ]
    assert sheet["B2"].data_type == "n"
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"


def test_it_keeps_the_exact_number_and_shows_it_with_the_cells_decimals():
    table = goals_table(
        rows=[[Cell("Nöjda"), Cell("85,3", Decimal("85.25"), 1), Cell("8", 8), Cell("Gul")]]
    )
    sheet = read(render_xlsx(document(table)))["Nyckeltal"]

    assert (sheet["B2"].value, sheet["B2"].data_type) == (85.25, "n")
    assert sheet["B2"].number_format == "#,##0.0"  # Excel shows 85.3, as the document does
    assert sheet["C2"].number_format == "General"


def test_it_styles_lights_bold_cells_and_numeric_columns():
    sheet = read(render_xlsx(document(goals_table())))["Nyckeltal"]

    assert sheet["D3"].font.b
    assert sheet["D3"].font.color.rgb.endswith(LIGHT_COLOURS["red"].upper())
    assert sheet["A3"].font.b
    assert not sheet["A2"].font.b
    assert sheet["C3"].alignment.horizontal == "right"
    assert sheet["A2"].alignment.horizontal is None


def test_it_puts_the_caption_in_the_printed_page_header():
    sheet = read(render_xlsx(document(goals_table(caption="Stöd & process"))))["Nyckeltal"]

    assert sheet.oddHeader.center.text == "Stöd && process"
    assert sheet.print_title_rows == "$1:$1"


def test_it_makes_long_equal_sheet_names_short_and_unique():
    tables = [goals_table(sheet="", caption=LONG_CAPTION) for _ in range(3)]
    workbook = read(render_xlsx(document(*tables)))

    assert workbook.sheetnames == [
        "Tabell 3. Nyckeltal för Allmänn",
        "Tabell 3. Nyckeltal för All (2)",
        "Tabell 3. Nyckeltal för All (3)",
    ]
    assert all(len(name) <= 31 for name in workbook.sheetnames)


def test_it_cleans_sheet_names_of_characters_excel_forbids():
    tables = [
        goals_table(sheet="Budget 2025/2026: [drift]*?"),
        goals_table(sheet="history"),
        goals_table(sheet="NYCKELTAL"),
        goals_table(sheet="Nyckeltal"),
        goals_table(sheet="", caption="/:"),
    ]

    assert sheet_names(tables) == [
        "Budget 2025 2026 drift",
        "history (2)",
        "NYCKELTAL",
        "Nyckeltal (2)",
        "Tabell 5",  # the document is Swedish
    ]


def test_it_keeps_text_that_looks_like_a_formula_as_text():
    table = goals_table(rows=[[Cell('=HYPERLINK("http://x")'), Cell("1", 1), Cell(""), Cell("")]])
    sheet = read(render_xlsx(document(table)))["Nyckeltal"]

    assert sheet["A2"].value == '=HYPERLINK("http://x")'
    assert sheet["A2"].data_type == "s"


def test_it_writes_a_sentence_when_there_are_no_tables():
    workbook = read(render_xlsx(document(language="en")))

    assert workbook.sheetnames == ["Verksamhetsplan med budget 2026"]
    assert values(workbook.active) == [["This document has no tables."]]


def test_it_sets_the_workbook_properties():
    workbook = read(render_xlsx(document(goals_table())))

    assert workbook.properties.title == "Verksamhetsplan med budget 2026"
    assert workbook.properties.creator == "Kim Controller"
    assert workbook.properties.language == "sv-SE"


def test_it_writes_one_table_as_a_workbook():
    workbook = read(table_xlsx(goals_table(rows=[])))

    assert workbook.sheetnames == ["Nyckeltal"]
    assert values(workbook.active) == [["Nyckeltal", "Målvärde", "Utfall", "Bedömning"]]
    assert workbook.properties.title == "Tabell 1. Nyckeltal"
