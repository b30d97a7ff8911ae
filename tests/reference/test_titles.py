"""Titles decided by meaning (reference/titles.py, reference/data/table_titles.csv): one case per wording
printed in the wild set (/work/shared/wild: Beijing, Guangzhou, Hangzhou, Suzhou, Fuzhou, Xi'an) and the
Shanghai budgets and final accounts, typed as pdftotext reads them."""
from __future__ import annotations

import pytest

from reference.statements import BY_KEY, match_title
from reference.titles import bodies, normalise_title, rules

# printed title → (statement, phase); None: not a statement's title
CASES: dict[str, tuple[str, str] | None] = {
    # 2026年市级部门 (a city's eleven budget tables)
    "表1.2026年市级部门收支预算总表": ("income_expenditure_summary", "budget"),
    "表2：2026年市级部门收入预算总表": ("income", "budget"),
    "表3.2026年市级部门支出预算总表": ("expenditure", "budget"),
    "表4.2026年市级部门财政拨款收支预算总表": ("fiscal_summary", "budget"),
    "表5.2026年市级部门一般公共预算支出预算表": ("gpb_expenditure", "budget"),
    "表6.2026年市级部门一般公共预算基本支出预算表": ("gpb_basic_expenditure", "budget"),
    "表7.2026年市级部门一般公共预算“三公”经费预算表": ("three_public", "budget"),
    "表8.2026年市级部门政府性基金预算支出预算表": ("government_fund", "budget"),
    "表9：2026年市级部门国有资本经营预算支出预算表": ("soe_capital", "budget"),
    "表10.2026年市级部门项目支出预算表": ("project_expenditure", "budget"),
    "表11.2026年市级部门项目支出绩效表": ("performance_targets", "budget"),
    # Beijing: 预算01表 …
    "预算01表 收支总表": ("income_expenditure_summary", "budget"),
    "预算 01表 收支总表": ("income_expenditure_summary", "budget"),
    "预算02表   收入总表": ("income", "budget"),
    "预算03表 支出总表": ("expenditure", "budget"),
    "预算04表 财政拨款收支总表": ("fiscal_summary", "budget"),
    "预算05表      一般公共预算支出表": ("gpb_expenditure", "budget"),
    "预算06表 一般公共预算基本支出表": ("gpb_basic_expenditure", "budget"),
    "预算07表 政府性基金预算财政拨款支出表": ("government_fund", "budget"),
    "预算08表 国有资本经营预算支出表": ("soe_capital", "budget"),
    "预算 09表 财政拨款“三公 ”经费支出表": ("three_public", "budget"),
    "预算10表 政府采购预算明细表": ("procurement", "budget"),
    "预算11表 财政拨款政府购买服务明细表": ("government_purchase_services", "budget"),
    "预算表12 项目支出绩效目标表": ("performance_targets", "budget"),
    "预算表12 年度项目支出绩效表": ("performance_targets", "budget"),
    "预算13表 部门整体支出绩效目标表": ("performance_targets", "budget"),
    "预算14表 专项转移支付绩效目标表": ("performance_targets", "budget"),
    # Guangzhou: 一、… 总体情况表, (按…分类科目)
    "一、收支总体情况表": ("income_expenditure_summary", "budget"),
    "二、收入总体情况表": ("income", "budget"),
    "三、本年支出总体情况表": ("expenditure", "budget"),
    "四、财政拨款收支总体情况表": ("fiscal_summary", "budget"),
    "五、一般公共预算支出情况表（按功能分类科目）": ("gpb_expenditure", "budget"),
    "六、一般公共预算基本支出情况表（按经济分类科目）": ("gpb_basic_expenditure", "budget"),
    "七、一般公共预算项目支出情况表（按经济分类科目）": ("gpb_project_expenditure", "budget"),
    "八、财政拨款安排的行政经费及“三公”经费预算表": ("three_public", "budget"),
    "九、政府性基金预算支出情况表": ("government_fund", "budget"),
    "十、国有资本经营预算支出情况表": ("soe_capital", "budget"),
    "十一、部门预算基本支出预算表": ("basic_expenditure", "budget"),
    "十二、部门预算项目支出及其他支出预算表": ("project_expenditure", "budget"),
    "广州市生态环境局2026年部门整体预算绩效目标申报表": ("performance_targets", "budget"),
    "广州市生态环境局2026年项目支出绩效目标表（含转移支付项目）": ("performance_targets", "budget"),
    # Hangzhou: 财政拨款 tables by 功能 / 经济 科目, 三公 with 会议费 and 培训费
    "五、财政拨款支出表（功能科目）": ("fiscal_expenditure", "budget"),
    "六、财政拨款基本支出表（经济科目）": ("fiscal_basic_expenditure", "budget"),
    "九、一般公共预算“三公”经费、会议费、培训费支出表": ("three_public", "budget"),
    "十二、一般公共预算机关运行经费支出预算表": ("org_running_cost", "budget"),
    "十三、政府采购支出表": ("procurement", "budget"),
    # Suzhou / Fuzhou: 2026 年度 …, 拨款 支出预算表, 经济分类情况表
    "2026 年度收支预算总表": ("income_expenditure_summary", "budget"),
    "2026 年度一般公共预算拨款支出预算表": ("gpb_expenditure", "budget"),
    "八、一般公共预算支出经济分类情况表": ("gpb_expenditure_economic", "budget"),
    "九、一般公共预算基本支出经济分类情况表": ("gpb_basic_expenditure", "budget"),
    "2026 年度政府性基金预算拨款支出预算表": ("government_fund", "budget"),
    "七、国有资本经营预算拨款支出预算表": ("soe_capital", "budget"),
    "十、一般公共预算“三公”经费支出预算表": ("three_public", "budget"),
    # Xi'an: 表N 20XX年部门综合预算 …, function and economic tables told apart by their note
    "表1     2022 年部门综合预算收支总表": ("income_expenditure_summary", "budget"),
    "表4    部门综合预算财政拨款收支总表": ("fiscal_summary", "budget"),
    "表5部门综合预算一般公共预算支出明细表（按支出功能分类科目）": ("gpb_expenditure", "budget"),
    "表6部门综合预算一般公共预算支出明细表（按支出经济分类科目）": ("gpb_expenditure_economic", "budget"),
    "表7部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）": ("gpb_basic_expenditure_function", "budget"),
    "表8部门综合预算一般公共预算基本支出明细表（按支出经济分类科目）": ("gpb_basic_expenditure", "budget"),
    "2022年部门综合预算一般公共预算支出明细表（按功能科目分）": ("gpb_expenditure", "budget"),
    "2021年部门综合预算一般公共预算支出明细表": ("gpb_expenditure", "budget"),
    "2021年部门综合预算一般公共预算基本支出明细表": ("gpb_basic_expenditure", "budget"),
    "表9     2022 年部门综合预算政府性基金收支表": ("government_fund", "budget"),
    "表 10   2022 年部门综合预算专项业务经费支出表": ("project_expenditure", "budget"),
    "表11   部门综合预算财政拨款上年结转资金支出表": ("fiscal_carryover", "budget"),
    "表11-财拨结转支出表": ("fiscal_carryover", "budget"),
    "2022部门综合预算财政拨款结转资金支出表": ("fiscal_carryover", "budget"),
    "表12部门综合预算政府采购（资产配置、购买服务）预算表": ("procurement", "budget"),
    "表13部门综合预算一般公共预算拨款三公经费及会议费、培训费支出预算表": ("three_public", "budget"),
    "2022年部门综合预算政府性基金收支表（不含上年结转）": ("government_fund", "budget"),
    "会议费、培训费支出预算表（不含上年结转）": ("meeting_training", "budget"),
    "培训费明细表": ("meeting_training", "budget"),
    "表 14   2022 年部门专项业务经费绩效目标表": ("performance_targets", "budget"),
    "表 16   2022 年专项资金总体绩效目标表": ("performance_targets", "budget"),
    "表15   部门整体支出绩效目标表": ("performance_targets", "budget"),
    "财政拨款“三公”经费及会议费、培训费支出决算表": ("three_public", "final"),
    # Shanghai budgets (上海市普陀区) and final accounts
    "1. 2025年预算单位财务收支预算总表": ("income_expenditure_summary", "budget"),
    "7．2025年预算单位国有资本经营预算支出功能分类预算表": ("soe_capital", "budget"),
    "2025年部门一般公共预算基本支出部门预算经济分类预算表": ("gpb_basic_expenditure", "budget"),
    "2025年单位“三公”经费和机关运行经费预算表": ("three_public", "budget"),
    "四、财政拨款收入支出决算总表": ("fiscal_summary", "final"),
    "九、国有资本经营预算财政拨款收入支出决算表": ("soe_capital", "final"),
    "上海市普陀区财政局2024年度收入支出决算总表": ("income_expenditure_summary", "final"),
    # the prefixes the brief names
    "公开表1 收支总表": ("income_expenditure_summary", "budget"),
    "公开01表 收入支出决算总表": ("income_expenditure_summary", "final"),
    "附表1 收入决算表": ("income", "final"),
    "部门预算表1 收支总表": ("income_expenditure_summary", "budget"),
    "（一）收入支出决算总表": ("income_expenditure_summary", "final"),
    "2026年部门收支总体情况表": ("income_expenditure_summary", "budget"),
    "中共上海市普陀区委社会工作部部门收支总表": ("income_expenditure_summary", "budget"),
    "收入决算表 单位：万元": None,  # a title line joined with its unit line (transform/statements.py tries both)
    "一般公共预算支出情况表（按功能分类科目）（续表）": ("gpb_expenditure", "budget"),
    "收入支出决算总表（公开01表）": ("income_expenditure_summary", "final"),
    "新增资产配置表": ("asset_allocation", "budget"),
    # not a statement's title: a part, a sentence, a heading, a project's own table, a broken line
    "第二部分 2026 年度部门预算报表": None,
    "2026 年度部门预算表": None,
    "五、单位预算表": None,
    "上海市XX局2024年度部门决算表": None,
    "公开 01 表": None,
    "详见单位的项目绩效目标表": None,
    "注：每一分项预算均需填报一个相应的绩效目标表": None,
    "物业费项目绩效目标表": None,
    "）项目绩效目标表": None,
    "效目标表": None,
    "五、国有资产占有使用情况": None,
    "（二）收入预算情况说明（详见表 1-3）": None,
    "表8国有资本经营预算财政拨款支出决算表是本部门不涉及故公开空表": None,
    "预算表（不含上年结转）": None,
    "87220,000.00表": None,
    "本部门2026年收支总预算为12,345.67万元，其中一般公共预算拨款收入见收支总体情况表": None,
}


