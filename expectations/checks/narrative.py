"""The narrative against the tables (kind `narrative_vs_table`): every amount the text restates.

- `narrative_<fact>`: a stated amount (收入支出总计, 基本支出, 人员经费, a 类/款/项's 决算数, …) against the
  table figure that prints it (expectations/checks/anchors.py), within narrative_steps of a rounding
  step. An amount that matches no figure but matches one once multiplied by 10,000 ("投入20.42 元" where
  万元 is meant) is `narrative_amount_missing_wan` (kind plausibility) instead.
- `narrative_vs_empty_table`: a stated amount whose table is printed empty (本表无数据, or a header with
  no figure): the table's figure is zero, so a non-zero amount fails — with both pages.
- `org_running_cost_vs_public_funds`: 机关运行经费 (the 日常公用经费 of 行政 units and those managed
  like them) is part of the 公用经费 of the 一般公共预算 基本支出: it cannot exceed table 6's 公用经费合计
  (else the narrative's 公用经费).
"""
from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from expectations.batch import Batch, fen_to_decimal
from expectations.checks.anchors import ANCHOR_STATEMENT, CODED_FACT_ANCHORS, FACT_ANCHORS, anchor_frame, anchor_keys
from expectations.checks.common import KEY, first
from expectations.rows import decimal_rows

WAN = Decimal(10000)
MISSING_WAN_CHECK = "narrative_amount_missing_wan"


def run(batch: Batch) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    f, li = batch.facts, batch.li
    if f is None:
        return [], []
    f = f.assign(akey=anchor_keys(f, batch))
    af = anchor_frame(batch).rename(columns={"page": "page_t", "step": "step_t", "mark": "mark_t"})
    out = _empty_tables(batch, f, af) + _org_running_cost(batch, af)
    if li is None:
        return [], [o for o in out if len(o)]
    # Amounts the narrative restates from the tables.
    amounts = f[(f["unit"] == "yuan") & f["akey"].isin(list(FACT_ANCHORS))]
    if len(amounts) and len(af):
        cand = amounts.assign(anchor=amounts["akey"].map(FACT_ANCHORS)).explode("anchor")
        cand["prio"] = cand.groupby("fact_id").cumcount()
        cand = cand.merge(af, on=["doc_id", "anchor"])
        if len(cand):
            cand["observed"] = cand["value"]
            cand["expected"] = fen_to_decimal(cand["c"])
            best = amount_candidates(cand, "step_t", batch)
            out.append(_amount_rows(best, best["fact"], best["where"] + " (p." + best["page_t"].astype(str) + ")",
                                    batch))
    # Items by classification code.
    coded = li[li["lvl"] > 0]
    items = f[(f["unit"] == "yuan") & f["akey"].isin(list(CODED_FACT_ANCHORS)) & (f["code"] != "")]
    if len(items) and len(coded):
        tgt = pd.DataFrame([(fact, st, m, i) for fact, targets in CODED_FACT_ANCHORS.items()
                            for i, (st, m) in enumerate(targets)], columns=["akey", "statement", "measure", "prio"])
        table = first(coded, KEY + ["code"])[KEY + ["code", "c", "label", "page", "step", "mark"]]
        cand = items.merge(tgt, on="akey").merge(table, on=["doc_id", "statement", "measure", "code"],
                                                 suffixes=("", "_t"))
        if len(cand):
            cand["observed"] = cand["value"]
            cand["expected"] = fen_to_decimal(cand["c"])
            best = amount_candidates(cand, "step", batch)
            out.append(_amount_rows(best, best["fact"] + " " + best["code"],
                                    best["statement"] + " " + best["label"] + " [" + best["measure"] + "] (p."
                                    + best["page_t"].astype(str) + ")", batch))
    return [], [o for o in out if len(o)]


