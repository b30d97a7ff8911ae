"""The table figures the narrative restates, by name ("t3.basic": table 3's 合计 row, 基本支出 column).

The narrative's fact keys (transform/narrative.py) map to the anchors that print the same amount;
where several tables print it, the closest is compared (and named in the subject). The narrative and
ratio families both read them.
"""
from __future__ import annotations

import pandas as pd

from expectations.batch import Batch
from expectations.checks.common import first, total_rows
from reference.statements import TOTAL_STATEMENTS, TWO_SIDED

_THREE_PUBLIC_FACTS = {"three_public": "合计", "three_public_overseas": "因公出国（境）费",
                       "three_public_vehicle": "公务用车购置及运行维护费", "three_public_vehicle_purchase": "公务用车购置费",
                       "three_public_vehicle_operation": "公务用车运行维护费", "three_public_reception": "公务接待费"}
_INCOME_MEASURES = ("fiscal_appropriation", "superior_subsidy", "business", "operating", "affiliated_remittance",
                    "other")
_EXPENDITURE_MEASURES = ("remit_to_superior", "operating", "subsidy_to_affiliated")
FACT_ANCHORS: dict[str, tuple[str, ...]] = {
    "total_income_expenditure": ("t1.grand_total",),
    "income_grand_total": ("t1.grand_total",),
    "expenditure_grand_total": ("t1.grand_total_expenditure",),
    "income_total": ("t1.income_total", "t2.total"),
    "expenditure_total": ("t1.expenditure_total", "t3.total"),
    "opening_balance": ("t1.opening_balance",),
    "closing_balance": ("t1.closing_balance",),
    "basic_expenditure": ("t3.basic",),
    "project_expenditure": ("t3.project",),
    "fiscal_total": ("t4.grand_total",),
    "fiscal_income_total": ("t4.grand_total",),
    "fiscal_expenditure_total": ("t4.grand_total_expenditure",),
    "fiscal_income": ("t4.income_total",),
    "fiscal_expenditure": ("t4.expenditure_total",),
    "fiscal_opening_balance": ("t4.opening_balance",),
    "fiscal_closing_balance": ("t4.closing_balance",),
    "gpb_expenditure": ("t5.total",),
    "gpb_basic_expenditure": ("t5.basic",),
    "gpb_expenditure_budget_initial": ("t5.budget_initial",),
    "gpb_expenditure_budget_full_year": ("t5.budget_full_year",),
    "personnel_funds": ("t6.personnel",),
    "public_funds": ("t6.public",),
    "government_fund_income": ("t8.income",),
    "government_fund_expenditure": ("t8.expenditure_total",),
    "soe_capital_income": ("t9.income",),
    "soe_capital_expenditure": ("t9.expenditure_total",),
    **{f"income_{m}": (f"t2.{m}",) for m in _INCOME_MEASURES},
    **{f"expenditure_{m}": (f"t3.{m}",) for m in _EXPENDITURE_MEASURES},
    **{f"{k}_{m}": (f"t7.{item}.{m}",) for k, item in _THREE_PUBLIC_FACTS.items() for m in ("budget", "final")},
}
# A budget's explanation restates its own tables (phase budget, transform/budget_narrative.py): the same
# words mean other figures than in final accounts, so its facts are looked up as "budget:<fact>".
_BUDGET_FACT_ANCHORS: dict[str, tuple[str, ...]] = {
    "income_budget": ("t2.total", "t1.grand_total"),
    "expenditure_budget": ("t3.total", "t1.grand_total_expenditure"),
    "fiscal_income_budget": ("t2.fiscal_appropriation", "t4.grand_total"),
    "fiscal_expenditure_budget": ("t4.grand_total_expenditure",),
    "gpb_expenditure_budget": ("t5.total",),
    "government_fund_expenditure_budget": ("t8.expenditure_total",),
    "soe_capital_expenditure_budget": ("t9.expenditure_total",),
    "org_running_cost_budget": ("t7.机关运行经费.budget",),
    **{f"{k}_budget": (f"t7.{item}.budget",) for k, item in _THREE_PUBLIC_FACTS.items()},
}
FACT_ANCHORS.update({f"budget:{k}": v for k, v in _BUDGET_FACT_ANCHORS.items()})
# The statement each anchor's table is (for a fact whose table is printed empty).
ANCHOR_STATEMENT = {"t1": "income_expenditure_summary", "t2": "income", "t3": "expenditure", "t4": "fiscal_summary",
                    "t5": "gpb_expenditure", "t6": "gpb_basic_expenditure", "t7": "three_public",
                    "t8": "government_fund", "t9": "soe_capital"}
