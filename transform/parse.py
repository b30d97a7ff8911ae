"""One file in, the contract rows of one filing out — whatever the file holds.

This is what a worker runs per document. It never raises for bad input: a file that cannot be read
becomes a `documents` row with status `failed` (or `skipped`, `partial`) and a sentence a person can
act on; the detail goes to the log (the `juesuan` logger), not the console.

What it survives by itself: empty files, HTML pages and other non-PDFs named .pdf, damaged and
truncated PDFs, encrypted PDFs (an empty user password is tried, as viewers do), PDFs without pages,
scans without a text layer, mojibake text layers, files with thousands of pages (refused above
`PAGE_LIMIT`), unreadable single pages and templates (recorded, skipped). What it
cannot survive alone — a parser that spins, a stream that inflates to gigabytes — is bounded by
`flows.guard.parse_guarded`, which runs this function in a worker process with a time limit and a
memory cap.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import datetime, timezone

from extract import PdfUnreadable, read_document
from extract.model import Document
from extract.reader import PAGE_LIMIT, PdfDamaged, ReadReport, describe, root_cause
from transform.document import transform_document
from transform.identity import garbled_text_reason
from transform.ids import document_id, placeholder_id, sha256_of  # noqa: F401 - the id rule (transform.ids); re-exported
from transform.origin import is_generated
from reference._typing import DEFAULT_READER, OcrMode, Reader
from transform.trust import REPLACED
from transform.rows import DocumentRow, ParsedDocument

log = logging.getLogger("juesuan.parse")


class _ToJuesuanLog(logging.Handler):
    """pdfminer warns through its own loggers ("Could not get FontBBox ..."); with no handler of its
    own that would reach the console. Send it to the `juesuan` log (a file, under the CLI)."""

    def emit(self, record: logging.LogRecord) -> None:
        target = logging.getLogger("juesuan.pdfminer")
        if target.isEnabledFor(record.levelno):
            target.handle(record)


def _route_pdfminer_logs() -> None:
    pm = logging.getLogger("pdfminer")
    if not any(isinstance(h, _ToJuesuanLog) for h in pm.handlers):
        pm.addHandler(_ToJuesuanLog())
        pm.propagate = False


_route_pdfminer_logs()

HEAD_BYTES = 1024  # the PDF header may sit anywhere in the first 1 KB (PDF 32000-1, 7.5.2)
TAIL_BYTES = 4096  # where "%%EOF" must appear in a whole file (some writers add a little trailing junk)


def out_of_memory_sentence(cap_mb: int | None = None) -> str:
    cap = f" (cap {cap_mb:,} MB)" if cap_mb else ""
    return (f"the parser ran out of memory{cap} on this file; it may hold a decompression bomb or huge images — "
            f"open it by hand, and if it is a genuine filing raise --memory-mb")


def _looks_truncated(path: str, size: int) -> bool:
    """Written like a PDF (it has objects), but no "%%EOF" at its end: cut off."""
    with open(path, "rb") as f:
        start = f.read(1 << 16)
        f.seek(max(0, size - TAIL_BYTES))
        return b"%%EOF" not in f.read() and b" obj" in start


TRUNCATED = ("the PDF is truncated: it stops before its end-of-file marker, so the download was probably cut off "
             "— download it again")


_warm = False


def warm_up() -> None:
    """Load once per process what every document needs (the region dictionaries take ~0.4 s): a
    worker that forks a child per document then hands it over ready, instead of each child paying."""
    global _warm
    if not _warm:
        from reference.regions import region_of

        region_of("北京市东城区")
        _warm = True


def parse_file(path: str, source: str | None = None, doc_id: str | None = None, *,
               page_limit: int | None = PAGE_LIMIT, memory_cap_mb: int | None = None, ocr: OcrMode = "scans",
               ocr_settings=None, on_ocr: Callable[[int], None] | None = None,
               reader: Reader = DEFAULT_READER) -> ParsedDocument:
    """Parse one file into its contract rows; never raises for anything the file holds.

    page_limit: refuse files with more pages (a compilation, or junk) instead of reading them.
    memory_cap_mb: the memory cap the caller enforces (flows.guard), quoted when the file exhausts it.
    ocr: which pages OCR reads (reference._typing.OcrMode): "scans", pages with an image and no text;
        "untrusted", those and pages whose text layer is flagged; "off", none.
    ocr_settings: extract.ocr.OcrSettings (its defaults when None).
    on_ocr: called with the number of pages about to be OCR'd (the guard extends its time limit).
    reader: which library reads the pages (extract.reader.read_document): pdfplumber or pdfium.
    """
    path = str(path)
    source = source or path
    name = os.path.basename(path)
    if doc_id is None:
        try:
            doc_id = sha256_of(path)
        except OSError as exc:
            doc_id = placeholder_id(source)
            log.warning("cannot read %s: %s", path, exc)
            return _failed(doc_id, source, name, f"the file cannot be read ({describe(exc)}); check that it "
                                                 f"exists and that this user may read it")
    truncated = False
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            head = f.read(HEAD_BYTES)
        if not head:
            return _failed(doc_id, source, name, "the file is empty (0 bytes); download it again")
        if b"%PDF" not in head:
            return _failed(doc_id, source, name, _not_a_pdf(head))
        truncated = _looks_truncated(path, size)
        report = ReadReport()
        doc = read_document(path, page_limit=page_limit, report=report, reader=reader)
        if ocr != "off":
            _read_by_ocr(path, doc, report, ocr, ocr_settings, on_ocr)
        garbled = garbled_text_reason(doc)
        if garbled and garbled[0] == "failed":
            out = _failed(doc_id, source, name, garbled[1])
            out.document.page_count = doc.page_count
            out.document.sample = is_generated(doc.metadata)
            _note_reader(out.document, report)
            return out
        parsed = transform_document(doc, doc_id, source, name)
        parsed.document.ocr_pages = len(report.ocr_pages)
        parsed.document.sample = is_generated(doc.metadata)
        _note_reader(parsed.document, report)
        _add_problems(parsed, doc, report, garbled, truncated)
    except PdfDamaged as exc:
        log.warning("%s: %s", path, exc, exc_info=exc.__cause__ is not None)
        return _failed(doc_id, source, name, TRUNCATED if truncated else str(exc))
    except PdfUnreadable as exc:
        log.warning("%s: %s", path, exc)
        return _failed(doc_id, source, name, str(exc))
    except MemoryError:
        log.warning("%s: out of memory (cap %s MB)", path, memory_cap_mb)
        return _failed(doc_id, source, name, out_of_memory_sentence(memory_cap_mb))
    except RecursionError:
        log.warning("%s: objects nested too deeply", path, exc_info=True)
        return _failed(doc_id, source, name, "the PDF nests its objects too deeply to be read (a malformed or "
                                             "hostile file); open it by hand, or ask the publisher for a new copy")
    except Exception as exc:  # one bad file must not stop a batch
        if isinstance(root_cause(exc), MemoryError):  # pdfplumber wraps what pdfminer raised
            log.warning("%s: out of memory (cap %s MB)", path, memory_cap_mb)
            return _failed(doc_id, source, name, out_of_memory_sentence(memory_cap_mb))
        log.exception("parsing %s failed", path)
        return _failed(doc_id, source, name,
                       f"the parser failed on this file ({describe(exc)}); it may be damaged — open it in a PDF "
                       f"viewer, and if it looks fine report it with the log")
    parsed.document.ingested_at = datetime.now(timezone.utc)
    return parsed


def _note_reader(row: DocumentRow, report: ReadReport) -> None:
    row.reader = report.reader
    row.reader_fallback_pages = report.pages_read_by_fallback()


def _read_by_ocr(path: str, doc: Document, report: ReadReport, mode: OcrMode, settings, on_ocr) -> None:
    """Replace the pages the text layer cannot give (images without text; with "untrusted", also pages
    whose text layer is flagged) by their OCR reading, recorded in report.ocr_pages."""
    numbers = list(report.image_pages)
    if mode == "untrusted":
        numbers += [p.number for p in doc.pages if p.text_flags and p.number not in numbers]
    if not numbers:
        return
    from extract.ocr import DEFAULT_SETTINGS, OcrUnavailable, ocr_pages

    if on_ocr is not None:
        on_ocr(len(numbers))
    try:
        read = ocr_pages(path, sorted(numbers), settings or DEFAULT_SETTINGS)
    except OcrUnavailable as exc:
        log.warning("%s: %s", path, exc)
        report.ocr_error = str(exc)
        return
    for p in doc.pages:
        if p.text_flags and p.number in read:  # OCR'd instead of a text layer that lies: say so
            read[p.number].text_flags = ("ocr", REPLACED, *read[p.number].text_flags[1:])
    doc.pages[:] = [read.get(p.number, p) for p in doc.pages]
    report.ocr_pages = sorted(read)
    report.image_pages = [n for n in report.image_pages if n not in read]


def _not_a_pdf(head: bytes) -> str:
    low = head.lower()
    if b"<html" in low or b"<!doctype" in low or b"<head" in low or b"<body" in low:
        return ("the file is an HTML page (an error or login page saved as .pdf), not a PDF; check the download "
                "link and download it again")
    if low.lstrip().startswith((b"<?xml", b"{", b"[")):
        return "the file is text data (XML or JSON), not a PDF; check the download link and download it again"
    return ("the file is not a PDF (it has no %PDF header); check the download link and download it again")


def _add_problems(parsed: ParsedDocument, doc, report: ReadReport, garbled, truncated: bool) -> None:
    """What the reader saw below the document level, folded into status and error."""
    row = parsed.document
    if row.status == "skipped":
        return
    if row.status == "failed":
        if report.ocr_error and row.error and "needs OCR" in row.error:
            row.error += f" — {report.ocr_error}"
        if truncated:
            row.error = f"{TRUNCATED} ({row.error})"
        elif report.page_errors and len(report.page_errors) >= doc.page_count:
            row.error = (f"none of the PDF's {doc.page_count} pages could be read ({report.page_errors[0][1]}); "
                         f"the file is damaged — download it again, or open it in a PDF viewer to check")
        elif doc.page_count and sum(p.char_count for p in doc.pages) == 0 and not report.image_pages:
            if report.graphic_pages:
                row.error = ("no text layer — needs OCR (the text is drawn as outlines, not characters)")
            elif not report.page_errors:
                row.error = (f"the PDF's {doc.page_count} page{'s are' if doc.page_count > 1 else ' is'} blank "
                             f"(no text, no images); download it again or check the source")
        if report.page_errors and row.error and "could not be read" not in row.error:
            row.error += "; " + _page_errors_sentence(report)
        return
    first: list[str] = []
    lost_pages = report.declared_pages is not None and report.declared_pages > doc.page_count
    if truncated and (lost_pages or report.page_errors):
        # (A file cut off only in its last few bytes, or with junk after %%EOF, still reads whole.)
        first.append(f"{TRUNCATED}; pages or figures at its end are missing")
    elif lost_pages:
        first.append(f"only {doc.page_count} of the {report.declared_pages} pages the PDF declares could be found; "
                     f"the file is damaged — download it again")
    if report.page_errors:
        first.append(_page_errors_sentence(report))
    if garbled:
        first.append(garbled[1])
    textless = report.image_pages + report.graphic_pages
    if len(textless) >= 2 and len(textless) >= 0.2 * max(doc.page_count, 1):
        first.append(f"pages {_pages(sorted(textless))} have no text layer — they need OCR; figures printed "
                     f"on them are missing" + (f" ({report.ocr_error})" if report.ocr_error else ""))
    if not first:
        return
    problems = first + parsed.problems
    parsed.problems[:] = problems
    row.status = "partial"
    row.error = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")


def _pages(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:8])
    return shown + (f" and {len(numbers) - 8} more" if len(numbers) > 8 else "")


def _page_errors_sentence(report: ReadReport) -> str:
    pages = [n for n, _ in report.page_errors]
    return (f"page{'s' if len(pages) > 1 else ''} {_pages(pages)} could not be read ({report.page_errors[0][1]}); "
            f"figures printed there are missing — open the file in a PDF viewer to check")


def _failed(doc_id: str, source: str, name: str, error: str) -> ParsedDocument:
    return ParsedDocument(document=DocumentRow(doc_id=doc_id, source=source, file_name=name, status="failed",
                                               error=error, ingested_at=datetime.now(timezone.utc)))
