"""The scorer's 'unprinted' figures, each looked at: is the stored figure printed in its own box?

    .venv/bin/python benchmarks/unprinted_check.py WAREHOUSE [--wild ../shared/wild]

../shared/tools/coverage.py counts a stored figure as 'unprinted' when poppler's pdftotext, reading the
whole page, does not print that value on the page. That is a misread of ours, or a figure pdftotext
splits or drops. This script takes each such figure (the scorer's own rules, imported from it) and asks
pdftotext again for the words inside the figure's stored box alone (-bbox, in PDF points): when
that text, whitespace removed, is the stored `amount_printed`, the figure is printed where we say, and
the line says how the page-wide reading split it (a number wrapped over two lines in its cell, digits
letter-spaced, a figure the scorer takes for narrative because a word such as 人 follows it). Anything
else is listed as NOT CONFIRMED, for a person to open. A script that prints findings, never a test.
"""
from __future__ import annotations

import argparse
import collections
import functools
import html
import importlib.util
import re
import subprocess
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]


def _scorer():
    path = ROOT.parent / "shared" / "tools" / "coverage.py"
    spec = importlib.util.spec_from_file_location("coverage_scorer", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@functools.lru_cache(maxsize=8)
def words_of(pdf: Path, page: int) -> tuple[tuple[float, float, float, float, str], ...]:
    """pdftotext's words on `page` with their boxes (PDF points, origin top-left, as the warehouse's)."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, errors="replace", timeout=60).stdout
    return tuple((float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in _WORD.findall(out))


@functools.lru_cache(maxsize=8)
def layout_text(pdf: Path, page: int) -> str:
    """The page as the scorer reads it (pdftotext -layout), once per page."""
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, errors="replace", timeout=60).stdout


def text_in_box(pdf: Path, page: int, box: tuple[float, float, float, float]) -> str:
    """The words whose centre lies in the box, a line per baseline, left to right."""
    x0, top, x1, bottom = box
    inside = sorted((round(w[1]), w[0], w[4]) for w in words_of(pdf, page)
                    if x0 <= (w[0] + w[2]) / 2 <= x1 and top <= (w[1] + w[3]) / 2 <= bottom)
    lines: dict[int, list[str]] = {}
    for y, _, text in inside:
        lines.setdefault(y, []).append(text)
    return "\n".join(" ".join(ws) for _, ws in sorted(lines.items()))


def why(page_text: str, printed: str, boxed: str, scorer) -> str:
    """How the page-wide reading misses a figure its box prints."""
    lines = [ln.strip() for ln in boxed.splitlines() if ln.strip()]
    if len(lines) > 1:
        return f"wrapped over {len(lines)} lines in its cell ({' / '.join(lines)})"
    if re.search(r"\d\s+[.,]?\d", boxed.strip()):
        return f"letter-spaced digits ({boxed.strip()})"
    for m in re.finditer(re.escape(printed), page_text):
        if after := scorer.NARRATIVE_AFTER.match(page_text, m.end()):
            return f"followed by “{after.group(1)}”, which the scorer takes for narrative"
    return "printed in its box; the page-wide reading differs"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("warehouse")
    ap.add_argument("--wild", default=str(ROOT.parent / "shared" / "wild"))
    a = ap.parse_args()
    scorer, wild = _scorer(), Path(a.wild)
    con = duckdb.connect()
    t = lambda n: f"read_parquet('{a.warehouse}/{n}/**/*.parquet', hive_partitioning=true, union_by_name=true)"
    cells = collections.defaultdict(list)
    for name, page, printed, x0, top, x1, bottom in con.execute(
            f"SELECT s.source, c.page, c.amount_printed, c.x0, c.top, c.x1, c.bottom FROM {t('table_cells')} c "
            f"JOIN {t('document_sources')} s USING (doc_id)").fetchall():
        cells[Path(name).name].append((page, printed, (x0, top, x1, bottom)))
    confirmed, doubtful = collections.Counter(), []
    for name in sorted(cells):
        pdf = wild / name
        if not pdf.exists():
            continue
        truth = scorer.printed_amounts(pdf)
        by_page = collections.defaultdict(list)
        for page, printed, box in cells[name]:
            v = scorer.dec(printed)
            if page in truth and v is not None and re.search(r"\d\.\d|\d,\d{3}", printed or ""):
                by_page[page].append((v, printed, box))
        for page, stored in sorted(by_page.items()):
            left = truth[page].copy()
            for v, printed, box in stored:
                if left[v] > 0:
                    left[v] -= 1
                    continue
                boxed = text_in_box(pdf, page, box)
                if re.sub(r"\s", "", boxed) == re.sub(r"\s", "", printed):
                    reason = why(layout_text(pdf, page), printed, boxed, scorer)
                    confirmed[reason.split(" (")[0]] += 1
                    print(f"{name} p.{page}: {printed} — {reason}")
                else:
                    doubtful.append(f"{name} p.{page}: {printed} — NOT CONFIRMED, its box reads “{boxed.strip()}”")
    for line in doubtful:
        print(line)
    total = sum(confirmed.values())
    print(f"\nunprinted by the scorer: {total + len(doubtful)}; printed in their own box: {total} "
          f"({', '.join(f'{k}: {n}' for k, n in confirmed.most_common())}); not confirmed: {len(doubtful)}")


if __name__ == "__main__":
    main()
