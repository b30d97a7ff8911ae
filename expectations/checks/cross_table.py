"""Across tables (kind `cross_table`): the same figure printed in two tables, and the sums that span them.

- table 2 本年收入合计 = table 1 本年收入合计; table 3 = table 1 by 类 and in total; table 5 = table 4's
  一般公共预算 column by 类 and in total — the same figure printed twice: identical (same_figure_steps);
  a 类 printed in one table only is compared with zero;
- table 6 人员经费合计 + 公用经费合计 = table 5 合计 基本支出 (a sum of two printed figures);
- the projects the 绩效自评表 list (their 执行数) add up to no more than the 项目支出 the tables print
  (table 3, else table 5): `projects_vs_project_expenditure`, where the filing states both sides.
"""
from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from expectations.batch import Batch
from expectations.checks.common import SAME_FIGURE, first, sum_parts, total_rows
from expectations.rows import decimal_rows, fen_rows
from reference.statements import TOTAL_STATEMENTS

# The 绩效自评表 print their funds in 万元 to 0.01 (transform/performance.py converts them to yuan).
PROJECT_STEP = Decimal(100)


def run(batch: Batch) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    return (_cross(batch.li, batch.anchors) if batch.li is not None else []), _projects(batch)


def same_figure(left: pd.DataFrame, right: pd.DataFrame, on: list[str], check: str, subject,
                 outer: bool = False) -> pd.DataFrame:
    """The same figure printed in two tables: observed = left, expected = right, tolerance 0.
    With `outer`, a figure printed in one table only is compared with zero (both tables present)."""
    how = "outer" if outer else "inner"
    m = left.merge(right, on=on, how=how, suffixes=("", "_r"), indicator=True)
    if m.empty:
        return m
    if outer:
        docs_l, docs_r = set(left["doc_id"]), set(right["doc_id"])
        m = m[m["doc_id"].isin(docs_l & docs_r)]
        m = m[~(((m["_merge"] == "left_only") & (m["c"] == 0)) | ((m["_merge"] == "right_only") & (m["c_r"] == 0)))]
        if m.empty:
            return m
        for col in ("label", "statement", "measure"):
            if col in m and col + "_r" in m:
                m[col] = m[col].fillna(m[col + "_r"])
        m["c"] = m["c"].fillna(0)
        m["c_r"] = m["c_r"].fillna(0)
        m["page"] = m["page"].fillna(m["page_r"])
        m["page_r"] = m["page_r"].fillna(m["page"])
        m["step"] = m["step"].fillna(m["step_r"])
        m["step_r"] = m["step_r"].fillna(m["step"])
    subj = subject(m)
    if outer:
        subj = subj.where(m["_merge"] == "both", subj + np.where(m["_merge"] == "left_only",
                                                                 " (not printed in the second table)",
                                                                 " (not printed in the first table)"))
    subj = subj + SAME_FIGURE
    return fen_rows(m["doc_id"], check, "cross_table", subj, m["c"].astype(np.int64), m["c_r"].astype(np.int64), 0,
                    np.maximum(m["step"], m["step_r"]).astype(np.int64), m["page"].astype(np.int64),
                    om=m["mark"], em=m["mark_r"])


