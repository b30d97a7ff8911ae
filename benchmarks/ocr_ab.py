"""Two OCR settings on the same pages in one process (issue 25): on a shared machine the load changes
between runs and inflates CPU seconds, so each page is read with the old settings and the new in turn
(alternating which goes first), and their CPU seconds and words compared page by page.

    .venv/bin/python benchmarks/ocr_ab.py [--old fused_models=False] [--new ''] [--every 1] [--out /tmp/juesuan-ocr-ab]

Inputs: the two real filings of ../shared/filings scanned plainly (every page an image at 150 dpi, no text
layer: samples.scans.PLAIN), as benchmarks/ocr_benchmark.py scans them. `--old` / `--new`: OcrSettings
fields, `name=value` separated by commas. Prints, per page, CPU seconds old and new and whether the words
read (text and box) are the same; then the totals. A script that prints figures, never a timed test.
"""
from __future__ import annotations

import argparse
import ast
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REAL = {"putuo_finance_2024": "上海市普陀区财政局2024年度部门决算.pdf",
        "putuo_social_work_2024": "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"}


def settings(spec: str):
    from extract.ocr import OcrSettings

    fields = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, _, value = part.partition("=")
        fields[name.strip()] = ast.literal_eval(value.strip())
    return OcrSettings(**fields)


def main(argv=None) -> None:
    import pypdfium2 as pdfium

    from extract.ocr import _ocr_pdf_page, engine
    from samples import scans

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", default="fused_models=False")
    ap.add_argument("--new", default="")
    ap.add_argument("--every", type=int, default=1, help="every n-th page only")
    ap.add_argument("--out", default="/tmp/juesuan-ocr-ab")
    args = ap.parse_args(argv)
    old, new = settings(args.old), settings(args.new)
    print(f"old: {old}\nnew: {new}\nload {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    engine()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    total = {"old": 0.0, "new": 0.0, "pages": 0, "same": 0}
    for name, file in REAL.items():
        scanned = out / f"{name}.pdf"
        if not scanned.exists():
            scanned.write_bytes(scans.scan((ROOT.parent / "shared" / "filings" / file).read_bytes(), scans.PLAIN))
        doc = pdfium.PdfDocument(str(scanned))
        sums = {"old": 0.0, "new": 0.0, "pages": 0, "same": 0}
        for i in range(0, len(doc), args.every):
            cpu, words = {}, {}
            for label in (("old", "new") if i % 2 else ("new", "old")):
                t = time.process_time()
                page = _ocr_pdf_page(doc[i], i + 1, old if label == "old" else new)
                cpu[label] = time.process_time() - t
                words[label] = [(w.text, round(w.x0, 1), round(w.top, 1), round(w.x1, 1), round(w.bottom, 1))
                                for w in page.words]
            same = words["old"] == words["new"]
            for k in ("old", "new"):
                sums[k] += cpu[k]
            sums["pages"] += 1
            sums["same"] += same
            diff = "" if same else f"  differs: {sorted(set(words['old']) ^ set(words['new']))[:6]}"
            print(f"{name} p.{i + 1}: old {cpu['old']:.2f} new {cpu['new']:.2f} CPU s{diff}", flush=True)
        doc.close()
        print(f"{name}: {sums['pages']} pages, old {sums['old'] / sums['pages']:.2f} new "
              f"{sums['new'] / sums['pages']:.2f} CPU s a page, words the same on {sums['same']}", flush=True)
        for k in total:
            total[k] += sums[k]
    n = max(total["pages"], 1)
    print(f"all: {total['pages']} pages, old {total['old'] / n:.2f} new {total['new'] / n:.2f} CPU s a page "
          f"({total['old'] / max(total['new'], 1e-9):.2f}×), words the same on {total['same']}; "
          f"load {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
