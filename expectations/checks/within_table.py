"""Within a table (kind `sum`): every figure a table prints as a sum against the figures it sums.

- 类 = Σ款, 款 = Σ项 (and 类 = Σ项 where no 款 is printed), for the coded tables;
- 合计 = Σ类;
- a row's total column = the columns it adds up (本年支出合计 = 基本支出 + 项目支出 + …);
- tables 1 and 4, per side in printed order: the rows above 本年收入合计 / 本年支出合计 sum to it, that total
  and the balance rows below it sum to 总计, 总计 is the same on both sides (the same figure: tolerance
  0), 年初财政拨款结转和结余 = Σ its breakdown;
- table 6: 人员经费合计 = 301 + 303, 公用经费合计 = the other 类;
- table 7: 合计 = 出国 + 公务用车 + 接待, 公务用车 = 购置 + 运行;
- tables 8 and 9, per row: 年末结转和结余 = 年初 + 本年收入 − 本年支出.

The tolerance of a sum of n printed figures is max(sum_min_steps, n × sum_steps_per_figure) rounding
steps (expectations/tolerances.py). `run` also leaves in `batch.anchors` the rows the other families
compare with: the 本年合计 and 总计 rows of tables 1 and 4, and table 6's two totals.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from expectations.batch import Batch
from expectations.checks.common import KEY, SAME_FIGURE, first, sum_parts, total_rows, vs_sum
from expectations.rows import fen_rows
from reference.statements import (COLUMN_IDENTITIES, HIERARCHY_STATEMENTS, PERSONNEL_CLASSES, THREE_PUBLIC_TOTAL,
                                  THREE_PUBLIC_VEHICLE, TOTAL_STATEMENTS, TWO_SIDED)


def run(batch: Batch) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    li = batch.li
    if li is None:
        return [], []
    out = _hierarchy(li) + _table_totals(li) + _column_sums(li)
    two, anchors = _two_sided(li)
    econ, t6_totals = _economic_groups(li)
    batch.anchors.update(anchors, t6_totals=t6_totals)
    out += two + econ + _three_public(li) + _fund_balances(li)
    return out, []


def _hierarchy(li: pd.DataFrame) -> list[pd.DataFrame]:
    h = li[li["statement"].isin(HIERARCHY_STATEMENTS) & (li["lvl"] > 0)]
    if h.empty:
        return []
    parents = first(h, KEY + ["code"])
    out = []
    names = {2: "款", 3: "项"}
    for plvl, clvl, check in ((1, 2, "class_vs_subclasses"), (2, 3, "subclass_vs_items"),
                              (1, 3, "class_vs_items")):
        ch = h[h["lvl"] == clvl].copy()
        if ch.empty:
            continue
        plen = 3 if plvl == 1 else 5
        ch["parent"] = ch["code"].str[:plen]
        if (plvl, clvl) == (1, 3):
            # 类 printed with 项 rows but no 款 rows in between.
            sub = h.loc[h["lvl"] == 2, KEY].assign(parent=h.loc[h["lvl"] == 2, "code"].str[:3]).drop_duplicates()
            ch = ch.merge(sub, on=KEY + ["parent"], how="left", indicator=True)
            ch = ch[ch["_merge"] == "left_only"].drop(columns="_merge")
            if ch.empty:
                continue
        sums = sum_parts(ch, KEY + ["parent"])
        p = parents[parents["lvl"] == plvl]
        rel = names[clvl]
        out.append(vs_sum(p, sums, KEY + ["code"], KEY + ["parent"], check,
                          lambda m, rel=rel: m["statement"] + " " + m["label"] + " [" + m["measure"] + "] = Σ" + rel))
    return out


def _table_totals(li: pd.DataFrame) -> list[pd.DataFrame]:
    totals = total_rows(li, TOTAL_STATEMENTS)
    classes = li[li["statement"].isin(TOTAL_STATEMENTS) & (li["lvl"] == 1)]
    if totals.empty or classes.empty:
        return []
    sums = sum_parts(classes, KEY)
    return [vs_sum(totals, sums, KEY, KEY, "total_vs_classes",
                   lambda m: m["statement"] + " " + m["label"] + " [" + m["measure"] + "] = Σ类")]


def _column_sums(li: pd.DataFrame) -> list[pd.DataFrame]:
    return column_sums(li, [(st, "expenditure" if st == "fiscal_summary" else None, total, parts)
                            for st, (total, parts) in COLUMN_IDENTITIES.items()])


def column_sums(li: pd.DataFrame, identities) -> list[pd.DataFrame]:
    """Per printed row: (statement, side or None, total measure, part measures) — total = Σ parts."""
    out = []
    for statement, side, total, parts in identities:
        s = li[li["statement"] == statement]
        if side:
            s = s[s["side"] == side]
        if s.empty:
            continue
        tot = first(s[s["measure"] == total], ["doc_id", "row"])
        comp = s[s["measure"].isin(parts)]
        if tot.empty or comp.empty:
            continue
        sums = sum_parts(first(comp, ["doc_id", "row", "measure"]), ["doc_id", "row"])
        rel = f"{total} = " + "+".join(parts)
        out.append(vs_sum(tot, sums, ["doc_id", "row"], ["doc_id", "row"], "row_total_vs_columns",
                          lambda m, rel=rel, st=statement: st + " " + m["label"] + ": " + rel))
    return out


def _two_sided(li: pd.DataFrame) -> tuple[list[pd.DataFrame], dict[str, pd.DataFrame]]:
    """Tables 1 and 4, read in printed order per side: rows above 本年收入合计/本年支出合计 sum to
    it; that total plus the balance rows below it sum to 总计; 总计 is the same on both sides."""
    ts = li[li["statement"].isin(TWO_SIDED) & li["side"].isin(["income", "expenditure"])].copy()
    anchors: dict[str, pd.DataFrame] = {}
    if ts.empty:
        return [], anchors
    keys = ["doc_id", "statement", "side", "measure"]
    is_year = ((ts["side"] == "income") & ts["item"].str.contains("收入合计")) | \
              ((ts["side"] == "expenditure") & ts["item"].str.contains("支出合计"))
    is_grand = ts["item"].str.endswith("总计")
    year = first(ts[is_year], keys)
    grand = first(ts[is_grand], keys)
    ts = ts.merge(year[keys + ["row"]].rename(columns={"row": "year_row"}), on=keys, how="left")
    ts = ts.merge(grand[keys + ["row"]].rename(columns={"row": "grand_row"}), on=keys, how="left")
    child = ts["item"].str.contains("/", regex=False) | ts["item"].str.startswith("其中")
    year_part = (~child) & (ts["row"] < ts["year_row"])
    extra_part = (~child) & (ts["row"] > ts["year_row"]) & (ts["row"] < ts["grand_row"])
    out = []
    parts = ts[year_part]
    if not parts.empty:
        sums = sum_parts(parts, keys)
        rel = {"income": "Σ收入", "expenditure": "Σ类"}
        m_subject = lambda m: m["statement"] + " " + m["label"] + " [" + m["measure"] + "] = " + m["side"].map(rel)
        inc = year[year["side"] == "income"]
        exp = year[year["side"] == "expenditure"]
        out.append(vs_sum(inc, sums, keys, keys, "income_total_vs_sources", m_subject))
        out.append(vs_sum(exp, sums, keys, keys, "total_vs_classes", m_subject))
    # 总计 = 本年合计 + rows between (结转和结余, 结余分配, ...)
    ext = ts[extra_part | (ts["row"] == ts["year_row"])]
    if not ext.empty:
        sums = sum_parts(ext, keys)
        out.append(vs_sum(grand, sums, keys, keys, "grand_total_vs_parts",
                          lambda m: m["statement"] + " " + m["side"] + " 总计 [" + m["measure"] + "] = "
                          + "本年合计 + 结转结余"))
    # income 总计 = expenditure 总计 (the same figure on both sides: tolerance 0)
    gi = grand[grand["side"] == "income"]
    ge = grand[(grand["side"] == "expenditure") & grand["measure"].isin(["amount", "total"])]
    m = gi.merge(ge, on=["doc_id", "statement"], suffixes=("", "_e"))
    if not m.empty:
        out.append(fen_rows(m["doc_id"], "grand_total_income_vs_expenditure", "sum",
                            m["statement"] + " 总计: income side = expenditure side (p." + m["page_e"].astype(str)
                            + ")" + SAME_FIGURE,
                            m["c"], m["c_e"], 0, np.maximum(m["step"], m["step_e"]), m["page"],
                            om=m["mark"], em=m["mark_e"]))
    # 年初财政拨款结转和结余 = Σ its breakdown rows ("parent/child")
    kids = ts[ts["item"].str.contains("/", regex=False)].copy()
    if not kids.empty:
        kids["parent"] = kids["item"].str.split("/", n=1).str[0]
        sums = sum_parts(kids, keys + ["parent"])
        par = first(ts[~child], keys + ["item"])
        out.append(vs_sum(par, sums, keys + ["item"], keys + ["parent"], "balance_vs_breakdown",
                          lambda m: m["statement"] + " " + m["item"] + " [" + m["measure"] + "] = Σ其中"))
    anchors["year"] = year
    anchors["grand"] = grand
    return out, anchors


def _economic_groups(li: pd.DataFrame) -> tuple[list[pd.DataFrame], pd.DataFrame]:
    t6 = li[li["statement"] == "gpb_basic_expenditure"]
    out: list[pd.DataFrame] = []
    totals = first(t6[(t6["code"] == "") & t6["item"].isin(["人员经费合计", "公用经费合计"])], ["doc_id", "item"])
    classes = t6[t6["lvl"] == 1].copy()
    if totals.empty or classes.empty:
        return out, totals
    classes["group"] = np.where(classes["code"].isin(PERSONNEL_CLASSES), "人员经费合计", "公用经费合计")
    sums = sum_parts(classes, ["doc_id", "group"])
    for item, check, rel in (("人员经费合计", "personnel_funds_vs_classes", "301+303"),
                             ("公用经费合计", "public_funds_vs_classes", "Σ other 类 (302+310+…)")):
        out.append(vs_sum(totals[totals["item"] == item], sums[sums["group"] == item], ["doc_id", "item"],
                          ["doc_id", "group"], check, f"gpb_basic_expenditure {item} = {rel}"))
    return out, totals


def _three_public(li: pd.DataFrame) -> list[pd.DataFrame]:
    t7 = li[li["statement"] == "three_public"]
    out: list[pd.DataFrame] = []
    if t7.empty:
        return out
    t7 = first(t7, ["doc_id", "measure", "item"])
    for (whole, parts), check in ((THREE_PUBLIC_TOTAL, "three_public_total_vs_parts"),
                                  (THREE_PUBLIC_VEHICLE, "three_public_vehicle_vs_parts")):
        tot = t7[t7["item"] == whole]
        sums = sum_parts(t7[t7["item"].isin(parts)], ["doc_id", "measure"])
        out.append(vs_sum(tot, sums, ["doc_id", "measure"], ["doc_id", "measure"], check,
                          lambda m, whole=whole, parts=parts: "three_public " + whole + " [" + m["measure"] + "] = "
                          + "+".join(parts)))
    return out


def _fund_balances(li: pd.DataFrame) -> list[pd.DataFrame]:
    """Tables 8/9, per row: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出."""
    f = li[li["statement"].isin(["government_fund", "soe_capital"])]
    if f.empty:
        return []
    rows = first(f, ["doc_id", "statement", "row", "measure"])
    w = rows.pivot(index=["doc_id", "statement", "row"], columns="measure", values="c")
    need = ["opening_balance", "income", "expenditure_total", "closing_balance"]
    if any(c not in w for c in need):
        return []
    w = w.dropna(subset=need).reset_index()
    if w.empty:
        return []
    marks = rows.pivot(index=["doc_id", "statement", "row"], columns="measure", values="mark").reset_index()
    marks = marks.rename(columns={c: f"mark_{c}" for c in need})
    head = first(f, ["doc_id", "statement", "row"])[["doc_id", "statement", "row", "label", "page", "step"]]
    w = w.merge(head, on=["doc_id", "statement", "row"]).merge(
        marks[["doc_id", "statement", "row"] + [f"mark_{c}" for c in need]], on=["doc_id", "statement", "row"])
    exp = w["opening_balance"] + w["income"] - w["expenditure_total"]
    zero = (w[need].abs().sum(axis=1) == 0)
    parts = [[int(a), int(b), int(c)] for a, b, c in zip(w["mark_opening_balance"], w["mark_income"],
                                                          w["mark_expenditure_total"])]
    return [fen_rows(w["doc_id"], "fund_closing_balance", "sum",
                     w["statement"] + " " + w["label"] + ": closing_balance = opening_balance + income − "
                     "expenditure_total", w["closing_balance"].astype(np.int64), exp.astype(np.int64), 3, w["step"],
                     w["page"], zero, om=w["mark_closing_balance"], em=parts)]
