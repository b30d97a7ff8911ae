"""Line up the numbers every accounting identity (勾稽关系) compares — pure pandas, no Great Expectations.

`comparisons(line_items, documents, narrative_facts)` returns one row per check per document per
subject with the figure the filing prints (`observed`), the figure the identity says it should be
(`expected`), `difference = observed − expected` and the `tolerance` the rounding of printed figures
allows. Whether a row passes is decided elsewhere (`expectations.suites`, by Great Expectations).

Arithmetic is exact: amounts (DECIMAL(20,2) yuan) are summed as int64 fen (1/100 yuan) and handed
back as `Decimal`; narrative values and ratios are compared with `Decimal`. No float touches a figure.

Tolerances (stated on every row, in yuan):
- a printed figure against a sum of n printed figures: max(one rounding step, n × half a step), i.e.
  max(100, 50·n) for a 万元 table and max(0.01, 0.005·n) for a 元 table;
- the same figure printed twice (in two tables, or on both sides of a two-sided table): 0 — the two
  prints must be identical;
- a narrative amount against the table: half a rounding step (50 yuan for a 万元 table), which lets
  a narrative written to the yuan match and catches any difference in the printed digits;
- a stated rate (占 X%, 执行率, 增长率) against the rate recomputed from the tables (or from the
  narrative's own amounts): 0.005 percentage points (the printed rounding) plus the largest error the
  rounding of the two amounts can cause, and at least 0.01 (one step of the last printed digit);
- plausibility ranges: 0 (the observed value must lie inside the range; `expected` is the nearest
  value inside it).

A narrative amount that matches no table figure but matches one once multiplied by 10,000 ("投入20.42 元"
where 万元 is meant) is reported as `narrative_amount_missing_wan` (kind plausibility) instead of
`narrative_<fact>`: one failing row per such amount, naming the fact and the table figure. A stated
share that matches none of its candidate denominators is compared with the denominator the document's
other shares of the same fact match (not with whichever lies nearest the wrong figure).
"""
from __future__ import annotations

import datetime as _dt
from decimal import ROUND_CEILING, Decimal

import numpy as np
import pandas as pd

RESULT_COLUMNS = ["doc_id", "fiscal_year", "check", "kind", "subject", "success", "observed", "expected",
                  "difference", "tolerance", "page"]
KINDS = ("sum", "cross_table", "narrative_vs_table", "ratio", "plausibility")

TABLE_NUMBER = {"income_expenditure_summary": 1, "income": 2, "expenditure": 3, "fiscal_summary": 4,
                "gpb_expenditure": 5, "gpb_basic_expenditure": 6, "three_public": 7, "government_fund": 8,
                "soe_capital": 9}

# Tables whose rows carry classification codes: 类 = Σ款, 款 = Σ项 (table 6: economic 类 = Σ款).
HIERARCHY_STATEMENTS = ("income", "expenditure", "gpb_expenditure", "government_fund", "soe_capital",
                        "gpb_basic_expenditure")
# Tables with a 合计 row over their 类 rows.
TOTAL_STATEMENTS = ("income", "expenditure", "gpb_expenditure", "government_fund", "soe_capital")
# Per printed row: total column = sum of the component columns.
COLUMN_IDENTITIES = {
    "income": ("total", ("fiscal_appropriation", "superior_subsidy", "business", "operating",
                         "affiliated_remittance", "other")),
    "expenditure": ("total", ("basic", "project", "remit_to_superior", "operating", "subsidy_to_affiliated")),
    "fiscal_summary": ("total", ("general_public_budget", "government_fund", "soe_capital")),
    "gpb_expenditure": ("total", ("basic", "project")),
    "government_fund": ("expenditure_total", ("basic", "project")),
    "soe_capital": ("expenditure_total", ("basic", "project")),
}
TWO_SIDED = ("income_expenditure_summary", "fiscal_summary")
PERSONNEL_CLASSES = ("301", "303")
THREE_PUBLIC_TOTAL = ("合计", ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"))
THREE_PUBLIC_VEHICLE = ("公务用车购置及运行维护费", ("公务用车购置费", "公务用车运行维护费"))

# Narrative facts (transform/narrative.py keys) → the table figures that state the same amount; where
# several tables print it, the closest is compared (and named in the subject).
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
    **{f"income_{m}": (f"t2.{m}",) for m in _INCOME_MEASURES},
    **{f"expenditure_{m}": (f"t3.{m}",) for m in _EXPENDITURE_MEASURES},
    **{f"{k}_{m}": (f"t7.{item}.{m}",) for k, item in _THREE_PUBLIC_FACTS.items() for m in ("budget", "final")},
}
CODED_FACT_ANCHORS: dict[str, tuple[tuple[str, str], ...]] = {
    "item_final": (("gpb_expenditure", "total"), ("expenditure", "total")),
    "item_budget_initial": (("gpb_expenditure", "budget_initial"),),
    "item_budget_full_year": (("gpb_expenditure", "budget_full_year"),),
}
# Stated shares (占 X%) → (part, whole) anchors, recomputed from the tables.
SHARE_ANCHORS: dict[str, tuple[str, tuple[str, ...]]] = {
    "basic_expenditure_share_pct": ("t3.basic", ("t3.total",)),
    "project_expenditure_share_pct": ("t3.project", ("t3.total",)),
    "gpb_expenditure_share_pct": ("t5.total", ("t1.expenditure_total", "t4.expenditure_total")),  # 占本年支出合计
    **{f"income_{m}_share_pct": (f"t2.{m}", ("t2.total",)) for m in _INCOME_MEASURES},
}
CLASS_SHARE_FACTS = ("class_share_pct",)
# Stated rates among the narrative's own figures: 执行率 = 执行数 / 预算数, 增长率 = 增减额 / 上年数.
COMPLETION_BUDGETS = ("budget_full_year", "budget_initial", "budget")

