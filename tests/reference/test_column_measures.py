"""Column headers → measures (reference/data/column_measures.csv): what the rules named before they
were kept as data is frozen here and still holds; the budget headers the wild set prints (issue 23)
name their measures."""
from __future__ import annotations

import pytest

from reference.statements import BY_KEY, STATEMENTS
from transform.columns import measure_for, measure_rules

# (statement, side, phase) → the rules as reference/statements.py listed them before issue 23
BEFORE = {
    ('income_expenditure_summary', 'income', 'final'): (('决算数', 'amount'), ('决算', 'amount'), ('金额', 'amount')),
    ('income_expenditure_summary', 'expenditure', 'final'): (('决算数', 'amount'), ('决算', 'amount'), ('金额', 'amount')),
    ('income_expenditure_summary', 'income', 'budget'): (('预算数', 'amount'), ('预算', 'amount'), ('金额', 'amount'), ('合计', 'amount')),
    ('income_expenditure_summary', 'expenditure', 'budget'): (('人员经费', 'basic_personnel'), ('公用经费', 'basic_public'), ('基本支出', 'basic'), ('项目支出', 'project'), ('预算数', 'amount'), ('预算', 'amount'), ('金额', 'amount'), ('合计', 'amount')),
    ('income', None, 'final'): (('本年收入合计', 'total'), ('合计', 'total'), ('财政拨款', 'fiscal_appropriation'), ('上级补助', 'superior_subsidy'), ('事业收入', 'business'), ('经营收入', 'operating'), ('附属单位', 'affiliated_remittance'), ('其他收入', 'other')),
    ('income', None, 'budget'): (('本年收入合计', 'total'), ('合计', 'total'), ('财政拨款', 'fiscal_appropriation'), ('上级补助', 'superior_subsidy'), ('事业收入', 'business'), ('经营收入', 'operating'), ('附属单位', 'affiliated_remittance'), ('其他收入', 'other')),
    ('expenditure', None, 'final'): (('本年支出合计', 'total'), ('合计', 'total'), ('基本支出', 'basic'), ('项目支出', 'project'), ('上缴上级', 'remit_to_superior'), ('经营支出', 'operating'), ('附属单位', 'subsidy_to_affiliated')),
    ('expenditure', None, 'budget'): (('本年支出合计', 'total'), ('合计', 'total'), ('基本支出', 'basic'), ('项目支出', 'project'), ('上缴上级', 'remit_to_superior'), ('经营支出', 'operating'), ('附属单位', 'subsidy_to_affiliated')),
    ('fiscal_summary', 'income', 'final'): (('决算数', 'amount'), ('决算', 'amount'), ('金额', 'amount')),
    ('fiscal_summary', 'expenditure', 'final'): (('一般公共预算', 'general_public_budget'), ('政府性基金', 'government_fund'), ('国有资本', 'soe_capital'), ('合计', 'total'), ('决算数', 'total'), ('金额', 'total')),
    ('fiscal_summary', 'income', 'budget'): (('预算数', 'amount'), ('预算', 'amount'), ('金额', 'amount'), ('合计', 'amount')),
    ('fiscal_summary', 'expenditure', 'budget'): (('一般公共预算', 'general_public_budget'), ('政府性基金', 'government_fund'), ('国有资本', 'soe_capital'), ('合计', 'total'), ('决算数', 'total'), ('金额', 'total')),
    ('gpb_expenditure', None, 'final'): (('年初预算', 'budget_initial'), ('全年预算', 'budget_full_year'), ('基本支出', 'basic'), ('项目支出', 'project'), ('合计', 'total'), ('小计', 'total'), ('决算', 'total')),
    ('gpb_expenditure', None, 'budget'): (('年初预算', 'budget_initial'), ('全年预算', 'budget_full_year'), ('基本支出', 'basic'), ('项目支出', 'project'), ('合计', 'total'), ('小计', 'total'), ('决算', 'total')),
    ('gpb_basic_expenditure', None, 'final'): (('决算数', 'amount'), ('决算', 'amount'), ('金额', 'amount')),
    ('gpb_basic_expenditure', None, 'budget'): (('人员经费', 'personnel'), ('公用经费', 'public'), ('预算数', 'amount'), ('预算', 'amount'), ('金额', 'amount'), ('合计', 'amount')),
    ('three_public', None, 'final'): (('预算', 'budget'), ('决算', 'final')),
    ('three_public', None, 'budget'): (('预算', 'budget'), ('决算', 'final')),
    ('government_fund', None, 'final'): (('年初结转', 'opening_balance'), ('年末结转', 'closing_balance'), ('本年收入', 'income'), ('基本支出', 'basic'), ('项目支出', 'project'), ('本年支出', 'expenditure_total')),
    ('government_fund', None, 'budget'): (('基本支出', 'basic'), ('项目支出', 'project'), ('合计', 'expenditure_total'), ('本年支出', 'expenditure_total')),
    ('soe_capital', None, 'final'): (('年初结转', 'opening_balance'), ('年末结转', 'closing_balance'), ('本年收入', 'income'), ('基本支出', 'basic'), ('项目支出', 'project'), ('本年支出', 'expenditure_total')),
    ('soe_capital', None, 'budget'): (('基本支出', 'basic'), ('项目支出', 'project'), ('合计', 'expenditure_total'), ('本年支出', 'expenditure_total')),
}


