"""Columns and rows that are not amounts (行次, 栏次, 序号), the 三公 table in either order, tables beyond the
nine: small tables typed here, read through transform/."""
from __future__ import annotations

from decimal import Decimal

from tests.transform.typed import table_page, transform

T1 = [["收入", "", "", "支出", "", ""],
      ["项目", "行次", "金额", "项目", "行次", "金额"],
      ["栏次", "", "1", "栏次", "", "2"],
      ["一、一般公共预算财政拨款收入", "1", "307.82", "一、一般公共服务支出", "31", "264.87"],
      ["二、政府性基金预算财政拨款收入", "2", "", "八、社会保障和就业支出", "38", "42.95"],
      ["本年收入合计", "3", "307.82", "本年支出合计", "39", "307.82"]]

# What T1 prints, in yuan (万元 × 10,000), whichever column numbers its rows
T1_FIGURES = {
    ("income", "一般公共预算财政拨款收入", "amount"): Decimal("3078200.00"),
    ("income", "政府性基金预算财政拨款收入", "amount"): Decimal("0.00"),
    ("income", "本年收入合计", "amount"): Decimal("3078200.00"),
    ("expenditure", "一般公共服务支出", "amount"): Decimal("2648700.00"),
    ("expenditure", "社会保障和就业支出", "amount"): Decimal("429500.00"),
    ("expenditure", "本年支出合计", "amount"): Decimal("3078200.00")}

def _figures(parsed, statement):
    return {(li.side, li.item, li.measure): li.amount_yuan for li in parsed.line_items if li.statement == statement}


def test_row_numbers_of_a_hangci_column_are_never_stored_as_figures():
    """Regression: a spreadsheet-made 表1 with a 行次 column stored 31 as 一般公共服务支出's figure."""
    figures = _figures(transform(table_page(2, "收入支出决算总表", T1)), "income_expenditure_summary")
    assert figures == T1_FIGURES


def test_the_numbers_of_a_xuhao_column_are_never_stored_as_figures():
    """A 序号 column before each side's labels (a hand-made Word table): its 1, 2, 3 are row numbers."""
    rows = [["序号", "项目", "金额", "序号", "项目", "金额"],
            ["1", "一、一般公共预算财政拨款收入", "307.82", "1", "一、一般公共服务支出", "264.87"],
            ["2", "二、政府性基金预算财政拨款收入", "", "2", "八、社会保障和就业支出", "42.95"],
            ["3", "本年收入合计", "307.82", "3", "本年支出合计", "307.82"]]
    figures = _figures(transform(table_page(2, "收入支出决算总表", rows)), "income_expenditure_summary")
    assert figures == T1_FIGURES


def test_the_lanci_row_of_a_coded_table_is_header_not_data():
    rows = [["项目", "", "本年收入合计", "财政拨款收入"], ["科目编码", "科目名称", "", ""],
            ["栏次", "", "1", "2"], ["", "合计", "10.00", "10.00"], ["201", "一般公共服务支出", "10.00", "10.00"]]
    parsed = transform(table_page(2, "收入决算表", rows))
    assert {(li.code, li.item, li.measure, li.amount_printed) for li in parsed.line_items if li.statement == "income"} == {
        (None, "合计", "total", "10.00"), (None, "合计", "fiscal_appropriation", "10.00"),
        ("201", "一般公共服务支出", "total", "10.00"), ("201", "一般公共服务支出", "fiscal_appropriation", "10.00")}


def _three_public(rows):
    parsed = transform(table_page(2, "一般公共预算财政拨款“三公”经费支出决算表", rows))
    return {(li.item, li.measure): li.amount_printed for li in parsed.line_items if li.statement == "three_public"}


ITEMS = ["合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置及运行费", "公务用车购置及运行费", "公务接待费"]
SUB = ["", "", "小计", "公务用车购置费", "公务用车运行费", ""]
FIGURES = ["5.00", "1.00", "3.00", "2.00", "1.00", "1.00"]


def test_the_three_public_table_read_measures_first():
    rows = [["预算数"] * 6 + ["决算数"] * 6, ITEMS * 2, SUB * 2, [str(n) for n in range(1, 13)],
            FIGURES + ["4.00", "0.50", "2.50", "2.00", "0.50", "1.00"]]
    got = _three_public(rows)
    assert got[("合计", "budget")] == "5.00" and got[("合计", "final")] == "4.00"
    assert got[("公务用车购置费", "budget")] == "2.00" and got[("公务用车运行维护费", "final")] == "0.50"
    assert len(got) == 12  # the 栏次 numbers 1–12 are not figures


def test_the_three_public_table_read_items_first():
    head1 = [t for t in ITEMS for _ in (0, 1)]
    head2 = [t for t in SUB for _ in (0, 1)]
    rows = [head1, head2, ["预算数", "决算数"] * 6, [v for pair in zip(FIGURES, ["4.00", "0.50", "2.50", "2.00", "0.50", "1.00"]) for v in pair]]
    got = _three_public(rows)
    assert got[("合计", "budget")] == "5.00" and got[("合计", "final")] == "4.00"
    assert got[("公务用车购置及运行维护费", "budget")] == "3.00" and got[("公务接待费", "final")] == "1.00"


def test_a_table_beyond_the_nine_is_recorded_as_itself_and_never_read_as_one_of_them():
    rows = [["项目", "决算数"], ["机关运行经费", "12.00"]]
    parsed = transform(table_page(2, "机关运行经费支出决算表", rows))
    st = {s.statement: s for s in parsed.statements}
    assert st["org_running_cost"].status == "printed" and st["org_running_cost"].first_page == 2
    assert st["expenditure"].status == "missing" and parsed.line_items == []
