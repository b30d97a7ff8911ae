"""A second, different filing for a unit and year already seen is a restatement (a corrected
re-publication, or a different scope): both are kept, and the later one names the earlier. A filing
published as two files — its explanation, and its tables — is one filing in two documents: the two
parts never restate each other (documents.filing_part). Nor do a department's filing (部门预算, scope
department) and its own unit's (单位预算 of the 本级, scope unit) of the same year: two scopes, two filings."""
from __future__ import annotations

from transform.rows import ParsedDocument

READ = ("ok", "partial")


def filing_key(unit_name: str | None, fiscal_year: int | None, doc_kind: str | None, part: str | None = None,
               scope: str | None = None):
    if not unit_name or not fiscal_year:
        return None
    # an explanation restates an explanation; anything with tables restates what has tables
    return (unit_name, fiscal_year, doc_kind, "explanation" if part == "explanation" else "tables", scope or "unknown")


def flag_restatements(parsed: list[ParsedDocument], seen: dict[tuple, str]) -> None:
    """Set `restatement_of` on each parsed filing whose unit, year and kind match a different
    document in `seen` (key → doc_id of the first filing); record the new ones in `seen`."""
    for p in parsed:
        d = p.document
        key = filing_key(d.unit_name, d.fiscal_year, d.doc_kind, d.filing_part, d.scope)
        if key is None or d.status not in READ:
            continue
        first = seen.setdefault(key, d.doc_id)
        if first != d.doc_id:
            d.restatement_of = first


def first_filings(stored: list[dict]) -> dict[tuple, str]:
    """filing_key → doc_id of the first filing read for it, from stored documents rows (dicts with
    doc_id, unit_name, fiscal_year, doc_kind, filing_part, scope, status, ingested_at)."""
    out: dict[tuple, str] = {}
    for r in sorted(stored, key=lambda r: r["ingested_at"]):
        key = filing_key(r["unit_name"], r["fiscal_year"], r["doc_kind"], r.get("filing_part"), r.get("scope"))
        if key and r["status"] in READ:
            out.setdefault(key, r["doc_id"])
    return out
