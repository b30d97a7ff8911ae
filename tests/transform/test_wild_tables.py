"""Real 2026 budgets of six cities (../shared/wild, the smallest of each): their tables' figures stored where
printed, with the labels, codes and numbers the pages print. Every expected figure is typed from the page."""
from __future__ import annotations

from decimal import Decimal

import pytest


def cells_on(parsed, page: int):
    return [c for c in parsed.table_cells if c.page == page]


def find(parsed, page: int, label: str, printed: str):
    """The cell printing `printed` in the row labelled `label` on `page` (exactly one)."""
    found = [c for c in cells_on(parsed, page) if c.amount_printed == printed and c.row_label == label]
    assert len(found) == 1, [(c.row_label, c.amount_printed) for c in cells_on(parsed, page)][:40]
    return found[0]


# (file key, page, row label, printed figure, yuan, table number as printed)
SUMMARY_FIGURES = [
    # 北京 预算01表 收支总表, 万元 to six decimals
    ("beijing_tables", 1, "一般公共预算拨款收入", "9,142.554971", "91425549.71", "预算01表"),
    ("beijing_tables", 1, "一般公共服务支出", "6,770.499100", "67704991.00", "预算01表"),
    # 广州 表1 收支总体情况表 (the number on the line above the title)
    ("guangzhou", 5, "预算拨款", "3,944.08", "39440800.00", "表1"),
    ("guangzhou", 5, "一般公共服务支出", "2,570.71", "25707100.00", "表1"),
    # 西安 表1 部门综合预算收支总表, 元 with cents, four column groups side by side
    ("xian", 19, "一般公共服务支出", "22,669,300.94", "22669300.94", "表1"),
    ("xian", 19, "(1)工资福利支出", "17,103,265.51", "17103265.51", "表1"),
    ("xian", 19, "机关工资福利支出", "17,103,265.51", "17103265.51", "表1"),
    # 福州 "一、收支预算总表" over "2026 年度收支预算总表", no thousands separators
    ("fuzhou", 7, "一般公共预算拨款收入", "6053.42", "60534200.00", "一"),
    ("fuzhou", 7, "公共安全支出", "4481.91", "44819100.00", "一"),
    # 苏州 公开 01 表 收支总表
    ("suzhou", 9, "一般公共预算拨款收入", "4,651.67", "46516700.00", "公开01表"),
    ("suzhou", 9, "一般公共服务支出", "2,906.63", "29066300.00", "公开01表"),
    # 杭州 表1：2026年市级部门收支预算总表
    ("hangzhou", 15, "其他收入", "123.61", "1236100.00", "表1"),
    ("hangzhou", 15, "科学技术支出", "28.00", "280000.00", "表1"),
]


@pytest.mark.parametrize("key, page, label, printed, yuan, number", SUMMARY_FIGURES)
def test_summary_table_figures_are_stored_where_printed(parsed_wild, key, page, label, printed, yuan, number):
    cell = find(parsed_wild[key], page, label, printed)
    assert cell.amount_yuan == Decimal(yuan)
    assert cell.table_number == number
    assert cell.doc_id == parsed_wild[key].document.doc_id and cell.x0 is not None


def test_beijing_expenditure_table_keeps_three_classifications(parsed_wild):
    # 预算03表 支出预算总表 p.4: "2013601-行政运行 | 50101-工资奖金津补贴 | 30101-基本工资 | 151.992000 | 151.992000"
    cells = [c for c in cells_on(parsed_wild["beijing_tables"], 4) if c.codes == "2013601 / 50101 / 30101"]
    assert [(c.row_label, c.amount_printed) for c in cells] == [
        ("行政运行 / 工资奖金津补贴 / 基本工资", "151.992000"), ("行政运行 / 工资奖金津补贴 / 基本工资", "151.992000")]
    assert cells[0].amount_yuan == Decimal("1519920.00")
    assert cells[0].table_number == "预算03表"


def test_tables_only_part_is_read_without_its_year(parsed_wild):
    # 附件2 prints no year anywhere (its unit only in the 部门名称 row of its last table, p.17): read all the
    # same, stored without a year, and says how to name it
    doc = parsed_wild["beijing_tables"].document
    assert (doc.unit_name, doc.identity_page, doc.doc_kind) == ("中共北京市委军民融合发展委员会办公室", 17, "budget")
    assert doc.fiscal_year is None
    assert doc.status == "partial" and "fiscal_year hint" in doc.error
    assert len(parsed_wild["beijing_tables"].table_cells) > 100


def test_bracketed_codes_do_not_make_a_text_layer_untrusted(parsed_wild):
    # 广州 prints "[2014001]行政运行": the figures of those pages are stored, code and name apart
    cells = [c for c in parsed_wild["guangzhou"].table_cells if c.codes == "2014001"]
    assert cells and all(c.row_label == "行政运行" for c in cells)


def _gpb(parsed, code, measure="total"):
    return [li for li in parsed.line_items if li.statement == "gpb_expenditure" and li.code == code
            and li.measure == measure]


def test_bracketed_codes_are_line_item_codes(parsed_wild):
    # 广州市信访局 表5 p.11: "[2080505]机关事业单位基本养老保险缴费支出 | 199.06 | 199.06 | 0.00"
    [li] = _gpb(parsed_wild["guangzhou"], "2080505")
    assert (li.item, li.amount_printed, li.amount_yuan, li.page) == (
        "机关事业单位基本养老保险缴费支出", "199.06", Decimal("1990600.00"), 11)
    assert li.code_origin == "printed" and li.code_level == 3


def test_names_printed_without_codes_take_the_catalogues(parsed_wild):
    # 杭州市气象局 表5 p.19 prints names only, indented by level: "  机关事业单位基本养老保险缴费支出 135.62"
    hz = parsed_wild["hangzhou"]
    [li] = _gpb(hz, "2080505")
    assert (li.item, li.amount_printed, li.page, li.code_origin) == (
        "机关事业单位基本养老保险缴费支出", "135.62", 19, "catalogue")
    [science] = _gpb(hz, "206")  # "科学技术支出 28.00": a 类 name
    assert science.amount_printed == "28.00"
    # "气象服务 1,980.00" sits under 气象事务, a 款 the catalogue does not hold: stored, without a code
    [weather] = [li for li in hz.line_items if li.statement == "gpb_expenditure" and li.item == "气象服务"
                 and li.measure == "total"]
    assert weather.amount_printed == "1,980.00" and weather.code is None and weather.code_origin is None


def test_a_table_of_crossed_classifications_says_where_its_figures_are(parsed_wild):
    # 北京 预算03表 p.4 prints one row per 功能 × 政府经济 × 部门经济 code: no figure per code for line_items
    problems = parsed_wild["beijing_tables"].problems
    assert any("one row per combination of 3 classifications" in p and "table_cells keeps them" in p
               for p in problems), problems
