"""The quality report at 1,000 documents (issue 13, item 7): how long it takes to write, how big its
pages are, and what its pictures cost.

    .venv/bin/python benchmarks/report_benchmark.py [--docs 1000] [--out /tmp/juesuan-report]

1. Bases: the sample filings of samples.generate with every planted error (figures and review rules:
   each variant fails one check), the consistent samples and the two real final accounts in
   ../shared/filings; each parsed once with transform.parse.parse_file.
2. Document i is base i mod len(bases), its PDF copied with a comment line appended after %%EOF (a
   reader ignores it) so that it has bytes of its own: its doc_id is their SHA-256, as ingest would
   give it, and the report finds the PDF to crop by that hash.
3. validate_batch over all documents' rows at once (statements, mentions, narrative claims and
   performance tables included), timed.
4. write_report twice into one folder: cold (every crop rendered with pypdfium2) and warm (the crops
   exist; the HTML is written again). Printed: the time of each, the index pages and their largest size,
   the document pages (count, largest), the crops (count, total size).

A script, not a test: its figures depend on the machine.
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.validate_benchmark import machine_facts  # noqa: E402 - after the path is set

TABLES = ("line_items", "narrative_facts", "statements", "mentions", "narrative_claims", "performance_projects")
REAL = ROOT.parent / "shared" / "filings"


def bases(work: Path) -> list[tuple[Path, object]]:
    from samples.generate import generate
    from samples.plant import KINDS
    from transform.parse import parse_file

    generate(str(work / "bases"), plant=list(KINDS))
    paths = sorted((work / "bases").glob("*.pdf")) + sorted(p for p in REAL.glob("*.pdf") if "模板" not in p.name)
    out = []
    for p in paths:
        parsed = parse_file(str(p))
        if parsed.line_items:  # the template has no figures to check
            out.append((p, parsed))
    return out


def build(work: Path, base: list[tuple[Path, object]], n: int):
    import pandas as pd

    frames: dict[str, list] = {t: [] for t in (*TABLES, "documents")}
    sources: dict[str, list[str]] = {}
    pdfs = work / "pdfs"
    pdfs.mkdir(parents=True, exist_ok=True)
    rows = {id(p): {t: pd.DataFrame([dataclasses.asdict(x) for x in getattr(p, t)]) for t in TABLES}
            for _path, p in base}
    for i in range(n):
        path, parsed = base[i % len(base)]
        data = path.read_bytes() + f"\n% juesuan report benchmark copy {i}\n".encode()
        doc_id = hashlib.sha256(data).hexdigest()
        target = pdfs / f"{i:04d}_{path.name}"
        target.write_bytes(data)
        sources[doc_id] = [str(target)]
        doc = dataclasses.asdict(parsed.document) | {"doc_id": doc_id, "source": str(target),
                                                       "file_name": target.name}
        frames["documents"].append(pd.DataFrame([doc]))
        for t in TABLES:
            if len(rows[id(parsed)][t]):
                frames[t].append(rows[id(parsed)][t].assign(doc_id=doc_id))
    return {t: pd.concat(v, ignore_index=True) for t, v in frames.items()}, sources


def folder_size(path: Path, pattern: str) -> tuple[int, int, int]:
    """(files, total bytes, largest file's bytes)"""
    sizes = [p.stat().st_size for p in path.glob(pattern) if p.is_file()]
    return len(sizes), sum(sizes), max(sizes, default=0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--out", default="/tmp/juesuan-report")
    args = ap.parse_args(argv)
    work = Path(args.out)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    print("== machine")
    for line in machine_facts():
        print("  " + line)

    t0 = time.perf_counter()
    base = bases(work)
    t_parse = time.perf_counter() - t0
    tables, sources = build(work, base, args.docs)
    print(f"== {args.docs} documents from {len(base)} bases (parsed in {t_parse:.1f} s); "
          f"{len(tables['line_items']):,} line items")

    from expectations import validate_batch, write_report

    t1 = time.perf_counter()
    results = validate_batch(tables["line_items"], tables["documents"], tables["narrative_facts"],
                             statements=tables["statements"], mentions=tables["mentions"],
                             narrative_claims=tables["narrative_claims"],
                             performance_projects=tables["performance_projects"])
    t_validate = time.perf_counter() - t1
    failed = results[~results["success"].astype(bool)]
    print(f"validate_batch:  {t_validate:.1f} s; {len(results):,} checks, {len(failed):,} failed in "
          f"{failed['doc_id'].nunique():,} documents")

    report = work / "report_out" / "quality_report.html"
    for label in ("cold", "warm"):
        t2 = time.perf_counter()
        stats = write_report(results, tables["documents"], str(report), sources=sources)
        print(f"write_report ({label}): {time.perf_counter() - t2:.1f} s; {stats}")
    index = folder_size(report.parent, "quality_report*.html")
    pages = folder_size(report.parent / "report", "*.html")
    crops = folder_size(report.parent / "evidence", "*/*.png")
    print(f"index pages:     {index[0]}, largest {index[2] / 1024:.0f} KB")
    print(f"document pages:  {pages[0]}, {pages[1] / 1024 / 1024:.1f} MB in all, largest {pages[2] / 1024:.0f} KB")
    print(f"crops:           {crops[0]}, {crops[1] / 1024 / 1024:.1f} MB in all, largest {crops[2] / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
