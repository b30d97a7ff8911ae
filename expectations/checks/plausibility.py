"""Values that cannot be right whatever else the filing prints (kind `plausibility`).

- `amounts_non_negative`: per document and table, the smallest amount is not negative;
- `share_within_0_100`: a stated share (占 X%) lies within 0–100;
- `fiscal_year_range`: a document read as a filing reports a year from earliest_year to next year.

Each compares the value with the nearest value inside its range (`expected`), with tolerance 0.
(`narrative_amount_missing_wan`, an amount printed in 元 where 万元 is meant, is found with the
narrative amounts: expectations/checks/narrative.py.)
"""
from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from expectations.batch import Batch
from expectations.rows import decimal_rows, fen_rows

_RANGE_RULE = "inside the range (0)"


def run(batch: Batch) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    fen, dec = [], []
    li = batch.li
    if li is not None and len(li):
        idx = li.groupby(["doc_id", "statement"], sort=False)["c"].idxmin()
        m = li.loc[idx.to_numpy()]
        exp = np.maximum(m["c"].to_numpy(), 0)
        where = np.where(m["c"] < 0, " — smallest: " + m["label"] + " [" + m["measure"] + "]", "")
        fen.append(fen_rows(m["doc_id"], "amounts_non_negative", "plausibility",
                            m["statement"] + ": every amount ≥ 0" + where, m["c"], exp, 0, 0, m["page"],
                            om=np.where(m["c"] < 0, m["mark"], -1)))
        fen[-1]["om"] = [[x for x in v if x >= 0] for v in fen[-1]["om"]]
    f = batch.facts
    if f is not None:
        pct = f[(f["unit"] == "percent") & f["fact"].str.endswith("share_pct")]
        if len(pct):
            lo, hi = Decimal(0), Decimal(100)
            exp_pct = [min(max(v, lo), hi) for v in pct["value"]]
            subject = ("narrative " + pct["fact"] + np.where(pct["code"] != "", " " + pct["code"], "") + " within 0–100%")
            dec.append(decimal_rows(pct["doc_id"], "share_within_0_100", "plausibility", subject, pct["value"], exp_pct,
                                    [Decimal(0)] * len(pct), pct["page"], _RANGE_RULE, om=pct["mark"]))
    fy = _fiscal_years(batch)
    if fy is not None:
        dec.append(fy)
    return fen, dec


def _fiscal_years(batch: Batch) -> pd.DataFrame | None:
    """Documents read as filings (status ok/partial, or with line items): earliest_year ≤ fiscal_year ≤
    next year."""
    docs = set(batch.li["doc_id"]) if batch.li is not None else set()
    d = batch.documents
    if d is not None:
        if "status" in d:
            docs |= set(d.loc[d["status"].isin(["ok", "partial"]), "doc_id"].astype(str))
        else:
            docs |= set(d["doc_id"].astype(str))
    if not docs:
        return None
    ordered = sorted(docs)
    lo, hi = batch.tolerances.earliest_year, batch.today.year + 1
    obs: list[Decimal | None] = []
    exp: list[Decimal | None] = []
    for doc in ordered:
        y = batch.years.get(doc)
        if y is None or pd.isna(y):
            obs.append(None)
            exp.append(None)
        else:
            v = Decimal(int(y))
            obs.append(v)
            exp.append(min(max(v, Decimal(lo)), Decimal(hi)))
    return decimal_rows(ordered, "fiscal_year_range", "plausibility",
                        [f"documents fiscal_year within {lo}–{hi}"] * len(ordered), obs, exp,
                        [Decimal(0)] * len(ordered), [1] * len(ordered), f"earliest_year={lo}, {_RANGE_RULE}")
