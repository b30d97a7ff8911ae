"""Open a PDF once and build the document model, page by page."""
from __future__ import annotations

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError

from extract.lines import build_lines
from extract.model import Document, Page
from extract.tables import find_tables, inside_any


class PdfUnreadable(Exception):
    """The file is not a PDF we can open; the message is meant for a person."""


def read_page(page, number: int) -> Page:
    chars = page.chars  # parsed once; reused for tables and for text lines
    tables = find_tables(page, number, chars) if page.edges else []
    outside = [c for c in chars if not inside_any(c, tables)] if tables else chars
    return Page(number=number, width=float(page.width), height=float(page.height),
                char_count=len(chars), lines=build_lines(outside), tables=tables)


def read_document(path: str, max_pages: int | None = None) -> Document:
    try:
        pdf = pdfplumber.open(path)
    except PDFSyntaxError as exc:
        raise PdfUnreadable(f"not a readable PDF ({exc}); re-download the file") from exc
    with pdf:
        pages = []
        for i, page in enumerate(pdf.pages, 1):
            if max_pages is not None and i > max_pages:
                break
            pages.append(read_page(page, i))
            page.close()  # drop pdfplumber's per-page caches: memory stays flat on long files
        return Document(path=str(path), pages=pages, metadata=dict(pdf.metadata or {}))
