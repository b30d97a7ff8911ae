"""The data-quality suites: over each batch before it is committed (the ingest flow), or over the stored
warehouse (`juesuan validate`)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from expectations.tolerances import Tolerances

# The tables the suites read besides line_items and documents (validate_batch's keyword arguments).
CHECKED = ("statements", "mentions", "narrative_claims", "performance_projects")


def validate_warehouse(root: str, doc_ids: set[str] | None = None,
                       tolerances: "Tolerances | None" = None) -> int | None:
    """Run the suites over the stored rows of `doc_ids` or of every document (`juesuan validate`),
    replace their quality_results and refresh the HTML report. Returns the number of failed checks
    among them, or None when the expectations package is not available."""
    try:
        from expectations import validate_batch
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
                             wh.read("narrative_facts", doc_ids=doc_ids).to_pandas(),
                             **{t: wh.read(t, doc_ids=doc_ids).to_pandas() for t in CHECKED},
                             tolerances=tolerances)
    wh.write_batch({"quality_results": results.to_dict("records")}, replace_doc_ids=doc_ids,
                   replace_in=["quality_results"])
    write_report_of(root)
    return int((~results["success"].astype(bool)).sum()) if len(results) else 0


def check_batch(rows: dict[str, list], tolerances: "Tolerances | None" = None) -> list[dict] | None:
    """The quality_results rows of a batch of parsed rows about to be committed (table → rows, as
    flows.ingest builds them), computed from the rows as the warehouse will hold them, to be committed
    in the same batch: checks run after the commit would leave, when the run is killed in between,
    documents that no later run checks (they are stored, so nothing parses them again). None when the
    expectations package is not available."""
    try:
        from expectations import validate_batch
    except ImportError:
        return None
    from warehouse.store import frame

    if not rows.get("documents"):
        return []
    results = validate_batch(frame("line_items", rows.get("line_items", [])),
                             frame("documents", rows["documents"]),
                             frame("narrative_facts", rows.get("narrative_facts", [])),
                             **{t: frame(t, rows.get(t, [])) for t in CHECKED}, tolerances=tolerances)
    return results.to_dict("records")


def write_report_of(root: str) -> dict:
    """DIR/quality_report.html (paged), DIR/report/<doc_id>.html for every document with a finding and the
    crops of the pages its findings involve under DIR/evidence/, from every stored check. Returns counts."""
    from expectations import write_report
    from warehouse import Warehouse

    wh = Warehouse(root)
    sources: dict[str, list[str]] = {}
    for r in wh.read("document_sources", ["doc_id", "source"]).to_pylist():
        sources.setdefault(r["doc_id"], []).append(r["source"])
    return write_report(wh.read("quality_results").to_pandas(), wh.read("documents").to_pandas(),
                        str(Path(root) / "quality_report.html"), sources=sources, warehouse=root)
