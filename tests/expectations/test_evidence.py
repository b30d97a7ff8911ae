"""Evidence a reviewer can see (issue 13, item 7) and tolerances a user can set (item 6), on the real
finance filing: its table 3 prints 208 社会保障和就业支出 at 326.72 万元 (p.10) where table 1 prints 326.71
(p.6) — a real inconsistency of the filing, typed from its pages.

- the failed check's boxes hold those figures, and the report's crops of both pages are drawn;
- a tolerance file that allows one rounding step for a figure printed twice makes the same row pass,
  and the row says which setting it used; a bad file is refused with a sentence (exit 2);
- `juesuan show` draws a page of a stored document with a box, and refuses what it cannot show.
"""
from __future__ import annotations

import dataclasses
import hashlib
from decimal import Decimal

import pandas as pd
import pdfplumber
import pytest
from PIL import Image

from expectations import validate_batch, write_report
from expectations.tolerances import ToleranceConfigError, load_tolerances
from flows.cli import main
from tests.conftest import FILINGS, expected
from warehouse import Warehouse

FIN = "putuo_finance_2024"
TABLES = ("statements", "mentions", "narrative_claims", "performance_projects")
W = Decimal(10000)
RED = (214, 39, 40)  # the report's colour of the observed figure's box (#d62728)


def frames(parsed):
    as_frame = lambda rows: pd.DataFrame([dataclasses.asdict(x) for x in rows])
    return dict(line_items=as_frame(parsed.line_items), documents=as_frame([parsed.document]),
                narrative_facts=as_frame(parsed.narrative_facts), **{t: as_frame(getattr(parsed, t)) for t in TABLES})


def validate(parsed, tolerances=None) -> pd.DataFrame:
    f = frames(parsed)
    return validate_batch(f.pop("line_items"), f.pop("documents"), f.pop("narrative_facts"), tolerances=tolerances, **f)


@pytest.fixture(scope="module")
def finance(parsed_real):
    parsed = parsed_real[FIN]
    return parsed, validate(parsed)


def inside(pdf_path, page: int, box: dict) -> str:
    with pdfplumber.open(pdf_path) as pdf:
        chars = pdf.pages[page - 1].chars
    return "".join(c["text"] for c in chars if box["x0"] <= (c["x0"] + c["x1"]) / 2 <= box["x1"]
                   and box["top"] <= (c["top"] + c["bottom"]) / 2 <= box["bottom"]).replace(" ", "")


def the_208_row(results: pd.DataFrame):
    (row,) = results[(results["check"] == "t3_class_vs_t1") & results["subject"].str.contains("208 ")].itertuples()
    return row


def test_the_boxes_of_a_failed_check_hold_the_figures_compared(finance):
    parsed, results = finance
    row = the_208_row(results)
    assert not row.success and (row.observed, row.expected) == (Decimal("326.72") * W, Decimal("326.71") * W)
    assert sorted(row.pages) == [6, 10]
    by_role = {b["role"]: b for b in row.boxes}
    pdf = FILINGS / expected(FIN).FILE
    assert by_role["observed"]["page"] == 10 and inside(pdf, 10, by_role["observed"]) == "326.72"
    assert by_role["expected"]["page"] == 6 and inside(pdf, 6, by_role["expected"]) == "326.71"
    # a check that passed draws nothing
    assert all(not b for b in results[results["success"]]["boxes"])


def test_the_report_shows_both_pages_with_the_figures_boxed(finance, tmp_path):
    parsed, results = finance
    pdf = FILINGS / expected(FIN).FILE
    doc_id = parsed.document.doc_id
    assert doc_id == hashlib.sha256(pdf.read_bytes()).hexdigest()  # how the report finds the PDF unchanged
    stats = write_report(results, frames(parsed)["documents"], str(tmp_path / "quality_report.html"),
                         sources={doc_id: [str(pdf)]})
    assert stats["document_pages"] == 1 and stats["crops"] >= 2 and stats["crops_missing"] == 0
    page = (tmp_path / "report" / f"{doc_id}.html").read_text(encoding="utf-8")
    crops = sorted((tmp_path / "evidence" / doc_id[:16]).glob("*.png"))
    assert {p.name.split("-")[0] for p in crops} >= {"p6", "p10"}
    for p in crops:
        assert f"../evidence/{doc_id[:16]}/{p.name}" in page
    image = Image.open(next(p for p in crops if p.name.startswith("p10-"))).convert("RGB")
    assert image.width > 200 and image.height > 50
    reds = sum(n for n, px in image.getcolors(maxcolors=1 << 24) or ()
               if abs(px[0] - RED[0]) + abs(px[1] - RED[1]) + abs(px[2] - RED[2]) < 60)
    assert reds > 50  # the observed figure's box is drawn
    # a second run renders nothing again and links the same pictures
    mtimes = {p: p.stat().st_mtime_ns for p in crops}
    write_report(results, frames(parsed)["documents"], str(tmp_path / "quality_report.html"),
                 sources={doc_id: [str(pdf)]})
    assert {p: p.stat().st_mtime_ns for p in crops} == mtimes


