"""extract/pdfium_reader.py: pdfium reads a real page into the same characters, rules, tables and
figures as pdfplumber (the reference reader), and falls back to pdfplumber where it cannot.

The figures are typed from page 12 of the 社会工作部 2024 final accounts (一般公共预算财政拨款支出决算表,
单位：万元), not copied from either reader's output."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pypdfium2 as pdfium
import pytest

from extract import pdfium_reader
from extract.chars import LeanPage
from extract.lines import build_lines
from extract.pdfium_page import PdfiumPage
from extract.reader import ReadReport, _open, read_document
from tests import badfiles
from tests.paths import FILINGS, WILD
from tests.variants import rewrite_tounicode
from transform.parse import parse_file

SOCIAL = FILINGS / "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"
TABLE_PAGE = 12
OFFSET_MEDIABOX = WILD / "bud_bj_bj_2026_8ded0203.pdf"  # MediaBox [-12.02 12.02 829.78 607.22]


def _both(path, number: int):
    """Page `number` as pdfplumber and as pdfium read it (characters and edges built)."""
    plumber = _open(str(path))
    try:
        a = LeanPage(plumber, plumber.pages[number - 1].page_obj, page_number=number)
        chars_a, edges_a, size_a = a.chars, a.edges, (float(a.width), float(a.height))
    finally:
        plumber.stream.close()
    doc = pdfium.PdfDocument(str(path))
    try:
        b = PdfiumPage(doc[number - 1], number, 0.0, {})
        chars_b, edges_b, size_b = b.chars, b.edges, (b.width, b.height)
        b.close()
    finally:
        doc.close()
    return (chars_a, edges_a, size_a), (chars_b, edges_b, size_b)


def _ink(chars):
    return sorted((c for c in chars if not c["text"].isspace()), key=lambda c: (round(c["top"]), c["x0"]))


@pytest.mark.parametrize("path,number", [(SOCIAL, TABLE_PAGE), (OFFSET_MEDIABOX, 1)])
def test_the_characters_of_a_real_page_match_pdfplumbers(path, number):
    (chars_a, _, size_a), (chars_b, _, size_b) = _both(path, number)
    assert size_b == pytest.approx(size_a, abs=0.01)
    a, b = _ink(chars_a), _ink(chars_b)
    assert [c["text"] for c in b] == [c["text"] for c in a]
    for x, y in zip(a, b):
        for key in ("x0", "top", "bottom", "size"):
            assert y[key] == pytest.approx(x[key], abs=0.05), (x["text"], key)
        # pdfium's advance includes the character spacing (Tc) where pdfminer's does not
        assert y["x1"] == pytest.approx(x["x1"], abs=0.5), x["text"]


def test_the_page_prints_its_figures_in_characters():
    (_, _, _), (chars, _, _) = _both(SOCIAL, TABLE_PAGE)
    lines = {ln.text.replace(" ", "") for ln in build_lines(chars)}
    assert "20139社会工作事务264.8762.63202.24" in lines
    assert "合计307.82105.58202.24" in lines


def test_the_rules_of_a_ruled_page_are_the_same_edges():
    (_, edges_a, _), (_, edges_b, _) = _both(SOCIAL, TABLE_PAGE)

    def key(e):
        return (e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"])

    assert len(edges_b) == len(edges_a) > 20  # the grid of 一般公共预算财政拨款支出决算表
    for x, y in zip(sorted(map(key, edges_a)), sorted(map(key, edges_b))):
        assert y[0] == x[0] and y[1:] == pytest.approx(x[1:], abs=0.01)  # pdfium's points are single floats


def test_the_ruled_table_has_the_rows_printed():
    page = read_document(str(SOCIAL), max_pages=TABLE_PAGE, reader="pdfium").pages[TABLE_PAGE - 1]
    table = page.tables[0]
    rows: dict[int, list[str]] = {}
    for cell in table.cells:
        rows.setdefault(cell.row, []).append(cell.text)
    assert ["20139", "社会工作事务", "264.87", "62.63", "202.24"] in rows.values()
    assert ["2013901", "行政运行", "51.32", "51.32", ""] in rows.values()


WAN = Decimal(10000)
# code → (合计, 基本支出, 项目支出) in 万元, as printed on page 12 (blank: no figure printed)
PAGE_12 = {"20139": ("264.87", "62.63", "202.24"), "2013901": ("51.32", "51.32", None),
           "2080505": ("6.18", "6.18", None), "2210201": ("17.70", "17.70", None)}


@pytest.fixture(scope="module")
def parsed_both():
    return {r: parse_file(str(SOCIAL), reader=r) for r in ("pdfplumber", "pdfium")}


def test_a_real_filings_figures_are_identical_under_both_readers(parsed_both):
    def rows(parsed):
        return Counter((li.statement, li.side, li.code, li.item, li.measure, li.amount_yuan, li.page)
                       for li in parsed.line_items)

    a, b = rows(parsed_both["pdfplumber"]), rows(parsed_both["pdfium"])
    assert a == b and len(a) > 100
    assert parsed_both["pdfium"].document.status == parsed_both["pdfplumber"].document.status
    cells = [Counter((c.page, c.row, c.col, c.value) for c in parsed_both[r].table_cells) for r in parsed_both]
    assert cells[0] == cells[1]


def test_the_typed_figures_of_page_12_are_read_by_pdfium(parsed_both):
    got = {(li.code, li.measure): li.amount_yuan for li in parsed_both["pdfium"].line_items if li.page == TABLE_PAGE}
    for code, printed in PAGE_12.items():
        values = sorted(v for (c, _m), v in got.items() if c == code)
        want = sorted((Decimal(p) * WAN).quantize(Decimal("0.01")) for p in printed if p is not None)
        assert [v for v in values if v] == want, code


def test_a_page_pdfium_cannot_read_is_read_by_pdfplumber(monkeypatch):
    real = pdfium_reader.PdfiumPage

    class Failing(real):  # type: ignore[misc, valid-type]
        def __init__(self, page, number, *args, **kwargs):
            if number == 2:
                raise RuntimeError("pdfium could not load the page")
            super().__init__(page, number, *args, **kwargs)

    monkeypatch.setattr(pdfium_reader, "PdfiumPage", Failing)
    report = ReadReport()
    doc = read_document(str(SOCIAL), max_pages=5, report=report, reader="pdfium")
    reference = read_document(str(SOCIAL), max_pages=5, reader="pdfplumber")
    assert report.fallback_pages == [2] and report.page_errors == []
    assert [ln.text for ln in doc.pages[1].lines] == [ln.text for ln in reference.pages[1].lines]
    assert "第一部分 中共上海市普陀区委社会工作部概况" in [ln.text for ln in doc.pages[1].lines]


@pytest.mark.parametrize("maker", [badfiles.encrypted_password, badfiles.encrypted_unknown_handler,
                                   badfiles.truncated, badfiles.pdf_header_garbage, badfiles.mojibake_cid])
def test_a_file_neither_reader_can_use_gets_the_same_sentence(maker, tmp_path):
    path = str(maker(tmp_path))
    a, b = (parse_file(path, reader=r, ocr="off").document for r in ("pdfplumber", "pdfium"))
    assert (b.status, b.error) == (a.status, a.error)
    assert a.status == "failed" and a.error


def test_a_font_map_sending_two_glyphs_to_one_digit_is_flagged_under_pdfium(tmp_path):
    # 7 → 1 in the tables' digit font: two glyphs for "1" (extract/text_layer.FontMaps)
    path = rewrite_tounicode(SOCIAL, tmp_path / "digits.pdf", "TimesNewRoman", {"7": "1"})
    flags = [{p.number for p in read_document(str(path), reader=r).pages if "font_map" in p.text_flags}
             for r in ("pdfplumber", "pdfium")]
    assert flags[1] == flags[0] and TABLE_PAGE in flags[0]


def test_a_page_with_a_broken_rotate_is_read_by_pdfium(tmp_path):
    # badfiles.one_broken_page: page 2's /Rotate is a name (/Sideways). pdfminer fails on it (the page is
    # recorded in page_errors); pdfium reads it as unrotated, as viewers show it: the same lines as page 1
    path = str(badfiles.one_broken_page(tmp_path))
    plumber, pdfium_ = ReadReport(), ReadReport()
    read_document(path, report=plumber, reader="pdfplumber")
    doc = read_document(path, report=pdfium_, reader="pdfium")
    assert [n for n, _ in plumber.page_errors] == [2] and pdfium_.page_errors == []

    def texts(page):
        return [ln.text for ln in page.lines] + [c.text for t in page.tables for c in t.cells]

    assert texts(doc.pages[1]) == texts(doc.pages[0])
    assert {"第1行 支出", "11.50"} <= set(texts(doc.pages[1]))  # its first row, in a table without rules


def test_a_page_pdfium_cannot_load_is_not_read_from_another_page_by_pdfplumber(tmp_path):
    """Regression: pdfium could not load page 2 of a damaged file and handed it to pdfplumber, whose walk of
    the page tree had skipped that page object, so "page 2" was the filing's page 3: its text stored twice,
    as pages 2 and 3, and the document `ok`. The page is now an error with a sentence."""
    path = str(badfiles.unloadable_page(tmp_path))
    report = ReadReport()
    doc = read_document(path, report=report, reader="pdfium")
    assert len(doc.pages) == 21 and [n for n, _ in report.page_errors] == [2]
    assert "pdfplumber finds 20 pages where pdfium finds 21" in report.page_errors[0][1]
    assert doc.pages[1].lines == [] and doc.pages[2].lines[0].text.startswith("第一部分")
    parsed = parse_file(path, reader="pdfium")
    assert parsed.document.status == "partial" and "page 2 could not be read" in parsed.document.error
