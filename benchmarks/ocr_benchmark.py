"""OCR benchmark (issue 15): scanned filings, read by OCR, against their truth and against the text layer.

    .venv/bin/python benchmarks/ocr_benchmark.py [--generated 12] [--seed 7] [--out /tmp/juesuan-ocr]

Inputs: the two real filings of ../shared/filings scanned plainly (every page an image at 150 dpi, no
text layer: samples.scans.PLAIN) and `--generated` corpus filings scanned with the looks of
samples/scans.py (150–200 dpi, turned up to 0.8°, noise, dust). Each file is parsed with
transform.parse.parse_file in one process on one core (the engine on one thread, as in a worker).

It prints, per file and in all: OCR pages, seconds per OCR page (wall and CPU), table figures stored and
exact / in the truth, stored but wrong (must be 0), left out; for the real filings the same against
their hand-typed figures (tests/expected/); the same filings read from their text layer and by a bare
pdfplumber pass (extract_words) for the ratios; 社会工作部 with a lying text layer read with `--ocr
untrusted` (its twelve table pages OCR'd); and what a national year costs (6 M pages, 10 % of them
scanned, on 32 cores). A script that prints figures, never a timed test.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ingest_benchmark import machine  # noqa: E402

WAN = Decimal(10000)
NATIONAL_PAGES = 6_000_000
SCANNED_SHARE = 0.10
CORES = 32


def _timed(fn, *args, **kw):
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn(*args, **kw)
    return out, time.perf_counter() - wall, time.process_time() - cpu


def _load() -> str:
    """The machine's load averages (1, 5, 15 min): CPU seconds a page grow on a loaded machine."""
    import os

    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _bare(path: str) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()


def _key(st, side, code, measure, yuan, page):
    return st, side, code, measure, yuan, page


def _real_truth(name: str) -> Counter:
    import importlib

    mod = importlib.import_module(f"tests.expected.{name}")
    return Counter(_key(st, side, code, m, (Decimal(p or "0") * WAN).quantize(Decimal("0.01")), page)
                   for st, side, code, _item, m, p, page in mod.ROWS)


def _truth(path: Path) -> Counter:
    t = json.loads(path.with_name(path.name.replace(".pdf", ".truth.json")).read_text(encoding="utf-8"))
    return Counter(_key(r["statement"], r["side"], r["code"], r["measure"], Decimal(r["amount_yuan"]), r["page"])
                   for r in t["line_items"])


def _score(parsed, want: Counter) -> dict:
    got = Counter(_key(li.statement, li.side, li.code, li.measure, li.amount_yuan, li.page) for li in parsed.line_items)
    return {"truth": sum(want.values()), "exact": sum((want & got).values()), "wrong": sum((got - want).values()),
            "unverified": sum(1 for li in parsed.line_items if li.verified is False)}


def _untrusted(out: Path, file: str) -> None:
    """社会工作部 with a text layer that lies on its table pages (tests/transform/test_untrusted_text_layer.py,
    which reads three of the twelve pages in the suite), read with `--ocr untrusted`: all twelve OCR'd."""
    from tests.transform.test_untrusted_text_layer import TABLE_PAGES, make_damaged
    from transform.parse import parse_file

    (out / "untrusted").mkdir(parents=True, exist_ok=True)
    damaged = make_damaged(ROOT.parent / "shared" / "filings" / file, out / "untrusted")
    parsed, wall, cpu = _timed(parse_file, str(damaged), ocr="untrusted")
    want = Counter({k: n for k, n in _real_truth("putuo_social_work_2024").items() if k[-1] in TABLE_PAGES})
    s = _score(parsed, want)
    print(f"real putuo_social_work_2024, text layer lying on p.{TABLE_PAGES[0]}–{TABLE_PAGES[-1]}, --ocr untrusted: "
          f"{parsed.document.ocr_pages} OCR pages, {wall:.1f} s wall ({cpu:.1f} CPU), {s['exact']}/{s['truth']} "
          f"exact, {s['wrong']} wrong, {s['unverified']} stored unverified; {parsed.document.status}", flush=True)


