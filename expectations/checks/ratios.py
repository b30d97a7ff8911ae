"""Rates the narrative states (kind `ratio`), recomputed from the figures they describe.

- 占 X% (a share): part / whole from the tables (expectations/checks/anchors.py SHARE_ANCHORS; a 类's
  share of table 5's 合计, else table 3's). A share that matches none of its candidate denominators is
  compared with the denominator the document's other shares of the same fact match, not with
  whichever lies nearest the wrong figure.
- 完成预算的 X% (执行率 = 执行数 / 预算数) and 增长 X% (增减额 / 上年数), among the narrative's own figures
  (the tables print no prior year).

Tolerance: percent_printed (the printed rounding) plus the largest error the rounding of the two
amounts can cause, and at least percent_min (one step of the last printed digit).
"""
from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

import numpy as np
import pandas as pd

from expectations.batch import Batch
from expectations.checks.anchors import SHARE_ANCHORS, anchor_frame
from expectations.checks.common import first, total_rows
from expectations.checks.narrative import closest
from expectations.rows import decimal_rows
from expectations.tolerances import Tolerances

CLASS_SHARE_FACTS = ("class_share_pct",)
COMPLETION_BUDGETS = ("budget_full_year", "budget_initial", "budget")
WAN_STEP = 10000  # fen: a 万元 figure printed to 0.01 is rounded to 100 yuan (when a document states no unit)
_Q4 = Decimal("0.0001")
_RULE = ("percent_printed", "percent_min")


def share(part: Decimal, whole: Decimal, half_part: Decimal, half_whole: Decimal,
          t: Tolerances) -> tuple[Decimal, Decimal]:
    """part / whole × 100 (to 4 decimals) and the tolerance for a percentage printed to 2 decimals:
    percent_printed plus the largest error the rounding of the two amounts can cause, and at least
    percent_min — as for amounts, where a filer balancing shares to 100% moves one."""
    value = (part * 100 / whole).quantize(_Q4)
    bound = 100 * (half_part / abs(whole) + abs(part) * half_whole / (whole * whole))
    return value, max(t.percent_min, (t.percent_printed + bound).quantize(_Q4, rounding=ROUND_CEILING))


def run(batch: Batch) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    if batch.facts is None:
        return [], []
    out = _narrative_rates(batch)
    if batch.li is not None:
        out = _table_shares(batch) + out
    return [], out


def _table_shares(batch: Batch) -> list[pd.DataFrame]:
    """Stated shares (占 X%) against part / whole recomputed from the tables."""
    f, li, t = batch.facts, batch.li, batch.tolerances
    assert f is not None and li is not None
    af = anchor_frame(batch).rename(columns={"page": "page_t", "step": "step_t", "mark": "mark_t"})
    coded = li[li["lvl"] > 0]
    rows = []  # fact_id, doc_id, fact, code, value, page, part c/step/where, whole c/step/where
    shares = f[(f["unit"] == "percent") & f["fact"].isin(list(SHARE_ANCHORS))]
    if len(shares) and len(af):
        spec = shares.assign(part=shares["fact"].map(lambda k: SHARE_ANCHORS[k][0]),
                             whole=shares["fact"].map(lambda k: SHARE_ANCHORS[k][1])).explode("whole")
        spec["prio"] = spec.groupby("fact_id").cumcount()
        a = af[["doc_id", "anchor", "c", "step_t", "where", "mark_t"]]
        m = spec.merge(a.rename(columns={"anchor": "part", "c": "pc", "step_t": "ps", "where": "pw", "mark_t": "pm"}),
                       on=["doc_id", "part"])
        m = m.merge(a.rename(columns={"anchor": "whole", "c": "wc", "step_t": "ws", "where": "ww", "mark_t": "wm"}),
                    on=["doc_id", "whole"])
        rows.append(m)
    # class_share_pct: a 类 against its table's 合计 (table 5, else table 3 — the closer).
    cls = f[(f["unit"] == "percent") & f["fact"].isin(CLASS_SHARE_FACTS) & (f["code"] != "")]
    if len(cls) and len(coded):
        totals = total_rows(li, ("gpb_expenditure", "expenditure"))
        totals = totals[totals["measure"] == "total"][["doc_id", "statement", "c", "step", "label", "mark"]]
        parts = first(coded[coded["statement"].isin(["gpb_expenditure", "expenditure"])
                            & (coded["measure"] == "total")], ["doc_id", "statement", "code"])
        m = cls.merge(parts[["doc_id", "statement", "code", "c", "step", "label", "mark"]], on=["doc_id", "code"],
                      suffixes=("", "_p"))
        m = m.merge(totals, on=["doc_id", "statement"], suffixes=("", "_w"))
        if len(m):
            rows.append(pd.DataFrame({
                **{k: m[k] for k in ("fact_id", "doc_id", "fact", "code", "value", "page", "mark")},
                "prio": np.where(m["statement"] == "gpb_expenditure", 0, 1),
                "pc": m["c"], "ps": m["step"], "pw": m["statement"] + " " + m["label"] + " [total]", "pm": m["mark_p"],
                "wc": m["c_w"], "ws": m["step_w"], "ww": m["statement"] + " " + m["label_w"] + " [total]",
                "wm": m["mark_w"]}))
    rows = [r for r in rows if len(r)]
    if not rows:
        return []
    m = pd.concat(rows, ignore_index=True)
    m = m[m["wc"] != 0]
    if m.empty:
        return []
    exp, tol = [], []
    for pc, wc, ps, ws in zip(m["pc"], m["wc"], m["ps"], m["ws"]):
        v, k = share(Decimal(int(pc)), Decimal(int(wc)), Decimal(int(ps)) / 2, Decimal(int(ws)) / 2, t)
        exp.append(v)
        tol.append(k)
    m = m.assign(observed=list(m["value"]), expected=exp, tol=tol)
    # A share that matches no candidate is compared with the denominator the document's other shares of
    # the same fact match (a narrative's "占 X%" of its 类 all divide by one table's 合计), not with
    # whichever happens to lie nearest the wrong figure.
    m["den"] = m["ww"].astype(str)
    m["ok"] = [abs(o - e) <= k for o, e, k in zip(m["observed"], m["expected"], m["tol"])]
    votes = m[m["ok"]].groupby(["doc_id", "fact", "den"], sort=False).agg(votes=("ok", "size"),
                                                                         first=("prio", "min")).reset_index()
    # most votes; on a tie the denominator tried first (table 5's 合计 before table 3's)
    votes = votes.sort_values(["doc_id", "fact", "votes", "first"], ascending=[True, True, False, True],
                              kind="stable")
    usual = votes.drop_duplicates(["doc_id", "fact"])[["doc_id", "fact", "den"]].assign(usual=True)
    m = m.merge(usual, on=["doc_id", "fact", "den"], how="left")
    m["rank"] = np.where(m["ok"], 0, np.where(m["usual"].fillna(False).astype(bool), 1, 2))
    best = closest(m, "fact_id")
    code = np.where(best["code"] != "", " " + best["code"], "")
    return [decimal_rows(best["doc_id"], best["fact"], "ratio",
                         "narrative " + best["fact"] + code + " = " + best["pw"] + " / " + best["ww"] + " × 100",
                         best["observed"], best["expected"], best["tol"], best["page"], t.rule(*_RULE),
                         om=best["mark"], em=[[int(a), int(b)] for a, b in zip(best["pm"], best["wm"])])]


