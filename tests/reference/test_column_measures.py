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
