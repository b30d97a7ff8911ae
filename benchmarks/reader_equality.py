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
import os
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
_SKIP = {"doc_id", "ingested_at", "source", "reader", "reader_fallback_pages"}  # which reader read it: by design not the same


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
    """What one reader makes of one file, as comparable multisets of rows. OCR is off: it reads the
    same images under either reader, and what is compared is the text layer's reading."""
    import transform.parse as parse

    seen: dict = {}
    read = parse.read_document

    def spy(path, *args, **kwargs):  # the document model parse_file builds, to compare pages' flags
        seen["doc"] = read(path, *args, **kwargs)
        seen["report"] = kwargs.get("report")
        return seen["doc"]

    parse.read_document = spy  # type: ignore[assignment]
    try:
        parsed = parse.parse_file(path, reader=reader, ocr="off")  # type: ignore[arg-type]
    finally:
        parse.read_document = read  # type: ignore[assignment]
    doc, report = seen.get("doc"), seen.get("report")
    out = {t: Counter(_row(r) for r in getattr(parsed, t)) for t in TABLES}
    out.update(document=_row(parsed.document), pages=parsed.document.page_count or 0,
               flags={p.number: p.text_flags for p in doc.pages if p.text_flags} if doc else {},
               fallback_pages=list(report.fallback_pages) if report else [])
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
            files = sorted(str(p) for d in ("wild", "filings", "budgets") for p in (SHARED / d).glob("*.pdf"))
            files += corpus_files(a.corpus, Path(tmp))
        print(f"# reader equality, {started:%Y-%m-%d %H:%M} UTC; {machine()}; load "
              f"{os.getloadavg()[0]:.2f}", flush=True)
        results = []
        with ProcessPoolExecutor(a.workers) as pool:
            for r in pool.map(compare, files, chunksize=1):  # printed as they come: a long run shows its way
                results.append(r)
                name = Path(r["path"]).name
                print(f"{'same' if not r['diffs'] else 'DIFF'} {name}: {r['pages']} pages, {r['figures']} line items, "
                      f"{r['cells']} table cells" + (f"; pdfplumber read pages {r['fallback_pages']}"
                                                     if r["fallback_pages"] else ""), flush=True)
                for key, x, y in r["diffs"]:
                    print(f"  {key}:\n    pdfplumber only: {x}\n    pdfium only:     {y}", flush=True)
    same = [r for r in results if not r["diffs"]]
    print(f"{len(results)} files, {sum(r['pages'] for r in results):,} pages, "
          f"{sum(r['figures'] for r in results):,} line items, {sum(r['cells'] for r in results):,} table cells; "
          f"identical: {len(same)}/{len(results)} files; pages pdfium handed to pdfplumber: "
          f"{sum(len(r['fallback_pages']) for r in results)}")
    return 0 if len(same) == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