def _narrative_rates(batch: Batch) -> list[pd.DataFrame]:
    """执行率 X_completion_pct = X / X_budget…; 增减率 X_change_pct = X_change / (X − X_change), from the
    narrative's own figures (the tables print no budget or prior year)."""
    f, t = batch.facts, batch.tolerances
    assert f is not None
    amounts = f[f["unit"] == "yuan"]
    if amounts.empty:
        return []
    # half a rounding step of the document's first table, in yuan (steps are in fen)
    half = {d: Decimal(int(s)) / 200 for d, s in batch.step_of_doc().items()}
    val = {(d, k, c): (v, m) for d, k, c, v, m in zip(amounts["doc_id"], amounts["fact"], amounts["code"],
                                                      amounts["value"], amounts["mark"])}
    rates = f[(f["unit"] == "percent") & (f["fact"].str.endswith("_completion_pct")
                                          | f["fact"].str.endswith("_change_pct"))]
    rows = []
    for r in rates.itertuples():
        h = half.get(r.doc_id, Decimal(WAN_STEP) / 200)
        fact, code = r.fact, r.code
        if fact.endswith("_completion_pct"):
            base = fact[: -len("_completion_pct")]
            final = f"{base}_final" if base == "item" or base.startswith("three_public") else base
            budgets = [f"{base}_{b}" for b in COMPLETION_BUDGETS]
            num = val.get((r.doc_id, final, code))
            cands = [(b, val[(r.doc_id, b, code)]) for b in budgets if (r.doc_id, b, code) in val]
            cands = [(b, v) for b, v in cands if v[0] != 0]
            if num is None or not cands:
                continue
            options = [(b, m, *share(num[0], v, h, h, t)) for b, (v, m) in cands]
            b, bm, value, tol = min(options, key=lambda o: abs(r.value - o[2]))
            rows.append((r.doc_id, fact, r.page, r.value, value, tol,
                         f"narrative {fact}{' ' + code if code else ''} = {final} / {b} × 100", r.mark, [num[1], bm]))
        else:
            base = fact[: -len("_pct")]  # X_change (or X_final_change for 三公)
            total_key = base[: -len("_change")]
            if total_key == "item":
                total_key = "item_final"
            change = val.get((r.doc_id, base, code))
            total = val.get((r.doc_id, total_key, code))
            if change is None or total is None or total[0] - change[0] == 0:
                continue
            value, tol = share(change[0], total[0] - change[0], h, 2 * h, t)
            rows.append((r.doc_id, fact, r.page, r.value, value, tol,
                         f"narrative {fact}{' ' + code if code else ''} = {base} / ({total_key} − {base}) × 100",
                         r.mark, [change[1], total[1]]))
    if not rows:
        return []
    d = pd.DataFrame(rows, columns=["doc_id", "fact", "page", "observed", "expected", "tol", "subject", "om", "em"])
    return [decimal_rows(d["doc_id"], d["fact"], "ratio", d["subject"], d["observed"], d["expected"], d["tol"],
                         d["page"], t.rule(*_RULE), om=d["om"], em=d["em"])]