def test_a_moved_pdf_is_listed_without_pictures_and_says_so(finance, tmp_path):
    parsed, results = finance
    write_report(results, frames(parsed)["documents"].assign(source="/nowhere/moved.pdf"),
                 str(tmp_path / "quality_report.html"), sources={})
    page = (tmp_path / "report" / f"{parsed.document.doc_id}.html").read_text(encoding="utf-8")
    assert "is not where it was found" in page and "<img" not in page and "326.72 万元" in page


def test_a_tolerance_file_changes_the_tolerance_and_the_row_says_which(finance, tmp_path):
    parsed, _results = finance
    config = tmp_path / "tolerances.toml"
    config.write_text("[tolerances]\nsame_figure_steps = 1\nsum_min_steps = 1\n", encoding="utf-8")
    row = the_208_row(validate(parsed, load_tolerances(config)))
    # one rounding step of a 万元 table printed to 0.01 is 100 yuan: 326.72 against 326.71 now passes
    assert row.success and row.tolerance == Decimal(100) and "same_figure_steps=1" in row.tolerance_rule
    assert "same_figure_steps=0" in the_208_row(finance[1]).tolerance_rule


@pytest.mark.parametrize("text, says", [
    ("same_figure_step = 1\n", "unknown tolerance setting same_figure_step"),
    ("narrative_steps = -1\n", "cannot be negative"),
    ("narrative_steps = 'half'\n", "must be a number"),
    ("narrative_steps = \n", "is not valid TOML"),
])
def test_a_bad_tolerance_file_is_refused_with_a_sentence(tmp_path, capsys, text, says):
    config = tmp_path / "t.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(ToleranceConfigError, match=says):
        load_tolerances(config)
    assert main(["validate", "--warehouse", str(tmp_path / "wh"), "--tolerance-config", str(config)]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


@pytest.fixture
def stored_finance(parsed_real, tmp_path):
    """A warehouse holding the finance filing's documents row and its source (what `show` reads)."""
    parsed = parsed_real[FIN]
    pdf = FILINGS / expected(FIN).FILE
    doc = dataclasses.asdict(parsed.document) | {"source": str(pdf)}
    Warehouse(tmp_path / "wh").write_batch({"documents": [doc],
                                            "document_sources": [{"doc_id": doc["doc_id"], "source": str(pdf)}]})
    return tmp_path / "wh", parsed


def test_show_draws_a_stored_figure_with_its_box(stored_finance, capsys):
    wh, parsed = stored_finance
    (li,) = [x for x in parsed.line_items if x.statement == "expenditure" and x.code == "208" and x.measure == "total"]
    box = f"{li.x0},{li.top},{li.x1},{li.bottom}"
    out = wh / "shown.png"
    assert main(["show", parsed.document.doc_id[:12], "--page", "10", "--box", box, "--warehouse", str(wh),
                 "--out", str(out)]) == 0
    assert f"p.10: {out}" in capsys.readouterr().out
    image = Image.open(out).convert("RGB")
    assert image.width > 100 and image.height > 20
    assert main(["show", parsed.document.doc_id, "--page", "2", "--warehouse", str(wh)]) == 0  # the whole page
    assert list((wh / "evidence" / parsed.document.doc_id[:16]).glob("p2-*.png"))


@pytest.mark.parametrize("args, says", [
    (["nosuchdoc", "--page", "1"], "no document nosuchdoc"),
    (["DOC", "--page", "99"], "page 99 is not in the document"),
    (["DOC", "--page", "10", "--box", "1,2,3"], "--box takes four numbers"),
    (["DOC", "--page", "10", "--box", "5,2,3,9"], "x1 must exceed x0"),
])
def test_show_refuses_what_it_cannot_show(stored_finance, capsys, args, says):
    wh, parsed = stored_finance
    args = [parsed.document.doc_id if a == "DOC" else a for a in args]
    assert main(["show", *args, "--warehouse", str(wh)]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


def test_a_page_pdfium_cannot_load_gets_a_sentence_and_the_others_are_drawn(tmp_path):
    """Regression (found by benchmarks/fuzz_ingest.py): a damaged PDF that pdfium opens but one of whose
    pages it cannot load stopped the whole report — and the ingest that wrote it — with a traceback."""
    import pikepdf

    from expectations.report.evidence import Crop, render_crops
    from samples.generate import generate

    (src,) = [p for p in generate(str(tmp_path / "in")) if p.name == "liuyang_nongjing_2024.pdf"]
    with pikepdf.open(src) as pdf:
        num = pdf.pages[1].objgen[0]
    data = src.read_bytes()
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(data.replace(f"\n{num} 0 obj".encode(), f"\n{num} 0 obx".encode(), 1))  # page 2's header
    box = {"x0": 50.0, "top": 50.0, "x1": 200.0, "bottom": 80.0, "role": "observed"}
    crops = [Crop(1, [box]), Crop(2, [box]), Crop(3, [box])]
    render_crops(damaged, crops, tmp_path / "evidence")
    assert crops[0].path is not None and crops[2].path is not None
    assert crops[1].path is None and "page 2 could not be drawn" in crops[1].note


def test_pages_a_finding_involves_without_a_box_are_shown_whole(tmp_path):
    """Regression: the seed's projects total (nine 绩效自评表 pages, which carry no boxes) against its
    项目支出 (p.34, boxed) pictured p.34 only; now the first three of the other pages are shown whole
    and the rest named."""
    from samples.generate import generate
    from transform.parse import parse_file

    (src,) = [p for p in generate(str(tmp_path / "in")) if p.name == "yanqi_shebao_2023.pdf"]
    parsed = parse_file(str(src))
    results = validate(parsed)
    (row,) = results[~results["success"]].itertuples()
    assert row.check == "projects_vs_project_expenditure" and [b["page"] for b in row.boxes] == [34]
    assert row.pages == [10, 12, 14, 16, 18, 20, 22, 24, 26, 34]  # the nine project tables and table 3
    stats = write_report(results, frames(parsed)["documents"], str(tmp_path / "quality_report.html"),
                         sources={parsed.document.doc_id: [str(src)]})
    assert stats["crops"] == 4 and stats["crops_missing"] == 0
    crops = sorted(p.name.split("-")[0] for p in (tmp_path / "evidence" / parsed.document.doc_id[:16]).glob("*.png"))
    assert crops == ["p10", "p12", "p14", "p34"]
    page = (tmp_path / "report" / f"{parsed.document.doc_id}.html").read_text(encoding="utf-8")
    assert "also involved, not pictured: p.16, 18, 20, 22, 24, 26" in page


def test_a_box_is_drawn_where_its_figure_is_on_the_cut_out_crop():
    """The crop is cut from the page before the box is drawn (issue 25: copying the whole page per crop
    cost as much as drawing): the box must land on the cut at the figure's place, not the page's."""
    from expectations.report.evidence import Crop, CropSettings, _crop

    s = CropSettings(scale=2.0, margin_pt=10.0, min_height_pt=20.0, side_pt=5.0, line_px=1)
    page = Image.new("RGB", (400, 600), "white")  # a 200 × 300 pt page at scale 2
    box = {"x0": 100.0, "top": 150.0, "x1": 140.0, "bottom": 160.0, "role": "observed"}
    cut = _crop(page, Crop(1, [box]), 200.0, 300.0, s)
    # the page's whole width (its text block, 5 pt in from each edge, plus 5 pt); 10 pt above and below
    assert cut.size == (400, 60)
    red = {(x, y) for x in range(cut.width) for y in range(cut.height) if cut.getpixel((x, y)) == RED}
    xs, ys = {x for x, _ in red}, {y for _, y in red}
    # the box's outline 1.5 pt outside the figure, 2 px a pt: x 98.5–141.5 pt, y 148.5–161.5 pt less the
    # crop's top at 140 pt
    assert (min(xs), max(xs)) == (197, 283) and (min(ys), max(ys)) == (17, 43)