SAME_FIGURE = " — the same figure printed twice: must be identical (tolerance 0)"
WAN_STEP = 10000  # fen: a 万元 figure printed to 0.01 is rounded to 100 yuan
YUAN_STEP = 1  # fen: a 元 figure printed to 0.01
_KEY = ["doc_id", "statement", "measure"]


# --- preparation --------------------------------------------------------------------------------

def _to_fen(values: pd.Series) -> np.ndarray:
    """Decimal yuan → int64 fen, refusing anything finer than a fen (DECIMAL(20,2))."""
    out = np.empty(len(values), dtype=np.int64)
    for i, d in enumerate(values):
        if d is None or (isinstance(d, float) and d != d):
            raise ValueError("amount_yuan is null in a line item")
        if not isinstance(d, Decimal):
            d = Decimal(str(d))
        v = d.scaleb(2)
        n = int(v)
        if n != v:
            raise ValueError(f"amount_yuan {d} has more than two decimals")
        out[i] = n
    return out


def fen_to_decimal(values) -> list:
    return [None if v is None or v is pd.NA or (isinstance(v, float) and v != v)
            else Decimal(int(v)).scaleb(-2) for v in values]


def prepare(line_items: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    li = pd.DataFrame({
        "doc_id": line_items["doc_id"].astype(str).to_numpy(),
        "statement": line_items["statement"].astype(str).to_numpy(),
        "side": line_items["side"].fillna("").astype(str).to_numpy() if "side" in line_items else "",
        "code": line_items["code"].fillna("").astype(str).to_numpy(),
        "item": line_items["item"].fillna("").astype(str).to_numpy(),
        "measure": line_items["measure"].astype(str).to_numpy(),
        "page": pd.to_numeric(line_items["page"]).fillna(0).astype(np.int64).to_numpy(),
        "row": pd.to_numeric(line_items["row"]).fillna(0).astype(np.int64).to_numpy(),
    })
    li["c"] = _to_fen(line_items["amount_yuan"])
    unit = None
    if "currency_unit" in line_items:
        unit = line_items["currency_unit"].reset_index(drop=True)
    if documents is not None and len(documents) and "currency_unit" in documents:
        doc_unit = li["doc_id"].map(documents.drop_duplicates("doc_id").set_index("doc_id")["currency_unit"])
        unit = doc_unit if unit is None else unit.fillna(doc_unit)
    unit = unit if unit is not None else pd.Series([None] * len(li))
    li["step"] = np.where(unit.to_numpy() == "元", YUAN_STEP, WAN_STEP).astype(np.int64)
    li["lvl"] = li["code"].str.len().map({3: 1, 5: 2, 7: 3}).fillna(0).astype(np.int64)
    li.loc[~li["code"].str.isdigit(), "lvl"] = 0
    li["absc"] = np.abs(li["c"].to_numpy())
    li["label"] = np.where(li["code"] != "", (li["code"] + " " + li["item"]).str.strip(), li["item"])
    return li


# --- building comparison rows -------------------------------------------------------------------

def _rows(doc_id, check: str, kind: str, subject, observed, expected, n, step, page, zero=None) -> pd.DataFrame:
    """Integer-fen comparison rows. n = number of printed figures summed on the expected side
    (0: the same figure printed twice). `zero` marks rows where every figure involved is zero."""
    df = pd.DataFrame({"doc_id": doc_id, "check": check, "kind": kind, "subject": subject,
                       "obs": observed, "exp": expected, "n": n, "step": step, "page": page})
    if zero is not None:
        df = df[~np.asarray(zero, dtype=bool)]
    return df


def _first(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return df.drop_duplicates(keys, keep="first")


def _sum_parts(parts: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return parts.groupby(keys, sort=False).agg(exp=("c", "sum"), n=("c", "size"), pstep=("step", "max"),
                                               pabs=("absc", "sum"), ppage=("page", "min")).reset_index()


def _vs_sum(totals: pd.DataFrame, sums: pd.DataFrame, on_left: list[str], on_right: list[str], check: str,
            subject) -> pd.DataFrame:
    m = totals.merge(sums, left_on=on_left, right_on=on_right, how="inner")
    if m.empty:
        return m
    subj = subject(m) if callable(subject) else subject
    zero = (m["c"] == 0) & (m["pabs"] == 0)
    return _rows(m["doc_id"], check, "sum", subj, m["c"], m["exp"], m["n"],
                 np.maximum(m["step"], m["pstep"]), m["page"], zero)


def _hierarchy(li: pd.DataFrame) -> list[pd.DataFrame]:
    h = li[li["statement"].isin(HIERARCHY_STATEMENTS) & (li["lvl"] > 0)]
    if h.empty:
        return []
    parents = _first(h, _KEY + ["code"])
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
            sub = h.loc[h["lvl"] == 2, _KEY].assign(parent=h.loc[h["lvl"] == 2, "code"].str[:3]).drop_duplicates()
            ch = ch.merge(sub, on=_KEY + ["parent"], how="left", indicator=True)
            ch = ch[ch["_merge"] == "left_only"].drop(columns="_merge")
            if ch.empty:
                continue
        sums = _sum_parts(ch, _KEY + ["parent"])
        p = parents[parents["lvl"] == plvl]
        rel = names[clvl]
        out.append(_vs_sum(p, sums, _KEY + ["code"], _KEY + ["parent"], check,
                           lambda m, rel=rel: m["statement"] + " " + m["label"] + " [" + m["measure"] + "] = Σ" + rel))
    return out


def _total_rows(li: pd.DataFrame, statements) -> pd.DataFrame:
    t = li[li["statement"].isin(statements) & (li["code"] == "")
           & (li["item"].str.contains("合计") | (li["item"] == "总计"))]
    return _first(t, _KEY)


def _table_totals(li: pd.DataFrame) -> list[pd.DataFrame]:
    totals = _total_rows(li, TOTAL_STATEMENTS)
    classes = li[li["statement"].isin(TOTAL_STATEMENTS) & (li["lvl"] == 1)]
    if totals.empty or classes.empty:
        return []
    sums = _sum_parts(classes, _KEY)
    return [_vs_sum(totals, sums, _KEY, _KEY, "total_vs_classes",
                    lambda m: m["statement"] + " " + m["label"] + " [" + m["measure"] + "] = Σ类")]


def _column_sums(li: pd.DataFrame) -> list[pd.DataFrame]:
    out = []
    for statement, (total, parts) in COLUMN_IDENTITIES.items():
        s = li[li["statement"] == statement]
        if statement == "fiscal_summary":
            s = s[s["side"] == "expenditure"]
        if s.empty:
            continue
        tot = _first(s[s["measure"] == total], ["doc_id", "row"])
        comp = s[s["measure"].isin(parts)]
        if tot.empty or comp.empty:
            continue
        sums = _sum_parts(_first(comp, ["doc_id", "row", "measure"]), ["doc_id", "row"])
        rel = f"{total} = " + "+".join(parts)
        out.append(_vs_sum(tot, sums, ["doc_id", "row"], ["doc_id", "row"], "row_total_vs_columns",
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
    year = _first(ts[is_year], keys)
    grand = _first(ts[is_grand], keys)
    ts = ts.merge(year[keys + ["row"]].rename(columns={"row": "year_row"}), on=keys, how="left")
    ts = ts.merge(grand[keys + ["row"]].rename(columns={"row": "grand_row"}), on=keys, how="left")
    child = ts["item"].str.contains("/", regex=False) | ts["item"].str.startswith("其中")
    year_part = (~child) & (ts["row"] < ts["year_row"])
    extra_part = (~child) & (ts["row"] > ts["year_row"]) & (ts["row"] < ts["grand_row"])
    out = []
    parts = ts[year_part]
    if not parts.empty:
        sums = _sum_parts(parts, keys)
        rel = {"income": "Σ收入", "expenditure": "Σ类"}
        m_subject = lambda m: m["statement"] + " " + m["label"] + " [" + m["measure"] + "] = " + m["side"].map(rel)
        inc = year[year["side"] == "income"]
        exp = year[year["side"] == "expenditure"]
        out.append(_vs_sum(inc, sums, keys, keys, "income_total_vs_sources", m_subject))
        out.append(_vs_sum(exp, sums, keys, keys, "total_vs_classes", m_subject))
    # 总计 = 本年合计 + rows between (结转和结余, 结余分配, ...)
    ext = ts[extra_part | (ts["row"] == ts["year_row"])]
    if not ext.empty:
        sums = _sum_parts(ext, keys)
        out.append(_vs_sum(grand, sums, keys, keys, "grand_total_vs_parts",
                           lambda m: m["statement"] + " " + m["side"] + " 总计 [" + m["measure"] + "] = "
                           + "本年合计 + 结转结余"))
    # income 总计 = expenditure 总计 (the same figure on both sides: tolerance 0)
    gi = grand[grand["side"] == "income"]
    ge = grand[(grand["side"] == "expenditure") & grand["measure"].isin(["amount", "total"])]
    m = gi.merge(ge, on=["doc_id", "statement"], suffixes=("", "_e"))
    if not m.empty:
        out.append(_rows(m["doc_id"], "grand_total_income_vs_expenditure", "sum",
                         m["statement"] + " 总计: income side = expenditure side (p." + m["page_e"].astype(str) + ")"
                         + SAME_FIGURE,
                         m["c"], m["c_e"], 0, np.maximum(m["step"], m["step_e"]), m["page"]))
    # 年初财政拨款结转和结余 = Σ its breakdown rows ("parent/child")
    kids = ts[ts["item"].str.contains("/", regex=False)].copy()
    if not kids.empty:
        kids["parent"] = kids["item"].str.split("/", n=1).str[0]
        sums = _sum_parts(kids, keys + ["parent"])
        par = _first(ts[~child], keys + ["item"])
        out.append(_vs_sum(par, sums, keys + ["item"], keys + ["parent"], "balance_vs_breakdown",
                           lambda m: m["statement"] + " " + m["item"] + " [" + m["measure"] + "] = Σ其中"))
    anchors["year"] = year
    anchors["grand"] = grand
    return out, anchors


def _economic_groups(li: pd.DataFrame) -> tuple[list[pd.DataFrame], pd.DataFrame]:
    t6 = li[li["statement"] == "gpb_basic_expenditure"]
    out = []
    totals = _first(t6[(t6["code"] == "") & t6["item"].isin(["人员经费合计", "公用经费合计"])], ["doc_id", "item"])
    classes = t6[t6["lvl"] == 1].copy()
    if totals.empty or classes.empty:
        return out, totals
    classes["group"] = np.where(classes["code"].isin(PERSONNEL_CLASSES), "人员经费合计", "公用经费合计")
    sums = _sum_parts(classes, ["doc_id", "group"])
    for item, check, rel in (("人员经费合计", "personnel_funds_vs_classes", "301+303"),
                             ("公用经费合计", "public_funds_vs_classes", "Σ other 类 (302+310+…)")):
        out.append(_vs_sum(totals[totals["item"] == item], sums[sums["group"] == item], ["doc_id", "item"],
                           ["doc_id", "group"], check, f"gpb_basic_expenditure {item} = {rel}"))
    return out, totals


def _three_public(li: pd.DataFrame) -> list[pd.DataFrame]:
    t7 = li[li["statement"] == "three_public"]
    out = []
    if t7.empty:
        return out
    t7 = _first(t7, ["doc_id", "measure", "item"])
    for (whole, parts), check in ((THREE_PUBLIC_TOTAL, "three_public_total_vs_parts"),
                                  (THREE_PUBLIC_VEHICLE, "three_public_vehicle_vs_parts")):
        tot = t7[t7["item"] == whole]
        sums = _sum_parts(t7[t7["item"].isin(parts)], ["doc_id", "measure"])
        out.append(_vs_sum(tot, sums, ["doc_id", "measure"], ["doc_id", "measure"], check,
                           lambda m, whole=whole, parts=parts: "three_public " + whole + " [" + m["measure"] + "] = "
                           + "+".join(parts)))
    return out


def _fund_balances(li: pd.DataFrame) -> list[pd.DataFrame]:
    """Tables 8/9, per row: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出."""
    f = li[li["statement"].isin(["government_fund", "soe_capital"])]
    if f.empty:
        return []
    w = _first(f, ["doc_id", "statement", "row", "measure"]).pivot(
        index=["doc_id", "statement", "row"], columns="measure", values="c")
    need = ["opening_balance", "income", "expenditure_total", "closing_balance"]
    if any(c not in w for c in need):
        return []
    w = w.dropna(subset=need).reset_index()
    if w.empty:
        return []
    first = _first(f, ["doc_id", "statement", "row"])[["doc_id", "statement", "row", "label", "page", "step"]]
    w = w.merge(first, on=["doc_id", "statement", "row"])
    exp = w["opening_balance"] + w["income"] - w["expenditure_total"]
    zero = (w[need].abs().sum(axis=1) == 0)
    return [_rows(w["doc_id"], "fund_closing_balance", "sum",
                  w["statement"] + " " + w["label"] + ": closing_balance = opening_balance + income − expenditure_total",
                  w["closing_balance"].astype(np.int64), exp.astype(np.int64), 3, w["step"], w["page"], zero)]


# --- across tables ------------------------------------------------------------------------------

def _same_figure(left: pd.DataFrame, right: pd.DataFrame, on: list[str], check: str, subject,
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
    return _rows(m["doc_id"], check, "cross_table", subj, m["c"].astype(np.int64), m["c_r"].astype(np.int64), 0,
                 np.maximum(m["step"], m["step_r"]).astype(np.int64), m["page"].astype(np.int64))


def _cross(li: pd.DataFrame, anchors: dict[str, pd.DataFrame], t6_totals: pd.DataFrame) -> list[pd.DataFrame]:
    out = []
    totals = _total_rows(li, TOTAL_STATEMENTS)
    year = anchors.get("year", li.iloc[:0])
    cols = ["doc_id", "label", "c", "page", "step"]

    def total_of(statement, measure):
        return totals[(totals["statement"] == statement) & (totals["measure"] == measure)][cols]

    def year_of(statement, side, measure):
        return year[(year["statement"] == statement) & (year["side"] == side) & (year["measure"] == measure)][cols]

    def classes_of(statement, measure, side=None):
        s = li[(li["statement"] == statement) & (li["measure"] == measure) & (li["lvl"] == 1)]
        if side:
            s = s[s["side"] == side]
        return _first(s, ["doc_id", "code"])[cols + ["code"]]

    def subj(left, right):
        (ls, lm), (rs, rm) = left, right
        return lambda m: (ls + " " + m["label"] + " [" + lm + "] = " + rs + " " + m["label_r"].fillna(m["label"])
                          + " [" + rm + "] (p." + m["page_r"].astype(np.int64).astype(str) + ")")

    out.append(_same_figure(total_of("income", "total"), year_of("income_expenditure_summary", "income", "amount"),
                            ["doc_id"], "t2_income_total_vs_t1",
                            subj(("income", "total"), ("income_expenditure_summary", "amount"))))
    out.append(_same_figure(classes_of("expenditure", "total"),
                            classes_of("income_expenditure_summary", "amount", "expenditure"),
                            ["doc_id", "code"], "t3_class_vs_t1",
                            subj(("expenditure", "total"), ("income_expenditure_summary", "amount")), outer=True))
    out.append(_same_figure(total_of("expenditure", "total"),
                            year_of("income_expenditure_summary", "expenditure", "amount"),
                            ["doc_id"], "t3_total_vs_t1",
                            subj(("expenditure", "total"), ("income_expenditure_summary", "amount"))))
    out.append(_same_figure(classes_of("gpb_expenditure", "total"),
                            classes_of("fiscal_summary", "general_public_budget", "expenditure"),
                            ["doc_id", "code"], "t5_class_vs_t4_gpb",
                            subj(("gpb_expenditure", "total"), ("fiscal_summary", "general_public_budget")), outer=True))
    out.append(_same_figure(total_of("gpb_expenditure", "total"),
                            year_of("fiscal_summary", "expenditure", "general_public_budget"),
                            ["doc_id"], "t5_total_vs_t4_gpb",
                            subj(("gpb_expenditure", "total"), ("fiscal_summary", "general_public_budget"))))
    # 表6 人员经费合计 + 公用经费合计 = 表5 合计 基本支出 (a sum of two printed figures: n = 2)
    if not t6_totals.empty:
        s = _sum_parts(t6_totals, ["doc_id"])
        t5 = total_of("gpb_expenditure", "basic")
        m = s[s["n"] == 2].merge(t5, on="doc_id")
        if not m.empty:
            out.append(_rows(m["doc_id"], "t6_basic_vs_t5", "cross_table",
                             "gpb_basic_expenditure 人员经费合计+公用经费合计 = gpb_expenditure " + m["label"]
                             + " [basic] (p." + m["page"].astype(str) + ")",
                             m["exp"], m["c"], m["n"], np.maximum(m["step"], m["pstep"]), m["ppage"]))
    return [o for o in out if len(o)]


# --- narrative and ratios -----------------------------------------------------------------------

def _anchor_frame(li: pd.DataFrame, anchors: dict[str, pd.DataFrame], t6_totals: pd.DataFrame) -> pd.DataFrame:
    """(doc_id, anchor) → the table figure a narrative amount restates (fen, page, step, where)."""
    cols = ["doc_id", "c", "page", "step", "where"]
    parts = []

    def add(df, name):
        if len(df):
            d = df.assign(anchor=name, where=df["statement"] + " " + df["label"] + " [" + df["measure"] + "]")
            parts.append(_first(d, ["doc_id"])[cols + ["anchor"]])

    totals = _total_rows(li, TOTAL_STATEMENTS)
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
    for statement, prefix in (("income", "t2"), ("expenditure", "t3"), ("gpb_expenditure", "t5")):
        t = totals[totals["statement"] == statement]
        for measure in t["measure"].unique():
            add(t[t["measure"] == measure], f"{prefix}.{measure}")
    add(t6_totals[t6_totals["item"] == "人员经费合计"], "t6.personnel")
    add(t6_totals[t6_totals["item"] == "公用经费合计"], "t6.public")
    t7 = _first(li[li["statement"] == "three_public"], ["doc_id", "item", "measure"])
    for (item, measure), g in t7.groupby(["item", "measure"], sort=False):
        add(g, f"t7.{item}.{measure}")
    if not parts:
        return pd.DataFrame(columns=cols + ["anchor"])
    return pd.concat(parts, ignore_index=True)


def _decimal_rows(doc_id, check, kind, subject, observed, expected, tolerance, page) -> pd.DataFrame:
    diff = [None if o is None or e is None else o - e for o, e in zip(observed, expected)]
    return pd.DataFrame({"doc_id": list(doc_id), "check": check if isinstance(check, str) else list(check),
                         "kind": kind, "subject": list(subject), "observed": list(observed),
                         "expected": list(expected), "difference": diff, "tolerance": list(tolerance),
                         "page": list(page)})


def _closest(cand: pd.DataFrame, key: str) -> pd.DataFrame:
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


WAN = Decimal(10000)
MISSING_WAN_CHECK = "narrative_amount_missing_wan"


def _amount_candidates(cand: pd.DataFrame, step_col: str) -> pd.DataFrame:
    """Rank the table figures a narrative amount may restate: one it matches (within half a rounding
    step) first; then one it matches once multiplied by 10,000 — "投入20.42 元" where 万元 is meant,
    the amount read as yuan is 10,000 times too small (`slip`); then the nearest."""
    cand = cand.copy()
    cand["tol"] = [Decimal(int(x)) / 200 for x in cand[step_col]]
    gap = [abs(o - e) for o, e in zip(cand["observed"], cand["expected"])]
    gap_w = [abs(o * WAN - e) for o, e in zip(cand["observed"], cand["expected"])]
    ok = [g <= t for g, t in zip(gap, cand["tol"])]
    slip = [(not k) and o != 0 and gw <= t for k, o, gw, t in zip(ok, cand["observed"], gap_w, cand["tol"])]
    cand["slip"] = slip
    cand["rank"] = [0 if k else 1 if s else 2 for k, s in zip(ok, slip)]
    cand["gap"] = [gw if s else g for g, gw, s in zip(gap, gap_w, slip)]
    return _closest(cand, "fact_id")


def _amount_rows(best: pd.DataFrame, name: pd.Series, where: pd.Series) -> pd.DataFrame:
    """One row per narrative amount: `narrative_<fact>` (narrative_vs_table) against the table figure,
    or — where the amount is that figure divided by 10,000 — `narrative_amount_missing_wan`
    (plausibility): the amount is printed in 元 where 万元 is meant. Either way observed is the amount
    as read (yuan), expected the table figure, and the row fails."""
    slip = best["slip"].to_numpy(dtype=bool)
    check = np.where(slip, MISSING_WAN_CHECK, "narrative_" + best["fact"])
    kind = np.where(slip, "plausibility", "narrative_vs_table")
    subject = np.where(slip, "narrative " + name + " × 10,000 = " + where + " — printed in 元 where 万元 is meant",
                       "narrative " + name + " = " + where)
    out = _decimal_rows(best["doc_id"], list(check), "narrative_vs_table", subject, best["observed"],
                        best["expected"], best["tol"], best["page"])
    out["kind"] = list(kind)
    return out


_Q4 = Decimal("0.0001")


def _share(part: Decimal, whole: Decimal, half_part: Decimal, half_whole: Decimal) -> tuple[Decimal, Decimal]:
    """part / whole × 100 (to 4 decimals) and the tolerance for a percentage printed to 2 decimals:
    0.005 plus the largest error the rounding of the two amounts can cause, and at least one step of
    the last printed digit (0.01) — as for amounts, where a filer balancing shares to 100% moves one."""
    share = (part * 100 / whole).quantize(_Q4)
    bound = 100 * (half_part / abs(whole) + abs(part) * half_whole / (whole * whole))
    return share, max(Decimal("0.01"), (Decimal("0.005") + bound).quantize(_Q4, rounding=ROUND_CEILING))


def _facts_frame(facts: pd.DataFrame) -> pd.DataFrame:
    f = facts.reset_index(drop=True).copy()
    f["doc_id"] = f["doc_id"].astype(str)
    f["code"] = f["code"].fillna("").astype(str) if "code" in f else ""
    f["unit"] = f["unit"].fillna("").astype(str)
    f["fact"] = f["fact"].astype(str)
    f["value"] = [None if v is None or (isinstance(v, float) and v != v)
                  else v if isinstance(v, Decimal) else Decimal(str(v)) for v in f["value"]]
    f["page"] = pd.to_numeric(f["page"]).fillna(0).astype(np.int64)
    f = f[f["value"].notna()]
    # The same statement read twice (the same fact, code and value) is one fact.
    f = f.drop_duplicates(["doc_id", "fact", "code", "value"], keep="first").reset_index(drop=True)
    f["fact_id"] = np.arange(len(f))
    return f


def _narrative(li: pd.DataFrame, facts: pd.DataFrame | None, anchors: dict,
               t6_totals: pd.DataFrame) -> list[pd.DataFrame]:
    if facts is None or facts.empty:
        return []
    f = _facts_frame(facts)
    out = []
    af = _anchor_frame(li, anchors, t6_totals).rename(columns={"page": "page_t", "step": "step_t"})
    # Amounts the narrative restates from the tables.
    amounts = f[(f["unit"] == "yuan") & f["fact"].isin(list(FACT_ANCHORS))]
    if len(amounts) and len(af):
        cand = amounts.assign(anchor=amounts["fact"].map(FACT_ANCHORS)).explode("anchor")
        cand["prio"] = cand.groupby("fact_id").cumcount()
        cand = cand.merge(af, on=["doc_id", "anchor"])
        if len(cand):
            cand["observed"] = cand["value"]
            cand["expected"] = fen_to_decimal(cand["c"])
            best = _amount_candidates(cand, "step_t")
            out.append(_amount_rows(best, best["fact"], best["where"] + " (p." + best["page_t"].astype(str) + ")"))
    # Items by classification code.
    coded = li[li["lvl"] > 0]
    items = f[(f["unit"] == "yuan") & f["fact"].isin(list(CODED_FACT_ANCHORS)) & (f["code"] != "")]
    if len(items) and len(coded):
        tgt = pd.DataFrame([(fact, st, m, i) for fact, targets in CODED_FACT_ANCHORS.items()
                            for i, (st, m) in enumerate(targets)], columns=["fact", "statement", "measure", "prio"])
        cand = items.merge(tgt, on="fact").merge(
            _first(coded, _KEY + ["code"])[_KEY + ["code", "c", "label", "page", "step"]],
            on=["doc_id", "statement", "measure", "code"], suffixes=("", "_t"))
        if len(cand):
            cand["observed"] = cand["value"]
            cand["expected"] = fen_to_decimal(cand["c"])
            best = _amount_candidates(cand, "step")
            out.append(_amount_rows(best, best["fact"] + " " + best["code"],
                                    best["statement"] + " " + best["label"] + " [" + best["measure"] + "] (p."
                                    + best["page_t"].astype(str) + ")"))
    out += _table_shares(li, f, af, coded)
    out += _narrative_rates(f, li)
    # Plausibility: a share lies within 0–100.
    pct = f[(f["unit"] == "percent") & f["fact"].str.endswith("share_pct")]
    if len(pct):
        lo, hi = Decimal(0), Decimal(100)
        exp = [min(max(v, lo), hi) for v in pct["value"]]
        subject = ("narrative " + pct["fact"] + np.where(pct["code"] != "", " " + pct["code"], "") + " within 0–100%")
        out.append(_decimal_rows(pct["doc_id"], "share_within_0_100", "plausibility", subject,
                                 pct["value"], exp, [Decimal(0)] * len(pct), pct["page"]))
    return [o for o in out if len(o)]


def _table_shares(li, f, af, coded) -> list[pd.DataFrame]:
    """Stated shares (占 X%) against part / whole recomputed from the tables."""
    out = []
    rows = []  # fact_id, doc_id, fact, code, value, page, part c/step/where, whole c/step/where
    shares = f[(f["unit"] == "percent") & f["fact"].isin(list(SHARE_ANCHORS))]
    if len(shares) and len(af):
        spec = shares.assign(part=shares["fact"].map(lambda k: SHARE_ANCHORS[k][0]),
                             whole=shares["fact"].map(lambda k: SHARE_ANCHORS[k][1])).explode("whole")
        spec["prio"] = spec.groupby("fact_id").cumcount()
        a = af[["doc_id", "anchor", "c", "step_t", "where"]]
        m = spec.merge(a.rename(columns={"anchor": "part", "c": "pc", "step_t": "ps", "where": "pw"}),
                       on=["doc_id", "part"])
        m = m.merge(a.rename(columns={"anchor": "whole", "c": "wc", "step_t": "ws", "where": "ww"}),
                    on=["doc_id", "whole"])
        rows.append(m)
    # class_share_pct: a 类 against its table's 合计 (table 5, else table 3 — the closer).
    cls = f[(f["unit"] == "percent") & f["fact"].isin(CLASS_SHARE_FACTS) & (f["code"] != "")]
    if len(cls) and len(coded):
        totals = _total_rows(li, ("gpb_expenditure", "expenditure"))
        totals = totals[totals["measure"] == "total"][["doc_id", "statement", "c", "step", "label"]]
        parts = _first(coded[coded["statement"].isin(["gpb_expenditure", "expenditure"])
                             & (coded["measure"] == "total")], ["doc_id", "statement", "code"])
        m = cls.merge(parts[["doc_id", "statement", "code", "c", "step", "label"]], on=["doc_id", "code"])
        m = m.merge(totals, on=["doc_id", "statement"], suffixes=("", "_w"))
        if len(m):
            rows.append(pd.DataFrame({
                **{k: m[k] for k in ("fact_id", "doc_id", "fact", "code", "value", "page")},
                "prio": np.where(m["statement"] == "gpb_expenditure", 0, 1),
                "pc": m["c"], "ps": m["step"], "pw": m["statement"] + " " + m["label"] + " [total]",
                "wc": m["c_w"], "ws": m["step_w"], "ww": m["statement"] + " " + m["label_w"] + " [total]"}))
    rows = [r for r in rows if len(r)]
    if not rows:
        return out
    m = pd.concat(rows, ignore_index=True)
    m = m[m["wc"] != 0]
    if m.empty:
        return out
    exp, tol = [], []
    for pc, wc, ps, ws in zip(m["pc"], m["wc"], m["ps"], m["ws"]):
        share, t = _share(Decimal(int(pc)), Decimal(int(wc)), Decimal(int(ps)) / 2, Decimal(int(ws)) / 2)
        exp.append(share)
        tol.append(t)
    m = m.assign(observed=list(m["value"]), expected=exp, tol=tol)
    # A share that matches no candidate is compared with the denominator the document's other shares of
    # the same fact match (a narrative's "占 X%" of its 类 all divide by one table's 合计), not with
    # whichever happens to lie nearest the wrong figure.
    m["den"] = m["ww"].astype(str)
    m["ok"] = [abs(o - e) <= t for o, e, t in zip(m["observed"], m["expected"], m["tol"])]
    votes = m[m["ok"]].groupby(["doc_id", "fact", "den"], sort=False).size().rename("votes").reset_index()
    votes = votes.sort_values(["doc_id", "fact", "votes"], ascending=[True, True, False], kind="stable")
    usual = votes.drop_duplicates(["doc_id", "fact"])[["doc_id", "fact", "den"]].assign(usual=True)
    m = m.merge(usual, on=["doc_id", "fact", "den"], how="left")
    m["rank"] = np.where(m["ok"], 0, np.where(m["usual"].fillna(False).astype(bool), 1, 2))
    best = _closest(m, "fact_id")
    code = np.where(best["code"] != "", " " + best["code"], "")
    out.append(_decimal_rows(best["doc_id"], best["fact"], "ratio",
                             "narrative " + best["fact"] + code + " = " + best["pw"] + " / " + best["ww"] + " × 100",
                             best["observed"], best["expected"], best["tol"], best["page"]))
    return out


def _narrative_rates(f: pd.DataFrame, li: pd.DataFrame) -> list[pd.DataFrame]:
    """执行率 X_completion_pct = X / X_budget…; 增减率 X_change_pct = X_change / (X − X_change), from the
    narrative's own figures (the tables print no budget or prior year)."""
    out = []
    amounts = f[f["unit"] == "yuan"]
    if amounts.empty:
        return out
    half = {d: Decimal(WAN_STEP if u != "元" else YUAN_STEP) / 200 for d, u in
            (li.drop_duplicates("doc_id").set_index("doc_id")["step"]
             .map(lambda s: "元" if s == YUAN_STEP else "万元").items())}
    val = {(d, k, c): v for d, k, c, v in zip(amounts["doc_id"], amounts["fact"], amounts["code"], amounts["value"])}
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
            cands = [(b, v) for b, v in cands if v != 0]
            if num is None or not cands:
                continue
            options = [(b, *_share(num, v, h, h)) for b, v in cands]
            b, share, tol = min(options, key=lambda o: abs(r.value - o[1]))
            rows.append((r.doc_id, fact, r.page, r.value, share, tol,
                         f"narrative {fact}{' ' + code if code else ''} = {final} / {b} × 100"))
        else:
            base = fact[: -len("_pct")]  # X_change (or X_final_change for 三公)
            total_key = base[: -len("_change")]
            if total_key == "item":
                total_key = "item_final"
            change = val.get((r.doc_id, base, code))
            total = val.get((r.doc_id, total_key, code))
            if change is None or total is None or total - change == 0:
                continue
            share, tol = _share(change, total - change, h, 2 * h)
            rows.append((r.doc_id, fact, r.page, r.value, share, tol,
                         f"narrative {fact}{' ' + code if code else ''} = {base} / ({total_key} − {base}) × 100"))
    if rows:
        d = pd.DataFrame(rows, columns=["doc_id", "fact", "page", "observed", "expected", "tol", "subject"])
        out.append(_decimal_rows(d["doc_id"], d["fact"], "ratio", d["subject"], d["observed"], d["expected"],
                                 d["tol"], d["page"]))
    return out


def _plausibility(li: pd.DataFrame) -> list[pd.DataFrame]:
    out = []
    if len(li):
        # Per document and table: the smallest amount is not negative.
        idx = li.groupby(["doc_id", "statement"], sort=False)["c"].idxmin()
        m = li.loc[idx.to_numpy()]
        exp = np.maximum(m["c"].to_numpy(), 0)
        where = np.where(m["c"] < 0, " — smallest: " + m["label"] + " [" + m["measure"] + "]", "")
        out.append(_rows(m["doc_id"], "amounts_non_negative", "plausibility",
                         m["statement"] + ": every amount ≥ 0" + where, m["c"], exp, 0, 0, m["page"]))
    return out


def _fiscal_years(li: pd.DataFrame, documents: pd.DataFrame | None, years: pd.Series) -> pd.DataFrame | None:
    """Documents read as filings (status ok/partial, or with line items): 2000 ≤ fiscal_year ≤ next year."""
    docs = set(li["doc_id"])
    if documents is not None and len(documents):
        d = documents.drop_duplicates("doc_id")
        if "status" in d:
            docs |= set(d.loc[d["status"].isin(["ok", "partial"]), "doc_id"].astype(str))
        else:
            docs |= set(d["doc_id"].astype(str))
    if not docs:
        return None
    docs = sorted(docs)
    hi = _dt.date.today().year + 1
    obs, exp = [], []
    for doc in docs:
        y = years.get(doc)
        if y is None or pd.isna(y):
            obs.append(None)
            exp.append(None)
        else:
            v = Decimal(int(y))
            obs.append(v)
            exp.append(min(max(v, Decimal(2000)), Decimal(hi)))
    return _decimal_rows(docs, "fiscal_year_range", "plausibility",
                         [f"documents fiscal_year within 2000–{hi}"] * len(docs), obs, exp,
                         [Decimal(0)] * len(docs), [1] * len(docs))


# --- entry point --------------------------------------------------------------------------------

def _finish_fen(frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        return pd.DataFrame(columns=["doc_id", "check", "kind", "subject", "observed", "expected", "difference",
                                     "tolerance", "page"])
    df = pd.concat(frames, ignore_index=True)
    obs = df["obs"].astype(np.int64).to_numpy()
    exp = df["exp"].astype(np.int64).to_numpy()
    n = df["n"].astype(np.int64).to_numpy()
    step = df["step"].astype(np.int64).to_numpy()
    # tolerance in half-fen: max(one step, n × half a step) for sums; 0 for a figure printed twice.
    tol2 = np.where(n > 0, np.maximum(2 * step, n * step), 0)
    # Few distinct tolerances: build each Decimal once.
    tol_cache = {t: Decimal(int(t)).scaleb(-2) / 2 for t in np.unique(tol2)}
    return pd.DataFrame({
        "doc_id": df["doc_id"].to_numpy(), "check": df["check"].to_numpy(), "kind": df["kind"].to_numpy(),
        "subject": df["subject"].to_numpy(),
        "observed": fen_to_decimal(obs), "expected": fen_to_decimal(exp), "difference": fen_to_decimal(obs - exp),
        "tolerance": [tol_cache[t] for t in tol2], "page": df["page"].astype(np.int64).to_numpy(),
    })


def comparisons(line_items: pd.DataFrame, documents: pd.DataFrame | None = None,
                narrative_facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every comparison of the batch, without verdicts (columns: RESULT_COLUMNS minus success)."""
    li = prepare(line_items, documents) if line_items is not None and len(line_items) else None
    years = pd.Series(dtype=object)
    if line_items is not None and len(line_items) and "fiscal_year" in line_items:
        years = line_items.drop_duplicates("doc_id").set_index("doc_id")["fiscal_year"]
    if documents is not None and len(documents) and "fiscal_year" in documents:
        dy = documents.drop_duplicates("doc_id").set_index("doc_id")["fiscal_year"]
        years = dy.combine_first(years) if len(years) else dy
    years.index = years.index.astype(str)

    fen_frames: list[pd.DataFrame] = []
    dec_frames: list[pd.DataFrame] = []
    if li is not None:
        fen_frames += _hierarchy(li)
        fen_frames += _table_totals(li)
        fen_frames += _column_sums(li)
        two, anchors = _two_sided(li)
        fen_frames += two
        econ, t6_totals = _economic_groups(li)
        fen_frames += econ
        fen_frames += _three_public(li)
        fen_frames += _fund_balances(li)
        fen_frames += _cross(li, anchors, t6_totals)
        fen_frames += _plausibility(li)
        dec_frames += _narrative(li, narrative_facts, anchors, t6_totals)
    fy = _fiscal_years(li if li is not None else pd.DataFrame({"doc_id": []}), documents, years)
    if fy is not None:
        dec_frames.append(fy)
    out = pd.concat([_finish_fen(fen_frames)] + [d for d in dec_frames if len(d)], ignore_index=True)
    # One row per check, document and subject: a subject repeated (two narrative statements of one fact
    # with different values, a label printed twice in a table) is numbered.
    dup = out.groupby(["doc_id", "check", "subject"], sort=False).cumcount()
    if (dup > 0).any():
        out["subject"] = np.where(dup > 0, out["subject"] + " #" + (dup + 1).astype(str), out["subject"])
    out["fiscal_year"] = out["doc_id"].map(years).astype("Int64")
    out["page"] = out["page"].astype("Int64")
    order = {k: i for i, k in enumerate(KINDS)}
    out["_k"] = out["kind"].map(order)
    out = out.sort_values(["doc_id", "_k", "check", "page", "subject"], kind="stable").drop(columns="_k")
    return out.reset_index(drop=True)[[c for c in RESULT_COLUMNS if c != "success"]]
