"""Run the data-quality suites over the stored warehouse, once per batch."""
from __future__ import annotations

from pathlib import Path


def validate_warehouse(root: str) -> int | None:
    """Re-run the suites over everything stored; refresh quality_results and the HTML report.
    Returns the number of failed checks, or None when the expectations package is not available."""
    try:
        from expectations import validate_batch, write_report
    except ImportError:
        return None
    from warehouse import Warehouse

    wh = Warehouse(root)
    line_items = wh.read("line_items").to_pandas(types_mapper=None)
    documents = wh.read("documents").to_pandas()
    facts = wh.read("narrative_facts").to_pandas()
    results = validate_batch(line_items, documents, facts)
    wh.replace_table("quality_results", results.to_dict("records"))
    write_report(results, documents, str(Path(root) / "quality_report.html"))
    return int((~results["success"].astype(bool)).sum()) if len(results) else 0
