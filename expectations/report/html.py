"""Static HTML over `quality_results`: an index of documents, paged, and one page per document with a
finding — each failed check with the two values, the difference, the tolerance and a picture of every
page it involves (expectations/report/evidence.py), so nobody has to open the PDF to believe it.

    DIR/quality_report.html          the index: every document, most findings first (page 1)
    DIR/quality_report-2.html …      the next `page_size` documents
    DIR/report/<doc_id>.html         a document's findings
    DIR/evidence/<doc_id[:16]>/*.png the crops

A page stays small whatever the warehouse holds: the index lists `page_size` documents per file, and
a document's page only its own failed checks.
"""
from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from expectations.report.evidence import (DEFAULT_CROPS, Crop, CropSettings, boxes_by_page, find_pdf, render_crops,
                                          reuse_drawn)

AMOUNT_KINDS = {"sum", "cross_table", "narrative_vs_table"}
AMOUNT_CHECKS = {"amounts_non_negative", "narrative_amount_missing_wan"}
PERCENT_CHECKS = {"share_within_0_100"}
PLAIN_CHECKS = {"change_direction_consistent"}  # a rate's sign, in percent
WAN = Decimal(10000)
PAGE_SIZE = 500
UNBOXED_PAGES = 3  # pages of a finding shown whole where it boxes nothing, at the most


def _pages(row) -> list[int]:
    """Every page a check involves (quality_results.pages, else its page)."""
    pages = row["pages"]
    if pages is None or (isinstance(pages, float) and pages != pages):
        page = row["page"]
        return [] if page is None or page is pd.NA or page != page else [int(page)]
    return [int(p) for p in pages]

CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:2rem;color:#222;max-width:1400px}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}
th{background:#f3f3f3;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.ok{color:#2a7a2a}.bad{color:#b00020;font-weight:600}small{color:#666}
.finding{border-top:2px solid #ddd;margin-top:1.5rem;padding-top:.75rem}
.finding img{display:block;max-width:100%;border:1px solid #ccc;margin:.25rem 0 .75rem}
.legend span{display:inline-block;padding:0 .4rem;margin-right:.5rem;border:2px solid}
nav a{margin-right:.5rem}
"""
LEGEND = ("<p class='legend'><small><span style='border-color:#d62728'>observed</span>"
          "<span style='border-color:#1f77b4'>compared with</span><span style='border-color:#ff7f0e'>summed</span>"
          "</small></p>")


def _esc(v) -> str:
    return "" if v is None or (isinstance(v, float) and v != v) or v is pd.NA else html.escape(str(v))


def fmt(v, unit: str | None, is_amount: bool, is_pct: bool = False) -> str:
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


def pdf_link(source, page) -> str:
    if page is None or page is pd.NA:
        return "—"
    page = int(page)
    if not source or not isinstance(source, str):
        return str(page)
    href = source if "://" in source else "file://" + quote(str(Path(source).resolve()))
    return f'<a href="{html.escape(href)}#page={page}">{page}</a>'


def _value_kinds(row) -> tuple[bool, bool]:
    check, kind = row["check"], row["kind"]
    amount = (kind in AMOUNT_KINDS or check in AMOUNT_CHECKS or check == "projects_vs_project_expenditure") \
        and check not in PLAIN_CHECKS
    pct = kind == "ratio" or check in PERCENT_CHECKS or check in PLAIN_CHECKS
    return amount, pct


class _Docs:
    def __init__(self, documents: pd.DataFrame | None):
        self.frame = documents.drop_duplicates("doc_id").set_index("doc_id") \
            if documents is not None and len(documents) else pd.DataFrame()

    def get(self, doc_id, name):
        if name in self.frame and doc_id in self.frame.index:
            v = self.frame.at[doc_id, name]
            return None if v is None or (isinstance(v, float) and v != v) or v is pd.NA else v
        return None


def _head(title: str) -> list[str]:
    return ["<!doctype html><html lang='zh'><head><meta charset='utf-8'>", f"<title>{_esc(title)}</title>",
            f"<style>{CSS}</style></head><body>"]


def index_name(path: Path, n: int) -> str:
    return path.name if n == 1 else f"{path.stem}-{n}{path.suffix}"


def write_report(results: pd.DataFrame, documents: pd.DataFrame | None, path: str, *,
                 sources: dict[str, list[str]] | None = None, warehouse: str | None = None,
                 page_size: int = PAGE_SIZE, crops: bool = True, settings: CropSettings = DEFAULT_CROPS) -> dict:
    """Write the index pages, a page per document with findings, and the crops. `sources`: doc_id →
    every place the document was found (document_sources). Returns counts (pages, crops)."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    docs = _Docs(documents)
    stats = {"documents": 0, "document_pages": 0, "index_pages": 0, "crops": 0, "crops_missing": 0}
    ok = results["success"].astype(bool) if len(results) else pd.Series(dtype=bool)
    summary = pd.DataFrame()
    if len(results):
        summary = results.assign(_bad=~ok).groupby("doc_id", sort=False).agg(checks=("_bad", "size"),
                                                                               failed=("_bad", "sum"))
        summary = summary.sort_values(["failed"], ascending=False, kind="stable")
    stats["documents"] = len(summary)
    doc_dir = out.parent / "report"
    evidence = out.parent / "evidence"
    written: set[Path] = set()
    bad = results[~ok] if len(results) else results
    # each document's checks found once (a filter per document would read every row per document)
    all_of = dict(tuple(results[results["doc_id"].isin(set(bad["doc_id"]))].groupby("doc_id", sort=False))) \
        if len(bad) else {}
    for doc_id, rows in bad.groupby("doc_id", sort=False):
        page = doc_dir / f"{doc_id}.html"
        doc_results = all_of[doc_id]
        text, n_crops, n_missing = _document_page(str(doc_id), rows, doc_results, docs, sources or {}, warehouse,
                                                  evidence, crops, settings, index_name(out, 1))
        doc_dir.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
        written.add(page)
        stats["crops"] += n_crops
        stats["crops_missing"] += n_missing
    stats["document_pages"] = len(written)
    if doc_dir.exists():
        for stale in doc_dir.glob("*.html"):
            if stale not in written:
                stale.unlink()  # a document whose findings are gone
    n_pages = max(1, -(-len(summary) // page_size))
    for n in range(1, n_pages + 1):
        chunk = summary.iloc[(n - 1) * page_size: n * page_size]
        (out.parent / index_name(out, n)).write_text(_index_page(results, chunk, docs, n, n_pages, out, len(bad)),
                                                     encoding="utf-8")
    for stale in out.parent.glob(f"{out.stem}-*{out.suffix}"):
        suffix = stale.stem[len(out.stem) + 1:]
        if suffix.isdigit() and int(suffix) > n_pages:
            stale.unlink()
    stats["index_pages"] = n_pages
    return stats


def _index_page(results: pd.DataFrame, chunk: pd.DataFrame, docs: _Docs, n: int, n_pages: int, out: Path,
                failed: int) -> str:
    total = len(results)
    lines = _head("juesuan — data-quality report") + [
        "<h1>部门决算 data-quality report</h1>",
        f"<p>{total:,} checks over {results['doc_id'].nunique() if total else 0:,} documents; "
        f"<span class='{'bad' if failed else 'ok'}'>{failed:,} failed</span>. Each document with a finding has a "
        "page of its own showing every failed check beside a picture of the pages it involves. Amounts are shown "
        "in each filing's unit; a check fails when |observed − expected| exceeds the stated tolerance.</p>"]
    if not total:
        lines.append("<p>No checks were run.</p></body></html>")
        return "\n".join(lines)
    lines.append(_nav(n, n_pages, out))
    lines.append("<table><tr><th>document</th><th>unit</th><th>year</th><th>checks</th><th>failed</th>"
                 "<th>failed by kind</th></tr>")
    bad = results[~results["success"].astype(bool)]
    kinds = bad[bad["doc_id"].isin(chunk.index)].groupby(["doc_id", "kind"]).size() if len(bad) else pd.Series()
    for doc_id, row in chunk.iterrows():
        name = docs.get(doc_id, "file_name") or str(doc_id)[:12]
        if row["failed"]:
            link = f"<a href='report/{quote(str(doc_id))}.html'>{_esc(name)}</a>"
            by_kind = ", ".join(f"{_esc(k)} {int(v)}" for (d, k), v in kinds.items() if d == doc_id)
            failed_cell = f"<td class='num bad'>{int(row['failed'])}</td><td>{by_kind}</td>"
        else:
            link, failed_cell = _esc(name), "<td class='num ok'>0</td><td class='ok'>Every check passed.</td>"
        lines.append(f"<tr><td>{link}</td><td>{_esc(docs.get(doc_id, 'unit_name'))}</td>"
                     f"<td>{_esc(docs.get(doc_id, 'fiscal_year'))}</td><td class='num'>{int(row['checks'])}</td>"
                     f"{failed_cell}</tr>")
    lines.append("</table>")
    lines.append(_nav(n, n_pages, out))
    lines.append("</body></html>")
    return "\n".join(lines)


def _nav(n: int, n_pages: int, out: Path) -> str:
    if n_pages == 1:
        return ""
    links = [f"<a href='{index_name(out, k)}'>{k}</a>" if k != n else f"<b>{k}</b>" for k in range(1, n_pages + 1)]
    return "<nav>pages: " + " ".join(links) + "</nav>"


def _document_page(doc_id: str, bad: pd.DataFrame, results: pd.DataFrame, docs: _Docs,
                   sources: dict[str, list[str]], warehouse: str | None, evidence: Path, crops: bool,
                   settings: CropSettings, index: str) -> tuple[str, int, int]:
    unit = docs.get(doc_id, "currency_unit") or "万元"
    source = docs.get(doc_id, "source")
    title = f"{docs.get(doc_id, 'unit_name') or doc_id} {docs.get(doc_id, 'fiscal_year') or ''}"
    lines = _head(f"juesuan — {title}") + [
        f"<p><a href='../{index}'>← all documents</a></p>", f"<h1>{_esc(title)}</h1>",
        f"<p><small>{_esc(docs.get(doc_id, 'file_name'))} · doc_id {_esc(doc_id)} · unit {unit}</small></p>"]
    by_kind = results.groupby("kind", sort=False)["success"].agg(["size", lambda s: int((~s.astype(bool)).sum())])
    lines.append("<p>" + " · ".join(f"{_esc(k)}: {int(v.iloc[0])} run, {int(v.iloc[1])} failed"
                                    for k, v in by_kind.iterrows()) + "</p>")
    # Every crop of the document first, so each page is rendered once.
    planned: list[list[Crop]] = []
    for _, b in bad.iterrows():
        by_page = boxes_by_page(b["boxes"])
        # a page the check involves where it has no figure's box (the 绩效自评表 of a projects total, the
        # contents page of a table not printed) is shown whole: the first UNBOXED_PAGES of them
        unboxed = [p for p in _pages(b) if p not in by_page][:UNBOXED_PAGES]
        planned.append(sorted([Crop(p, boxes) for p, boxes in by_page.items()] + [Crop(p, []) for p in unboxed],
                              key=lambda c: c.page))
    # crops drawn by an earlier run are reused without finding (and hashing) the PDF again: the report
    # is rewritten at the end of every ingest, for every document with a finding
    todo = reuse_drawn([c for cs in planned for c in cs], evidence / doc_id[:16]) if crops else []
    pdf = find_pdf(doc_id, [source, *sources.get(doc_id, [])], warehouse) if todo else None
    if pdf is not None:
        render_crops(pdf, todo, evidence / doc_id[:16], settings)
    if todo and pdf is None:
        lines.append("<p class='bad'>The PDF this document was read from is not where it was found (or has "
                     f"changed since): {_esc(source)}; the findings are listed without pictures.</p>")
    lines.append(LEGEND)
    n_crops = n_missing = 0
    for (_, b), cs in zip(bad.iterrows(), planned):
        amount, pct = _value_kinds(b)
        pages = _pages(b)
        page_links = ", ".join(pdf_link(source, p) for p in pages)
        values = "".join(f"<td class='num'>{fmt(b[c], unit, amount, pct)}</td>"
                         for c in ("observed", "expected", "difference", "tolerance"))
        lines.append(f"<div class='finding'><h3>{_esc(b['check'])} <small>({_esc(b['kind'])})</small></h3>"
                     f"<p>{_esc(b['subject'])}</p>")
        lines.append("<table><tr><th>observed</th><th>expected</th><th>difference</th><th>tolerance</th>"
                     f"<th>page(s)</th></tr><tr>{values}<td>{page_links}</td></tr></table>")
        texts = [(label, b.get(col)) for label, col in (("the filing says", "observed_text"),
                                                         ("compared with", "expected_text"))]
        shown = [f"{label}: “{_esc(v)}”" for label, v in texts if isinstance(v, str) and v]
        if shown:
            lines.append("<p>" + " · ".join(shown) + "</p>")
        if isinstance(b.get("tolerance_rule"), str):
            lines.append(f"<p><small>tolerance: {_esc(b['tolerance_rule'])}</small></p>")
        for c in cs:
            if c.path is not None:
                rel = f"../evidence/{doc_id[:16]}/{c.path.name}"
                lines.append(f"<img loading='lazy' src='{html.escape(rel)}' alt='page {c.page}'>")
                n_crops += 1
            else:
                n_missing += 1
                if c.note:
                    lines.append(f"<p><small>page {c.page}: {_esc(c.note)}</small></p>")
        pictured = {c.page for c in cs}
        rest = [p for p in pages if p not in pictured]
        if rest and not (todo and pdf is None):
            lines.append(f"<p><small>also involved, not pictured: p.{', '.join(map(str, rest))}</small></p>")
        lines.append("</div>")
    lines.append("</body></html>")
    return "\n".join(lines), n_crops, n_missing
