"""Is the filing whole, and do its parts agree on who filed it and for when? (kind `completeness`)

- `statement_present`: each table the filing prints (with data, stated empty, or unread) passes; one
  the contents list but the filing does not print (statements.status `absent`) fails, naming the table
  and the contents page. A table neither printed nor listed (`missing`) is not judged: provinces do not
  all require the nine, and a filing's contents say which it prints.
- `unit_name_consistent`: every unit the contents, the table headers and notes, and the narrative name
  (mentions, kind unit) is the one the cover names (documents.unit_name). The same name with a leading
  region dropped ("普陀区财政局" for "上海市普陀区财政局"), or followed by 本级 or a sub-unit's name, is the
  same unit; a template placeholder (XX, ××, 某某, {单位}) or another unit fails with its page.
- `year_consistent`: every "YYYY 年度" (and 截至 YYYY 年 12 月 31 日) a part prints is the filing's year,
  and every year it compares with ("与 2023 年度相比") is the year before.

Observed and expected are 1/0 for present and same (the names in observed_text / expected_text), the
years themselves for year_consistent; the tolerance is missing_allowed (0).
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

import pandas as pd

from expectations.batch import Batch
from expectations.rows import decimal_rows
from reference.statements import PLACEHOLDER, statement_label

_REGION_END = ("省", "市", "区", "县", "州", "旗", "盟")
_PRESENT = ("data", "empty", "unreadable", "printed")
_ONE, _ZERO = Decimal(1), Decimal(0)


def run(batch: Batch) -> tuple[list[pd.DataFrame], list[pd.DataFrame]]:
    out = [_statement_present(batch), _unit_names(batch), _years(batch)]
    return [], [o for o in out if o is not None and len(o)]


def normalise_unit(name: str) -> str:
    s = unicodedata.normalize("NFKC", name or "")
    return re.sub(r"\s", "", s).replace("(", "（").replace(")", "）")


def same_unit(named: str, cover: str) -> bool:
    """Whether a part that names `named` names the unit the cover names."""
    a, b = normalise_unit(named), normalise_unit(cover)
    if not a or not b or PLACEHOLDER.search(a):
        return False
    if a == b or a.startswith(b):  # "X本级", "X（本级）", a sub-unit "X财政所"
        return True
    if b.endswith(a) and b[: len(b) - len(a)].endswith(_REGION_END) and len(a) >= 3:
        return True  # the region left out: "普陀区财政局" for "上海市普陀区财政局"
    return False


def _statement_present(batch: Batch) -> pd.DataFrame | None:
    st = batch.statements
    if st is None:
        return None
    judged = st[st["status"].isin(_PRESENT + ("absent",))]
    if judged.empty:
        return None
    listing = {}
    if batch.mentions is not None:
        lm = batch.mentions[batch.mentions["kind"] == "listing"]
        listing = {(d, s): (int(p), int(m)) for d, s, p, m in zip(lm["doc_id"], lm["statement"], lm["page"], lm["mark"])}
    t = batch.tolerances
    rows = []
    for r in judged.itertuples():
        label = statement_label(r.statement, getattr(r, "phase", None))
        listed = listing.get((r.doc_id, r.statement))
        where = f" — listed in the contents (p.{listed[0]})" if listed else ""
        if r.status == "absent":
            page = listed[0] if listed else 1
            om = [listed[1]] if listed else []
            rows.append((r.doc_id, f"{label} is printed{where}", _ZERO, page, om, "not printed"))
        else:
            om = [int(r.mark)] if r.first_page == r.first_page and r.first_page is not None else []
            rows.append((r.doc_id, f"{label} is printed{where}", _ONE, int(r.first_page), om,
                         f"printed on p.{int(r.first_page)} ({r.status})"))
    d = pd.DataFrame(rows, columns=["doc_id", "subject", "obs", "page", "om", "text"])
    return decimal_rows(d["doc_id"], "statement_present", "completeness", d["subject"], d["obs"],
                        [_ONE] * len(d), [t.missing_allowed] * len(d), d["page"], t.rule("missing_allowed"),
                        om=d["om"], observed_text=d["text"], expected_text="printed (with data or stated empty)")


def _unit_names(batch: Batch) -> pd.DataFrame | None:
    me, docs = batch.mentions, batch.documents
    if me is None or docs is None or "unit_name" not in docs:
        return None
    units = me[me["kind"] == "unit"]
    cover = {d: u for d, u in zip(docs["doc_id"], docs["unit_name"]) if isinstance(u, str) and u}
    units = units[units["doc_id"].isin(cover)]
    if units.empty:
        return None
    t = batch.tolerances
    rows = []
    for r in units.itertuples():
        ref = cover[r.doc_id]
        ok = same_unit(r.value, ref)
        where = {"cover": "the cover", "contents": "the contents", "table": f"the header of {r.statement}",
                 "narrative": "the narrative"}.get(r.part, r.part)
        if r.part == "table" and isinstance(r.text, str) and r.text.lstrip().startswith(("注", "说明")):
            where = f"the note under {r.statement}"
        why = " — a template placeholder" if PLACEHOLDER.search(r.value or "") else "" if ok else " — another unit"
        rows.append((r.doc_id, f"unit named in {where} (p.{int(r.page)}) = the cover's{why}", _ONE if ok else _ZERO,
                     int(r.page), int(r.mark), r.value, ref))
    d = pd.DataFrame(rows, columns=["doc_id", "subject", "obs", "page", "om", "named", "cover"])
    return decimal_rows(d["doc_id"], "unit_name_consistent", "completeness", d["subject"], d["obs"],
                        [_ONE] * len(d), [t.missing_allowed] * len(d), d["page"], t.rule("missing_allowed"),
                        om=d["om"], observed_text=d["named"], expected_text=d["cover"])


def _years(batch: Batch) -> pd.DataFrame | None:
    me = batch.mentions
    if me is None:
        return None
    ys = me[me["kind"].isin(["year", "prior_year"])]
    rows = []
    for r in ys.itertuples():
        fy = batch.years.get(r.doc_id)
        if fy is None or pd.isna(fy) or not str(r.value).isdigit():
            continue
        want = int(fy) - (1 if r.kind == "prior_year" else 0)
        what = "the year before" if r.kind == "prior_year" else "the filing's year"
        rows.append((r.doc_id, f"year printed in the {r.part} (p.{int(r.page)}) = {what}", Decimal(int(r.value)),
                     Decimal(want), int(r.page), int(r.mark), str(r.text)[:60]))
    if not rows:
        return None
    t = batch.tolerances
    d = pd.DataFrame(rows, columns=["doc_id", "subject", "obs", "exp", "page", "om", "text"])
    return decimal_rows(d["doc_id"], "year_consistent", "completeness", d["subject"], d["obs"], d["exp"],
                        [t.missing_allowed] * len(d), d["page"], t.rule("missing_allowed"), om=d["om"],
                        observed_text=d["text"])
