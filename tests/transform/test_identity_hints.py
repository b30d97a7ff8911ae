"""A manifest's hints name the tables-only part of a filing published as two files (issue 24): its unit
and year are recorded as read from the manifest, its region placed from the name; a hint naming another
unit than the one printed wins, and the row says what the file printed."""
from __future__ import annotations

from extract.model import Document, Line, Page
from transform.document import transform_document
from transform.hints import apply_hints
from transform.rows import DocumentRow, ParsedDocument


def _page(number: int, *texts: str) -> Page:
    lines = [Line(t, 50.0, 100.0 + 20 * i, 400.0, 114.0 + 20 * i, 12.0) for i, t in enumerate(texts)]
    return Page(number, 595.0, 842.0, sum(len(t) for t in texts) + 1, lines, [])


def test_a_tables_only_part_takes_unit_and_year_from_the_manifest():
    doc = Document("/in/bud_bj_bj_2026_6f1087d9.pdf",
                   [_page(1, "预算01表 收支总表", "金额单位：万元", "项 目 预算数 项 目 预算数")], {})
    parsed = transform_document(doc, "d1", "/in/x.pdf", "x.pdf")
    row = parsed.document
    assert (row.unit_name, row.fiscal_year, row.doc_kind, row.identity_source) == (None, None, "budget", None)
    assert row.identity_note and "tables only" in row.identity_note
    apply_hints(parsed, {"unit_name": "北京市司法局", "fiscal_year": 2026})
    assert (row.unit_name, row.fiscal_year, row.identity_source) == ("北京市司法局", 2026, "manifest")
    assert row.identity_note is None and row.identity_page is None
    assert (row.province, row.prefecture, row.adcode) == ("北京市", "北京市", "110000")


def test_a_hint_naming_another_unit_wins_and_says_what_was_printed():
    row = DocumentRow("d2", "/in/x.pdf", "x.pdf", unit_name="广州市司法局", fiscal_year=2026,
                      identity_source="cover", identity_page=1)
    apply_hints(ParsedDocument(document=row), {"unit_name": "广州市法律援助处", "province": "广东省"})
    assert (row.unit_name, row.identity_source, row.province) == ("广州市法律援助处", "manifest", "广东省")
    assert row.identity_note and "广州市司法局" in row.identity_note and "p.1" in row.identity_note


def test_a_hint_repeating_the_printed_name_keeps_where_it_was_printed():
    row = DocumentRow("d3", "/in/x.pdf", "x.pdf", unit_name="西安市财政局（汇总）", fiscal_year=2026,
                      identity_source="cover", identity_page=1)
    apply_hints(ParsedDocument(document=row), {"unit_name": "西安市财政局", "fiscal_year": 2026})
    assert (row.unit_name, row.identity_source, row.identity_page) == ("西安市财政局", "cover", 1)
