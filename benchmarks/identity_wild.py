"""Who filed it, for which year, which kind (issue 24): identity on the 107 real files of ../shared/wild.

    .venv/bin/python benchmarks/identity_wild.py [--wild ../shared/wild] [--cache /tmp/juesuan-identity-wild]
                                                  [--workers 2] [--json OUT]

Each file's document model (its first transform.identity.IDENTITY_PAGES pages: identity never reads
further) is read once and pickled in the cache, so a run after an identity change takes seconds. The
identity is compared with MANIFEST.tsv by the rules of ../shared/tools/coverage.py: kind right when the
manifest's kind is budget/final and equal (any kind for "other"); unit right when same_unit() (brackets
and spaces ignored, 中国共产党 = 中共), year right when equal; a tables-only part (附件2) is right with
NULL unit and year too. A wrong name is a stored name that is not the manifest's: worse than none.
Prints per-city counts and every miss. A script that prints figures, never a timed test.
"""
from __future__ import annotations

import argparse
import collections
import json
import pickle
import re
import sys
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from transform.identity import IDENTITY_PAGES, identify  # noqa: E402


def same_unit(a, b) -> bool:
    """../shared/tools/coverage.py's rule, copied: the benchmark must judge as the coverage tool does."""
    def norm(s):
        return re.sub(r"[（(][^）)]*[)）]|\s", "", str(s or "")).replace("中国共产党", "中共")
    return bool(norm(a)) and norm(a) == norm(b)


def _read(args: tuple[str, str]) -> tuple[str, float]:
    pdf, cached = args
    if Path(cached).exists():
        return pdf, 0.0
    from extract import read_document

    t = time.perf_counter()
    doc = read_document(pdf, max_pages=IDENTITY_PAGES)
    with open(cached, "wb") as f:
        pickle.dump(doc, f)
    return pdf, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wild", default=str(ROOT.parent / "shared" / "wild"))
    ap.add_argument("--cache", default="/tmp/juesuan-identity-wild")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json")
    a = ap.parse_args()
    wild, cache = Path(a.wild), Path(a.cache)
    cache.mkdir(parents=True, exist_ok=True)
    rows = [ln.rstrip("\n").split("\t") for ln in open(wild / "MANIFEST.tsv", encoding="utf-8")]
    meta = [dict(zip(rows[0], r)) for r in rows[1:]]
    jobs = [(str(wild / m["file"]), str(cache / (m["file"] + f".{IDENTITY_PAGES}.pkl"))) for m in meta]
    t0 = time.perf_counter()
    with Pool(a.workers) as pool:
        read_s = sum(s for _, s in pool.imap_unordered(_read, jobs))
    t1 = time.perf_counter()
    groups: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    misses, out = [], []
    for m, (_, cached) in zip(meta, jobs):
        with open(cached, "rb") as f:
            doc = pickle.load(f)
        i = identify(doc)
        tables = m["part"] == "tables"
        want_kind = {"final": "final_accounts", "budget": "budget"}.get(m["kind"], "")
        kind_ok = not want_kind or i.doc_kind == want_kind
        unit_ok = same_unit(i.unit_name, m["unit"]) or (tables and not i.unit_name)
        year_ok = str(i.fiscal_year) == m["year"] or (tables and i.fiscal_year is None)
        wrong = bool(i.unit_name) and not same_unit(i.unit_name, m["unit"])
        no_name = not i.unit_name and not tables
        g = groups[m["city"]]
        g["files"] += 1
        g["kind"] += kind_ok
        g["unit"] += unit_ok
        g["year"] += year_ok
        g["wrong"] += wrong
        g["no_name"] += no_name
        ev = getattr(i, "evidence", None)
        rec = dict(file=m["file"], city=m["city"], part=m["part"], want=(m["kind"], m["unit"], m["year"]),
                   got=(i.doc_kind, i.unit_name, i.fiscal_year, i.source), kind_ok=kind_ok, unit_ok=unit_ok,
                   year_ok=year_ok, wrong=wrong, evidence=repr(ev) if ev else None)
        out.append(rec)
        if not (kind_ok and unit_ok and year_ok):
            misses.append(rec)
    t2 = time.perf_counter()
    for r in misses:
        print(f"MISS {r['file']} ({r['city']}, {r['part']}): want {r['want']}, got {r['got']}"
              f"{' WRONG NAME' if r['wrong'] else ''}")
    tot: collections.Counter = collections.Counter()
    print("\ncity: files, kind right, unit right, year right, wrong names, no name (files that print one)")
    for city, g in sorted(groups.items(), key=lambda kv: -kv[1]["files"]):
        tot.update(g)
        print(f"  {city}: {g['files']}, kind {g['kind']}, unit {g['unit']}, year {g['year']}, wrong {g['wrong']}, "
              f"no name {g['no_name']}")
    print(f"all: {tot['files']} files, kind {tot['kind']}, unit {tot['unit']}, year {tot['year']}, "
          f"wrong {tot['wrong']}, no name {tot['no_name']}")
    print(f"read {t1 - t0:.1f} s ({read_s:.1f} s of reading in workers, first {IDENTITY_PAGES} pages), "
          f"identity {t2 - t1:.1f} s")
    if a.json:
        json.dump(out, open(a.json, "w"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
