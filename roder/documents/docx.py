"""A document as a Word file (python-docx) that the committee secretary can keep editing.

Headings use Word's built-in "Heading N" styles (the navigation pane and the table of contents
work), tables are real tables with a header row repeated on each page, and charts are pictures
with alternative text. Every page carries the document's header and "x(y)" page numbers.
"""

import io
import re
import struct
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import docx
from django.utils import translation
from django.utils.translation import gettext as _
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.image.exceptions import (
    InvalidImageStreamError,
    UnexpectedEndOfFileError,
    UnrecognizedImageError,
)
from docx.image.image import Image
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph

from roder.documents.blocks import Chart, Document, Heading, Paragraphs, Status, Table, Tree

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

PAGE_WIDTH_CM = 21.0
PAGE_HEIGHT_CM = 29.7
MARGIN_CM = 2.5
USABLE_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM
LOGO_BOX_CM = (6.0, 2.5)
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
# The template's light blue (4F81BD) is below WCAG AA contrast for text this size; these
# styles get the darker blue of "Heading 1" (365F91, 6.6:1 on white) instead.
DARKER_STYLES = ("Subtitle", "Heading 2", "Heading 3", "Heading 4", "Caption")
DARK_BLUE = RGBColor.from_string("365F91")

# Characters XML 1.0 cannot hold; pasted text sometimes carries them (form feeds, NULs).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_docx(document: Document) -> bytes:
    """The document as a .docx file, with its fixed texts in the document's language."""
    with translation.override(document.language):
        word = docx.Document()
        _set_up_page(word, document)
        _set_properties(word, document)
        _set_styles(word, _language_tag(document))
        if document.cover:
            _write_cover(word, document)
        if document.contents:
            _write_contents(word)
        for block in document.blocks:
            _write_block(word, block)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _clean(text) -> str:
    # Builders may hand over lazy translations; Word wants plain text without control bytes.
    return NOT_XML.sub("", str(text) if text else "")


# Page, header and properties


def _set_up_page(word, document: Document) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    # The cover counts as page 1 but carries no header.
    section.different_first_page_header_footer = document.cover
    _write_header(word, section.header.paragraphs[0], document.header)


