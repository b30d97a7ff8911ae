"""What one validation reads, lined up once for every check family (expectations/checks/).

`Batch.of(...)` takes the contract's tables as pandas frames (any of them may be missing: a family
whose inputs are absent runs no check) and prepares them:

- line items as integer fen (1/100 yuan, exact) with each table's rounding step, their 类/款/项 level
  and a printable label;
- narrative facts as Decimals, one row per distinct statement of a fact;
- statements, mentions, narrative claims and performance projects as given.

Every row that has a place on a page (a line item's cell, a fact's sentence, a mention's line, a
table, a claim) gets a mark id in `Batch.marks`, so a comparison row can name the figures it compared
(`om`: observed, `em`: expected) and the report can box them without reading anything again.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd

from expectations.tolerances import DEFAULT, Tolerances
from reference.statements import DEFAULT_DECIMALS, printed_decimals, rounding_step

BOX_COLUMNS = ("x0", "top", "x1", "bottom")


class Marks:
    """Mark id → (doc_id, page, x0, top, x1, bottom) of everything a check may point at."""

    def __init__(self) -> None:
        self._parts: list[pd.DataFrame] = []
        self._size = 0
        self._frame: pd.DataFrame | None = None

    def register(self, frame: pd.DataFrame, page_col: str = "page") -> np.ndarray:
        """Ids for the rows of `frame` (in order); their page and box (NaN where none) are kept."""
        n = len(frame)
        ids = np.arange(self._size, self._size + n, dtype=np.int64)
        part = pd.DataFrame({"doc_id": frame["doc_id"].astype(str).to_numpy(),
                             "page": pd.to_numeric(frame[page_col], errors="coerce").to_numpy(dtype=float)})
        for c in BOX_COLUMNS:
            part[c] = pd.to_numeric(frame[c], errors="coerce").to_numpy(dtype=float) if c in frame \
                else np.full(n, np.nan)
        self._parts.append(part)
        self._size += n
        self._frame = None
        return ids

    @property
    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            self._frame = pd.concat(self._parts, ignore_index=True) if self._parts else \
                pd.DataFrame(columns=["doc_id", "page", *BOX_COLUMNS])
        return self._frame

    def pages(self, ids) -> np.ndarray:
        return self.frame["page"].to_numpy()[np.asarray(ids, dtype=np.int64)]


def to_fen(values: pd.Series) -> np.ndarray:
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


def _column(frame: pd.DataFrame, name: str, default=None) -> pd.Series:
    return frame[name] if name in frame else pd.Series([default] * len(frame), index=frame.index, dtype=object)


def prepare_line_items(line_items: pd.DataFrame, documents: pd.DataFrame | None) -> pd.DataFrame:
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
    for c in BOX_COLUMNS:
        li[c] = pd.to_numeric(_column(line_items, c), errors="coerce").to_numpy(dtype=float)
    li["c"] = to_fen(line_items["amount_yuan"])
    unit = None
    if "currency_unit" in line_items:
        unit = line_items["currency_unit"].reset_index(drop=True)
    if documents is not None and len(documents) and "currency_unit" in documents:
        doc_unit = li["doc_id"].map(documents.drop_duplicates("doc_id").set_index("doc_id")["currency_unit"])
        unit = doc_unit if unit is None else unit.fillna(doc_unit)
    unit = unit if unit is not None else pd.Series([None] * len(li))
    li["unit"] = unit.to_numpy()
    # A table's rounding step: its unit at the most decimals any of its figures prints (the vocabulary's
    # rule, which transform/proof.py uses too): 亿元 tables at 0.0001, 元 tables in whole yuan.
    printed = line_items["amount_printed"] if "amount_printed" in line_items else pd.Series([None] * len(li))
    li["dec"] = printed.reset_index(drop=True).map(printed_decimals)
    dec = li.groupby(["doc_id", "statement", "unit"], dropna=False)["dec"].transform("max")
    dec = dec.fillna(DEFAULT_DECIMALS).astype(int)
    steps = {(u, d): int(rounding_step(u, d) * 100) for u, d in set(zip(li["unit"], dec))}
    li["step"] = np.array([max(1, steps[(u, d)]) for u, d in zip(li["unit"], dec)], dtype=np.int64)
    li = li.drop(columns=["unit", "dec"])
    li["lvl"] = li["code"].str.len().map({3: 1, 5: 2, 7: 3}).fillna(0).astype(np.int64)
    li.loc[~li["code"].str.isdigit(), "lvl"] = 0
    li["absc"] = np.abs(li["c"].to_numpy())
    li["label"] = np.where(li["code"] != "", (li["code"] + " " + li["item"]).str.strip(), li["item"])
    return li


def prepare_facts(facts: pd.DataFrame) -> pd.DataFrame:
    f = facts.reset_index(drop=True).copy()
    f["doc_id"] = f["doc_id"].astype(str)
    f["code"] = f["code"].fillna("").astype(str) if "code" in f else ""
    f["item"] = f["item"].fillna("").astype(str) if "item" in f else ""
    f["unit"] = f["unit"].fillna("").astype(str)
    f["fact"] = f["fact"].astype(str)
    f["evidence"] = f["evidence"].fillna("").astype(str) if "evidence" in f else ""
    f["reason"] = f["reason"].where(f["reason"].notna(), None) if "reason" in f else None
    f["value"] = [None if v is None or (isinstance(v, float) and v != v)
                  else v if isinstance(v, Decimal) else Decimal(str(v)) for v in f["value"]]
    f["page"] = pd.to_numeric(f["page"]).fillna(0).astype(np.int64)
    for c in BOX_COLUMNS:
        f[c] = pd.to_numeric(_column(f, c), errors="coerce").to_numpy(dtype=float)
    f = f[f["value"].notna()]
    # The same statement read twice (the same fact, code and value) is one fact.
    f = f.drop_duplicates(["doc_id", "fact", "code", "value"], keep="first").reset_index(drop=True)
    f["fact_id"] = np.arange(len(f))
    return f


def _frame(df: pd.DataFrame | None) -> pd.DataFrame | None:
    if df is None or not len(df):
        return None
    out = df.reset_index(drop=True).copy()
    out["doc_id"] = out["doc_id"].astype(str)
    return out


def _years(line_items: pd.DataFrame | None, documents: pd.DataFrame | None) -> pd.Series:
    years = pd.Series(dtype=object)
    if line_items is not None and len(line_items) and "fiscal_year" in line_items:
        years = line_items.drop_duplicates("doc_id").set_index("doc_id")["fiscal_year"]
    if documents is not None and len(documents) and "fiscal_year" in documents:
        dy = documents.drop_duplicates("doc_id").set_index("doc_id")["fiscal_year"]
        years = dy.combine_first(years) if len(years) else dy
    years.index = years.index.astype(str)
    return years


@dataclass
class Batch:
    """The frames of one validation, prepared, and the marks of everything they print."""

    li: pd.DataFrame | None
    documents: pd.DataFrame | None
    facts: pd.DataFrame | None
    statements: pd.DataFrame | None
    mentions: pd.DataFrame | None
    claims: pd.DataFrame | None
    projects: pd.DataFrame | None
    years: pd.Series
    tolerances: Tolerances
    marks: Marks
    today: _dt.date = field(default_factory=_dt.date.today)
    # what the within-table family lines up for the others: the 本年合计/总计 rows of tables 1 and 4
    # ("year", "grand") and table 6's 人员经费合计/公用经费合计 rows ("t6_totals")
    anchors: dict[str, pd.DataFrame] = field(default_factory=dict)

    def phase_of(self, doc_ids: pd.Series) -> pd.Series:
        """budget | final for each doc_id (a document without a phase — stored before phase existed,
        or not in the batch — is final)."""
        if self.documents is None or "phase" not in self.documents:
            return pd.Series(["final"] * len(doc_ids), index=doc_ids.index, dtype=object)
        phases = dict(zip(self.documents["doc_id"], self.documents["phase"]))
        return pd.Series([p if isinstance(p, str) else "final" for p in map(phases.get, doc_ids)],
                         index=doc_ids.index, dtype=object)

    @classmethod
    def of(cls, line_items: pd.DataFrame | None, documents: pd.DataFrame | None = None,
           narrative_facts: pd.DataFrame | None = None, statements: pd.DataFrame | None = None,
           mentions: pd.DataFrame | None = None, narrative_claims: pd.DataFrame | None = None,
           performance_projects: pd.DataFrame | None = None, tolerances: Tolerances | None = None) -> "Batch":
        marks = Marks()
        li = prepare_line_items(line_items, documents) if line_items is not None and len(line_items) else None
        if li is not None:
            li["mark"] = marks.register(li)
        facts = prepare_facts(narrative_facts) if narrative_facts is not None and len(narrative_facts) else None
        if facts is not None:
            facts["mark"] = marks.register(facts)
        st, me, cl, pp = (_frame(x) for x in (statements, mentions, narrative_claims, performance_projects))
        if st is not None:
            st["mark"] = marks.register(st, "first_page")
        for df in (me, cl, pp):
            if df is not None:
                df["mark"] = marks.register(df)
        docs = documents.drop_duplicates("doc_id").reset_index(drop=True) if documents is not None and len(documents) \
            else None
        if docs is not None:
            docs["doc_id"] = docs["doc_id"].astype(str)
        return cls(li, docs, facts, st, me, cl, pp, _years(line_items, documents), tolerances or DEFAULT, marks)

    def step_of_doc(self) -> dict[str, int]:
        """doc_id → the rounding step (fen) of its first table: for the narrative's own figures."""
        if self.li is None:
            return {}
        return dict(self.li.drop_duplicates("doc_id").set_index("doc_id")["step"].items())
