"""A real budget's explanation (上海市普陀区司法局2026年部门预算, pages 8–9 and 22) as facts, typed from the
pages: the totals with their change against last year's budget, per 项 the budget, last year's executed
budget and the change against it, the 三公 parts, 机关运行经费, 政府采购 and 绩效目标 (issue 14)."""
from __future__ import annotations

from decimal import Decimal

import pytest

NAME = "上海市普陀区司法局2026年部门预算"
W = Decimal(10000)
TOTALS = {  # fact: (万元 as printed, page)
    "income_budget": ("9628.22", 8), "fiscal_income_budget": ("9628.22", 8),
    "fiscal_income_budget_change": ("793.14", 8),  # "比2026年预算增加793.14万元" (the filing's 2026 for 2025)
    "expenditure_budget": ("9628.22", 8), "fiscal_expenditure_budget": ("9628.22", 8),
    "gpb_expenditure_budget": ("9628.22", 8), "government_fund_expenditure_budget": ("0", 8),
    "soe_capital_expenditure_budget": ("0", 8),
    "three_public_budget": ("10.81", 22), "three_public_overseas_budget": ("0", 22),
    "three_public_vehicle_budget": ("9.98", 22), "three_public_vehicle_purchase_budget": ("0", 22),
    "three_public_vehicle_operation_budget": ("9.98", 22), "three_public_reception_budget": ("0.83", 22),
    "org_running_cost_budget": ("217.83", 22), "procurement_total_budget": ("1486.42", 22),
    "procurement_goods_budget": ("3.66", 22), "procurement_works_budget": ("36.44", 22),
    "procurement_services_budget": ("1446.32", 22), "performance_target_budget": ("7054.05", 22),
}
ITEMS = {  # code: (预算安排 万元, 当年预算执行数 万元, change %, page)
    "2040601": ("1672.67", "1690.69", "-1.07", 8), "2040604": ("2170.39", "2149.45", "0.97", 8),
    "2040699": ("3845.49", "43269.3", "17.62", 9), "2080501": ("57.8", "59.11", "-2.21", 9),
    "2101101": ("114.97", "59.43", "93.45", 9), "2210203": ("243.36", "241.76", "0.66", 9),
}


@pytest.fixture(scope="module")
def facts(parsed_budgets):
    return parsed_budgets[NAME].narrative_facts


def test_the_totals_and_their_changes(facts):
    got = {f.fact: (f.value, f.page) for f in facts if f.code is None and f.unit == "yuan"}
    for fact, (wan, page) in TOTALS.items():
        assert got[fact] == (Decimal(wan) * W, page), fact
    assert got["three_public_budget_change"][0] == 0  # "比2025年预算持平"
    counts = {f.fact: f.value for f in facts if f.unit == "count"}
    assert counts == {"performance_target_projects": Decimal(20)}


def test_each_item_with_its_code_its_executed_budget_and_the_change(facts):
    by = {(f.fact, f.code): f for f in facts if f.code}
    for code, (budget, executed, pct, page) in ITEMS.items():
        assert (by[("item_budget", code)].value, by[("item_budget", code)].page) == (Decimal(budget) * W, page)
        assert by[("prior_year_executed", code)].value == Decimal(executed) * W
        assert by[("item_budget_change_pct", code)].value == Decimal(pct)
        assert by[("item_budget", code)].code_resolution == "printed"
    assert by[("item_budget", "2040601")].item == "公共安全支出（204类）司法（06款）行政运行（01项）"
    assert len({c for f, c in by if f == "item_budget"}) == 13
    # the rounding of the printed 万元 figure (0.01, 0.1 or whole 万元); a 持平 prints no figure
    assert all(f.phase == "budget" for f in facts)
    assert all(f.rounding_yuan in (Decimal(100), Decimal(1000), Decimal(10000)) for f in facts
               if f.unit == "yuan" and "持平" not in f.evidence)
