"""Where each figure and each sentence is printed (issue 13, item 7): line_items carry their cell's box,
narrative_facts their sentence's, statements their table's — PDF points, origin at the top-left — and
what pdfplumber finds inside a box is what the row says was printed there.

The figures and sentences below are typed from the pages of the two real filings.
"""
from __future__ import annotations

import pdfplumber
import pytest

from tests.conftest import FILINGS, expected

SW, FIN = "putuo_social_work_2024", "putuo_finance_2024"


def inside(page, box) -> str:
    """The characters pdfplumber finds in the box (their centres), whitespace dropped."""
    x0, top, x1, bottom = box
    return "".join(c["text"] for c in page.chars
                   if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom).replace(" ", "")


def box(row):
    return (row.x0, row.top, row.x1, row.bottom)


def test_the_box_of_a_known_figure_holds_that_figure(parsed_real):
    # 社会工作部 p.5, 收入支出决算总表: 一、一般公共预算财政拨款收入 307.82
    (li,) = [x for x in parsed_real[SW].line_items if x.statement == "income_expenditure_summary"
             and x.item == "一般公共预算财政拨款收入"]
    assert (li.page, li.amount_printed) == (5, "307.82")
    # 财政局 p.10, 支出决算表: 208 社会保障和就业支出, 本年支出合计 326.72 (table 1 prints 326.71)
    (fin,) = [x for x in parsed_real[FIN].line_items if x.statement == "expenditure" and x.code == "208"
              and x.measure == "total"]
    assert (fin.page, fin.amount_printed) == (10, "326.72")
    with pdfplumber.open(FILINGS / expected(SW).FILE) as pdf:
        assert inside(pdf.pages[4], box(li)) == "307.82"
    with pdfplumber.open(FILINGS / expected(FIN).FILE) as pdf:
        assert inside(pdf.pages[9], box(fin)) == "326.72"
    assert li.x0 < li.x1 and li.top < li.bottom and 0 < li.x0 and li.bottom < 842


@pytest.mark.parametrize("name", [SW, FIN])
def test_every_figure_box_holds_the_figure_as_printed(parsed_real, name):
    """All 522 and 565 figures (the finance filing's text layer prints its figures off their labels'
    baselines: the cell, not the line, holds them)."""
    items = parsed_real[name].line_items
    assert len(items) == {SW: 522, FIN: 565}[name]
    with pdfplumber.open(FILINGS / expected(name).FILE) as pdf:
        chars = {}
        wrong = []
        for li in items:
            assert li.x0 is not None, (li.statement, li.item, li.measure)
            page = chars.setdefault(li.page, pdf.pages[li.page - 1])
            if inside(page, box(li)) != li.amount_printed.replace(" ", ""):
                wrong.append((li.statement, li.item, li.measure, li.amount_printed, inside(page, box(li))))
    assert wrong == []


def test_a_sentence_box_holds_the_sentence(parsed_real):
    # 社会工作部 p.21: "机关运行经费支出 10.23 万元，比 2023 年度增加 10.23 万元，增长 100.00%。主要原因是单位于 2024 年成立。"
    (f,) = [x for x in parsed_real[SW].narrative_facts if x.fact == "org_running_cost"]
    assert f.page == 21 and str(f.value) == "102300.00"
    # 财政局 p.21: "上海市普陀区财政局2024年度收入支出总计2995.39万元。"
    (g,) = [x for x in parsed_real[FIN].narrative_facts if x.fact == "total_income_expenditure"]
    assert g.page == 21
    with pdfplumber.open(FILINGS / expected(SW).FILE) as pdf:
        assert "机关运行经费支出10.23万元，比2023年度增加10.23万元，增长100.00%。" in inside(pdf.pages[20], box(f))
    with pdfplumber.open(FILINGS / expected(FIN).FILE) as pdf:
        assert inside(pdf.pages[20], box(g)).startswith("上海市普陀区财政局2024年度收入支出总计2995.39万元。")


def test_every_fact_on_a_page_has_a_box_there(parsed_real):
    for name in (SW, FIN):
        facts = parsed_real[name].narrative_facts
        assert facts and all(f.x0 is not None and f.x0 < f.x1 and f.top < f.bottom for f in facts), name


def test_a_statement_box_covers_its_table(parsed_real):
    # 财政局 p.18: the 三公 table, whose budget row prints 0.95 under 合计 and under 公务接待费
    (st,) = [s for s in parsed_real[FIN].statements if s.statement == "three_public"]
    assert st.first_page == 18 and st.status == "data"
    with pdfplumber.open(FILINGS / expected(FIN).FILE) as pdf:
        text = inside(pdf.pages[17], box(st))
    assert text.count("0.95") == 2 and "预算数决算数" in text
