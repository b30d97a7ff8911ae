"""Hints from a manifest (unit, year, region) override what was detected in the filing: the crawler
often knows better (it found the file on the county's own page).

A unit named by the manifest and not printed in the file (a tables-only part such as Beijing's 附件2,
which prints neither unit nor year) is recorded as read from the manifest (`identity_source`
'manifest'), its region placed from the name unless the manifest gives one; a manifest naming another
unit than the one printed wins too, and `identity_note` says what the file printed."""
from __future__ import annotations

from transform.identity.names import normal
from transform.rows import ParsedDocument

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
    doc = parsed.document
    _identity_from_hints(doc, hints)
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
