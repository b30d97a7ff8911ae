"""Hints from a manifest (unit, year, region) override what was detected in the filing: the crawler
often knows better (it found the file on the county's own page), and a file that prints neither its unit
nor its year (the tables-only part of a filing published as two files) is named by them — when it is
parsed (apply_hints), or later, on its stored rows, without parsing it again (apply_hints_to_stored).

A unit named by the manifest and not printed in the file (a tables-only part such as Beijing's 附件2,
which prints neither unit nor year) is recorded as read from the manifest (`identity_source`
'manifest'), its region placed from the name unless the manifest gives one; a manifest naming another
unit than the one printed wins too, and `identity_note` says what the file printed."""
from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from transform.identity.names import normal
from transform.rows import ParsedDocument
from transform.table_pages import UNNAMED

_KEYED = ("line_items", "statements", "narrative_facts", "performance_projects", "performance_indicators",
          "table_cells", "sections", "covered_units", "mentions", "narrative_claims")


def _set(row: Any, key: str, value) -> None:
    if isinstance(row, dict):
        if key in row:
            row[key] = value
    elif hasattr(row, key):
        setattr(row, key, value)


def _get(row: Any, key: str):
    return row.get(key) if isinstance(row, dict) else getattr(row, key, None)


def _named(doc: Any) -> None:
    """The sentence asking for a name is answered once unit and year are both known."""
    error = _get(doc, "error")
    if not (_get(doc, "unit_name") and _get(doc, "fiscal_year") and error and UNNAMED in error):
        return
    rest = [p for p in error.split("; ") if UNNAMED not in p]
    _set(doc, "error", "; ".join(rest) or None)
    if _get(doc, "status") == "partial" and not rest:
        _set(doc, "status", "ok")


def _rename(doc: Any, rows: list, hints: dict) -> None:
    for key, value in hints.items():  # every hint names a documents column
        _set(doc, key, value)
    for row in rows:
        for key in ("fiscal_year", "unit_name"):
            if key in hints:
                _set(row, key, hints[key])
    _named(doc)


REGION_HINTS = ("province", "prefecture", "county", "adcode")


def _identity_from_hints(doc, hints: dict) -> None:
    """identity_source, evidence and region for a unit or year the manifest gives (before they are set)."""
    unit, year = hints.get("unit_name"), hints.get("fiscal_year")
    new_unit = unit is not None and normal(unit) != normal(doc.unit_name)
    new_year = year is not None and year != doc.fiscal_year
    if not (new_unit or (new_year and doc.unit_name is None)):
        return
    printed = [f"“{doc.unit_name}”" if new_unit and doc.unit_name else "",
               f"{doc.fiscal_year}" if new_year and doc.fiscal_year else ""]
    printed = [p for p in printed if p]
    if printed:
        where = f" (p.{doc.identity_page})" if doc.identity_page else ""
        doc.identity_note = (f"the manifest's hints replace what the file prints: {' and '.join(printed)}{where}")
    else:
        doc.identity_note = None  # the gap a tables-only part leaves, filled
    doc.identity_source = "manifest"
    doc.identity_page = doc.identity_x0 = doc.identity_top = doc.identity_x1 = doc.identity_bottom = None
    doc.identity_line = None
    if new_unit and not any(k in hints for k in REGION_HINTS):
        from reference.regions import region_of

        r = region_of(unit)
        doc.province, doc.prefecture, doc.county, doc.adcode = r.province, r.prefecture, r.county, r.adcode


def apply_hints(parsed: ParsedDocument, hints: dict) -> ParsedDocument:
    if not hints:
        return parsed
    _identity_from_hints(parsed.document, hints)
    _rename(parsed.document, [r for name in _KEYED for r in getattr(parsed, name)], hints)
    if parsed.document.error is None or UNNAMED not in parsed.document.error:
        parsed.problems[:] = [p for p in parsed.problems if UNNAMED not in p]
    return parsed


def apply_hints_to_stored(tables: dict[str, list[dict]], hints: dict) -> None:
    """The same renaming on one document's stored rows (table → rows as dicts, fiscal_year included)."""
    for doc in tables.get("documents", []):
        evidence = SimpleNamespace(**doc)
        _identity_from_hints(evidence, hints)
        doc.update(vars(evidence))
        _rename(doc, [r for name, rows in tables.items() if name != "documents" for r in rows], hints)
