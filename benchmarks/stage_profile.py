"""Where an ingest's time goes, stage by stage (issue 25, item 3).

    .venv/bin/python benchmarks/stage_profile.py [--reader pdfium] [--wild 20] [--out /tmp/juesuan-stages]

One process, one core, no Prefect or Dask: the pipeline's own steps in the order `juesuan ingest` runs
them — each file parsed (`transform.parse.parse_file`), the batch checked (`flows.validate.check_batch`)
and committed (`Warehouse.write_batch`, as flows.ingest._commit does), then the quality report written
(`flows.validate.write_report_of`) — with the functions behind each stage wrapped by a timer. A stage's
time is exclusive (CPU seconds, `time.process_time`): time spent in a stage called from inside another
is counted once, in the inner one. Beside them, a bare pdfplumber `extract_words` pass over the same
files in the same process, the benchmark's yardstick.

Files: ../shared/filings and ../shared/budgets, and `--wild N` files of ../shared/wild (every 107/N-th in
name order, so each city is in). A script that prints figures, never a timed test.
"""
from __future__ import annotations

import argparse
import importlib
import inspect
import shutil
import sys
import time
from collections import defaultdict
from functools import cached_property
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.ingest_benchmark import _bare_one, machine  # noqa: E402

# stage → the functions whose time is that stage's, as "module:attribute" (patched where they are looked up)
STAGES: dict[str, list[str]] = {
    "open": ["pypdfium2._helpers.document:PdfDocument.__init__", "pypdfium2._helpers.document:PdfDocument.get_page",
             "extract.reader:_open", "extract.chars:LeanPage.__init__"],
    "characters": ["extract.pdfium_page:PdfiumPage.chars", "extract.chars:LeanPage.chars"],
    "fonts (text-layer trust)": ["extract.pdfium_fonts:PageFonts.advance", "extract.pdfium_fonts:PageFonts.__init__"],
    "rules": ["extract.pdfium_page:PdfiumPage._graphics", "extract.pdfium_page:PdfiumPage.edges",
              "extract.chars:LeanPage.edges"],
    "tables": ["extract.reader:find_tables", "extract.reader:find_text_tables"],
    "lines": ["extract.reader:group_lines", "extract.reader:lines_of"],
    "transform": ["transform.parse:transform_document"],
    "validation": ["flows.validate:check_batch"],
    "commit": ["warehouse.store:Warehouse.write_batch"],
    "report": ["flows.validate:write_report_of"],
}


class Clock:
    """Exclusive CPU time per stage: a nested stage's time is taken off the stage that called it."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self._stack: list[list] = []  # [stage, start, time of nested stages]

    def wrap(self, stage: str, fn):
        def timed(*args, **kwargs):
            self._stack.append([stage, time.process_time(), 0.0])
            try:
                return fn(*args, **kwargs)
            finally:
                name, start, inner = self._stack.pop()
                took = time.process_time() - start
                self.spent[name] += took - inner
                if self._stack:
                    self._stack[-1][2] += took
        return timed


def _patch(clock: Clock, target: str, stage: str) -> None:
    module, _, attr = target.partition(":")
    owner = importlib.import_module(module)
    *path, name = attr.split(".")
    for part in path:
        owner = getattr(owner, part)
    # on a class, the attribute as defined (a property, a cached_property), inherited or not
    original = inspect.getattr_static(owner, name) if isinstance(owner, type) else getattr(owner, name)
    if isinstance(original, cached_property):
        setattr(owner, name, cached_property(clock.wrap(stage, original.func)))
        getattr(owner, name).__set_name__(owner, name)
    elif isinstance(original, property):
        setattr(owner, name, property(clock.wrap(stage, original.fget)))
    else:
        setattr(owner, name, clock.wrap(stage, original))


def files_of(wild: int) -> list[Path]:
    shared = ROOT.parent / "shared"
    files = sorted((shared / "filings").glob("*.pdf")) + sorted((shared / "budgets").glob("*.pdf"))
    every = sorted((shared / "wild").glob("*.pdf"))
    if wild:
        step = max(1, len(every) // wild)
        files += every[::step][:wild]
    return files


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reader", choices=["pdfplumber", "pdfium"], default="pdfium")
    ap.add_argument("--wild", type=int, default=20, help="how many files of ../shared/wild (0: none)")
    ap.add_argument("--out", default="/tmp/juesuan-stages")
    ap.add_argument("--batch", type=int, default=16, help="documents per commit, as `juesuan ingest --batch-size`")
    a = ap.parse_args()
    files = files_of(a.wild)

    t0 = time.process_time()
    pages = sum(_bare_one(str(f)) for f in files)
    bare = time.process_time() - t0

    clock = Clock()
    for stage, targets in STAGES.items():
        for target in targets:
            _patch(clock, target, stage)
    from flows.ingest import _rows_of
    from flows.validate import check_batch, write_report_of
    from transform.parse import parse_file
    from transform.restatements import flag_restatements
    from warehouse.store import Warehouse

    out = Path(a.out)
    shutil.rmtree(out, ignore_errors=True)
    wh = Warehouse(str(out))
    t0 = time.process_time()
    parse_cpu = 0.0
    seen: dict[tuple, str] = {}
    for i in range(0, len(files), a.batch):
        p0 = time.process_time()
        parsed = [clock.wrap("parse, other", parse_file)(str(f), reader=a.reader) for f in files[i:i + a.batch]]
        parse_cpu += time.process_time() - p0
        flag_restatements(parsed, seen)
        rows = _rows_of(parsed)
        rows["quality_results"] = check_batch(rows) or []
        wh.write_batch(rows, replace_doc_ids=set())
    write_report_of(str(out))
    total = time.process_time() - t0

    print(f"# stage profile — {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC — {machine()}")
    print(f"# {len(files)} files, {pages} pages, reader {a.reader}; bare pdfplumber extract_words {bare:.1f} CPU s "
          f"({pages / bare:.1f} pages/s); the pipeline {total:.1f} CPU s ({pages / total:.1f} pages/s), "
          f"{total / bare:.2f}× the bare pass (parsing alone {parse_cpu / bare:.2f}×)")
    print("| stage | CPU s | share | ms a page | × bare pass |")
    print("| --- | ---: | ---: | ---: | ---: |")
    counted = sum(clock.spent.values())
    rest = {"other (restatements, rows, imports)": total - counted}
    for stage, s in sorted({**clock.spent, **rest}.items(), key=lambda kv: -kv[1]):
        print(f"| {stage} | {s:.1f} | {100 * s / total:.0f} % | {1000 * s / pages:.1f} | {s / bare:.3f} |")


if __name__ == "__main__":
    main()
