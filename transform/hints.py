"""Hints from a manifest (unit, year, region) override what was detected in the filing: the crawler
often knows better (it found the file on the county's own page)."""
from __future__ import annotations

from transform.rows import ParsedDocument


def apply_hints(parsed: ParsedDocument, hints: dict) -> ParsedDocument:
    if not hints:
        return parsed
    doc = parsed.document
    for key, value in hints.items():
        setattr(doc, key, value)
    for rows in (parsed.line_items, parsed.statements, parsed.narrative_facts,
                 parsed.performance_projects, parsed.performance_indicators):
        for row in rows:
            if "fiscal_year" in hints:
                row.fiscal_year = hints["fiscal_year"]
            if "unit_name" in hints and hasattr(row, "unit_name"):
                row.unit_name = hints["unit_name"]
    return parsed
