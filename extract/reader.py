"""Open a PDF once and build the document model, page by page.

Whatever a government site served, opening either succeeds or raises `PdfUnreadable` with a sentence
a person can act on (encrypted, damaged, too many pages). Pages are read one at a time and their
caches dropped, so memory stays flat on long files; a page that cannot be read can be recorded in a
`ReadReport` instead of sinking the whole document.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1
from pdfplumber.utils.exceptions import PdfminerException

from extract.chars import LeanPage
from extract.geometry import inside_any
from extract.lines import group_lines, lines_of
from extract.model import Document, Page
from reference._typing import DEFAULT_READER, Reader
from extract.tables_ruled import find_tables
from extract.text_tables import find_text_tables
from extract.text_layer import FontMaps, page_flags
from extract import inflate

inflate.install()  # pdfminer's recovery of a damaged Flate stream, in linear time (extract/inflate.py)

PAGE_LIMIT = 2000  # a 部门决算 filing runs 20–60 pages; far beyond this is a compilation, not a filing


class PdfUnreadable(Exception):
    """The file is not a PDF we can open; the message is meant for a person."""


class PdfEncrypted(PdfUnreadable):
    """Encrypted, and the empty user password does not open it."""


class PdfDamaged(PdfUnreadable):
    """It starts like a PDF, but its structure cannot be read."""


class TooManyPages(PdfUnreadable):
    def __init__(self, pages: int | None, limit: int):
        self.pages, self.limit = pages, limit
        count = f"{pages:,} pages" if pages else f"more than {limit:,} pages"
        super().__init__(
            f"the PDF has {count}, more than the {limit:,} this parser reads (a 部门决算 filing has 20–60); "
            f"it is probably a compilation of many filings — split it into one file per unit and ingest those")


@dataclass
class ReadReport:
    """What went wrong below the document level, for transform/ to turn into sentences."""

    encrypted: bool = False  # encrypted, opened with the empty user password
    declared_pages: int | None = None  # the page tree's /Count
    page_errors: list[tuple[int, str]] = field(default_factory=list)  # (page, "Type: message")
    image_pages: list[int] = field(default_factory=list)  # pages with images and no text at all
    graphic_pages: list[int] = field(default_factory=list)  # no text, no images, but vector drawings
    ocr_pages: list[int] = field(default_factory=list)  # pages read by OCR instead (extract/ocr.py)
    ocr_error: str | None = None  # why pages that needed OCR were not read by it
    fallback_pages: list[int] = field(default_factory=list)  # handed to pdfplumber under --reader pdfium
    reader: Reader | None = None  # the library that read the pages (pdfplumber reads a file pdfium cannot open)

    def pages_read_by_fallback(self) -> int:
        """Pages pdfium handed to pdfplumber that pdfplumber read."""
        return len(set(self.fallback_pages) - {n for n, _ in self.page_errors})


def read_page(page, number: int, fonts: FontMaps | None = None) -> Page:
    """One page: ruled tables from its rules, then tables without rules among the text left over, then
    the running text. The characters are parsed once and reused for all three."""
    chars = page.chars
    edges = page.edges
    ruled = find_tables(page, number, chars) if edges else []
    outside = [c for c in chars if not inside_any(c, [t.bbox for t in ruled])] if ruled else chars
    groups = group_lines(outside)
    h_rules = [(e["x0"], e["x1"], e["top"]) for e in edges if e["orientation"] == "h"]
    width, height = float(page.width), float(page.height)
    text_tables, used = find_text_tables(number, groups, width, height, h_rules)
    if used:
        groups = [g for i, g in enumerate(groups) if i not in used]
    tables = sorted(ruled + text_tables, key=lambda t: t.bbox[1])
    lines = lines_of(groups)
    flags = page_flags([ln.text for ln in lines] + [line for t in tables for c in t.cells for line in c.lines])
    if fonts is not None:
        flags += fonts.flags(chars)
    return Page(number=number, width=width, height=height, char_count=len(chars), lines=lines, tables=tables,
                text_flags=flags)


def root_cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's exceptions (PdfminerException(e)); unwrap to the real one."""
    seen = set()
    while isinstance(exc, PdfminerException) and id(exc) not in seen:
        seen.add(id(exc))
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__context__
        if inner is None:
            break
        exc = inner
    return exc


def describe(exc: BaseException) -> str:
    exc = root_cause(exc)
    msg = str(exc).strip().replace("\n", " ")
    if len(msg) > 160:
        msg = msg[:157] + "..."
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