CODED_FACT_ANCHORS: dict[str, tuple[tuple[str, str], ...]] = {
    "item_final": (("gpb_expenditure", "total"), ("expenditure", "total")),
    "item_budget_initial": (("gpb_expenditure", "budget_initial"),),
    "item_budget_full_year": (("gpb_expenditure", "budget_full_year"),),
    # a budget's 项 as its explanation states it: the general-public budget table, else 支出预算总表
    "budget:item_budget": (("gpb_expenditure", "total"), ("expenditure", "total")),
}


def anchor_keys(facts: pd.DataFrame, batch: Batch) -> pd.Series:
    """The key each fact is looked up by in FACT_ANCHORS / CODED_FACT_ANCHORS: a budget's "budget:<fact>"."""
    budget = batch.phase_of(facts["doc_id"]) == "budget"
    return facts["fact"].where(~budget, "budget:" + facts["fact"])
# Stated shares (占 X%) → (part, whole) anchors, recomputed from the tables.
SHARE_ANCHORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "basic_expenditure_share_pct": ("t3.basic", ("t3.total",)),
    "project_expenditure_share_pct": ("t3.project", ("t3.total",)),
    "gpb_expenditure_share_pct": ("t5.total", ("t1.expenditure_total", "t4.expenditure_total")),  # 占本年支出合计
    **{f"income_{m}_share_pct": (f"t2.{m}", ("t2.total",)) for m in _INCOME_MEASURES},
}


def anchor_frame(batch: Batch) -> pd.DataFrame:
    """(doc_id, anchor) → the table figure a narrative amount restates (fen, page, step, where, mark)."""
    li = batch.li
    cols = ["doc_id", "c", "page", "step", "where", "mark"]
    if li is None:
        return pd.DataFrame(columns=cols + ["anchor"])
    anchors = batch.anchors
    t6_totals = anchors.get("t6_totals", li.iloc[:0])
    parts = []

    def add(df, name):
        if len(df):
            d = df.assign(anchor=name, where=df["statement"] + " " + df["label"] + " [" + df["measure"] + "]")
            parts.append(first(d, ["doc_id"])[cols + ["anchor"]])

    totals = total_rows(li, TOTAL_STATEMENTS + ("government_fund", "soe_capital"))
    year, grand = anchors.get("year", li.iloc[:0]), anchors.get("grand", li.iloc[:0])
    for df, side, t1, t4 in ((year, "income", "t1.income_total", "t4.income_total"),
                             (year, "expenditure", "t1.expenditure_total", "t4.expenditure_total"),
                             (grand, "income", "t1.grand_total", "t4.grand_total"),
                             (grand, "expenditure", "t1.grand_total_expenditure", "t4.grand_total_expenditure")):
        d = df[(df["side"] == side) & df["measure"].isin(["amount", "total"])]
        add(d[d["statement"] == "income_expenditure_summary"], t1)
        add(d[d["statement"] == "fiscal_summary"], t4)
    ts = li[li["statement"].isin(TWO_SIDED) & li["measure"].isin(["amount", "total"])
            & ~li["item"].str.contains("/", regex=False)]
    for statement, prefix in (("income_expenditure_summary", "t1"), ("fiscal_summary", "t4")):
        t = ts[ts["statement"] == statement]
        add(t[(t["side"] == "income") & t["item"].str.startswith("年初") & t["item"].str.contains("结转")],
            f"{prefix}.opening_balance")
        add(t[(t["side"] == "expenditure") & t["item"].str.startswith("年末") & t["item"].str.contains("结转")],
            f"{prefix}.closing_balance")
    for statement, prefix in (("income", "t2"), ("expenditure", "t3"), ("gpb_expenditure", "t5"),
                              ("government_fund", "t8"), ("soe_capital", "t9")):
        t = totals[totals["statement"] == statement]
        for measure in t["measure"].unique():
            add(t[t["measure"] == measure], f"{prefix}.{measure}")
    add(t6_totals[t6_totals["item"] == "人员经费合计"], "t6.personnel")
    add(t6_totals[t6_totals["item"] == "公用经费合计"], "t6.public")
    t7 = first(li[li["statement"] == "three_public"], ["doc_id", "item", "measure"])
    for (item, measure), g in t7.groupby(["item", "measure"], sort=False):
        add(g, f"t7.{item}.{measure}")
    if not parts:
        return pd.DataFrame(columns=cols + ["anchor"])
    return pd.concat(parts, ignore_index=True)