def closest(cand: pd.DataFrame, key: str) -> pd.DataFrame:
    """Per fact, the candidate table figure closest to what the narrative states (ties: `prio`).
    A `rank` column, where given, orders the candidates first (lower wins), and a `gap` column replaces
    the plain |observed − expected|."""
    cand = cand.copy()
    if "gap" not in cand:
        cand["gap"] = [abs(o - e) for o, e in zip(cand["observed"], cand["expected"])]
    if "prio" not in cand:
        cand["prio"] = 0
    if "rank" not in cand:
        cand["rank"] = 0
    cand = cand.sort_values([key, "rank", "gap", "prio"], kind="stable")
    return cand.drop_duplicates(key, keep="first")


def _decimal_or_zero(value) -> Decimal:
    return Decimal(0) if value is None or pd.isna(value) else Decimal(str(value))


def amount_candidates(cand: pd.DataFrame, step_col: str, batch: Batch) -> pd.DataFrame:
    """Rank the table figures a narrative amount may restate: one it matches (within narrative_steps
    of a rounding step) first; then one it matches once multiplied by 10,000 — "投入20.42 元" where 万元
    is meant, the amount read as yuan is 10,000 times too small (`slip`); then the nearest."""
    cand = cand.copy()
    k = batch.tolerances.narrative_steps
    # the coarser of the table's rounding and the narrative figure's as printed (a budget states 万元
    # to 0.01 beside tables in 元)
    printed = cand["rounding_yuan"] if "rounding_yuan" in cand else [None] * len(cand)
    cand["tol"] = [max(Decimal(int(x)).scaleb(-2), _decimal_or_zero(r)) * k for x, r in zip(cand[step_col], printed)]
    gap = [abs(o - e) for o, e in zip(cand["observed"], cand["expected"])]
    gap_w = [abs(o * WAN - e) for o, e in zip(cand["observed"], cand["expected"])]
    ok = [g <= t for g, t in zip(gap, cand["tol"])]
    slip = [(not k) and o != 0 and gw <= t for k, o, gw, t in zip(ok, cand["observed"], gap_w, cand["tol"])]
    cand["slip"] = slip
    cand["rank"] = [0 if k else 1 if s else 2 for k, s in zip(ok, slip)]
    cand["gap"] = [gw if s else g for g, gw, s in zip(gap, gap_w, slip)]
    return closest(cand, "fact_id")


def _amount_rows(best: pd.DataFrame, name: pd.Series, where: pd.Series, batch: Batch) -> pd.DataFrame:
    """One row per narrative amount: `narrative_<fact>` (narrative_vs_table) against the table figure,
    or — where the amount is that figure divided by 10,000 — `narrative_amount_missing_wan`
    (plausibility): the amount is printed in 元 where 万元 is meant. Either way observed is the amount
    as read (yuan), expected the table figure, and the row fails."""
    slip = best["slip"].to_numpy(dtype=bool)
    check = np.where(slip, MISSING_WAN_CHECK, "narrative_" + best["fact"])
    kind = np.where(slip, "plausibility", "narrative_vs_table")
    subject = np.where(slip, "narrative " + name + " × 10,000 = " + where + " — printed in 元 where 万元 is meant",
                       "narrative " + name + " = " + where)
    mark_t = best["mark_t"] if "mark_t" in best else best["mark"]
    return decimal_rows(best["doc_id"], list(check), list(kind), subject, best["observed"], best["expected"],
                        best["tol"], best["page"], batch.tolerances.rule("narrative_steps") + " × step",
                        om=best["mark"], em=mark_t)


