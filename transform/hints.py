"""Hints from a manifest (unit, year, region) override what was detected in the filing: the crawler
often knows better (it found the file on the county's own page), and a file that prints neither its unit
nor its year (the tables-only part of a filing published as two files) is named by them — when it is
parsed (apply_hints), or later, on its stored rows, without parsing it again (apply_hints_to_stored)."""
from __future__ import annotations

from typing import Any

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
    for key, value in hints.items():
        if isinstance(doc, dict):
            doc[key] = value
        else:
            setattr(doc, key, value)
    for row in rows:
        for key in ("fiscal_year", "unit_name"):
            if key in hints:
                _set(row, key, hints[key])
    _named(doc)


def apply_hints(parsed: ParsedDocument, hints: dict) -> ParsedDocument:
    if not hints:
        return parsed
    _rename(parsed.document, [r for name in _KEYED for r in getattr(parsed, name)], hints)
    if parsed.document.error is None or UNNAMED not in parsed.document.error:
        parsed.problems[:] = [p for p in parsed.problems if UNNAMED not in p]
    return parsed


def apply_hints_to_stored(tables: dict[str, list[dict]], hints: dict) -> None:
    """The same renaming on one document's stored rows (table → rows as dicts, fiscal_year included)."""
    for doc in tables.get("documents", []):
        _rename(doc, [r for name, rows in tables.items() if name != "documents" for r in rows], hints)
