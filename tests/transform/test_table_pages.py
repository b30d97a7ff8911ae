"""documents' word on a filing's table pages: a page printing a table's figures that no reader read is named."""
from __future__ import annotations

from extract.model import Document, Line, Page
from transform.table_pages import unnamed_sentence, unread_table_pages


def _page(n: int, *texts: str) -> Page:
    return Page(n, 595, 842, 100, [Line(t, 50, 100 + 20 * i, 500, 112 + 20 * i, 10) for i, t in enumerate(texts)], [])


def test_a_page_of_figures_outside_any_table_is_named():
    page = _page(7, "表3 支出预算总表", "单位：万元", "行政运行 1,234.56 1,000.00 234.56",
                 "机关服务 100.00 100.00 0.00")
    assert unread_table_pages(Document("t.pdf", [page], {}), []) == [
        "page 7 prints a table's figures that no table reader could read; they are not stored — open the page to "
        "check its layout"]


def test_narrative_figures_and_dates_are_not_a_table():
    # 上海市普陀区商务委员会2025年部门预算 p.24: a project's explanation, amounts in 万 and a period
    page = _page(24, "详见单位的项目绩效目标表", "2025.1.1-2025.12.31",
                 "2025年度项目总预算1170.00万，其中支持企业规模化发展870.00万，支持企业创新化发展70.00万，",
                 "支持企业协同化发展180.00万，支持企业国际化发展50.00万，合计1170.00万。")
    assert unread_table_pages(Document("t.pdf", [page], {}), []) == []


def test_the_sentence_for_an_unnamed_filing_names_the_hints():
    assert "manifest's fiscal_year hint and" in unnamed_sentence("示例局", None)
    assert "unit_name, fiscal_year hints" in unnamed_sentence(None, None)
