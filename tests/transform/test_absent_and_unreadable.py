"""A table listed in the contents but not printed is `absent` and says so, with the contents page; a
table printed but not read is `unreadable` and says why; neither is blamed on "no ruled table"."""
from __future__ import annotations

import pytest

from tests.conftest import FILINGS, expected
from tests.transform.typed import table_page, transform
from tests.variants import drop_pages
from transform.parse import parse_file

FINANCE = "putuo_finance_2024"  # 表3 支出决算表 is printed on pages 10–11; the contents (page 2) list it


@pytest.fixture(scope="module")
def without_table_3(tmp_path_factory):
    d = tmp_path_factory.mktemp("absent")
    return parse_file(str(drop_pages(FILINGS / expected(FINANCE).FILE, d / "no_t3.pdf", [10, 11])))


def test_a_listed_table_not_printed_is_absent_with_the_contents_page(without_table_3):
    st = {s.statement: s for s in without_table_3.statements}
    assert st["expenditure"].status == "absent" and st["expenditure"].first_page is None
    assert "表3 支出决算表 is listed in the contents (p.2) but not printed" in without_table_3.document.error
    assert without_table_3.document.status == "partial"
    assert "ruled table" not in without_table_3.document.error


def test_the_other_tables_are_read_as_before(without_table_3):
    st = {s.statement: s.status for s in without_table_3.statements}
    assert st == {**expected(FINANCE).STATEMENTS, "expenditure": "absent"}
    got = [li for li in without_table_3.line_items if li.statement == "income"]
    assert len(got) == sum(1 for r in expected(FINANCE).ROWS if r[0] == "income") == 140  # 20 rows × 7 columns
    assert not [li for li in without_table_3.line_items if li.statement == "expenditure"]


def test_a_printed_table_whose_header_names_no_column_is_unreadable():
    parsed = transform(table_page(2, "收入决算表", [["科目编码", "说明", "本年收入合计"], ["201", "一般公共服务支出", "10.00"]]))
    st = {s.statement: s for s in parsed.statements}
    assert st["income"].status == "unreadable" and st["income"].first_page == 2
    assert ("表2 收入决算表 is printed on p.2 but its header names no 科目名称 column; its figures are not in "
            "line_items (table_cells keeps them as printed)" in parsed.problems)
    assert not [li for li in parsed.line_items if li.statement == "income"]
    # the sentence is true: the figure is in table_cells
    assert [c.amount_printed for c in parsed.table_cells if c.page == 2] == ["10.00"]


def test_a_title_with_no_table_under_it_is_unreadable_unless_it_says_it_is_empty():
    from extract.model import Line, Page

    lines = [Line("支出决算表", 200, 80, 300, 95, 16), Line("项目 本年支出合计 基本支出", 60, 120, 400, 130, 9),
             Line("国有资本经营预算财政拨款收入支出决算表", 150, 300, 450, 315, 16), Line("注：本单位无此项支出，故本表无数据。", 60, 330, 400, 340, 9)]
    parsed = transform(Page(2, 595, 842, 80, lines, []))
    st = {s.statement: s for s in parsed.statements}
    assert st["expenditure"].status == "unreadable"
    assert "表3 支出决算表 is printed on p.2 but no table could be read under its title" in " ".join(parsed.problems)
    assert st["soe_capital"].status == "empty" and "本表无数据" in st["soe_capital"].note
