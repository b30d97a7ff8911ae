"""Run the data-quality suites over the stored warehouse, once per batch."""
from __future__ import annotations

from pathlib import Path


def validate_warehouse(root: str, doc_ids: set[str] | None = None) -> int | None:
    """Run the suites over the stored rows of `doc_ids` (a batch just ingested) or of every
    document, replace their quality_results and refresh the HTML report. Returns the number of
    failed checks among them, or None when the expectations package is not available."""
    try:
        from expectations import validate_batch, write_report
    except ImportError:
        return None
    from warehouse import Warehouse

    wh = Warehouse(root)
    if doc_ids is None:
        doc_ids = set(wh.known_documents())
    if not doc_ids:
        return 0
    # One validation pass for the whole batch: GE's set-up is paid once, not per document.
    results = validate_batch(wh.read("line_items", doc_ids=doc_ids).to_pandas(),
                             wh.read("documents", doc_ids=doc_ids).to_pandas(),
                             wh.read("narrative_facts", doc_ids=doc_ids).to_pandas())
    wh.write_batch({"quality_results": results.to_dict("records")}, replace_doc_ids=doc_ids,
                   replace_in=["quality_results"])
    stored = wh.read("quality_results").to_pandas()
    write_report(stored, wh.read("documents").to_pandas(), str(Path(root) / "quality_report.html"))
    return int((~results["success"].astype(bool)).sum()) if len(results) else 0
