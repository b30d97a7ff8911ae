"""Budget table titles (issue 14) name the final accounts' statements, and are told apart from them."""
from __future__ import annotations

import pytest

from reference.statements import BY_KEY, match_title, statement_label, title_phase

BUDGET = [
    ("2025年部门财务收支预算总表", "income_expenditure_summary"),
    ("2025年预算单位财务收支预算总表", "income_expenditure_summary"),
    ("收支总表", "income_expenditure_summary"),
    ("2026年部门收入预算总表", "income"),
    ("2026年预算单位支出预算总表", "expenditure"),
    ("2025年部门财政拨款收支预算总表", "fiscal_summary"),
    ("2025年部门一般公共预算支出功能分类预算表", "gpb_expenditure"),
    ("一般公共预算支出表", "gpb_expenditure"),
    ("2025年部门一般公共预算基本支出部门预算经济分类预算表", "gpb_basic_expenditure"),
    ("2025年部门政府性基金预算支出功能分类预算表", "government_fund"),
    ("2025年部门国有资本经营预算支出功能分类预算表", "soe_capital"),
    ("2025年部门“三公”经费和机关运行经费预算表", "three_public"),
    ("一般公共预算“三公”经费支出表", "three_public"),
    ("政府采购预算表", "procurement"),
    ("项目支出绩效目标表", "performance_targets"),
]


@pytest.mark.parametrize("title, key", BUDGET)
def test_a_budget_title_names_its_statement(title, key):
    m = match_title(title)
    assert m is not None and (m.key, m.phase) == (key, "budget")


@pytest.mark.parametrize("title, key", [("收入支出决算总表", "income_expenditure_summary"), ("支出决算表", "expenditure"),
                                        ("财政拨款“三公”经费支出决算表", "three_public")])
def test_a_final_title_stays_final(title, key):
    assert (match_title(title).key, title_phase(title)) == (key, "final")


def test_a_budget_table_is_named_by_its_budget_title():
    assert statement_label("expenditure", "budget") == "支出预算总表"
    assert statement_label("expenditure", "final") == "表3 支出决算表"
    assert statement_label("expenditure", None) == "表3 支出决算表"  # stored before phase existed
    assert statement_label("nonsense", "budget") == "nonsense"


def test_budget_measures_differ_where_the_columns_do():
    summary = BY_KEY["income_expenditure_summary"]
    assert dict(summary.rules("expenditure", "budget"))["人员经费"] == "basic_personnel"
    assert dict(summary.rules("expenditure", "final")) == {"决算数": "amount", "决算": "amount", "金额": "amount"}
    assert BY_KEY["gpb_basic_expenditure"].shape_in("budget") == "coded"
    assert BY_KEY["gpb_basic_expenditure"].shape_in("final") == "economic"
