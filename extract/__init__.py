"""PDF → document model: pages, text lines rebuilt from character positions, ruled tables with cells.

Nothing here knows about budget tables or the warehouse; `transform/` reads the model this package
builds. Entry point: `extract.reader.read_document(path)`.
"""
from extract.model import Cell, Document, Line, Page, Table
from extract.reader import read_document, PdfUnreadable

__all__ = ["Cell", "Document", "Line", "Page", "Table", "read_document", "PdfUnreadable"]
