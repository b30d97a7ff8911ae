"""Small frame helpers the check families share."""
from __future__ import annotations

import numpy as np
import pandas as pd

from expectations.rows import fen_rows

KEY = ["doc_id", "statement", "measure"]
SAME_FIGURE = " — the same figure printed twice: must be identical (tolerance 0)"


def first(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return df.drop_duplicates(keys, keep="first")


def sum_parts(parts: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group: the sum of its figures (fen), how many, the coarsest step, Σ|figure|, the first
    page and the marks of the figures summed."""
    return parts.groupby(keys, sort=False).agg(exp=("c", "sum"), n=("c", "size"), pstep=("step", "max"),
                                               pabs=("absc", "sum"), ppage=("page", "min"),
                                               marks=("mark", list)).reset_index()


def vs_sum(totals: pd.DataFrame, sums: pd.DataFrame, on_left: list[str], on_right: list[str], check: str,
           subject) -> pd.DataFrame:
    """A printed total against the sum of its parts (rows of all-zero figures left out)."""
    m = totals.merge(sums, left_on=on_left, right_on=on_right, how="inner")
    if m.empty:
        return m
    subj = subject(m) if callable(subject) else subject
    zero = (m["c"] == 0) & (m["pabs"] == 0)
    return fen_rows(m["doc_id"], check, "sum", subj, m["c"], m["exp"], m["n"], np.maximum(m["step"], m["pstep"]),
                    m["page"], zero, om=m["mark"], em=m["marks"])


def total_rows(li: pd.DataFrame, statements) -> pd.DataFrame:
    """The 合计/总计 rows (no code) of the given statements, one per measure."""
    t = li[li["statement"].isin(statements) & (li["code"] == "")
           & (li["item"].str.contains("合计") | (li["item"] == "总计"))]
    return first(t, KEY)