@pytest.mark.parametrize("scope", BEFORE)
def test_every_header_the_rules_named_names_the_same_measure(scope):
    statement, side, phase = scope
    for needle, measure in BEFORE[scope]:
        if (statement, None, "budget") == (statement, side, phase) and statement == "income":
            continue  # budget income tables have their own rules (tested below)
        assert measure_for(measure_rules(statement, side, phase), [needle]) == measure, (scope, needle)


def test_no_scope_lost_its_rules():
    for s in STATEMENTS:
        for side in (None, "income", "expenditure"):
            for phase in ("final", "budget"):
                if (s.key, side, phase) in BEFORE:
                    assert BY_KEY[s.key].rules(side, phase), (s.key, side, phase)


# Budget income tables (收入总表 / 收入预算总表 / 收入总体情况表) as the wild set prints their headers, each
# column's header path top to bottom.
BUDGET_INCOME = [
    # Fuzhou (one level)
    (["合计"], "total"),
    (["一般公共预算拨款收入"], "general_public_budget"),
    (["政府性基金预算拨款收入"], "government_fund"),
    (["国有资本经营预算拨款收入"], "soe_capital"),
    (["财政专户管理资金收入"], "special_account"),
    (["事业收入"], "business"),
    (["事业单位经营收入"], "operating"),
    (["上级补助收入"], "superior_subsidy"),
    (["附属单位上缴收入"], "affiliated_remittance"),
    (["其他收入"], "other"),
    (["上年结转结余"], "carryover"),
    # Beijing, Suzhou, Hangzhou (本年收入 | 上年结转结余, each with its 小计)
    (["本年收入", "小计"], "current_income"),
    (["本年收入", "一般公共预算资金"], "general_public_budget"),
    (["本年收入", "财政专户管理资金"], "special_account"),
    (["上年结转结余", "小计"], "carryover"),
    (["上年结转结余", "一般公共预算资金"], "carryover_general_public_budget"),
    (["上年结转结余", "政府性基金预算资金"], "carryover_government_fund"),
    (["上年结转结余", "国有资本经营预算资金"], "carryover_soe_capital"),
    (["上年结转结余", "财政专户管理资金"], "carryover_special_account"),
    (["上年结转结余", "单位资金"], "carryover_unit_funds"),
    # Guangzhou (财政拨款收入 | 财政专户拨款收入 | 其他资金收入)
    (["财政拨款收入", "一般公共预算"], "general_public_budget"),
    (["财政拨款收入", "政府性基金预算"], "government_fund"),
    (["财政专户拨款收入", "教育收费"], "special_account_tuition"),
    (["财政专户拨款收入", "其他专户收入拨款"], "special_account_other"),
    (["其他资金收入", "事业单位经营收入"], "operating"),
    (["其他资金收入", "上年结转结余"], "carryover"),
    # Xi'an (部门预算 over everything; 其中 is no column of its own)
    (["部门预算", "合计"], "total"),
    (["部门预算", "一般公共预算拨款", "小计"], "general_public_budget"),
    (["部门预算", "一般公共预算拨款", "其中：专项资金列入部门预算项目"], None),
    (["部门预算", "用事业基金弥补收支差额"], "business_fund_offset"),
    (["部门预算", "上年结转"], "carryover"),
    # Shanghai (收入预算 over 合计 | 财政拨款收入 | 事业收入 | 事业单位经营收入 | 其他收入): as before
    (["收入预算", "合计"], "total"),
    (["收入预算", "财政拨款收入"], "fiscal_appropriation"),
    (["财政拨款（补助）收入"], "fiscal_appropriation"),
    (["收入预算", "事业单位经营收入"], "operating"),
    (["总计"], "total"),
    (["单位资金"], "unit_funds"),
]


