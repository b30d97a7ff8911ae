"""Titles by name, not by ending (reference/statements.py): small cases typed here."""
from __future__ import annotations

import pytest

from reference.statements import BY_KEY, NINE, STATEMENTS, currency_unit_of, looks_like_title, match_title

# printed title → statement key (None: not one of the statements the vocabulary knows)
CASES = {
    "收入支出决算总表": "income_expenditure_summary",
    "部门收支决算总表": "income_expenditure_summary",
    "收支决算总表": "income_expenditure_summary",
    "财政拨款收入支出决算总表": "fiscal_summary",
    "财政拨款收支决算总表": "fiscal_summary",
    "支出决算表": "expenditure",
    "一般公共预算财政拨款支出决算表": "gpb_expenditure",
    "一般公共预算财政拨款支出决算明细表": "gpb_expenditure",
    "一般公共预算支出决算表": "gpb_expenditure",
    "一般公共预算财政拨款“三公”经费支出决算表": "three_public",
    "三公经费支出决算表": "three_public",
    "政府性基金预算财政拨款支出决算表": "government_fund",
    "政府性基金决算表": "government_fund",
    "国有资本经营预算财政拨款支出决算表": "soe_capital",
    # tables beyond the nine are themselves, never one of the nine
    "基本支出决算表": "basic_expenditure",
    "机关运行经费支出决算表": "org_running_cost",
    "政府采购情况表": "procurement",
    "国有资产占用情况表": "state_assets",
    "项目支出表": "project_expenditure",
    # numbering, unit and year before the title, marks after it
    "表3 支出决算表": "expenditure",
    "附表1-2 支出决算表": "expenditure",
    "公开01表 收入支出决算总表": "income_expenditure_summary",
    "上海市普陀区财政局2024年度收入支出决算总表": "income_expenditure_summary",
    "2024年度部门收入决算表": "income",
    "收入决算表(公开02表)": "income",
    "一般公共预算财政拨款基本支出决算表（按经济分类）": "gpb_basic_expenditure",
    # not a title of any statement
    "某某支出决算表": None,
    "其中：基本支出决算表": None,
    "第二部分 上海市普陀区财政局2024年度部门决算表": None,
    "详见附表1收入支出决算总表": None,
}


@pytest.mark.parametrize("title,key", CASES.items())
def test_a_title_names_its_statement(title, key):
    m = match_title(title)
    assert (m.key if m else None) == key


def test_a_continued_title_says_so():
    assert match_title("收入支出决算总表（续）").continued and match_title("收入决算表续表").continued
    assert not match_title("收入决算表").continued


def test_an_unknown_table_title_still_looks_like_a_title():
    assert looks_like_title("某某支出决算表") and looks_like_title("资产情况表")
    assert not looks_like_title("三、支出决算情况说明")


def test_every_title_and_alias_is_read_back_as_its_own_statement():
    for st in STATEMENTS:
        for t in st.titles:
            assert match_title(t).key == st.key, t
    assert [s.number for s in NINE] == list(range(1, 10)) and BY_KEY["expenditure"].label == "表3 支出决算表"


@pytest.mark.parametrize("line,unit", [("单位：万元", "万元"), ("金额单位：元", "元"), ("单位: 亿元", "亿元"),
                                       ("编制单位：某某局  单位：万元", "万元"), ("单位名称：某某局", None)])
def test_the_unit_a_line_states(line, unit):
    assert currency_unit_of(line) == unit
