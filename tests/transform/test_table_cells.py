"""table_cells: every figure of every table, known or not, typed as the wild set's tables print them."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extract.model import Document, Line, Page
from tests.transform.typed import grid, table_page, transform
from transform.columns import split_code
from transform.table_cells import table_cells, table_number


@pytest.mark.parametrize("text, code, label", [
    ("2050803-培训支出", "2050803", "培训支出"),
    ("2050803—培训支出", "2050803", "培训支出"),
    ("301 工资福利支出", "301", "工资福利支出"),
    ("[2010301]行政运行", "2010301", "行政运行"),  # 广州
    ("【301】工资福利支出", "301", "工资福利支出"),
    ("行政运行", None, "行政运行"),
    ("2026年预算", None, "2026年预算"),
])
def test_split_code(text, code, label):
    assert split_code(text) == (code, label)


@pytest.mark.parametrize("title, number", [
    ("表1.2026年市级部门收支预算总表", "表1"),
    ("预算01表 收支总表", "预算01表"),
    ("公开01表", "公开01表"),
    ("部门预算表1 2026年部门收支总表", "部门预算表1"),
    ("表01", "表01"),
    ("一、收支预算总表", "一"),
    ("收支预算总表", None),
])
def test_table_number(title, number):
    assert table_number(title) == number


def _doc(*pages: Page) -> Document:
    return Document("t.pdf", list(pages), {})


def test_unknown_table_keeps_every_figure_with_its_label_and_header():
    # a table no vocabulary knows: its figures are kept all the same, under what the page prints
    page = table_page(2, "表9.2026年某某专项资金安排表", [
        ["项目", "预算数", "其中：财政拨款"],
        ["专项甲", "1,234.56", "1,000.00"],
        ["专项乙", "7.5", ""],
        ["合计", "1,242.06", "1,000.00"],
    ])
    cells = table_cells(_doc(page), "d", 2026, None, "budget", None, [])
    assert [(c.row_label, c.header_path, c.amount_printed) for c in cells] == [
        ("专项甲", "预算数", "1,234.56"), ("专项甲", "其中：财政拨款", "1,000.00"),
        ("专项乙", "预算数", "7.5"), ("合计", "预算数", "1,242.06"), ("合计", "其中：财政拨款", "1,000.00")]
    assert cells[0].amount_yuan == Decimal("12345600.00") and cells[0].currency_unit == "万元"
    assert cells[0].table_title == "表9.2026年某某专项资金安排表" and cells[0].table_number == "表9"
    assert all(c.statement is None and c.measure is None for c in cells)


def test_codes_joined_to_names_and_three_classifications_side_by_side():
    # Beijing's 支出总表: 功能 | 政府经济 | 部门经济, each a "code-name" cell and its amount
    page = table_page(3, "预算05表 支出总表", [
        ["功能分类科目", "金额", "政府预算支出经济分类", "金额", "部门预算支出经济分类", "金额"],
        ["2010101-行政运行", "4,704.239912", "501-机关工资福利支出", "3,000.000000", "301-工资福利支出", "3,000.000000"],
    ])
    cells = table_cells(_doc(page), "d", 2026, None, "budget", None, [])
    assert [(c.codes, c.row_label, c.amount_printed) for c in cells] == [
        ("2010101", "行政运行", "4,704.239912"), ("501", "机关工资福利支出", "3,000.000000"),
        ("301", "工资福利支出", "3,000.000000")]
    # 万元 printed to six decimals is exact in yuan
    assert cells[0].amount_yuan == Decimal("47042399.12")


def test_three_classifications_of_one_figure_are_kept_in_printed_order():
    # Beijing's 预算03表 支出预算总表: one row, three classifications, then 合计 | 基本支出 | 项目支出
    page = table_page(4, "预算03表 支出预算总表", [
        ["支出功能分类科目", "政府支出经济分类科目", "部门支出经济分类科目", "合计", "基本支出", "项目支出"],
        ["2013601-行政运行", "50101-工资奖金津补贴", "30101-基本工资", "151.992000", "151.992000", ""],
    ])
    cells = table_cells(_doc(page), "d", 2026, None, "budget", None, [])
    assert [(c.codes, c.row_label, c.header_path, c.amount_printed) for c in cells] == [
        ("2013601 / 50101 / 30101", "行政运行 / 工资奖金津补贴 / 基本工资", "合计", "151.992000"),
        ("2013601 / 50101 / 30101", "行政运行 / 工资奖金津补贴 / 基本工资", "基本支出", "151.992000")]


def test_code_printed_over_lei_kuan_xiang_columns_is_one_code():
    page = table_page(4, "一般公共预算支出表", [
        ["类", "款", "项", "科目名称", "合计"],
        ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "36.09"],
    ])
    cells = table_cells(_doc(page), "d", 2026, None, "budget", None, [])
    assert [(c.codes, c.row_label) for c in cells] == [("2080505", "机关事业单位基本养老保险缴费支出")]


def test_code_columns_row_numbers_and_years_are_not_figures():
    page = table_page(4, "2026年一般公共预算支出表", [
        ["科目编码", "科目名称", "行次", "2025年预算数", "2026年预算数", "增长率（%）"],
        ["2010101", "行政运行", "1", "100.00", "110.00", "10.0"],
        ["201", "一般公共服务支出", "2", "2026", "300", "5"],
    ])
    cells = table_cells(_doc(page), "d", 2026, None, "budget", None, [])
    got = [(c.row_label, c.codes, c.amount_printed, c.value_kind) for c in cells]
    # 2010101 (code), 1 and 2 (行次) are not figures; 2026 in an amount column is taken for a year, not kept;
    # 300 (a whole number in a column of decimal figures) is; the rate is a number, not yuan
    assert got == [("行政运行", "2010101", "100.00", "amount"), ("行政运行", "2010101", "110.00", "amount"),
                   ("行政运行", "2010101", "10.0", "percent"), ("一般公共服务支出", "201", "300", "amount"),
                   ("一般公共服务支出", "201", "5", "percent")]
    assert cells[2].amount_yuan is None and cells[2].value == Decimal("10.0")


def test_continuation_page_takes_the_title_and_columns_of_the_first():
    first = table_page(5, "表3.部门支出总表", [["科目名称", "合计", "基本支出"], ["行政运行", "10.00", "10.00"]])
    cont = Page(6, 842, 595, 100, [Line("单位：万元", 700, 100, 750, 110, 9)],
                [grid(6, [["事业运行", "5.00", "5.00"]])])
    cells = table_cells(_doc(first, cont), "d", 2026, None, "budget", None, [])
    later = [c for c in cells if c.page == 6]
    assert [(c.table_title, c.header_path, c.amount_printed) for c in later] == [
        ("表3.部门支出总表", "合计", "5.00"), ("表3.部门支出总表", "基本支出", "5.00")]


def test_known_statement_cells_carry_their_line_item_mapping():
    out = transform(table_page(2, "收入决算表", [
        ["科目编码", "科目名称", "本年收入合计", "财政拨款收入"],
        ["201", "一般公共服务支出", "1,234.56", "1,000.00"],
    ]))
    cells = [c for c in out.table_cells if c.page == 2]
    assert {(c.statement, c.measure, c.code, c.amount_printed) for c in cells} == {
        ("income", "total", "201", "1,234.56"), ("income", "fiscal_appropriation", "201", "1,000.00")}


def test_a_filing_without_unit_or_year_is_read_and_stored_unnamed():
    # a tables-only part: no cover, the unit and year printed nowhere — read all the same, partial
    from transform.document import transform_document

    page = table_page(1, "预算01表 收支总表", [["项目", "预算数"], ["一般公共预算拨款收入", "12.30"]])
    out = transform_document(Document("t.pdf", [page], {}), "d", "t.pdf", "t.pdf")
    assert out.document.status == "partial" and out.document.unit_name is None
    assert "unit_name" in out.document.error and "fiscal_year" in out.document.error
    assert [c.amount_printed for c in out.table_cells] == ["12.30"]


def test_every_printed_line_item_of_the_real_finals_is_a_table_cell(parsed_real):
    # regression: 上海市普陀区财政局 p.18, 财政拨款“三公”经费支出决算表 under its own title took the columns of
    # the previous page's table (its header read as data rows), and its 合计 预算数 0.95 was left out
    for name, parsed in parsed_real.items():
        cells = {(c.page, c.x0, c.top) for c in parsed.table_cells}
        printed = [li for li in parsed.line_items if li.amount_printed.strip() not in ("", "-", "—", "/")]
        assert printed and all((li.page, li.x0, li.top) in cells for li in printed), name
    p18 = [(c.header_path, c.amount_printed) for c in parsed_real["putuo_finance_2024"].table_cells if c.page == 18]
    assert p18 == [("财政拨款“三公”经费 / 合计", "0.95"), ("财政拨款“三公”经费 / 公务接待费", "0.95")]
