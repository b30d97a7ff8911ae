"""`read_document` with pdfium reading the pages (`--reader pdfium`): the same document model, built
by the same `read_page`, from characters and rules pdfium reads in C (extract/pdfium_page.py).

pdfplumber stays the reference and the fallback:
- a file pdfium cannot open is handed to the pdfplumber reader whole, which either reads it or
  raises the same `PdfUnreadable` sentence it always has (encrypted, damaged);
- a page pdfium cannot read, or one it would read differently — a /Rotate page (pdfminer turns its
  coordinates, which this adapter does not), a page with a CID font pdfium has no glyphs for
  (extract/pdfium_fonts.py) — is read by pdfplumber, and the page numbers are kept in
  `ReadReport.fallback_pages`.
"""
from __future__ import annotations

import logging
from typing import Any, Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfpage import PDFPage

from extract.model import Document, Page
from extract.pdfium_fonts import PageFonts
from extract.pdfium_page import PdfiumPage
from extract.reader import (LeanPage, ReadReport, TooManyPages, _note_textless, _open, describe, read_page,
                            root_cause)
from extract.text_layer import FontMaps

log = logging.getLogger("juesuan.extract")


class _Plumber:
    """The pdfplumber reading of single pages, opened only when a page needs it.

    pdfium and pdfminer each find the pages by their own walk of the page tree. In a damaged file they
    may not find the same pages (pdfminer skips a page object it cannot parse, pdfium counts it and then
    cannot load it): page i of one is then not page i of the other, and reading "page 2" with pdfplumber
    would store page 3's figures as page 2's, twice. So pdfplumber reads a page for pdfium only when both
    find the same number of pages — counted once, by the font check's walk (extract/pdfium_fonts.py);
    otherwise the page is not read (`PagesDisagree`, a page error)."""

    def __init__(self, path: str, pages: int, pdfminer_pages: int):
        self.path = path
        self.pages = pages  # pdfium's count
        self.pdfminer_pages = pdfminer_pages  # pdfminer's (pdfplumber's) count
        self._pdf: Any = None  # pdfplumber.PDF, opened on first use
        self._fonts: FontMaps | None = None
        self._walk: Iterator = iter(())
        self._page_objs: list = []

    def page(self, number: int, report: ReadReport | None) -> Page:
        if self.pdfminer_pages != self.pages:
            raise PagesDisagree(f"pdfium cannot load it, and pdfplumber finds {self.pdfminer_pages} pages where "
                                f"pdfium finds {self.pages}, so neither can say which is page {number}")
        if self._pdf is None:
            self._pdf = _open(self.path)
            self._fonts = FontMaps(self._pdf.rsrcmgr)
            self._walk = PDFPage.create_pages(self._pdf.doc)
        pdf = self._pdf
        while len(self._page_objs) < number:  # the page tree walked as far as needed, as reader.py does:
            self._page_objs.append(next(self._walk))  # pdf.pages would build every page
        page = LeanPage(pdf, self._page_objs[number - 1], page_number=number)
        try:
            model = read_page(page, number, self._fonts)
            if report is not None and model.char_count == 0:
                _note_textless(page, number, report)
            return model
        finally:
            page.close()

    def close(self) -> None:
        if self._pdf is not None:
            try:
                self._pdf.stream.close()
            except Exception:  # noqa: BLE001
                pass


def _page(pdf, i: int, doctop: float, fonts: dict, page_fonts: PageFonts, plumber: _Plumber,
          report: ReadReport | None) -> tuple[Page, float]:
    """Page i (1-based) and its height; pdfplumber's reading where pdfium's cannot stand."""
    page: PdfiumPage | None = None
    try:
        page = PdfiumPage(pdf[i - 1], i, doctop, fonts)
        if page.rotation or page_fonts.blind:
            raise _Handed()
        model = read_page(page, i, page_fonts)  # type: ignore[arg-type]
        if report is not None and model.char_count == 0:
            _note_textless(page, i, report)
        return model, float(page.height)
    except MemoryError:
        raise
    except Exception as exc:  # pdfplumber reads the page instead
        if isinstance(root_cause(exc), MemoryError):
            raise MemoryError(describe(exc)) from exc
        if not isinstance(exc, _Handed):
            log.info("page %d: pdfium failed (%s); read with pdfplumber", i, describe(exc))
        if report is not None:
            report.fallback_pages.append(i)
        model = plumber.page(i, report)
        return model, model.height
    finally:
        if page is not None:
            page.close()


class PagesDisagree(Exception):
    """The two readers do not find the same pages: a page cannot be handed from one to the other."""


class _Handed(Exception):
    """A page pdfium would read differently: pdfplumber reads it (see the module's docstring)."""


def read_document_pdfium(path: str, max_pages: int | None = None, *, page_limit: int | None = None,
                         report: ReadReport | None = None) -> Document:
    """As extract.reader.read_document, with pdfium reading the pages."""
    from extract.reader import read_document

    try:
        pdf = pdfium.PdfDocument(path, password="")
    except pdfium.PdfiumError:
        # pdfplumber reads it, or says why it cannot, in the sentences transform/ knows
        return read_document(path, max_pages, page_limit=page_limit, report=report, reader="pdfplumber")
    count = len(pdf)
    page_fonts = PageFonts(path, count)
    plumber = _Plumber(path, count, page_fonts.pdfminer_pages)
    try:
        if report is not None:
            report.reader = "pdfium"
            report.encrypted = pdfium_c.FPDF_GetSecurityHandlerRevision(pdf.raw) != -1
            report.declared_pages = count
        if page_limit is not None and count > page_limit:
            raise TooManyPages(count, page_limit)
        n = count if max_pages is None else min(count, max_pages)
        fonts: dict = {}
        pages: list[Page] = []
        doctop = 0.0
        for i in range(1, n + 1):
            page_fonts.advance()
            try:
                model, height = _page(pdf, i, doctop, fonts, page_fonts, plumber, report)
            except MemoryError:
                raise
            except Exception as exc:  # neither reader could read it: one bad page must not sink the others
                if isinstance(root_cause(exc), MemoryError):
                    raise MemoryError(describe(exc)) from exc
                if report is None:
                    raise
                report.page_errors.append((i, describe(exc)))
                model, height = Page(number=i, width=0.0, height=0.0, char_count=0, lines=[], tables=[]), 0.0
            doctop += height
            pages.append(model)
        try:
            metadata = {k: v for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
        except Exception:  # noqa: BLE001 - metadata is a nicety
            metadata = {}
        return Document(path=str(path), pages=pages, metadata=metadata)
    finally:
        page_fonts.close()
        plumber.close()
        pdf.close()
