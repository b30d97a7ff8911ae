"""transform/trust.py on pages read by OCR, with small typed cases: a figure that breaks an identity
is left out and named by page and cell; one that every identity proves is stored verified; one that
no identity covers is stored unverified; each carries source "ocr" and its words' lowest confidence."""
from __future__ import annotations

from decimal import Decimal

from extract.model import Document, Page, Word
from tests.transform.test_proof import li, table3
from transform.proof import verdicts
from transform.rows import DocumentRow, NarrativeFact, ParsedDocument
from transform.trust import REPLACED, keep_proven


def _page(number: int, ocr: bool, words: list[Word] | None = None) -> Page:
    return Page(number=number, width=595, height=842, char_count=10, lines=[], tables=[],
                text_flags=("ocr",) if ocr else (), words=words or [])


def _parsed(items) -> ParsedDocument:
    return ParsedDocument(document=DocumentRow(doc_id="d", source="s", file_name="scan.pdf"), line_items=items)


def test_verdicts_tell_proven_unproven_and_broken():
    items = table3({("2080505", "total"): "3.41"})  # a 7 read as a 1: breaks 款 = Σ项 and the row total
    lone = li("three_public", None, "公务接待费", "budget", "9.99", page=2, row=30)
    judged = {(v.item.code, v.item.measure, v.item.statement): v for v in verdicts(items + [lone], {1, 2})}
    assert judged[("2080505", "total", "expenditure")].kind == "broken"
    assert "breaks" in judged[("2080505", "total", "expenditure")].reason
    assert judged[("2010101", "total", "expenditure")].kind == "proven"
    assert judged[(None, "budget", "three_public")].kind == "unproven"
    assert all(v.kind == "trusted" for v in verdicts(items, set()))


def test_ocr_figures_are_kept_verified_or_unverified_and_a_broken_one_is_left_out_by_cell():
    items = table3({("2080505", "total"): "3.41"})
    lone = li("three_public", None, "公务接待费", "budget", "9.99", page=2, row=30)
    cell = next(x for x in items if x.code == "2010101" and x.measure == "total")  # 行政运行, 15.00
    cell.x0, cell.top, cell.x1, cell.bottom = 300.0, 200.0, 360.0, 215.0
    words = [Word("15.00", 310, 202, 350, 213, 0.91), Word("行政运行", 100, 202, 160, 213, 0.42)]
    doc = Document("scan.pdf", [_page(1, True, words), _page(2, True)], {})
    out = _parsed(items + [lone])
    keep_proven(out, doc)
    stored = {(x.statement, x.code, x.measure): x for x in out.line_items}
    assert ("expenditure", "2080505", "total") not in stored
    assert stored[("expenditure", "2010101", "total")].verified is True
    assert stored[("expenditure", "2010101", "total")].confidence == 0.91  # the word in its cell, not its label
    assert stored[("three_public", None, "budget")].verified is False
    assert {x.source for x in out.line_items} == {"ocr"}
    # Every figure of a broken identity is left out (which of them was misread, the identities cannot
    # say): 款 20805 = Σ项 breaks, and so does the misread row's 合计 = 基本 + 项目.
    left = {(x.statement, x.code, x.measure) for x in items + [lone]} - set(stored)
    assert left == {("expenditure", "2080505", "total"), ("expenditure", "2080505", "basic"),
                    ("expenditure", "2080505", "project"), ("expenditure", "2080506", "total"),
                    ("expenditure", "20805", "total")}
    problem = out.problems[0]
    assert problem.startswith("pages 1, 2 were read by OCR (no text layer): of the 28 figures read there, ")
    assert "5 that break an identity, whose row could not be placed, or that are blank and unproven were left out" in problem
    assert "p.2 expenditure 2080505 机关事业单位基本养老保险缴费支出 [total] read as 3.41" in problem


def test_pages_ocrd_for_a_lying_text_layer_say_so_when_figures_are_left_out():
    """`--ocr untrusted` flags a page it OCR'd instead of its text layer (transform/parse.py): the problem
    then says why the page was read by OCR (tests/transform/test_untrusted_text_layer.py reads pages whose
    figures are all proven, so it has nothing to report)."""
    items = table3({("2080505", "total"): "3.41"})
    page = _page(2, True)
    page.text_flags = ("ocr", REPLACED)
    out = _parsed(items)
    keep_proven(out, Document("lying.pdf", [_page(1, False), page], {}))
    assert out.problems[0].startswith("page 2 was read by OCR (their text layer is not to be trusted): ")
    assert "p.2 expenditure 2080505 机关事业单位基本养老保险缴费支出 [total] read as 3.41" in out.problems[0]


def test_a_text_layer_page_beside_an_ocr_page_keeps_its_figures_unmarked():
    items = table3()
    doc = Document("mixed.pdf", [_page(1, False), _page(2, True)], {})
    out = _parsed(items)
    keep_proven(out, doc)
    assert len(out.line_items) == len(items) and not out.problems
    assert {(x.page, x.source, x.verified) for x in out.line_items} == {(1, "text_layer", None), (2, "ocr", True)}


def test_an_ocr_narrative_figure_is_verified_by_a_table_figure_that_says_the_same():
    items = table3()
    doc = Document("scan.pdf", [_page(1, True), _page(2, True), _page(3, True)], {})

    def fact(name, value, unit="yuan"):
        return NarrativeFact(doc_id="d", fiscal_year=2024, unit_name="u", fact=name, code=None, item=None,
                             value=Decimal(value), unit=unit, page=3, evidence="…")

    out = _parsed(items)
    out.narrative_facts = [fact("expenditure_total", "300000.00"), fact("basic_expenditure_share_pct", "66.67",
                                                                          "percent")]
    keep_proven(out, doc)
    assert [(f.fact, f.source, f.verified) for f in out.narrative_facts] == [
        ("expenditure_total", "ocr", True), ("basic_expenditure_share_pct", "ocr", False)]


def test_an_ocr_row_whose_code_was_not_read_is_left_out_whatever_its_digits():
    """A lost 20805 would store 行政事业单位养老支出's figures under no code: the row is left out, the
    total rows (合计) that print no code stay."""
    items = table3()
    for x in items:
        if x.code == "20805":
            x.code = None
    doc = Document("scan.pdf", [_page(1, True), _page(2, True)], {})
    out = _parsed(items)
    keep_proven(out, doc)
    assert not any(x.item == "行政事业单位养老支出" for x in out.line_items)
    assert any(x.item == "合计" for x in out.line_items)
    assert "p.1 expenditure 行政事业单位养老支出 [total] read as 5.00" in out.problems[0]


def test_an_ocr_row_labelled_by_its_row_number_is_left_out():
    """The label of 表1's row lost and its 行次 ("20") read in its place: the figure is under no row."""
    items = [li("income_expenditure_summary", None, "20", "amount", "544.22", page=1, row=20, side="expenditure")]
    out = _parsed(items)
    keep_proven(out, Document("scan.pdf", [_page(1, True)], {}))
    assert not out.line_items
    assert "p.1 income_expenditure_summary 20 [amount] read as 544.22" in out.problems[0]
