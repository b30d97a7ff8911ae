"""Accuracy on the generated corpus (issue 10): every filing parsed and compared with its rendered truth.

    .venv/bin/python benchmarks/corpus_accuracy.py [--n 300] [--seed 1] [--workers 2]

Each filing of samples/corpus.py (seed, index) is rendered in memory, parsed with transform.parse.parse_file
and its line items compared with the truth as a multiset of (statement, side, code, item, measure,
amount_yuan, page), as tests/test_corpus.py does for 12 of them: a filing is exact when nothing is missing,
nothing extra and its status is `ok`. Printed by the layout features the rule-less reader has to meet
(rules, titles, currency, negatives, 行次/栏次, 三公 order, economic-class groups), with the figures
missing and extra (wrong figures count in both). A script that prints figures, never a timed test.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ingest_benchmark import machine  # noqa: E402

FEATURES = ("rules", "titles", "currency", "negatives", "row_numbers", "three_public_order", "econ_groups")


def check(seed: int, index: int) -> dict:
    """One filing: its features, figures in the truth, missing, extra, status."""
    from samples import corpus
    from transform.parse import parse_file

    _f, feat, pdf, truth = corpus.render_filing(seed, index)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "f.pdf"
        path.write_bytes(pdf)
        t0 = time.perf_counter()
        parsed = parse_file(str(path))
        seconds = time.perf_counter() - t0
    got, want = corpus.figure_counts(parsed.line_items, truth)
    return {"index": index, "features": {k: feat.get(k) for k in FEATURES}, "figures": sum(want.values()),
            "missing": sum((want - got).values()), "extra": sum((got - want).values()),
            "status": parsed.document.status, "error": parsed.document.error, "seconds": seconds,
            "pages": truth["document"]["page_count"]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args(argv)
    started = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    with ProcessPoolExecutor(a.workers) as pool:
        results = list(pool.map(check, [a.seed] * a.n, range(a.n), chunksize=4))
    wall = time.perf_counter() - t0
    exact = [r for r in results if not r["missing"] and not r["extra"] and r["status"] == "ok"]
    print(f"# corpus accuracy, seed {a.seed}, {a.n} filings, {started:%Y-%m-%d %H:%M} UTC; {machine()}")
    print(f"exact: {len(exact)}/{len(results)} filings; figures {sum(r['figures'] for r in results):,}, "
          f"missing {sum(r['missing'] for r in results)}, extra {sum(r['extra'] for r in results)}; "
          f"{sum(r['pages'] for r in results):,} pages in {wall:.0f} s with {a.workers} workers")
    for name in FEATURES:
        by: dict[str, list[dict]] = defaultdict(list)
        for r in results:
            by[str(r["features"][name])].append(r)
        cells = ", ".join(f"{v} {sum(1 for r in rs if r in exact)}/{len(rs)}" for v, rs in sorted(by.items()))
        print(f"  {name}: {cells}")
    for r in results:
        if r not in exact:
            print(f"  not exact: #{r['index']} {r['features']} missing {r['missing']} extra {r['extra']} "
                  f"{r['status']}: {(r['error'] or '')[:200]}")
    return 0 if len(exact) == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