@pytest.mark.parametrize("title, expected", CASES.items())
def test_a_printed_title_names_its_statement_and_phase(title, expected):
    m = match_title(title)
    assert ((m.key, m.phase) if m else None) == expected


def test_a_continued_title_says_so():
    assert match_title("预算05表 一般公共预算支出表（续表）").continued
    assert not match_title("预算05表 一般公共预算支出表").continued


@pytest.mark.parametrize("title, body", [
    ("表1.2026年市级部门收支预算总表", "市级部门收支预算总表"),
    ("预算表12 项目支出绩效目标表", "项目支出绩效目标表"),
    ("表102022年部门综合预算专项业务经费支出表", "部门综合预算专项业务经费支出表"),
    ("一般公共预算支出情况表（按功能分类科目）", "一般公共预算支出情况功能分类表"),
    ("二十、政府采购预算表", "政府采购预算表"),
])
def test_the_body_is_what_stands_after_the_number_the_unit_and_the_year(title, body):
    assert bodies(normalise_title(title))[-1] == body


def test_neither_budget_nor_final_words_read_as_a_budget():
    # the final accounts' template says 决算 in every title; a title saying neither is a budget's
    assert match_title("绩效目标表").phase == "budget" and match_title("政府采购情况表").phase == "budget"
    assert match_title("一般公共预算财政拨款支出决算表").phase == "final"


def test_the_decision_table_names_known_statements_and_reads_its_own_examples():
    table = rules()
    assert len({r.order for r in table}) == len(table)  # the order decides: no two rows tie
    for r in table:
        assert r.statement in BY_KEY, r.statement
        m = match_title(r.example)
        assert m is not None and m.key == r.statement, r.example
    assert {r.statement for r in table} == set(BY_KEY)  # every statement can be named
