"""Spreadsheet-made filings: the nine tables typed into an Excel workbook and printed to PDF by
LibreOffice Calc, as many finance offices make them (borders only where cells were given one).

    python -m samples.spreadsheets --out tests/fixtures/spreadsheets [--keep-xlsx]

writes NAME.pdf and NAME.truth.json per variant (the generator's truth shape). The figures, the
layout and the truth come from the generator (samples.corpus.build with forced features, then
samples.tables.Builder), so the truth conventions are the generator's own; this module only adds the
workbook (samples/workbook.py), the conversion, and the pages, which it reads back from the PDF
(each table's first page by its title, each row's page from its sheet's page break), checking that
every printed figure is on the page its truth names before anything is written.

Needs soffice (Debian: libreoffice-calc-nogui) and the Noto CJK fonts (fonts-noto-cjk). The PDFs are
committed: CI reads them and never regenerates them (LibreOffice stamps each export, so a
regeneration differs in its bytes even when nothing else changed).
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from . import corpus, printed
from .corpus import dump_truth
from .tables import Builder
from .workbook import FONT, Sheet, write_table


@dataclass
class Variant:
    name: str
    seed: int
    index: int
    force: dict                      # corpus features (samples/corpus.py, samples/looks.py)
    borders: str                     # grid | frame | none
    layout: dict = field(default_factory=dict)   # Layout fields set after the corpus built the filing
    sheets: dict = field(default_factory=dict)   # statement key -> Sheet fields
    contents: bool = True            # a 目录 sheet after the cover
    cover_lines: int = 1             # the cover's "<unit><year>年度部门决算" on one line or two


_PLAIN = dict(negatives=None, dash_zero="none", table_currency={}, three_public=True, perf=0)
VARIANTS = [
    # 1. the Ministry's layout, fully bordered: 行次/栏次, split 类/款/项, 万元, 三公 预算数 | 决算数 groups;
    #    table 3 runs onto a second page under its repeated header rows (print titles)
    Variant("ministry_grid_wan", 11, 3, {**_PLAIN, "currency": "万元", "split_codes": True, "row_numbers": True,
                                         "three_public_order": "measure_first", "rows": "many", "thousands": False,
                                         "titles": "national", "title_number": "公开", "econ_groups": 2,
                                         "carry_over": True, "non_fiscal_income": True},
            "grid", sheets={"expenditure": {"break_after": 14, "repeat_header": True}}),
    # 2. only each table's outer border, 元, one 科目编码 column, 三公 items first, thousands separators;
    #    table 2 runs onto a second page with no header there
    Variant("frame_yuan", 12, 5, {**_PLAIN, "currency": "元", "split_codes": False, "row_numbers": False,
                                  "three_public_order": "items_first", "rows": "many", "thousands": True,
                                  "titles": "shanghai", "title_number": None, "econ_groups": 2,
                                  "non_fiscal_income": True},
            "frame", layout={"compiler_line": True},
            sheets={"income": {"break_after": 12, "repeat_header": False}}, contents=False, cover_lines=2),
    # 3. no borders at all (Excel's default), 万元, 行次/栏次, split codes, national titles, "-" for zero
    #    in tables 6 and 7
    Variant("borderless_wan", 13, 2, {**_PLAIN, "currency": "万元", "split_codes": True, "row_numbers": True,
                                      "three_public_order": "items_first", "rows": "some", "thousands": False,
                                      "titles": "national", "title_number": "表", "econ_groups": 2,
                                      "dash_zero": "some"},
            "none"),
    # 4. no borders, 元 with table 7 in 万元, a bracketed negative (其他收入), three column groups in
    #    table 6, and one name left to run over its empty neighbour on purpose (OVERFLOW)
    Variant("borderless_yuan_mixed", 14, 1, {**_PLAIN, "currency": "元", "split_codes": False,
                                             "row_numbers": False, "three_public_order": "measure_first",
                                             "rows": "some", "thousands": False, "titles": "provincial",
                                             "title_number": "附表", "econ_groups": 3, "negatives": "paren",
                                             "table_currency": {"three_public": "万元"}},
            "none", layout={"summary_name_width": 120.0},
            sheets={"income_expenditure_summary": {"overflow": {(2, 0)}}}, cover_lines=2),
]
# Where a name runs over its empty neighbour on purpose: table 1 of borderless_yuan_mixed, its third
# income row "三、国有资本经营预算财政拨款收入" (not wrapped) over its blank 决算数 cell.
OVERFLOW = ("borderless_yuan_mixed", "income_expenditure_summary", "三、国有资本经营预算财政拨款收入")
_SQUASH = re.compile(r"\s+")


def build(v: Variant):
    """The filing, its table specs (facts without pages) and its workbook."""
    f, _feat = corpus.build(v.seed, v.index, force=v.force)
    for k, val in v.layout.items():
        setattr(f.layout, k, val)
    b = Builder(f)
    specs = b.all()
    wb = Workbook()
    _cover(wb.active, f, v.cover_lines)
    if v.contents:
        _contents(wb.create_sheet("目录"), f)
    maps = []
    for spec in specs:
        opt = Sheet(borders=v.borders, compiler_line=f.layout.compiler_line, **v.sheets.get(spec.key, {}))
        ws = wb.create_sheet(f"表{printed.BY_KEY[spec.key].number}")
        maps.append((spec, opt, write_table(ws, spec, f, opt)))
    return f, b, maps, wb


def _cover(ws, f, n_lines: int) -> None:
    ws.title = "封面"
    ws.column_dimensions["A"].width = 90
    lines = [f"{f.unit_name}{f.year}年度部门决算"] if n_lines == 1 else [f.unit_name, f"{f.year}年度部门决算"]
    for i, text in enumerate(lines):
        c = ws.cell(14 + 2 * i, 1, text)
        c.font, c.alignment = Font(name=FONT, size=24), Alignment(horizontal="center")
    ws.print_area = f"A1:A{30}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = ws.page_setup.fitToHeight = 1


def _contents(ws, f) -> None:
    ws.column_dimensions["A"].width = 70
    ws.cell(2, 1, "目  录").font = Font(name=FONT, size=16)
    ws.cell(2, 1).alignment = Alignment(horizontal="center")
    for i, key in enumerate(printed.ORDER):
        c = ws.cell(4 + i, 1, f"{'一二三四五六七八九'[i]}、{printed.title(f.layout.titles, key)}")
        c.font = Font(name=FONT, size=12)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = ws.page_setup.fitToHeight = 1


def to_pdf(xlsx: Path, outdir: Path) -> Path:
    """LibreOffice Calc, headless, with a throwaway profile (never the user's)."""
    soffice = shutil.which("soffice")
    if not soffice:
        raise SystemExit("soffice not found: apt-get install libreoffice-calc-nogui fonts-noto-cjk")
    with tempfile.TemporaryDirectory(prefix="juesuan-lo-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(outdir), str(xlsx)], check=True, timeout=300, capture_output=True)
    return outdir / (xlsx.stem + ".pdf")


def locate(pdf_path: Path, maps, first_table_page: int) -> int:
    """Write each fact's page and each spec's pages from the PDF itself; returns the page count."""
    with pdfplumber.open(pdf_path) as pdf:
        texts = [_SQUASH.sub("", p.extract_text() or "") for p in pdf.pages]
    starts, at = [], first_table_page - 1
    for spec, _opt, _m in maps:   # each table's first page: the next page printing its title
        title = _SQUASH.sub("", spec.title)
        at = next((i for i in range(at, len(texts)) if title in texts[i]), None)
        if at is None:
            raise ValueError(f"{pdf_path.name}: title {spec.title!r} not found")
        starts.append(at + 1)
        at += 1
    ends = [s - 1 for s in starts[1:]] + [len(texts)]
    for (spec, opt, _m), start, end in zip(maps, starts, ends):
        want = 1 if opt.break_after is None else 2
        if end - start + 1 != want:
            raise ValueError(f"{pdf_path.name}: {spec.key} printed on pages {start}-{end}, not {want} page(s)")
        spec.pages = list(range(start, end + 1))
        for i, row in enumerate(spec.body):
            page = start + (1 if opt.break_after is not None and i > opt.break_after else 0)
            for fact in row.facts:
                fact["page"] = page
                shown = fact["amount_printed"]
                if shown not in ("", "-") and shown not in texts[page - 1]:
                    raise ValueError(f"{pdf_path.name}: {shown!r} ({fact['item']}) not on page {page}")
            code = row.facts[0]["code"] if row.facts else None
            coded = spec.key not in ("income_expenditure_summary", "fiscal_summary")   # 1, 4: names only
            if code and coded and not _split(spec) and code not in texts[page - 1]:   # split: parts only
                raise ValueError(f"{pdf_path.name}: code {code} not on page {page}")
    return len(texts)


def _split(spec) -> bool:
    """Whether the table prints its codes in 类/款/项 columns."""
    return any(c is not None and c.text in ("类", "款") for row in spec.header for c in row.cells)


def truth(f, maps, pdf_name: str, page_count: int, builder) -> dict:
    return {
        "file": pdf_name, "template": False,
        "document": {"unit_name": f.unit_name, "fiscal_year": f.year, "doc_kind": "final_accounts",
                     "scope": "department", "province": f.province, "prefecture": f.prefecture,
                     "county": f.county, "adcode": f.adcode, "currency_unit": f.currency, "page_count": page_count},
        "statements": {spec.key: {"status": spec.status, "pages": spec.pages,
                                  **({"note": spec.empty_note} if spec.empty_note else {})} for spec, _o, _m in maps},
        "line_items": builder.line_items, "narrative_facts": [], "performance_projects": [],
        "performance_indicators": [], "planted": [],
    }


def generate(out: Path, keep_xlsx: bool = False, names=None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for v in VARIANTS:
        if names and v.name not in names:
            continue
        f, builder, maps, wb = build(v)
        with tempfile.TemporaryDirectory(prefix="juesuan-xlsx-") as tmp:
            xlsx = Path(tmp) / f"{v.name}.xlsx"
            wb.save(xlsx)
            pdf = to_pdf(xlsx, Path(tmp))
            try:
                count = locate(pdf, maps, 3 if v.contents else 2)
            except ValueError:
                shutil.copy(pdf, out / f"{v.name}.rejected.pdf")   # to look at; never a fixture
                raise
            shutil.copy(pdf, out / f"{v.name}.pdf")
            if keep_xlsx:
                shutil.copy(xlsx, out / f"{v.name}.xlsx")
        t = truth(f, maps, f"{v.name}.pdf", count, builder)
        (out / f"{v.name}.truth.json").write_text(dump_truth(t), encoding="utf-8")
        written.append(out / f"{v.name}.pdf")
    return written


def main(argv=None):
    ap = argparse.ArgumentParser(description="Write the spreadsheet-made PDF fixtures with their truth JSON.")
    ap.add_argument("--out", required=True, type=Path, help="output directory")
    ap.add_argument("--keep-xlsx", action="store_true", help="also keep each workbook beside its PDF")
    ap.add_argument("names", nargs="*", help="only these variants (default: all)")
    args = ap.parse_args(argv)
    for p in generate(args.out, args.keep_xlsx, args.names):
        print(p, p.stat().st_size)


if __name__ == "__main__":
    main()
