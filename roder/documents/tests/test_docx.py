import io
import struct
import zlib
from decimal import Decimal

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm

from roder.documents.blocks import (
    LIGHT_COLOURS,
    Cell,
    Chart,
    Document,
    Heading,
    Paragraphs,
    Status,
    Table,
)
from roder.documents.docx import render_docx


def png(width: int = 2, height: int = 1) -> bytes:
    """A real, tiny grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x80" * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def goals_table() -> Table:
    return Table(
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
        note="Källa: Kolada.",
    )


def chart(width_cm: float = 16.0) -> Chart:
    return Chart(
        title="Diagram 1. Utfall per år",
        svg="<svg/>",
        png=png(),
        alt="Utfallet steg från 70 till 72,5 procent 2023–2025.",
        table=Table(
            caption="Diagram 1 som tabell",
            columns=["År", "Utfall"],
            rows=[[Cell("2023"), Cell("70", 70)], [Cell("2025"), Cell("72,5", Decimal("72.5"))]],
            numeric=[False, True],
        ),
        width_cm=width_cm,
    )


def document(**changes) -> Document:
    result = Document(
        title="Verksamhetsplan med budget 2026",
        header="Allmänna utskottet (Stöd & process), Verksamhetsplan med budget",
        organisation="Upplands Väsby kommun",
        unit="Allmänna utskottet",
        subtitle="Allmänna utskottet (Stöd & process)",
        cover_text="Antagen av utskottet.\n\nGäller 2026.",
        logo=png(4, 1),
        produced_by="Kim Controller",
    )
    result.add(
        Heading(1, "Inledning", "1"),
        Paragraphs("Utskottet leder arbetet.\n- Styrning\n- Uppföljning", lead="Uppdrag"),
        Heading(2, "Mål och nyckeltal", "1.1"),
        Status("yellow", "Delvis uppfyllt", "Två av tre nyckeltal når målvärdet."),
        goals_table(),
        Heading(3, "Utveckling över tid", "1.1.1"),
        chart(),
    )
    for name, value in changes.items():
        setattr(result, name, value)
    return result


def read(data: bytes):
    return docx.Document(io.BytesIO(data))


def headings(word) -> list[tuple[str, str]]:
    return [
        (paragraph.style.name, paragraph.text)
        for paragraph in word.paragraphs
        if paragraph.style.name.startswith("Heading")
    ]


def test_it_writes_headings_in_order_with_word_heading_styles():
    word = read(render_docx(document()))

    assert headings(word) == [
        ("Heading 1", "1 Inledning"),
        ("Heading 2", "1.1 Mål och nyckeltal"),
        ("Heading 3", "1.1.1 Utveckling över tid"),
    ]


def test_it_caps_deep_headings_at_level_four():
    word = read(render_docx(document(blocks=[Heading(6, "Detalj", "1.1.1.1.1.1")])))

    assert headings(word) == [("Heading 4", "1.1.1.1.1.1 Detalj")]


def test_it_writes_the_cover_then_a_table_of_contents_field():
    word = read(render_docx(document()))
    texts = [(paragraph.style.name, paragraph.text) for paragraph in word.paragraphs]

    assert texts[1:5] == [
        ("Title", "Verksamhetsplan med budget 2026"),
        ("Subtitle", "Allmänna utskottet (Stöd & process)"),
        ("Normal", "Upplands Väsby kommun"),
        ("Normal", "Antagen av utskottet."),
    ]
    logo = word.inline_shapes[0]
    assert logo._inline.docPr.get("descr") == "Upplands Väsby kommun"
    assert logo.width == Cm(6)
    instructions = [element.text for element in word.element.body.iter(qn("w:instrText"))]
    assert instructions == [' TOC \\o "1-3" \\h \\z \\u ']
    assert ("TOC Heading", "Innehåll") in texts  # the document is Swedish


def test_it_leaves_out_the_cover_and_contents_when_not_asked_for():
    word = read(render_docx(document(cover=False, contents=False)))

    assert word.paragraphs[0].text == "1 Inledning"
    assert not list(word.element.body.iter(qn("w:instrText")))
    assert not word.sections[0].different_first_page_header_footer


def test_it_skips_a_logo_word_cannot_read():
    word = read(render_docx(document(logo=b"not a picture", blocks=[])))

    assert len(word.inline_shapes) == 0
    assert word.paragraphs[0].text == "Verksamhetsplan med budget 2026"


def test_it_writes_the_lead_bullets_and_status():
    word = read(render_docx(document(cover=False, contents=False)))
    lead, first, second, _heading, status = word.paragraphs[1:6]

    assert lead.text == "Uppdrag: Utskottet leder arbetet."
    assert lead.runs[0].bold and lead.runs[0].text == "Uppdrag:"  # as on the page and in PDF
    assert [(first.style.name, first.text), (second.style.name, second.text)] == [
        ("List Bullet", "Styrning"),
        ("List Bullet", "Uppföljning"),
    ]
    assert status.text == "Delvis uppfyllt Två av tre nyckeltal når målvärdet."
    assert status.runs[0].bold
    assert str(status.runs[0].font.color.rgb) == LIGHT_COLOURS["yellow"].upper()


def test_it_writes_tables_as_word_tables():
    word = read(render_docx(document()))
    table = word.tables[0]

    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Nyckeltal", "Målvärde", "Utfall", "Bedömning"],
        ["Nöjda invånare", "75", "72,5", "Gul"],
        ["Sjukfrånvaro", "6,0", "–", "Röd"],
    ]
    assert table.style.name == "Table Grid"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(cell.paragraphs[0].runs[0].bold for cell in table.rows[0].cells)
    assert table.cell(1, 1).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.cell(1, 0).paragraphs[0].alignment is None
    red = table.cell(2, 3).paragraphs[0].runs[0]
    assert red.bold and str(red.font.color.rgb) == LIGHT_COLOURS["red"].upper()
    assert table.cell(2, 0).paragraphs[0].runs[0].bold
    assert not table.cell(1, 0).paragraphs[0].runs[0].bold


def test_it_writes_the_caption_before_and_the_note_after_a_table():
    word = read(render_docx(document(cover=False, contents=False, blocks=[goals_table()])))
    body = [child.tag.split("}")[1] for child in word.element.body]

    assert body[:3] == ["p", "tbl", "p"]
    assert (word.paragraphs[0].style.name, word.paragraphs[0].text) == (
        "Caption",
        "Tabell 1. Nyckeltal",
    )
    assert word.paragraphs[1].text == "Källa: Kolada."


@pytest.mark.parametrize(
    ("note", "expected"), [("Inga avvikelser.", "Inga avvikelser."), ("", "Nothing to show.")]
)
def test_it_writes_a_sentence_instead_of_an_empty_table(note, expected):
    empty = Table(caption="Avvikelser", columns=["Avvikelse"], rows=[], note=note)
    word = read(render_docx(document(cover=False, contents=False, language="en", blocks=[empty])))

    assert len(word.tables) == 0
    assert [paragraph.text for paragraph in word.paragraphs] == ["Avvikelser", expected]


def test_it_writes_charts_as_pictures_with_alternative_text_and_their_numbers():
    word = read(render_docx(document(cover=False, contents=False, blocks=[chart()])))
    picture = word.inline_shapes[0]

    assert (
        picture._inline.docPr.get("descr") == "Utfallet steg från 70 till 72,5 procent 2023–2025."
    )
    assert picture._inline.docPr.get("title") == "Diagram 1. Utfall per år"
    assert picture.width == Cm(16)
    assert [paragraph.text for paragraph in word.paragraphs[1:3]] == [
        "Diagram 1. Utfall per år",
        "Diagram 1 som tabell",
    ]
    assert [cell.text for cell in word.tables[0].rows[2].cells] == ["2025", "72,5"]


def test_it_keeps_wide_charts_within_the_page():
    word = read(render_docx(document(cover=False, contents=False, blocks=[chart(width_cm=25)])))

    assert word.inline_shapes[0].width == Cm(16)


def test_it_writes_the_alternative_text_when_the_chart_has_no_picture():
    broken = chart()
    broken.png = b""
    word = read(render_docx(document(cover=False, contents=False, blocks=[broken])))

    assert len(word.inline_shapes) == 0
    assert word.paragraphs[0].text == broken.alt


def test_it_sets_up_a4_pages_with_the_header_and_page_numbers():
    word = read(render_docx(document()))
    section = word.sections[0]
    header = section.header.paragraphs[0]
    fields = [field.get(qn("w:instr")) for field in header._p.iter(qn("w:fldSimple"))]
    printed = "".join(
        node.text if node.tag == qn("w:t") else "\t"
        for node in header._p.iter(qn("w:t"), qn("w:tab"))
    )
    margins = [section.left_margin, section.right_margin, section.top_margin, section.bottom_margin]
    stops = word.styles["Header"].paragraph_format.tab_stops

    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert {round(margin.mm) for margin in margins} == {25}
    assert [(round(stop.position.mm), stop.alignment) for stop in stops] == [
        (160, WD_TAB_ALIGNMENT.RIGHT)
    ]
    assert printed == ("Allmänna utskottet (Stöd & process), Verksamhetsplan med budget\t1(1)")
    assert fields == ["PAGE", "NUMPAGES"]
    assert section.different_first_page_header_footer
    assert not section.first_page_header.paragraphs[0].text


def test_it_sets_the_properties_and_proofing_language():
    word = read(render_docx(document()))
    properties = word.core_properties
    lang = word.styles["Normal"].element.rPr.find(qn("w:lang"))

    assert properties.title == "Verksamhetsplan med budget 2026"
    assert properties.subject == "Allmänna utskottet (Stöd & process)"
    assert properties.author == "Kim Controller"
    assert properties.language == "sv-SE"
    assert lang.get(qn("w:val")) == "sv-SE"


def test_it_marks_english_documents_as_british_english():
    word = read(render_docx(document(language="en")))

    assert word.core_properties.language == "en-GB"


def test_it_drops_characters_word_files_cannot_hold():
    word = read(render_docx(document(blocks=[Paragraphs("Rad\x0cett\x00")], cover=False)))

    assert word.paragraphs[-1].text == "Radett"


def test_it_darkens_the_light_blue_styles_for_contrast():
    word = read(render_docx(document()))

    for name in ("Subtitle", "Heading 2", "Heading 3", "Heading 4", "Caption"):
        color = word.styles[name].element.rPr.find(qn("w:color"))
        assert color.get(qn("w:val")) == "365F91"
        assert color.get(qn("w:themeColor")) is None
