"""How much of what real filings from six cities print the warehouse holds (issue 23), and at what pace.

    .venv/bin/python benchmarks/wild_coverage.py [--wild ../shared/wild] [--out /tmp/juesuan-wild] [--workers 2]

One run: a bare pdfplumber `extract_words` pass over every file of ../shared/wild, then `juesuan ingest`
of the same files (checks on, the user's command) with the same number of processes, then the shared
scorer (../shared/tools/coverage.py, poppler's pdftotext as the truth: every amount printed with decimals
or thousands separators on a page that states its 单位) by city. Prints pages/s of both passes and their
ratio, then the scorer's lines by city and overall; --md writes the table for docs/benchmarks.md.
A script that prints figures, never a timed test.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest_benchmark import bare_pass, machine, run_ingest

ROOT = Path(__file__).resolve().parents[1]
_CITY = re.compile(r"^  (\S+): (\d+) files, (\d+) ok, kind (\d+), year (\d+), unit (\d+); amounts (\d+)/(\d+) "
                   r"\(([\d.]+) %\), (\d+) files with none found, (\d+) unprinted")


def _manifest(wild: Path, path: Path) -> Path:
    """A manifest CSV of every file, with unit_name and fiscal_year hints for the tables-only parts: they
    print neither, and the crawler that found them knows the package they belong to (MANIFEST.tsv)."""
    import csv

    rows = list(csv.DictReader(open(wild / "MANIFEST.tsv", encoding="utf-8"), delimiter="\t"))
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["path", "unit_name", "fiscal_year"])
        for r in rows:
            named = r["part"] == "tables"
            w.writerow([str(wild / r["file"]), r["unit"] if named else "", r["year"] if named else ""])
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--wild", default=str(ROOT.parent / "shared" / "wild"))
    ap.add_argument("--out", default="/tmp/juesuan-wild")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-validate", action="store_true")
    ap.add_argument("--md", help="write the city table (markdown) here")
    ap.add_argument("--hints", action="store_true",
                    help="ingest through a manifest that names the tables-only parts (附件2), as a crawler knows them")
    a = ap.parse_args()
    wild, out = Path(a.wild), Path(a.out)
    files = sorted(str(p) for p in wild.glob("*.pdf"))
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    bare_s, pages = bare_pass(files, a.workers)
    print(f"bare pdfplumber pass: {len(files)} files, {pages} pages in {bare_s:.1f} s ({pages / bare_s:.1f} pages/s)")
    manifest = _manifest(wild, out / "manifest.csv") if a.hints else None
    args = [*([str(manifest)] if manifest else files), "--warehouse", str(out / "wh"), "--workers", str(a.workers),
            "--time-limit", "900", "--quiet"]
    wall, pss, rss, last = run_ingest(args + (["--no-validate"] if a.no_validate else []))
    print(f"juesuan ingest{' --no-validate' if a.no_validate else ''}: {wall:.1f} s ({pages / wall:.1f} pages/s), "
          f"{wall / bare_s:.2f}× the bare pass; peak PSS {pss / 2**30:.2f} GiB (RSS {rss / 2**30:.2f}); {last}")
    score = subprocess.run([sys.executable, str(ROOT.parent / "shared" / "tools" / "coverage.py"), str(out / "wh"),
                            str(wild), str(wild / "MANIFEST.tsv"), "--by", "city",
                            "--json", str(out / "coverage.json")], capture_output=True, text=True, cwd=ROOT)
    tail = score.stdout[score.stdout.index("\nby city:"):] if "\nby city:" in score.stdout else score.stdout
    print(tail.strip())
    if score.returncode:
        print(score.stderr, file=sys.stderr)
    if a.md:
        rows = [m.groups() for ln in tail.splitlines() if (m := _CITY.match(ln))]
        lines = [f"Measured {datetime.now(timezone.utc):%Y-%m-%d} on {machine()}, {a.workers} workers: "
                 f"{len(files)} files, {pages} pages; ingest {pages / wall:.1f} pages/s, {wall / bare_s:.2f}× a bare "
                 f"pdfplumber pass ({pages / bare_s:.1f} pages/s) in the same run.", "",
                 "| city | files | ok | kind right | year right | unit right | amounts stored / printed | % "
                 "| files with none | unprinted |", "|---|---|---|---|---|---|---|---|---|---|"]
        lines += [f"| {c} | {f} | {ok} | {k} | {y} | {u} | {fo:,} / {pr:,} | {pct} | {z} | {un} |"
                  for c, f, ok, k, y, u, fo, pr, pct, z, un in
                  ((r[0], *r[1:6], int(r[6]), int(r[7]), *r[8:]) for r in rows)]
        lines += ["", tail.strip().splitlines()[-1]]
        Path(a.md).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
