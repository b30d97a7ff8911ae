"""Identities only a budget's tables satisfy (phase budget; final accounts have balances in between).

A budget plans this year's money only — no 年初结转 and no 年末结余 — so its totals meet exactly:
- `budget_income_vs_expenditure` (cross_table): 收入预算总表 合计 = 支出预算总表 合计;
- `budget_t2_total_vs_t1`, `budget_t3_total_vs_t1`: those totals = the summary's 收入总计 / 支出总计;
- `budget_t5_total_vs_t4`: 一般公共预算支出 合计 = 财政拨款收支总表 支出总计 [一般公共预算];
- `budget_t6_total_vs_t5_basic`: 一般公共预算基本支出 合计 = 一般公共预算支出 合计 [基本支出];
- `row_total_vs_columns` (sum) for the columns only budgets print (reference.statements.
  BUDGET_COLUMN_IDENTITIES): the summary's 支出 = 人员经费 + 公用经费 + 项目支出, the basic table's
  合计 = 人员经费 + 公用经费.
The identities a budget shares with final accounts (类 = Σ款 = Σ项, 合计 = Σ类, 收入总计 = 支出总计,
三公 合计 = parts, the same 类 in two tables) are the within_table and cross_table families'.
"""
from __future__ import annotations

import pandas as pd

from expectations.batch import Batch
from expectations.checks.common import total_rows
from expectations.checks.cross_table import same_figure
from expectations.checks.within_table import column_sums
from reference.statements import BUDGET_COLUMN_IDENTITIES

_COLS = ["doc_id", "label", "c", "page", "step", "mark"]


def run(batch: Batch) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    li = batch.li
    if li is None:
        return [], []
    budget = li[batch.phase_of(li["doc_id"]) == "budget"]
    if budget.empty:
        return [], []
    out = column_sums(budget, BUDGET_COLUMN_IDENTITIES) + _totals(budget, batch.anchors.get("grand", li.iloc[:0]))
    return [o for o in out if len(o)], []


def _totals(li: pd.DataFrame, grand: pd.DataFrame) -> list[pd.DataFrame]:
    totals = total_rows(li, ("income", "expenditure", "gpb_expenditure", "gpb_basic_expenditure"))
    grand = grand[grand["doc_id"].isin(set(li["doc_id"]))]

    def total_of(statement, measure):
        return totals[(totals["statement"] == statement) & (totals["measure"] == measure)][_COLS]

    def grand_of(statement, side, measure):
        return grand[(grand["statement"] == statement) & (grand["side"] == side) & (grand["measure"] == measure)][_COLS]

    def subj(left, right):
        return lambda m: (f"{left} " + m["label"] + f" = {right} " + m["label_r"] + " (p."
                          + m["page_r"].astype(int).astype(str) + ")")

    pairs = [
        (total_of("income", "total"), total_of("expenditure", "total"), "budget_income_vs_expenditure",
         "income [total]", "expenditure [total]"),
        (total_of("income", "total"), grand_of("income_expenditure_summary", "income", "amount"),
         "budget_t2_total_vs_t1", "income [total]", "income_expenditure_summary [amount]"),
        (total_of("expenditure", "total"), grand_of("income_expenditure_summary", "expenditure", "amount"),
         "budget_t3_total_vs_t1", "expenditure [total]", "income_expenditure_summary [amount]"),
        (total_of("gpb_expenditure", "total"), grand_of("fiscal_summary", "expenditure", "general_public_budget"),
         "budget_t5_total_vs_t4", "gpb_expenditure [total]", "fiscal_summary [general_public_budget]"),
        (total_of("gpb_basic_expenditure", "amount"), total_of("gpb_expenditure", "basic"),
         "budget_t6_total_vs_t5_basic", "gpb_basic_expenditure [amount]", "gpb_expenditure [basic]"),
    ]
    return [same_figure(a, b, ["doc_id"], check, subj(ls, rs)) for a, b, check, ls, rs in pairs]
