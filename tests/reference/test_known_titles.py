"""Every wording the vocabulary knew before titles were decided by meaning (issue 23) keeps its
statement: the lists are frozen here, so they hold whatever reference/ does with its own lists."""
from __future__ import annotations

import pytest

from reference.statements import match_title

# statement → (final accounts' titles, budget titles), as reference/statements.py listed them
KNOWN = {
    "income_expenditure_summary": (
        ('收入支出决算总表', '收支决算总表', '部门收支决算总表', '部门收入支出决算总表', '单位收入支出决算总表', '单位收支决算总表'),
        ('收支预算总表', '财务收支预算总表', '收入支出预算总表', '收支总表', '部门收支总表', '部门预算收支总表')),
    "income": (
        ('收入决算表', '部门收入决算表', '单位收入决算表'),
        ('收入预算总表', '收入总表', '部门收入总表', '收入预算表')),
    "expenditure": (
        ('支出决算表', '部门支出决算表', '单位支出决算表'),
        ('支出预算总表', '支出总表', '部门支出总表', '支出预算表')),
    "fiscal_summary": (
        ('财政拨款收入支出决算总表', '财政拨款收支决算总表', '部门财政拨款收支决算总表', '部门财政拨款收入支出决算总表'),
        ('财政拨款收支预算总表', '财政拨款收入支出预算总表', '财政拨款收支总表')),
    "gpb_expenditure": (
        ('一般公共预算财政拨款支出决算表', '一般公共预算财政拨款支出决算明细表', '一般公共预算支出决算表', '一般公共预算财政拨款支出决算功能分类表'),
        ('一般公共预算支出功能分类预算表', '一般公共预算支出预算表', '一般公共预算支出表', '一般公共预算财政拨款支出预算表', '一般公共预算支出功能分类表')),
    "gpb_basic_expenditure": (
        ('一般公共预算财政拨款基本支出决算表', '一般公共预算财政拨款基本支出决算明细表', '一般公共预算基本支出决算表', '一般公共预算财政拨款基本支出决算经济分类表'),
        ('一般公共预算基本支出部门预算经济分类预算表', '一般公共预算基本支出经济分类预算表', '一般公共预算基本支出预算表', '一般公共预算基本支出表', '一般公共预算财政拨款基本支出预算表', '一般公共预算基本支出部门经济分类预算表')),
    "three_public": (
        ('财政拨款三公经费支出决算表', '一般公共预算财政拨款三公经费支出决算表', '三公经费支出决算表', '财政拨款三公经费决算表', '一般公共预算三公经费支出决算表', '部门三公经费支出决算表'),
        ('三公经费和机关运行经费预算表', '三公经费及机关运行经费预算表', '三公经费预算表', '一般公共预算三公经费支出表', '一般公共预算三公经费支出预算表', '财政拨款三公经费预算表', '三公经费支出预算表', '三公经费和机关运行经费预算情况表')),
    "government_fund": (
        ('政府性基金预算财政拨款收入支出决算表', '政府性基金预算财政拨款支出决算表', '政府性基金决算表', '政府性基金预算财政拨款收支决算表', '政府性基金预算财政拨款收入支出决算明细表'),
        ('政府性基金预算支出功能分类预算表', '政府性基金预算支出预算表', '政府性基金预算支出表', '政府性基金预算财政拨款支出预算表')),
    "soe_capital": (
        ('国有资本经营预算财政拨款收入支出决算表', '国有资本经营预算财政拨款支出决算表', '国有资本经营预算决算表', '国有资本经营预算财政拨款收支决算表', '国有资本经营预算财政拨款收入支出决算明细表'),
        ('国有资本经营预算支出功能分类预算表', '国有资本经营预算支出预算表', '国有资本经营预算支出表', '国有资本经营预算财政拨款支出预算表')),
    "org_running_cost": (
        ('机关运行经费支出决算表', '机关运行经费决算表', '机关运行经费支出情况表'),
        ('机关运行经费预算表', '机关运行经费支出预算表')),
    "procurement": (
        ('政府采购情况表', '政府采购支出情况表', '政府采购决算表', '政府采购情况决算表'),
        ('政府采购预算表', '政府采购预算情况表', '政府采购预算明细表')),
    "state_assets": (
        ('国有资产占用情况表', '国有资产占用情况决算表', '国有资产情况表'),
        ()),
    "project_expenditure": (
        ('项目支出表', '项目支出决算表', '项目支出明细表'),
        ('项目支出预算表', '项目支出预算明细表')),
    "performance_targets": (
        ('绩效目标表',),
        ('项目绩效目标表', '项目支出绩效目标表', '部门整体支出绩效目标表', '整体支出绩效目标表', '项目支出绩效目标申报表')),
    "basic_expenditure": (
        ('基本支出决算表', '基本支出决算明细表'),
        ()),
}
FINAL = [(t, key) for key, (final, _budget) in KNOWN.items() for t in final]
BUDGET = [(t, key) for key, (_final, budget) in KNOWN.items() for t in budget]
PREFIXES = ("", "表3 ", "附表1-2 ", "公开01表 ", "2024年度", "上海市普陀区财政局2024年度", "一、")


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_known_final_title_keeps_its_statement(prefix):
    for title, key in FINAL:
        m = match_title(prefix + title)
        assert m is not None and m.key == key, prefix + title
        if "决算" in title:
            assert m.phase == "final", prefix + title


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_known_budget_title_keeps_its_statement_and_phase(prefix):
    for title, key in BUDGET:
        m = match_title(prefix + title)
        assert m is not None and (m.key, m.phase) == (key, "budget"), prefix + title


@pytest.mark.parametrize("suffix", ["（续表）", "续表", "（续）"])
def test_a_known_title_continued(suffix):
    for title, key in FINAL + BUDGET:
        m = match_title(title + suffix)
        assert m is not None and m.key == key and m.continued, title + suffix
