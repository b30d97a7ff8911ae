"""What the parser produces, as one hash: the parser version follows the output.

`PARSER_VERSION` (transform/rows.py) tells a warehouse which documents to parse again; it must move
whenever the rows the parser produces change, or a warehouse built before keeps rows the parser no
longer makes. The fingerprint hashes every row parsed from the sample filings and a small corpus
(tests/transform/test_parser_version.py); when it differs from `PARSER_FINGERPRINT`, the output changed:
bump the version, say what changed in CHANGELOG.md, and record the new fingerprint.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json

from transform.rows import PARSER_FINGERPRINT, PARSER_VERSION, ParsedDocument

# Fields that say when, where or by which version a row was made, not what the filing holds.
_VOLATILE = {"ingested_at", "parser_version", "source"}  # source: where this run found the file


def _canonical(row) -> dict:
    return {k: v for k, v in dataclasses.asdict(row).items() if k not in _VOLATILE}


def fingerprint(parsed: list[ParsedDocument]) -> str:
    """SHA-256 of every row of every parsed document, in a canonical form (sorted, Decimals as text)."""
    h = hashlib.sha256()
    for p in sorted(parsed, key=lambda p: p.document.doc_id):
        for table, rows in (("documents", [p.document]), ("line_items", p.line_items), ("statements", p.statements),
                            ("narrative_facts", p.narrative_facts), ("performance_projects", p.performance_projects),
                            ("performance_indicators", p.performance_indicators), ("sections", p.sections),
                            ("covered_units", p.covered_units), ("mentions", p.mentions),
                            ("narrative_claims", p.narrative_claims), ("table_cells", p.table_cells),
                            ("problems", p.problems)):
            for row in rows:
                data = row if isinstance(row, str) else _canonical(row)
                h.update(json.dumps([table, data], sort_keys=True, ensure_ascii=False, default=str).encode())
    return h.hexdigest()


def version_sentence(fp: str) -> str | None:
    """None when `fp` is the recorded fingerprint; else what to do."""
    if fp == PARSER_FINGERPRINT:
        return None
    return (f"the parser's output changed (fingerprint {fp}, recorded {PARSER_FINGERPRINT} for version "
            f"{PARSER_VERSION}): bump PARSER_VERSION in transform/rows.py, add a CHANGELOG.md entry saying what "
            f"changed for a researcher, and set PARSER_FINGERPRINT = \"{fp}\"")
