"""Command line: python -m samples.generate --out DIR [--plant KIND ...] | --corpus N | --scans N [--seed S]

Writes NAME.pdf and NAME.truth.json for every sample filing (and one variant filing per planted kind),
and the sample budgets (samples/budgets.py) under budgets/.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from .compose import render
from .filings import liuyang, pidu, template, yanqi
from .plant import KINDS, plant

BUILDERS = [yanqi.build, liuyang.build, pidu.build, template.build]


def filings(plant_kinds=()):
    out = [b() for b in BUILDERS]
    for kind in plant_kinds:
        out.append(plant(kind))
    return out


def generate(out, plant: list[str] | tuple = ()) -> list[Path]:
    """Render all sample filings into `out`; returns the PDF paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    kinds = list(KINDS) if "all" in plant else list(plant)
    written = []
    for f in filings(kinds):
        pdf, truth = render(f)
        (out / f"{f.name}.pdf").write_bytes(pdf)
        (out / f"{f.name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                                  encoding="utf-8")
        written.append(out / f"{f.name}.pdf")
    from .budgets import write as write_budgets  # budgets of two of the units above, and one of tables only

    return written + write_budgets(out / "budgets")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--plant", action="append", default=[], choices=list(KINDS) + ["all"],
                    help="also write a variant filing with this planted inconsistency (repeatable)")
    ap.add_argument("--corpus", type=int, metavar="N",
                    help="write N varied corpus filings instead (samples/corpus.py; benchmarks)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (with --corpus or --scans; default 1)")
    ap.add_argument("--scans", type=int, metavar="N",
                    help="write N corpus filings scanned instead: every page an image (samples/scans.py; benchmarks)")
    args = ap.parse_args(argv)
    if args.scans:
        from .scans import write as write_scans

        for p in write_scans(args.out, args.scans, args.seed):
            print(p)
        return
    if args.corpus:
        from .corpus import write   # imported here: the samples above never depend on it
        for p in write(args.out, args.corpus, args.seed):
            print(p)
        return
    for p in generate(args.out, args.plant):
        print(p)


if __name__ == "__main__":
    main()
