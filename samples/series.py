"""A corpus of filings that continue across years and add up within counties, for the research views
(frames, unit_years, region_totals: warehouse/sql/) and their tests.

    python -m samples.series --out DIR --counties 3 --seed 1

For each county (the first N of a shuffle of samples.corpus_who.COUNTIES) and each year of YEARS:
  * 人力资源和社会保障局, a department (部门决算) whose 编制范围 lists its 本级, the 社会保险中心 and the
    就业服务中心 (which file their own 单位决算) and a 劳动保障监察大队 merged into 本级 (预算不单列); its
    figures are the sums of its three accounting units' figures, as a department's accounts are;
  * the 单位决算 of the 社会保险中心 and of the 就业服务中心;
  * 卫生健康局, a department without sub-units, named 卫生和计划生育局 up to 2018 (renamed in the 2018
    institutional reform: reference/data/unit_aliases.csv);
  * 财政局.
Filings of 2018 print the names of the 2018 classification (210 医疗卫生与计划生育支出 and the other
renames of reference/data/code_crosswalk.csv) and only the 类 valid in their year; the first county's
人力资源和社会保障局 also files its 本级 apart (单位决算) in the last year. One filing, the first county's
财政局 of the last year, is restated: a second filing (other figures) in DIR/restated/, to be ingested
after DIR/filings/.

Each filing's truth JSON (samples/corpus.py's, with `document.scope` as printed) has a `series` entry:
role, department (the family it belongs to), contained_in (the file of the department filing whose
figures contain it, or null), series (the unit's current name), renamed_from, restates, covered
(the units a department lists). DIR/series.manifest.json lists them all. The corpus of samples/corpus.py
is untouched: this module only calls its building blocks.
"""
from __future__ import annotations

import argparse
import random
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from reference import research
from reference.catalog import function_class_code

from . import codes, looks
from .corpus import EXCLUDED, _binary_streams, _features, _fit_layout, _layout, write_filing, write_manifest
from .corpus_figures import _econ, _fund_sources, _leaves, _three_public
from .corpus_text import _parts
from .corpus_who import COUNTIES, DEPARTMENTS, Dept, unit_prefix
from .compose import render
from .spec import ZERO, Cover, Filing, Leaf, Para, ThreePublic, Toc

YEARS = (2018, 2019, 2020)
_BY_KEY = {d.key: d for d in DEPARTMENTS}
FAMILY = ("rsj", ("sbzx", "jyzx"))  # the department and its units that file apart
MERGED_UNIT = "劳动保障监察大队"     # listed, merged into 本级 (no filing of its own)
RENAMED = ("wjj", "卫生和计划生育局", 2019)  # a unit under its old name before this year
PLAIN = ("czj",)


@dataclass(frozen=True)
class Where:
    province: str
    prefecture: str
    county: str
    adcode: str

    @property
    def prefix(self) -> str:
        return unit_prefix(self.prefecture, self.county)


@dataclass
class Planned:
    """One filing of the series corpus, before it is rendered."""
    filing: Filing
    scope: str  # department | unit (the word its cover prints: 部门决算 | 单位决算)
    role: str
    department: str | None = None
    contained_in: str | None = None  # the file name (without .pdf) of the filing that contains it
    series: str | None = None
    renamed_from: str | None = None
    restates: str | None = None
    covered: tuple[str, ...] = ()
    folder: str = "filings"


def counties(seed: int, n: int) -> list[Where]:
    rng = random.Random(f"juesuan-series/{seed}/counties")
    picked = rng.sample(COUNTIES, min(n, len(COUNTIES)))
    return [Where(*c) for c in picked]


# ------------------------------------------------------------------------------------------- names

@contextmanager
def names_of(year: int):
    """samples.codes as printed in `year`: the names the crosswalk says a code had then, and only the
    类 rows of tables 1 and 4 that the catalog knows in that year (224 from 2019, 234 from 2020)."""
    old = {r[2]: r[3] for r in research.rows("code_crosswalk") if year <= r[6]}  # from_code → from_name
    saved_names, saved_rows = dict(codes.FUNCTION), list(codes.CLASS_ROWS)
    try:
        codes.FUNCTION.update({c: n for c, n in old.items() if c in codes.FUNCTION})
        rows = [(c, old.get(c, n)) for c, n in saved_rows]
        codes.CLASS_ROWS[:] = [(c, n) for c, n in rows if function_class_code(n, year) == c]
        yield
    finally:
        codes.FUNCTION.clear()
        codes.FUNCTION.update(saved_names)
        codes.CLASS_ROWS[:] = saved_rows


# ----------------------------------------------------------------------------------------- figures

def _draw(key: str, currency: str | None = None) -> tuple[random.Random, dict]:
    rng = random.Random(key)
    feat = _features(rng, EXCLUDED)
    feat.update(looks.PLAIN)  # the plain look: these filings test the views, not the readers
    if currency:
        feat["currency"] = currency
    return rng, feat


