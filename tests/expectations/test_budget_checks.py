"""The checks on budgets (issue 14): the seven real budgets fail exactly where their pages contradict
themselves (verified on the pages), and the generator's budgets, whose truth is consistent, pass every
check. The budget-only identities (expectations/checks/budget.py) run on budgets only."""
from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest

from expectations import validate_batch

SJ_UNIT = "上海市普陀区司法局2026年单位预算"
# (document, check, subject start): each read off the pages.
EXPECTED_FAILURES = {
    # p.11 and p.14: 行政运行 prints 64,840,547.00 under 项目支出 (the 款's figure) beside 14,348,853.34 = 合计
    (SJ_UNIT, "row_total_vs_columns", "expenditure 2040601 行政运行"),
    (SJ_UNIT, "row_total_vs_columns", "gpb_expenditure 2040601 行政运行"),
    (SJ_UNIT, "subclass_vs_items", "expenditure 20406 司法 [project]"),
    (SJ_UNIT, "subclass_vs_items", "gpb_expenditure 20406 司法 [project]"),
    # p.12 and p.15: the 合计 row's 基本支出 prints 22,118,861 (no .34)
    (SJ_UNIT, "row_total_vs_columns", "expenditure 合计"),
    (SJ_UNIT, "row_total_vs_columns", "gpb_expenditure 合计"),
    (SJ_UNIT, "total_vs_classes", "expenditure 合计 [basic]"),
    (SJ_UNIT, "total_vs_classes", "gpb_expenditure 合计 [basic]"),
    (SJ_UNIT, "budget_t6_total_vs_t5_basic", "gpb_basic_expenditure [amount] 合计"),
    # p.8: 人员经费 12,604,173 + 公用经费 1,744,680 + 项目支出 64,840,547 = 79,189,400, not 79,189,400.34
    (SJ_UNIT, "row_total_vs_columns", "income_expenditure_summary 204 公共安全支出"),
    (SJ_UNIT, "row_total_vs_columns", "income_expenditure_summary 支出总计"),
    # p.8: "比2026年预算增加…" three times in a 2026 budget (last year is 2025)
    ("上海市普陀区司法局2026年部门预算", "year_consistent", "year printed in the narrative (p.8) = the year before"),
    ("上海市普陀区司法局2026年部门预算", "year_consistent", "year printed in the narrative (p.8) = the year before #2"),
    ("上海市普陀区司法局2026年部门预算", "year_consistent", "year printed in the narrative (p.8) = the year before #3"),
    # p.7: 87.70 for 877,080.00 (87.71), 887.36 for 873,617.00, 78.21 for 782,164.00 (78.22), 204.91 for
    # 2,049,197.00 (204.92), 268.77 for 2,687,760.00 (268.78): truncated, and one typo
    *(("上海市普陀区财政局2025年部门预算", "narrative_item_budget", f"narrative item_budget {code}")
      for code in ("2080501", "2080506", "2101101", "2210201", "2210203")),
}


def frames(parsed: dict) -> dict[str, pd.DataFrame]:
    def rows(attr):
        return pd.DataFrame([dataclasses.asdict(x) | {"doc_id": name} for name, p in parsed.items()
                             for x in getattr(p, attr)])
    docs = pd.DataFrame([dataclasses.asdict(p.document) | {"doc_id": name} for name, p in parsed.items()])
    return {"line_items": rows("line_items"), "documents": docs, "narrative_facts": rows("narrative_facts"),
            "statements": rows("statements"), "mentions": rows("mentions"),
            "narrative_claims": rows("narrative_claims")}


def run(parsed: dict) -> pd.DataFrame:
    f = frames(parsed)
    return validate_batch(f["line_items"], f["documents"], f["narrative_facts"], statements=f["statements"],
                          mentions=f["mentions"], narrative_claims=f["narrative_claims"])


@pytest.fixture(scope="module")
def real_results(parsed_budgets):
    return run(parsed_budgets)


def test_the_real_budgets_fail_exactly_where_their_pages_disagree(real_results):
    failed = real_results[~real_results["success"]]
    got = set()
    for r in failed.itertuples():
        match = [e for e in EXPECTED_FAILURES if e[0] == r.doc_id and e[1] == r.check and r.subject.startswith(e[2])
                 and (r.subject == e[2] or not r.subject[len(e[2]):].startswith(" #"))]
        assert match, (r.doc_id, r.check, r.subject)
        got.update(match)
    assert got == EXPECTED_FAILURES


def test_the_budget_identities_run_on_every_real_budget(real_results):
    budget_checks = {"budget_income_vs_expenditure", "budget_t2_total_vs_t1", "budget_t3_total_vs_t1",
                     "budget_t5_total_vs_t4", "budget_t6_total_vs_t5_basic", "three_public_total_vs_parts",
                     "grand_total_income_vs_expenditure", "class_vs_subclasses", "narrative_income_budget",
                     "narrative_three_public_budget", "narrative_org_running_cost_budget"}
    ran = real_results[real_results["check"].isin(budget_checks)].groupby("check")["doc_id"].nunique()
    assert dict(ran) == {c: 7 for c in budget_checks}
    assert set(real_results["phase"]) == {"budget"}
    assert real_results.loc[real_results["check"] == "empty_table_stated", "success"].all()


def test_the_generated_budgets_pass_every_check(samples_dir, parsed_sample):
    parsed = {p.stem: parsed_sample(p.stem) for p in sorted((samples_dir / "budgets").glob("*.pdf"))}
    results = run(parsed)
    failed = results[~results["success"]]
    assert failed.empty, failed[["doc_id", "check", "subject"]].to_string()
    assert (results["check"] == "budget_income_vs_expenditure").sum() == 4  # the files with tables


def test_budget_identities_leave_final_accounts_alone(parsed_real):
    results = run(parsed_real)
    assert not results["check"].str.startswith("budget_").any()
    assert set(results["phase"]) == {"final"}
    assert json.dumps(sorted(results["check"].unique().tolist()))  # the finals' own checks still run