def _empty_tables(batch: Batch, f: pd.DataFrame, af: pd.DataFrame) -> list[pd.DataFrame]:
    """A stated amount whose every table is printed empty: compared with zero (f: the facts with
    their anchor keys)."""
    st = batch.statements
    if f is None or st is None:
        return []
    empty = st[st["status"] == "empty"]
    printed = st[st["status"] == "data"]
    if empty.empty:
        return []
    targets = {fact: tuple(dict.fromkeys(ANCHOR_STATEMENT[a.split(".")[0]] for a in anchors))
               for fact, anchors in FACT_ANCHORS.items()}
    targets.update({fact: tuple(dict.fromkeys(s for s, _ in ts)) for fact, ts in CODED_FACT_ANCHORS.items()})
    facts = f[(f["unit"] == "yuan") & f["akey"].isin(list(targets))]
    if facts.empty:
        return []
    matched = set(zip(af["doc_id"], af["anchor"])) if len(af) else set()
    empty_by = {(d, s): r for d, s, r in zip(empty["doc_id"], empty["statement"], empty.itertuples())}
    data_by = set(zip(printed["doc_id"], printed["statement"]))
    t = batch.tolerances
    step = batch.step_of_doc()
    rows = []
    for r in facts.itertuples():
        tables = targets[r.akey]
        if any((r.doc_id, s) in data_by for s in tables):
            continue  # a table with figures prints it: the amount is compared with that figure
        if any((r.doc_id, a) in matched for a in FACT_ANCHORS.get(r.akey, ())):
            continue
        hit = next((empty_by[(r.doc_id, s)] for s in tables if (r.doc_id, s) in empty_by), None)
        if hit is None:
            continue
        tol = Decimal(int(step.get(r.doc_id, 10000))).scaleb(-2) * t.narrative_steps
        code = f" {r.code}" if r.code else ""
        rows.append((r.doc_id, f"narrative {r.fact}{code} = {hit.statement} printed empty (p.{int(hit.first_page)}): "
                     "its figure is zero", r.value, Decimal(0), tol, r.page, r.mark, hit.mark))
    if not rows:
        return []
    d = pd.DataFrame(rows, columns=["doc_id", "subject", "obs", "exp", "tol", "page", "om", "em"])
    return [decimal_rows(d["doc_id"], "narrative_vs_empty_table", "narrative_vs_table", d["subject"], d["obs"],
                         d["exp"], d["tol"], d["page"], t.rule("narrative_steps") + " × step", om=d["om"],
                         em=d["em"])]


def _org_running_cost(batch: Batch, af: pd.DataFrame) -> list[pd.DataFrame]:
    """机关运行经费 ≤ 公用经费: table 6's 公用经费合计, else the narrative's 公用经费."""
    f = batch.facts
    if f is None:
        return []
    org = f[(f["fact"] == "org_running_cost") & (f["unit"] == "yuan")]
    if org.empty:
        return []
    public_t = af[af["anchor"] == "t6.public"].drop_duplicates("doc_id").set_index("doc_id") if len(af) else None
    public_n = f[(f["fact"] == "public_funds") & (f["unit"] == "yuan")].drop_duplicates("doc_id").set_index("doc_id")
    t = batch.tolerances
    step = batch.step_of_doc()
    rows = []
    for r in org.itertuples():
        if public_t is not None and r.doc_id in public_t.index:
            p = public_t.loc[r.doc_id]
            bound, where, mark, s = (Decimal(int(p["c"])).scaleb(-2), f"{p['where']} (p.{int(p['page_t'])})",
                                     int(p["mark_t"]), int(p["step_t"]))
        elif r.doc_id in public_n.index:
            p = public_n.loc[r.doc_id]
            bound, where, mark, s = (p["value"], f"narrative public_funds (p.{int(p['page'])})", int(p["mark"]),
                                     int(step.get(r.doc_id, 10000)))
        else:
            continue
        tol = Decimal(s).scaleb(-2) * t.narrative_steps
        rows.append((r.doc_id, f"narrative org_running_cost ≤ {where}", r.value, min(r.value, bound), tol, r.page,
                     r.mark, mark))
    if not rows:
        return []
    d = pd.DataFrame(rows, columns=["doc_id", "subject", "obs", "exp", "tol", "page", "om", "em"])
    return [decimal_rows(d["doc_id"], "org_running_cost_vs_public_funds", "narrative_vs_table", d["subject"],
                         d["obs"], d["exp"], d["tol"], d["page"], t.rule("narrative_steps") + " × step", om=d["om"],
                         em=d["em"])]