def main(argv=None) -> None:
    from samples import scans
    from transform.parse import parse_file

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--generated", type=int, default=12, help="generated corpus filings to scan (default 12)")
    ap.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    ap.add_argument("--out", default="/tmp/juesuan-ocr")
    ap.add_argument("--dpi", type=int, help="OcrSettings.dpi (default: the settings' own)")
    ap.add_argument("--det-max-side", type=int, help="OcrSettings.det_max_side (default: the settings' own)")
    ap.add_argument("--rec-min-width", type=int, help="OcrSettings.rec_min_width (default: the settings' own)")
    ap.add_argument("--shipped-models", action="store_true",
                    help="OcrSettings.fused_models off: the wheel's models as shipped (extract/ocr_model.py)")
    args = ap.parse_args(argv)
    from extract.ocr import OcrSettings

    chosen = {k: v for k, v in (("dpi", args.dpi), ("det_max_side", args.det_max_side),
                                ("rec_min_width", args.rec_min_width),
                                ("fused_models", False if args.shipped_models else None)) if v is not None}
    settings = OcrSettings(**chosen)
    print(f"OCR settings: {settings}; load average {_load()}", flush=True)
    out = Path(args.out)
    (out / "real").mkdir(parents=True, exist_ok=True)
    real = {"putuo_finance_2024": "上海市普陀区财政局2024年度部门决算.pdf",
            "putuo_social_work_2024": "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"}
    files: list[tuple[str, Path, Path | None, Counter]] = []  # (label, scan, text original, truth)
    for name, file in real.items():
        original = ROOT.parent / "shared" / "filings" / file
        scanned = out / "real" / f"{name}.pdf"
        scanned.write_bytes(scans.scan(original.read_bytes(), scans.PLAIN))
        files.append((f"real {name}", scanned, original, _real_truth(name)))
    for path in scans.write(out / "generated", args.generated, args.seed):
        files.append((f"generated {path.stem}", path, None, _truth(path)))

    rows, totals = [], Counter()
    for label, path, original, want in files:
        parsed, wall, cpu = _timed(parse_file, str(path), ocr_settings=settings)
        pages = parsed.document.ocr_pages
        s = _score(parsed, want)
        row = {"file": label, "pages": pages, "wall": wall, "cpu": cpu, **s, "status": parsed.document.status}
        if original is not None:
            text, row["text_wall"], _ = _timed(parse_file, str(original))
            _, row["bare_wall"], _ = _timed(_bare, str(original))
        rows.append(row)
        for k in ("pages", "wall", "cpu", "truth", "exact", "wrong", "unverified"):
            totals[k] += row[k]
        print(f"{label}: {pages} OCR pages, {wall / max(pages, 1):.2f} s/page wall ({cpu / max(pages, 1):.2f} CPU), "
              f"{s['exact']}/{s['truth']} exact ({100 * s['exact'] / max(s['truth'], 1):.1f} %), {s['wrong']} wrong, "
              f"{s['unverified']} stored unverified; {parsed.document.status}; load {_load()}", flush=True)

    _untrusted(out, real["putuo_social_work_2024"])
    per_page = totals["cpu"] / max(totals["pages"], 1)
    print(f"\n## OCR ({datetime.now(timezone.utc):%Y-%m-%d}, {machine()})\n")
    print("| file | OCR pages | s/page (wall) | exact / truth | wrong | unverified | status |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in rows:
        print(f"| {r['file']} | {r['pages']} | {r['wall'] / max(r['pages'], 1):.2f} | {r['exact']}/{r['truth']} "
              f"({100 * r['exact'] / max(r['truth'], 1):.1f} %) | {r['wrong']} | {r['unverified']} | {r['status']} |")
    print(f"| **all** | {totals['pages']} | {totals['wall'] / max(totals['pages'], 1):.2f} | "
          f"{totals['exact']}/{totals['truth']} ({100 * totals['exact'] / max(totals['truth'], 1):.1f} %) | "
          f"{totals['wrong']} | {totals['unverified']} | |")
    real_rows = [r for r in rows if "text_wall" in r]
    text_s = sum(r["text_wall"] for r in real_rows) / sum(r["pages"] for r in real_rows)
    bare_s = sum(r["bare_wall"] for r in real_rows) / sum(r["pages"] for r in real_rows)
    ocr_s = sum(r["wall"] for r in real_rows) / sum(r["pages"] for r in real_rows)
    print(f"\nOCR: {1 / per_page:.2f} pages/s per core ({per_page:.2f} CPU s a page). The real filings: "
          f"{ocr_s:.2f} s a scanned page against {text_s:.3f} s read from the text layer "
          f"({ocr_s / text_s:.0f}×) and {bare_s:.3f} s for a bare pdfplumber pass ({ocr_s / bare_s:.0f}×).")
    ocr_hours = NATIONAL_PAGES * SCANNED_SHARE * per_page / CORES / 3600
    text_hours = NATIONAL_PAGES * (1 - SCANNED_SHARE) * text_s / CORES / 3600
    print(f"A national year ({NATIONAL_PAGES:,} pages, {SCANNED_SHARE:.0%} scanned) on {CORES} cores: OCR "
          f"{ocr_hours:.1f} h + text layer {text_hours:.1f} h; OCR is {ocr_hours / (ocr_hours + text_hours):.0%} "
          f"of the ingest time.")


if __name__ == "__main__":
    main()