def _open(path: str):
    """pdfplumber.open with the empty user password (what every viewer tries first), errors turned
    into sentences."""
    try:
        return pdfplumber.open(path, password="")
    except PdfminerException as exc:
        cause = root_cause(exc)
        if isinstance(cause, MemoryError):
            raise cause from None
        if isinstance(cause, PDFPasswordIncorrect):
            raise PdfEncrypted("the PDF is encrypted with a password; ask the publisher for an open copy") from exc
        if isinstance(cause, PDFEncryptionError):
            raise PdfEncrypted(f"the PDF is encrypted with a method this parser cannot open ({describe(cause)}); "
                               f"ask the publisher for an open copy") from exc
        raise PdfDamaged(f"the PDF's structure cannot be read ({describe(cause)}); the file is damaged — "
                         f"download it again, or open it in a PDF viewer to check") from exc


def declared_page_count(doc) -> int | None:
    """/Count of the page tree, without visiting any page (may be missing or wrong)."""
    try:
        pages = resolve1(doc.catalog.get("Pages"))
        count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
        return count if isinstance(count, int) and count >= 0 else None
    except Exception:  # noqa: BLE001 - a broken tree is found out when the pages are read
        return None


def _note_textless(page, number: int, report: ReadReport) -> None:
    if page.images:
        report.image_pages.append(number)
    elif page.curves or page.rects or page.lines:
        report.graphic_pages.append(number)


def read_document(path: str, max_pages: int | None = None, *, page_limit: int | None = None,
                  report: ReadReport | None = None, reader: Reader = DEFAULT_READER) -> Document:
    """The document model of the PDF at `path`.

    max_pages: read only the first pages (the rest are ignored).
    page_limit: refuse (TooManyPages) a file with more pages than this, before reading any.
    report: when given, a page that cannot be read becomes an empty page recorded in
        report.page_errors instead of an exception, and textless pages are noted there.
    reader: which library reads the pages: pdfplumber (the reference) or pdfium
        (extract/pdfium_reader.py: the same model, several times faster).
    """
    if reader == "pdfium":
        from extract.pdfium_reader import read_document_pdfium

        return read_document_pdfium(path, max_pages, page_limit=page_limit, report=report)
    pdf = _open(path)
    try:
        if report is not None:
            report.reader = "pdfplumber"
            report.encrypted = bool(getattr(pdf.doc, "encryption", None))
        declared = declared_page_count(pdf.doc)
        if report is not None:
            report.declared_pages = declared
        if page_limit is not None and declared is not None and declared > page_limit:
            raise TooManyPages(declared, page_limit)
        pages: list[Page] = []
        fonts = FontMaps(pdf.rsrcmgr)
        doctop = 0.0
        page_objs = PDFPage.create_pages(pdf.doc)  # lazily: the page tree is walked as pages are read
        i = 0
        while True:
            try:
                page_obj = next(page_objs)
            except StopIteration:
                break
            except MemoryError:
                raise
            except Exception as exc:  # pdfminer raises TypeError & co. on odd page trees
                if isinstance(root_cause(exc), MemoryError):
                    raise MemoryError(describe(exc)) from exc
                if not pages:
                    raise PdfDamaged(f"the PDF's page tree cannot be read ({describe(exc)}); the file is damaged "
                                     f"— download it again, or open it in a PDF viewer to check") from exc
                if report is None:
                    raise
                # The page walk cannot resume after this: the rest of the file is lost too.
                report.page_errors.append((i + 1, f"{describe(exc)}; no page after it can be found either"))
                break
            i += 1
            if max_pages is not None and i > max_pages:
                break
            if page_limit is not None and i > page_limit:
                raise TooManyPages(None, page_limit)
            page: LeanPage | None = None
            try:
                page = LeanPage(pdf, page_obj, page_number=i, initial_doctop=doctop)
                doctop += float(page.height)
                model = read_page(page, i, fonts)
                if report is not None and model.char_count == 0:
                    _note_textless(page, i, report)
            except MemoryError:
                raise
            except Exception as exc:  # one bad page must not sink the others
                if isinstance(root_cause(exc), MemoryError):
                    raise MemoryError(describe(exc)) from exc
                if report is None:
                    raise
                report.page_errors.append((i, describe(exc)))
                try:
                    width, height = float(page.width), float(page.height)  # type: ignore[union-attr]
                except Exception:  # noqa: BLE001 - the page object itself is what failed
                    width = height = 0.0
                model = Page(number=i, width=width, height=height, char_count=0, lines=[], tables=[])
            finally:
                if page is not None:
                    page.close()  # drop pdfplumber's per-page caches: memory stays flat on long files
            pages.append(model)
        metadata = {}
        try:
            metadata = dict(pdf.metadata or {})
        except Exception:  # noqa: BLE001 - metadata is a nicety
            pass
        return Document(path=str(path), pages=pages, metadata=metadata)
    finally:
        # Not pdf.close(): that would build a pdfplumber Page for every page of the file first.
        try:
            pdf.stream.close()
        except Exception:  # noqa: BLE001
            pass
