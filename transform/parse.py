"""One file in, the contract rows of one filing out — whatever the file holds.

This is what a worker runs per document. It never raises for bad input: a file that cannot be read
becomes a `documents` row with status `failed` and a sentence a person can act on; the detail goes
to the log, not the console.
"""
from __future__ import annotations

import hashlib
import logging
import os
from datetime import datetime, timezone

from extract import PdfUnreadable, read_document
from transform.document import transform_document
from transform.rows import DocumentRow, ParsedDocument

log = logging.getLogger("juesuan.parse")


def sha256_of(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def parse_file(path: str, source: str | None = None, doc_id: str | None = None) -> ParsedDocument:
    source = source or str(path)
    name = os.path.basename(str(path))
    doc_id = doc_id or sha256_of(path)
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
        if not head:
            return _failed(doc_id, source, name, "the file is empty (0 bytes); download it again")
        if b"%PDF" not in head:
            kind = "an HTML page" if b"<html" in head.lower() or b"<!doctype" in head.lower() else "not a PDF"
            return _failed(doc_id, source, name, f"the file is {kind}, not a PDF; check the download link")
        doc = read_document(path)
        parsed = transform_document(doc, doc_id, source, name)
    except PdfUnreadable as exc:
        return _failed(doc_id, source, name, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop a batch
        log.exception("parsing %s failed", path)
        return _failed(doc_id, source, name,
                       f"the parser failed on this file ({type(exc).__name__}: {exc}); see the log for details")
    parsed.document.ingested_at = datetime.now(timezone.utc)
    return parsed


def _failed(doc_id: str, source: str, name: str, error: str) -> ParsedDocument:
    return ParsedDocument(document=DocumentRow(doc_id=doc_id, source=source, file_name=name, status="failed",
                                               error=error, ingested_at=datetime.now(timezone.utc)))
