"""The PDF, written from the same blocks and templates as the web page (WeasyPrint).

The page (`documents/_document.html`) and the PDF (`documents/print.html`, which includes it)
share one template, so they cannot drift apart. The PDF gets the running header with "x(y)"
page numbers, a table of contents with page numbers, bookmarks from the headings, the document
language and title in its metadata, and tags for assistive technology.
"""

from pathlib import Path

from django.template.loader import render_to_string

from roder.documents.blocks import Document

CSS = (Path(__file__).parent / "print.css").read_text()


def print_html(document: Document) -> str:
    return render_to_string(
        "documents/print.html",
        {
            "document": document,
            "css": CSS,
            "logo_uri": document.logo_uri,
            "cover_lines": document.cover_paragraphs,
        },
    )


def render_pdf(document: Document) -> bytes:
    # WeasyPrint loads Pango at import; only document runs need it.
    from weasyprint import HTML

    html = HTML(string=print_html(document), base_url=str(Path(__file__).parent))
    return html.write_pdf(pdf_tags=True)