@pytest.mark.parametrize("path, measure", BUDGET_INCOME)
def test_a_budget_income_header_names_its_measure(path, measure):
    assert measure_for(measure_rules("income", None, "budget"), path) == measure


def test_a_budget_income_column_is_the_total_a_part_of_it_or_a_subtotal():
    from reference.statements import COLUMN_IDENTITIES

    total, parts = COLUMN_IDENTITIES["income"]
    subtotals = {"current_income", "carryover_general_public_budget", "carryover_government_fund",
                 "carryover_soe_capital", "carryover_special_account", "carryover_unit_funds"}
    for _spec, measure in measure_rules("income", None, "budget"):
        assert measure == total or measure in parts or measure in subtotals, measure


def test_a_final_income_table_reads_as_before():
    rules = measure_rules("income", None, "final")
    assert [measure_for(rules, [h]) for h in ("本年收入合计", "财政拨款收入", "事业单位经营收入", "其他收入")] == \
        ["total", "fiscal_appropriation", "operating", "other"]
    # a header the final accounts' template never prints stays unknown there
    assert measure_for(rules, ["一般公共预算拨款收入"]) is None


@pytest.mark.parametrize("statement, side, path, measure", [
    # 支出预算总表 (Hangzhou): 总计 | 基本支出 (人员支出 | 日常公用支出) | 项目支出 | …, a 栏次 row under it
    ("expenditure", None, ["总计", "1"], "total"),
    ("expenditure", None, ["基本支出", "人员支出", "2"], "basic_personnel"),
    ("expenditure", None, ["基本支出", "日常公用支出", "3"], "basic_public"),
    ("expenditure", None, ["项目支出", "4"], "project"),
    ("expenditure", None, ["事业单位经营支出"], "operating"),
    ("expenditure", None, ["支出预算", "基本支出"], "basic"),  # Shanghai: as before
    # 财政拨款收支预算总表: one 支出预算数 column (Hangzhou, Suzhou), or Shanghai's by fund (as before)
    ("fiscal_summary", "expenditure", ["支出", "预算数"], "total"),
    ("fiscal_summary", "expenditure", ["财政拨款支出", "合计"], "total"),
    ("fiscal_summary", "expenditure", ["财政拨款支出", "政府性基金预算"], "government_fund"),
    # 政府性基金 / 国有资本经营 budget tables: 小计 | 其中：基本支出 | 项目支出 (Fuzhou, Guangzhou)
    ("government_fund", None, ["小计"], "expenditure_total"),
    ("government_fund", None, ["政府性基金预算支出", "其中：基本支出"], "basic"),
    ("soe_capital", None, ["国有资本经营预算支出", "小计"], "expenditure_total"),
])
def test_a_budget_header_names_its_measure(statement, side, path, measure):
    assert measure_for(measure_rules(statement, side, "budget"), path) == measure


def test_budget_expenditure_columns_are_parts_of_its_total():
    from reference.statements import COLUMN_IDENTITIES

    total, parts = COLUMN_IDENTITIES["expenditure"]
    for _spec, measure in measure_rules("expenditure", None, "budget"):
        assert measure == total or measure in parts, measure


def test_a_numbering_row_under_stars_is_no_header_level():
    from transform.columns import is_numbering_row

    assert is_numbering_row(["**", "1", "2", "3"]) and is_numbering_row(["栏次", "1", "2"])
    assert not is_numbering_row(["**", "合计", "2"])
