"""Run the data-quality suites over the stored warehouse, once per batch."""
from __future__ import annotations

from pathlib import Path


def validate_warehouse(root: str) -> int | None:
    """Re-run the suites over everything stored; refresh quality_results and the HTML report.
    Returns the number of failed checks, or None when the expectations package is not available."""
    import logging

    # GE logs housekeeping (temporary docs sites) at INFO, and one of its modules pins its logger
    # to INFO at import: import it, then lower every GE logger. The console shows only problems.
    try:
        import great_expectations.data_context.types.base  # noqa: F401
    except ImportError:
        return None
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("great_expectations"):
            logging.getLogger(name).setLevel(logging.WARNING)
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