def _cross(li: pd.DataFrame, anchors: dict[str, pd.DataFrame]) -> list[pd.DataFrame]:
    out = []
    totals = total_rows(li, TOTAL_STATEMENTS)
    year = anchors.get("year", li.iloc[:0])
    t6_totals = anchors.get("t6_totals", li.iloc[:0])
    cols = ["doc_id", "label", "c", "page", "step", "mark"]

    def total_of(statement, measure):
        return totals[(totals["statement"] == statement) & (totals["measure"] == measure)][cols]

    def year_of(statement, side, measure):
        return year[(year["statement"] == statement) & (year["side"] == side) & (year["measure"] == measure)][cols]

    def classes_of(statement, measure, side=None):
        s = li[(li["statement"] == statement) & (li["measure"] == measure) & (li["lvl"] == 1)]
        if side:
            s = s[s["side"] == side]
        return first(s, ["doc_id", "code"])[cols + ["code"]]

    def subj(left, right):
        (ls, lm), (rs, rm) = left, right
        return lambda m: (ls + " " + m["label"] + " [" + lm + "] = " + rs + " " + m["label_r"].fillna(m["label"])
                          + " [" + rm + "] (p." + m["page_r"].astype(np.int64).astype(str) + ")")

    out.append(same_figure(total_of("income", "total"), year_of("income_expenditure_summary", "income", "amount"),
                            ["doc_id"], "t2_income_total_vs_t1",
                            subj(("income", "total"), ("income_expenditure_summary", "amount"))))
    out.append(same_figure(classes_of("expenditure", "total"),
                            classes_of("income_expenditure_summary", "amount", "expenditure"),
                            ["doc_id", "code"], "t3_class_vs_t1",
                            subj(("expenditure", "total"), ("income_expenditure_summary", "amount")), outer=True))
    out.append(same_figure(total_of("expenditure", "total"),
                            year_of("income_expenditure_summary", "expenditure", "amount"),
                            ["doc_id"], "t3_total_vs_t1",
                            subj(("expenditure", "total"), ("income_expenditure_summary", "amount"))))
    out.append(same_figure(classes_of("gpb_expenditure", "total"),
                            classes_of("fiscal_summary", "general_public_budget", "expenditure"),
                            ["doc_id", "code"], "t5_class_vs_t4_gpb",
                            subj(("gpb_expenditure", "total"), ("fiscal_summary", "general_public_budget")), outer=True))
    out.append(same_figure(total_of("gpb_expenditure", "total"),
                            year_of("fiscal_summary", "expenditure", "general_public_budget"),
                            ["doc_id"], "t5_total_vs_t4_gpb",
                            subj(("gpb_expenditure", "total"), ("fiscal_summary", "general_public_budget"))))
    # 表6 人员经费合计 + 公用经费合计 = 表5 合计 基本支出 (a sum of two printed figures: n = 2)
    if not t6_totals.empty:
        s = sum_parts(t6_totals, ["doc_id"])
        t5 = total_of("gpb_expenditure", "basic")
        m = s[s["n"] == 2].merge(t5, on="doc_id")
        if not m.empty:
            out.append(fen_rows(m["doc_id"], "t6_basic_vs_t5", "cross_table",
                                "gpb_basic_expenditure 人员经费合计+公用经费合计 = gpb_expenditure " + m["label"]
                                + " [basic] (p." + m["page"].astype(str) + ")",
                                m["exp"], m["c"], m["n"], np.maximum(m["step"], m["pstep"]), m["ppage"],
                                om=m["marks"], em=m["mark"]))
    return [o for o in out if len(o)]


def _project_totals(batch: Batch) -> dict[str, tuple[Decimal, Decimal, str, int]]:
    """doc_id → (项目支出, its rounding step, where, mark): table 3's 合计, else table 5's, else what the
    narrative states (a filing that lists its tables only as 附表)."""
    out: dict[str, tuple[Decimal, Decimal, str, int]] = {}
    f, li = batch.facts, batch.li
    if f is not None:
        stated = f[(f["fact"] == "project_expenditure") & (f["unit"] == "yuan")].drop_duplicates("doc_id")
        for r in stated.itertuples():
            out[r.doc_id] = (r.value, PROJECT_STEP, f"narrative project_expenditure (p.{int(r.page)})", int(r.mark))
    if li is not None:
        totals = total_rows(li, ("expenditure", "gpb_expenditure"))
        totals = totals[totals["measure"] == "project"]
        totals = totals.assign(prio=np.where(totals["statement"] == "expenditure", 0, 1)).sort_values("prio")
        for r in totals.drop_duplicates("doc_id").itertuples():
            out[r.doc_id] = (Decimal(int(r.c)).scaleb(-2), Decimal(int(r.step)).scaleb(-2),
                             f"{r.statement} 合计 [project] (p.{int(r.page)})", int(r.mark))
    return out


def _projects(batch: Batch) -> list[pd.DataFrame]:
    """Σ 执行数 of the project 绩效自评表 ≤ the 项目支出 the filing states: each project table is printed in
    万元 to 0.01, so the sum may be high by half a step per project."""
    pp = batch.projects
    if pp is None or "executed_yuan" not in pp:
        return []
    pp = pp[(pp["kind"] == "project") & pp["executed_yuan"].notna()]
    if pp.empty:
        return []
    totals = _project_totals(batch)
    t = batch.tolerances
    rows = []
    for doc_id, g in pp.groupby("doc_id", sort=False):
        if doc_id not in totals:
            continue
        project, step, where, mark = totals[doc_id]
        listed = sum((Decimal(str(v)) for v in g["executed_yuan"]), Decimal(0))
        # n + 1 rounded figures: the n projects' and the 项目支出's
        tol = max(t.sum_min_steps * max(step, PROJECT_STEP),
                  (len(g) * PROJECT_STEP + step) * t.sum_steps_per_figure)
        rows.append((doc_id, f"performance_projects Σ executed ({len(g)} projects) ≤ {where}", listed,
                     min(listed, project), tol, int(g["page"].min()), list(g["mark"]), mark))
    if not rows:
        return []
    d = pd.DataFrame(rows, columns=["doc_id", "subject", "obs", "exp", "tol", "page", "om", "em"])
    return [decimal_rows(d["doc_id"], "projects_vs_project_expenditure", "cross_table", d["subject"], d["obs"],
                         d["exp"], d["tol"], d["page"],
                         t.rule("sum_min_steps", "sum_steps_per_figure") + " × step, 100 yuan per project",
                         om=d["om"], em=d["em"])]
