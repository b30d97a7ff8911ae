"""A static HTML page over `quality_results`: per document, what failed, by how much, and on which page."""
from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pandas as pd

AMOUNT_KINDS = {"sum", "cross_table", "narrative_vs_table"}
AMOUNT_CHECKS = {"amounts_non_negative", "narrative_amount_missing_wan"}
PERCENT_CHECKS = {"share_within_0_100"}
WAN = Decimal(10000)

CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}
th{background:#f3f3f3;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.fail td{background:#fff4f4}.ok{color:#2a7a2a}.bad{color:#b00020;font-weight:600}
h2{margin-top:2.5rem;border-top:2px solid #ddd;padding-top:1rem}small{color:#666}
"""


def _esc(v) -> str:
    return "" if v is None or (isinstance(v, float) and v != v) or v is pd.NA else html.escape(str(v))


def _fmt(v, unit: str | None, is_amount: bool, is_pct: bool = False) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return "—"
    if not isinstance(v, Decimal):
        return _esc(v)
    if is_pct:
        return f"{v:,}%"
    if is_amount and unit == "万元":
        return f"{(v / WAN):,.4f}".rstrip("0").rstrip(".") + " 万元"
    if is_amount:
        return f"{v:,.2f} 元"
    return f"{v:,}"


def _pdf_link(source, page) -> str:
    if page is None or page is pd.NA:
        return "—"
    page = int(page)
    if not source or not isinstance(source, str):
        return str(page)
    href = source if "://" in source else "file://" + quote(str(Path(source).resolve()))
    return f'<a href="{html.escape(href)}#page={page}">{page}</a>'


def render(results: pd.DataFrame, documents: pd.DataFrame | None) -> str:
    docs = documents.drop_duplicates("doc_id").set_index("doc_id") if documents is not None and len(documents) \
        else pd.DataFrame()

    def doc_field(doc_id, name):
        if name in docs and doc_id in docs.index:
            v = docs.at[doc_id, name]
            return None if v is None or (isinstance(v, float) and v != v) or v is pd.NA else v
        return None

    total, failed = len(results), int((~results["success"].astype(bool)).sum()) if len(results) else 0
    out = ["<!doctype html><html lang='zh'><head><meta charset='utf-8'>",
           "<title>juesuan — data-quality report</title>", f"<style>{CSS}</style></head><body>",
           "<h1>部门决算 data-quality report</h1>",
           f"<p>{total} checks over {results['doc_id'].nunique() if total else 0} documents; "
           f"<span class='{'bad' if failed else 'ok'}'>{failed} failed</span>. Amounts are shown in each filing's "
           "unit; a check fails when |observed − expected| exceeds the stated tolerance (the rounding the printed "
           "figures allow; 0 where the same figure is printed twice).</p>"]
    if not total:
        out.append("<p>No checks were run.</p></body></html>")
        return "\n".join(out)
    summary = results.groupby("doc_id", sort=False).agg(checks=("success", "size"),
                                                        failed=("success", lambda s: int((~s.astype(bool)).sum())))
    summary = summary.sort_values(["failed"], ascending=False, kind="stable")
    out.append("<table><tr><th>document</th><th>unit</th><th>year</th><th>checks</th><th>failed</th></tr>")
    for doc_id, row in summary.iterrows():
        name = doc_field(doc_id, "file_name") or doc_id[:12]
        cls = "bad" if row["failed"] else "ok"
        out.append(f"<tr><td><a href='#d-{_esc(doc_id)}'>{_esc(name)}</a></td><td>{_esc(doc_field(doc_id, 'unit_name'))}"
                   f"</td><td>{_esc(doc_field(doc_id, 'fiscal_year'))}</td><td class='num'>{row['checks']}</td>"
                   f"<td class='num {cls}'>{row['failed']}</td></tr>")
    out.append("</table>")
    per_doc = dict(tuple(results.groupby("doc_id", sort=False)))
    for doc_id, row in summary.iterrows():
        r = per_doc[doc_id]
        unit = doc_field(doc_id, "currency_unit") or "万元"
        source = doc_field(doc_id, "source")
        out.append(f"<h2 id='d-{_esc(doc_id)}'>{_esc(doc_field(doc_id, 'unit_name') or doc_id)} "
                   f"{_esc(doc_field(doc_id, 'fiscal_year'))}</h2>")
        out.append(f"<p><small>{_esc(doc_field(doc_id, 'file_name'))} · doc_id {_esc(doc_id)} · unit {unit}</small></p>")
        by_kind = r.groupby("kind", sort=False)["success"].agg(["size", lambda s: int((~s.astype(bool)).sum())])
        out.append("<p>" + " · ".join(f"{_esc(k)}: {int(v.iloc[0])} run, {int(v.iloc[1])} failed"
                                      for k, v in by_kind.iterrows()) + "</p>")
        bad = r[~r["success"].astype(bool)]
        if bad.empty:
            out.append("<p class='ok'>Every check passed.</p>")
            continue
        out.append("<table><tr><th>check</th><th>kind</th><th>subject</th><th>observed</th><th>expected</th>"
                   "<th>difference</th><th>tolerance</th><th>page</th></tr>")
        for _, b in bad.iterrows():
            amt = b["kind"] in AMOUNT_KINDS or b["check"] in AMOUNT_CHECKS
            pct = b["kind"] == "ratio" or b["check"] in PERCENT_CHECKS
            cells = "".join(f"<td class='num'>{_fmt(b[c], unit, amt, pct)}</td>"
                            for c in ("observed", "expected", "difference", "tolerance"))
            out.append(f"<tr class='fail'><td>{_esc(b['check'])}</td><td>{_esc(b['kind'])}</td>"
                       f"<td>{_esc(b['subject'])}</td>{cells}<td class='num'>{_pdf_link(source, b['page'])}</td></tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def write_report(results: pd.DataFrame, documents: pd.DataFrame | None, path: str) -> None:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(render(results, documents), encoding="utf-8")
