"""Comparison rows, as every check family builds them, and the finished `quality_results` frame.

Two builders:
- `fen_rows`: amounts in integer fen from the tables; the tolerance follows from how many printed
  figures the expected side sums (`n`; 0 = the same figure printed twice) and the rounding step;
- `decimal_rows`: Decimal values with the tolerance stated by the family (narrative amounts, rates,
  years, counts of what is missing).

Each row carries the mark ids of the figures it compared (`om` observed, `em` expected; see
expectations/batch.py), from which `finish` lists the pages a row involves and `boxes_of` the boxes a
report draws for a failed row.
"""
from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd

from expectations.batch import BOX_COLUMNS, Batch, fen_to_decimal

RESULT_COLUMNS = ["doc_id", "fiscal_year", "check", "kind", "subject", "success", "observed", "expected",
                  "difference", "tolerance", "page", "pages", "boxes", "observed_text", "expected_text",
                  "tolerance_rule", "phase"]
KINDS = ("sum", "cross_table", "narrative_vs_table", "ratio", "plausibility", "completeness", "disclosure")
_FEN_COLUMNS = ["doc_id", "check", "kind", "subject", "obs", "exp", "n", "step", "page", "om", "em"]
_OUT = ["doc_id", "check", "kind", "subject", "observed", "expected", "difference", "tolerance", "page", "om", "em",
        "observed_text", "expected_text", "tolerance_rule"]


def marks_list(values, n: int | None = None) -> list:
    """A column of mark-id lists: from one id per row, from lists, or empty."""
    if values is None:
        return [[] for _ in range(n or 0)]
    out = []
    for v in values:
        if isinstance(v, (list, tuple, np.ndarray)):
            out.append([int(x) for x in v if x is not None and x == x])
        elif v is None or (isinstance(v, float) and v != v):
            out.append([])
        else:
            out.append([int(v)])
    return out


def fen_rows(doc_id, check, kind: str, subject, observed, expected, n, step, page, zero=None, om=None,
             em=None) -> pd.DataFrame:
    """Integer-fen comparison rows. n = number of printed figures summed on the expected side
    (0: the same figure printed twice). `zero` marks rows where every figure involved is zero (left
    out: an identity of zeros says nothing)."""
    df = pd.DataFrame({"doc_id": doc_id, "check": check, "kind": kind, "subject": subject,
                       "obs": observed, "exp": expected, "n": n, "step": step, "page": page})
    size = len(df)
    df["om"] = marks_list(om, size) if om is not None else [[] for _ in range(size)]
    df["em"] = marks_list(em, size) if em is not None else [[] for _ in range(size)]
    if zero is not None:
        df = df[~np.asarray(zero, dtype=bool)]
    return df


def decimal_rows(doc_id, check, kind, subject, observed, expected, tolerance, page, rule, om=None, em=None,
                 observed_text=None, expected_text=None) -> pd.DataFrame:
    doc_id = list(doc_id)
    size = len(doc_id)
    diff = [None if o is None or e is None else o - e for o, e in zip(observed, expected)]

    def spread(v):
        return list(v) if v is not None and not isinstance(v, str) else [v] * size

    return pd.DataFrame({"doc_id": doc_id, "check": spread(check), "kind": spread(kind), "subject": list(subject),
                         "observed": list(observed), "expected": list(expected), "difference": diff,
                         "tolerance": list(tolerance), "page": list(page),
                         "om": marks_list(om, size) if om is not None else [[] for _ in range(size)],
                         "em": marks_list(em, size) if em is not None else [[] for _ in range(size)],
                         "observed_text": spread(observed_text), "expected_text": spread(expected_text),
                         "tolerance_rule": spread(rule)})