def _member(key: str, where: Where, dept: Dept, year: int, name: str, currency: str | None = None):
    """A filing's figures (Filing without layout or parts), its random stream and features."""
    rng, feat = _draw(key, currency)
    unit, q = looks.figure_scale(feat["currency"])
    f = Filing(name="", unit_name=name, year=year, province=where.province, prefecture=where.prefecture,
               county=where.county, adcode=where.adcode, currency=feat["currency"], leaves=[], econ={},
               three_public=None)
    f.leaves = _leaves(rng, dept, feat, unit, q)
    f.three_public = _three_public(rng, feat, *looks.three_public_scale(feat["currency"], feat["table_currency"]))
    _fund_sources(rng, f, feat, dept.public_unit, q)
    f.econ = _econ(rng, f, q)
    return f, rng, feat


def _sum_leaves(groups: list[list[Leaf]]) -> list[Leaf]:
    """The department's 项: each field the sum of its units' (a budget figure where one is stated)."""
    out: dict[str, Leaf] = {}
    for leaves in groups:
        for leaf in leaves:
            m = out.get(leaf.code)
            if m is None:
                out[leaf.code] = replace(leaf, income=dict(leaf.income or {}))
                continue
            if m.budget_full_year is not None or leaf.budget_full_year is not None:
                m.budget_full_year = ((m.budget_full_year if m.budget_full_year is not None else m.gpb_total)
                                      + (leaf.budget_full_year if leaf.budget_full_year is not None
                                         else leaf.gpb_total))
            m.basic += leaf.basic
            m.project += leaf.project
            m.gpb_basic = (m.gpb_basic or ZERO) + (leaf.gpb_basic or ZERO)
            m.gpb_project = (m.gpb_project or ZERO) + (leaf.gpb_project or ZERO)
            income = dict(m.income or {})
            for k, v in (leaf.income or {}).items():
                income[k] = income.get(k, ZERO) + v
            m.income = income
    return [out[c] for c in sorted(out)]


def _sum_dicts(ds: list[dict]) -> dict:
    out: dict = {}
    for d in ds:
        for k, v in d.items():
            out[k] = out.get(k, ZERO) + v
    return dict(sorted(out.items()))


def _department_of(members: list[Filing], name: str) -> Filing:
    """The department's figures: its accounting units' summed."""
    first = members[0]
    tps = [m.three_public for m in members if m.three_public]
    return Filing(name="", unit_name=name, year=first.year, province=first.province, prefecture=first.prefecture,
                  county=first.county, adcode=first.adcode, currency=first.currency,
                  leaves=_sum_leaves([m.leaves for m in members]), econ=_sum_dicts([m.econ for m in members]),
                  three_public=ThreePublic(budget=_sum_dicts([t.budget for t in tps]),
                                           final=_sum_dicts([t.final for t in tps])),
                  opening_balance=sum((m.opening_balance for m in members), ZERO),
                  opening_fiscal=sum((m.opening_fiscal for m in members), ZERO))


# ------------------------------------------------------------------------------------------ layout

def _finish(f: Filing, rng: random.Random, feat: dict, dept: Dept, scope: str, covered: tuple[str, ...] = ()):
    """Layout and parts (samples.corpus's), the cover's word for the scope, and the 编制范围 list."""
    for attempt in range(4):
        f.layout = _layout(rng, f, feat)
        if attempt % 2:
            f.layout.font_size = 8.5
        f.layout.name_width = min(f.layout.name_width, 150 - 12 * attempt)
        try:
            _fit_layout(f)
            break
        except ValueError:
            if attempt == 3:
                raise
    f.parts = _parts(rng, f, dept, feat, [f.unit_name])
    if covered:
        listing = "、".join(covered)
        f.parts = [Para(f"纳入{f.unit_name} {f.year} 年度部门决算编制范围的单位包括：{listing}。", p.style, p.new_page)
                   if isinstance(p, Para) and "编制范围的单位为" in p.text else p for p in f.parts]
    if scope == "unit":
        word = lambda s: s.replace("部门决算", "单位决算")
        f.parts = [_reworded(p, word) for p in f.parts]
        if isinstance(f.layout.unit_heading, str):
            f.layout.unit_heading = word(f.layout.unit_heading)


def _reworded(part, word):
    if isinstance(part, Para):
        return Para(word(part.text), part.style, part.new_page)
    if isinstance(part, Cover):
        return Cover([word(t) for t in part.lines])
    if isinstance(part, Toc):
        return Toc([word(t) for t in part.lines])
    return part


def _file_name(seed: int, where: Where, key: str, year: int, suffix: str = "") -> str:
    return f"series{seed}_{where.adcode}_{key}{suffix}_{year}"


# ------------------------------------------------------------------------------------------- plan

def plan(seed: int = 1, n_counties: int = 2, years: tuple[int, ...] = YEARS) -> list[Planned]:
    """Every filing of the series corpus, in the order they are written."""
    out: list[Planned] = []
    for ci, where in enumerate(counties(seed, n_counties)):
        for year in years:
            last = ci == 0 and year == years[-1]
            with names_of(year):  # the narrative's item names are written now, the tables' when rendered
                out += _family(seed, where, year, with_own=last)
                out.append(_renamed(seed, where, year))
                for key in PLAIN:
                    out += _plain(seed, where, _BY_KEY[key], year, restated=last)
    return out


