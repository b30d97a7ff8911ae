"""Do the two readers give the same filing? (issue 25, item 2)

    .venv/bin/python benchmarks/reader_equality.py [--corpus N] [--workers 2] [--files F ...]

Every real file of ../shared (filings, budgets, wild), and N filings of the generated corpus
(samples/corpus.py, seed 1), parsed with transform.parse.parse_file under `--reader pdfplumber` and
`--reader pdfium`, and compared on what the warehouse stores from them:
- the documents row (status, error, kind, unit, year, pages, ...);
- every row of every other table (line_items, table_cells, statements, narrative_facts, sections, ...),
  as multisets of their columns, positions on the page (floats) left out;
- which pages' text layers are flagged (documents.error names them; compared per page here).
Every difference is printed with the pages it sits on; the cause of each is written in
docs/benchmarks.md ("Two readers"). Exit status 0 when nothing differs. Not a timed test.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ingest_benchmark import machine  # noqa: E402

SHARED = ROOT.parent / "shared"
READERS = ("pdfplumber", "pdfium")


TABLES = ("line_items", "table_cells", "statements", "narrative_facts", "performance_projects",
          "performance_indicators", "sections", "covered_units", "mentions", "narrative_claims")
# Positions on the page (floats) are left out: pdfium's character boxes may differ from pdfminer's by a
# fraction of a point (docs/benchmarks.md); every other column is compared.
_SKIP = {"doc_id", "ingested_at", "source"}


def _row(obj) -> tuple:
    from dataclasses import fields

    return tuple((f.name, _hashable(getattr(obj, f.name))) for f in fields(obj)
                 if f.name not in _SKIP and not isinstance(getattr(obj, f.name), float))


def _hashable(value):
    if isinstance(value, (list, tuple)):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


def summary(path: str, reader: str) -> dict:
    """What one reader makes of one file, as comparable multisets of rows."""
    from extract.reader import ReadReport, read_document
    from transform.parse import parse_file

    parsed = parse_file(path, reader=reader)  # type: ignore[arg-type]
    report = ReadReport()
    try:
        doc = read_document(path, report=report, reader=reader)  # type: ignore[arg-type]
        flags = {p.number: p.text_flags for p in doc.pages if p.text_flags}
    except Exception as exc:  # noqa: BLE001 - an unreadable file: its documents row says why
        flags = {"error": type(exc).__name__}
    out = {t: Counter(_row(r) for r in getattr(parsed, t)) for t in TABLES}
    out.update(document=_row(parsed.document), flags=flags, fallback_pages=report.fallback_pages,
               pages=parsed.document.page_count or 0)
    return out


def compare(path: str) -> dict:
    a, b = (summary(path, r) for r in READERS)
    diffs = []
    if a["document"] != b["document"]:
        diffs.append(("document", sorted(set(a["document"]) - set(b["document"]), key=str),
                      sorted(set(b["document"]) - set(a["document"]), key=str)))
    for key in TABLES:
        only_a, only_b = a[key] - b[key], b[key] - a[key]
        if only_a or only_b:
            diffs.append((key, sorted(only_a.elements(), key=str), sorted(only_b.elements(), key=str)))
    if a["flags"] != b["flags"]:
        diffs.append(("flags", a["flags"], b["flags"]))
    return {"path": path, "pages": a["pages"], "figures": sum(a["line_items"].values()),
            "cells": sum(a["table_cells"].values()), "diffs": diffs, "fallback_pages": b["fallback_pages"]}


def corpus_files(n: int, out: Path) -> list[str]:
    from samples import corpus

    paths = []
    for i in range(n):
        _f, _feat, pdf, _truth = corpus.render_filing(1, i)
        p = out / f"corpus_{i:03d}.pdf"
        p.write_bytes(pdf)
        paths.append(str(p))
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=int, default=30, help="filings of the generated corpus (seed 1)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--files", nargs="*", help="only these files")
    a = ap.parse_args(argv)
    started = datetime.now(timezone.utc)
    with tempfile.TemporaryDirectory() as tmp:
        if a.files:
            files = a.files
        else:
            files = sorted(str(p) for d in ("filings", "budgets", "wild") for p in (SHARED / d).glob("*.pdf"))
            files += corpus_files(a.corpus, Path(tmp))
        with ProcessPoolExecutor(a.workers) as pool:
            results = list(pool.map(compare, files, chunksize=1))
    same = [r for r in results if not r["diffs"]]
    print(f"# reader equality, {started:%Y-%m-%d %H:%M} UTC; {machine()}")
    print(f"{len(results)} files, {sum(r['pages'] for r in results):,} pages, "
          f"{sum(r['figures'] for r in results):,} line items, {sum(r['cells'] for r in results):,} table cells; "
          f"identical: {len(same)}/{len(results)} files; pages pdfium handed to pdfplumber: "
          f"{sum(len(r['fallback_pages']) for r in results)}")
    for r in results:
        if r["fallback_pages"]:
            print(f"  fallback {Path(r['path']).name}: pages {r['fallback_pages']}")
        for key, x, y in r["diffs"]:
            print(f"  DIFF {Path(r['path']).name} {key}:\n    pdfplumber only: {x}\n    pdfium only:     {y}")
    return 0 if len(same) == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