def _finish_fen(frames: list[pd.DataFrame], batch: Batch) -> pd.DataFrame:
    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        return pd.DataFrame(columns=_OUT)
    t = batch.tolerances
    df = pd.concat(frames, ignore_index=True)
    obs = df["obs"].astype(np.int64).to_numpy()
    exp = df["exp"].astype(np.int64).to_numpy()
    n = df["n"].astype(np.int64).to_numpy()
    step = df["step"].astype(np.int64).to_numpy()
    # Few distinct (n, step) pairs: each tolerance and its rule are built once.
    cache: dict[tuple[int, int], tuple[Decimal, str]] = {}
    tol, rule = [], []
    for k, s in zip(n, step):
        key = (int(k), int(s))
        if key not in cache:
            fen = Decimal(key[1])
            if key[0] > 0:
                value = max(t.sum_min_steps * fen, key[0] * t.sum_steps_per_figure * fen)
                text = f"{t.rule('sum_min_steps', 'sum_steps_per_figure')} × step {fen.scaleb(-2)} yuan, n={key[0]}"
            else:
                value = t.same_figure_steps * fen
                text = f"{t.rule('same_figure_steps')} × step {fen.scaleb(-2)} yuan"
            cache[key] = (value.scaleb(-2), text)
        tol.append(cache[key][0])
        rule.append(cache[key][1])
    return pd.DataFrame({
        "doc_id": df["doc_id"].to_numpy(), "check": df["check"].to_numpy(), "kind": df["kind"].to_numpy(),
        "subject": df["subject"].to_numpy(),
        "observed": fen_to_decimal(obs), "expected": fen_to_decimal(exp), "difference": fen_to_decimal(obs - exp),
        "tolerance": tol, "page": df["page"].astype(np.int64).to_numpy(), "om": list(df["om"]), "em": list(df["em"]),
        "observed_text": None, "expected_text": None, "tolerance_rule": rule,
    })


def finish(fen_frames: list[pd.DataFrame], dec_frames: list[pd.DataFrame], batch: Batch) -> pd.DataFrame:
    """One frame of every comparison (no verdicts yet): numbered subjects, fiscal_year, pages, sorted."""
    parts = [_finish_fen(fen_frames, batch)] + [d for d in dec_frames if d is not None and len(d)]
    out = pd.concat([p for p in parts if len(p)] or [parts[0]], ignore_index=True)
    # One row per check, document and subject: a subject repeated (two narrative statements of one fact
    # with different values, a label printed twice in a table) is numbered.
    dup = out.groupby(["doc_id", "check", "subject"], sort=False).cumcount()
    if (dup > 0).any():
        out["subject"] = np.where(dup > 0, out["subject"] + " #" + (dup + 1).astype(str), out["subject"])
    out["fiscal_year"] = out["doc_id"].map(batch.years).astype("Int64")
    out["phase"] = batch.phase_of(out["doc_id"])
    out["page"] = out["page"].astype("Int64")
    out["pages"] = _pages(out, batch)
    order = {k: i for i, k in enumerate(KINDS)}
    out["_k"] = out["kind"].map(order)
    out = out.sort_values(["doc_id", "_k", "check", "page", "subject"], kind="stable").drop(columns="_k")
    return out.reset_index(drop=True)


def _pages(out: pd.DataFrame, batch: Batch) -> list[list[int]]:
    """Every page a row involves: its own and those of the figures it compared."""
    ids = [list(a) + list(b) for a, b in zip(out["om"], out["em"])]
    flat = np.fromiter((i for row in ids for i in row), dtype=np.int64)
    pages_of = batch.marks.pages(flat) if len(flat) else np.zeros(0)
    res, k = [], 0
    for own, row in zip(out["page"], ids):
        ps = {int(own)} if own is not pd.NA and own is not None else set()
        for p in pages_of[k:k + len(row)]:
            if p == p and p > 0:
                ps.add(int(p))
        k += len(row)
        res.append(sorted(ps))
    return res


def boxes_of(rows: pd.DataFrame, batch: Batch) -> list:
    """The boxes to draw for each row: its observed figures ("observed") and what they were compared
    with ("expected"; "part" for the figures of a sum), each with its page. Rows that passed get none."""
    marks = batch.marks.frame
    page = marks["page"].to_numpy()
    box = {c: marks[c].to_numpy() for c in BOX_COLUMNS}
    out: list[list[dict[str, object]] | None] = []
    for ok, om, em in zip(rows["success"], rows["om"], rows["em"]):
        if ok:
            out.append(None)
            continue
        drawn = []
        for role, ids in (("observed", om), ("expected" if len(em) <= 1 else "part", em)):
            for i in ids:
                if page[i] == page[i] and all(box[c][i] == box[c][i] for c in BOX_COLUMNS):
                    drawn.append({"page": int(page[i]), **{c: float(box[c][i]) for c in BOX_COLUMNS}, "role": role})
        out.append(drawn)
    return out