def _write_header(word, paragraph: Paragraph, text: str) -> None:
    """ "Header text<tab>2(10)": the template's centre stop is cleared, so the tab always
    reaches the right margin."""
    tab_stops = word.styles["Header"].paragraph_format.tab_stops
    tab_stops.clear_all()
    tab_stops.add_tab_stop(Cm(USABLE_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(_clean(text)).font.size = Pt(9)
    paragraph.add_run("\t").font.size = Pt(9)
    _add_simple_field(paragraph, "PAGE", "1")
    paragraph.add_run("(").font.size = Pt(9)
    _add_simple_field(paragraph, "NUMPAGES", "1")
    paragraph.add_run(")").font.size = Pt(9)


def _add_simple_field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "18")
    properties.append(size)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _language_tag(document: Document) -> str:
    return "sv-SE" if document.language == "sv" else "en-GB"


def _set_properties(word, document: Document) -> None:
    properties = word.core_properties
    properties.title = _clean(document.title)
    properties.subject = _clean(document.subtitle)
    properties.author = _clean(document.produced_by)
    properties.last_modified_by = _clean(document.produced_by)
    properties.comments = ""
    properties.language = _language_tag(document)
    properties.created = properties.modified = datetime.now(UTC).replace(microsecond=0)


def _set_styles(word, language: str) -> None:
    """Normal's run language, which every other style inherits, so Word checks the spelling
    in Swedish for a Swedish document; darker blues for readable contrast."""
    for name in DARKER_STYLES:
        word.styles[name].font.color.rgb = DARK_BLUE
    run_properties = word.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    run_properties.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")


# Cover and contents


def _write_cover(word, document: Document) -> None:
    _write_logo(word, document.logo, document.organisation)
    word.add_paragraph(_clean(document.title), style="Title")
    if document.subtitle:
        word.add_paragraph(_clean(document.subtitle), style="Subtitle")
    if document.organisation:
        word.add_paragraph(_clean(document.organisation))
    if document.cover_text:
        _write_paragraphs(word, Paragraphs(document.cover_text))
    _page_break(word)


def _write_logo(word, logo: bytes, organisation: str) -> None:
    size = _image_size(logo)
    if size is None:
        return
    box_width, box_height = LOGO_BOX_CM
    width = min(box_width, box_height * size[0] / size[1])
    shape = word.add_picture(io.BytesIO(logo), width=Cm(width))
    _set_alt_text(shape, _clean(organisation))


def _image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels, or None when the bytes are not a picture Word can show."""
    if not data:
        return None
    try:
        image = Image.from_blob(data)
    except (InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError):
        return None
    except (UnicodeDecodeError, ValueError, LookupError, struct.error):
        # A PNG signature followed by garbage (a logo stored before uploads were re-encoded)
        # breaks python-docx's header parser in other ways: the file is written without it.
        return None
    if image.px_width <= 0 or image.px_height <= 0:
        return None
    return image.px_width, image.px_height


def _write_contents(word) -> None:
    """A real TOC field. It is marked dirty, so Word offers to fill it when the file opens;
    until then the placeholder tells the reader how to fill it."""
    word.add_paragraph(_("Contents"), style="TOC Heading")
    paragraph = word.add_paragraph()
    _add_field_char(paragraph, "begin", dirty=True)
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {TOC_INSTRUCTION} "
    paragraph.add_run()._r.append(instruction)
    _add_field_char(paragraph, "separate")
    paragraph.add_run(_("Right-click to update the table of contents.")).italic = True
    _add_field_char(paragraph, "end")
    _page_break(word)


def _add_field_char(paragraph: Paragraph, kind: str, *, dirty: bool = False) -> None:
    character = OxmlElement("w:fldChar")
    character.set(qn("w:fldCharType"), kind)
    if dirty:
        character.set(qn("w:dirty"), "true")
    paragraph.add_run()._r.append(character)


def _page_break(word) -> None:
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# Blocks


def _write_block(word, block) -> None:
    writers: dict[type, Callable[[Any, Any], None]] = {
        Heading: _write_heading,
        Paragraphs: _write_paragraphs,
        Status: _write_status,
        Table: _write_table,
        Chart: _write_chart,
        Tree: _write_tree,
    }
    writer = writers.get(type(block))
    if writer is None:
        raise TypeError(f"No Word writer for {type(block).__name__}")
    writer(word, block)


def _write_heading(word, heading: Heading) -> None:
    word.add_heading(_clean(heading.label), level=max(1, min(heading.level, 4)))


def _write_paragraphs(word, block: Paragraphs) -> None:
    lead = _clean(block.lead)
    parts = block.parts
    if lead and (not parts or parts[0][0] != "p"):
        word.add_paragraph().add_run(lead).bold = True
        lead = ""
    for kind, texts in parts:
        if kind == "ul":
            for item in texts:
                word.add_paragraph(_clean(item), style="List Bullet")
            continue
        paragraph = word.add_paragraph()
        if lead:
            paragraph.add_run(_clean(block.lead_label)).bold = True
            paragraph.add_run(" ")
            lead = ""
        paragraph.add_run(_clean(texts[0]))


def _write_status(word, status: Status) -> None:
    paragraph = word.add_paragraph()
    run = paragraph.add_run(_clean(status.label))
    run.bold = True
    run.font.color.rgb = RGBColor.from_string(status.colour.upper())
    if status.detail:
        paragraph.add_run(" " + _clean(status.detail))


def _write_tree(word, tree: Tree) -> None:
    """Each card as a few paragraphs, indented by its level."""
    for card, depth in tree.walk():
        indent = Cm(0.8 * depth)
        title = word.add_paragraph()
        title.paragraph_format.left_indent = indent
        title.paragraph_format.keep_with_next = True
        title.add_run(_clean(card.title)).bold = True
        title.add_run(" – ")
        run = title.add_run(_clean(card.label))
        run.bold = True
        run.font.color.rgb = RGBColor.from_string(card.colour.upper())
        for line in card.lines:
            paragraph = word.add_paragraph(_clean(line))
            paragraph.paragraph_format.left_indent = indent


def _write_caption(word, text: str) -> None:
    if text:
        word.add_paragraph(_clean(text), style="Caption").paragraph_format.keep_with_next = True


def _write_table(word, table: Table) -> None:
    _write_caption(word, table.caption)
    if table.is_empty:
        word.add_paragraph(_clean(table.note) or _("Nothing to show."))
        return
    grid = word.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    _write_header_row(grid, table)
    for cells in table.rows:
        row = grid.add_row()
        for column, (target, cell) in enumerate(zip(row.cells, cells, strict=False)):
            run = _cell_run(target, cell.text, right=_is_numeric(table, column))
            run.bold = cell.bold or bool(cell.light)
            if cell.light:
                run.font.color.rgb = RGBColor.from_string(cell.light_colour.upper())
    if table.note:
        word.add_paragraph().add_run(_clean(table.note)).font.size = Pt(9)


def _write_header_row(grid: WordTable, table: Table) -> None:
    row = grid.rows[0]
    header = OxmlElement("w:tblHeader")
    row._tr.get_or_add_trPr().insert_element_before(
        header, "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange"
    )
    for column, (target, text) in enumerate(zip(row.cells, table.columns, strict=True)):
        _cell_run(target, text, right=_is_numeric(table, column)).bold = True


def _cell_run(target, text: str, *, right: bool):
    paragraph = target.paragraphs[0]
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return paragraph.add_run(_clean(text))


def _is_numeric(table: Table, column: int) -> bool:
    return column < len(table.numeric) and table.numeric[column]


def _write_chart(word, chart: Chart) -> None:
    """The picture with its alternative text, the title as caption, then the numbers."""
    if _image_size(chart.png) is None:
        word.add_paragraph(_clean(chart.alt))
    else:
        width = Cm(min(chart.width_cm, USABLE_WIDTH_CM))
        shape = word.add_picture(io.BytesIO(chart.png), width=width)
        _set_alt_text(shape, _clean(chart.alt), _clean(chart.title))
        word.paragraphs[-1].paragraph_format.keep_with_next = True
    _write_caption(word, chart.title)
    if chart.table is not None:
        _write_table(word, chart.table)


def _set_alt_text(shape, description: str, title: str = "") -> None:
    """Word shows `descr` as the picture's alternative text (Format Picture → Alt Text)."""
    properties = shape._inline.docPr
    properties.set("descr", description)
    if title:
        properties.set("title", title)