def _plain(seed: int, where: Where, dept: Dept, year: int, restated: bool) -> list[Planned]:
    name = _file_name(seed, where, dept.key, year)
    f, rng, feat = _member(f"juesuan-series/{seed}/{name}", where, dept, year, where.prefix + dept.name)
    f.name = name
    _finish(f, rng, feat, dept, "department")
    out = [Planned(f, "department", "plain", series=f.unit_name)]
    if restated:  # a corrected re-publication: the same unit and year, other figures
        g, rng2, feat2 = _member(f"juesuan-series/{seed}/{name}/restated", where, dept, year, f.unit_name)
        g.name = name + "_restated"
        _finish(g, rng2, feat2, dept, "department")
        out.append(Planned(g, "department", "restatement", series=g.unit_name, restates=name, folder="restated"))
    return out


def _family(seed: int, where: Where, year: int, with_own: bool) -> list[Planned]:
    top, subs = _BY_KEY[FAMILY[0]], [_BY_KEY[k] for k in FAMILY[1]]
    dept_name = where.prefix + top.name
    dept_file = _file_name(seed, where, top.key, year)
    base, _rng, feat = _member(f"juesuan-series/{seed}/{dept_file}/own", where, top, year, dept_name + "本级")
    currency = feat["currency"]
    units = []
    for d in subs:
        name = _file_name(seed, where, d.key, year)
        f, rng, feat_u = _member(f"juesuan-series/{seed}/{name}", where, d, year, where.prefix + d.name, currency)
        f.name = name
        units.append((f, rng, feat_u, d))
    covered = (base.unit_name, *(u[0].unit_name for u in units), f"{where.prefix}{MERGED_UNIT}（预算不单列，并入本级）")
    dept = _department_of([base] + [u[0] for u in units], dept_name)
    dept.name = dept_file
    rng_d, feat_d = _draw(f"juesuan-series/{seed}/{dept_file}", currency)
    out = [Planned(dept, "department", "department", department=dept_name, series=dept_name, covered=covered)]
    _finish(dept, rng_d, feat_d, top, "department", covered)
    for f, rng, feat_u, d in units:
        _finish(f, rng, feat_u, d, "unit")
        out.append(Planned(f, "unit", "unit", department=dept_name, contained_in=dept_file, series=f.unit_name))
    if with_own:
        base.name = _file_name(seed, where, top.key, year, "_own")
        _finish(base, _rng, feat, top, "unit")
        out.append(Planned(base, "unit", "own", department=dept_name, contained_in=dept_file, series=base.unit_name))
    return out


def _renamed(seed: int, where: Where, year: int) -> Planned:
    key, old_name, first_new = RENAMED
    dept = _BY_KEY[key]
    name = where.prefix + (old_name if year < first_new else dept.name)
    file = _file_name(seed, where, key, year)
    f, rng, feat = _member(f"juesuan-series/{seed}/{file}", where, dept, year, name)
    f.name = file
    _finish(f, rng, feat, dept, "department")
    return Planned(f, "department", "renamed", series=where.prefix + dept.name,
                   renamed_from=where.prefix + old_name if year < first_new else None)


# ------------------------------------------------------------------------------------------- write

def write(out, seed: int = 1, n_counties: int = 2, years: tuple[int, ...] = YEARS) -> list[Path]:
    """Render the series corpus into out/filings and out/restated (PDF + truth JSON each) and
    out/series.manifest.json; returns the PDF paths."""
    out = Path(out)
    written, manifest = [], []
    for p in plan(seed, n_counties, years):
        f = p.filing
        with names_of(f.year), _binary_streams():
            pdf, truth = render(f)
        truth["document"]["scope"] = p.scope
        entry = {"file": f"{f.name}.pdf", "folder": p.folder, "unit_name": f.unit_name, "fiscal_year": f.year,
                 "adcode": f.adcode, "county": f.county, "scope": p.scope, "role": p.role,
                 "department": p.department, "contained_in": p.contained_in, "series": p.series,
                 "renamed_from": p.renamed_from, "restates": p.restates, "covered": list(p.covered)}
        truth["series"] = entry
        manifest.append(entry)
        written.append(write_filing(out / p.folder, f.name, pdf, truth))
    write_manifest(out / "series.manifest.json", seed, manifest)
    return written


def main(argv=None):
    ap = argparse.ArgumentParser(description="Write the series corpus (filings across years and within counties).")
    ap.add_argument("--out", required=True, help="output directory (filings/, restated/, series.manifest.json)")
    ap.add_argument("--counties", type=int, default=2, help="number of counties (default 2)")
    ap.add_argument("--seed", type=int, default=1, help="seed (default 1)")
    args = ap.parse_args(argv)
    paths = write(args.out, args.seed, args.counties)
    print(f"wrote {len(paths)} filings to {args.out}")


if __name__ == "__main__":
    main()
