"""`juesuan show DOC_ID --page N [--box x0,top,x1,bottom ...]`: the report's crop for any figure.

The document is looked up in the warehouse (a unique prefix of its doc_id will do), its PDF found
where it was read from (expectations/report/evidence.py: unchanged, or not at all), and the page drawn
with the boxes given (PDF points, origin top-left, as line_items and narrative_facts store them) —
cropped around them as the report's crops are, or the whole page when no box is given.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from expectations.report.evidence import DEFAULT_CROPS, Crop, CropSettings, find_pdf, render_crops


class ShowError(ValueError):
    """What the user asked for cannot be shown: the sentence says why."""


@dataclass(frozen=True)
class Shown:
    doc_id: str
    page: int
    path: Path


def parse_box(text: str) -> tuple[float, float, float, float]:
    try:
        x0, top, x1, bottom = (float(v) for v in text.split(","))
    except ValueError:
        raise ShowError(f"--box takes four numbers x0,top,x1,bottom (PDF points), not {text!r}") from None
    if x1 <= x0 or bottom <= top:
        raise ShowError(f"--box {text}: x1 must exceed x0 and bottom must exceed top")
    return x0, top, x1, bottom


def show(warehouse: str, doc_id: str, page: int, boxes: Sequence[tuple[float, float, float, float]] = (),
         out: str | None = None, settings: CropSettings = DEFAULT_CROPS) -> Shown:
    from warehouse import Warehouse

    wh = Warehouse(warehouse)
    docs = wh.read("documents", ["doc_id", "source", "page_count"]).to_pylist()
    hits = [d for d in docs if d["doc_id"] == doc_id] or [d for d in docs if d["doc_id"].startswith(doc_id)]
    if not hits:
        raise ShowError(f"no document {doc_id} in {warehouse}")
    if len(hits) > 1:
        raise ShowError(f"{doc_id} is the start of {len(hits)} doc_ids; give more of it")
    doc = hits[0]
    if page < 1 or (doc["page_count"] and page > doc["page_count"]):
        raise ShowError(f"page {page} is not in the document (it has {doc['page_count']} pages)")
    sources = wh.read("document_sources", ["source"], doc_ids={doc["doc_id"]}).column("source").to_pylist()
    pdf = find_pdf(doc["doc_id"], [doc["source"], *sources], warehouse)
    if pdf is None:
        raise ShowError(f"the PDF of {doc['doc_id']} is not where it was found ({doc['source']}), or has changed "
                        "since it was read")
    crop = Crop(page, [{"x0": b[0], "top": b[1], "x1": b[2], "bottom": b[3], "role": "shown"} for b in boxes])
    folder = Path(warehouse) / "evidence" / doc["doc_id"][:16]
    render_crops(pdf, [crop], folder, settings)
    if crop.path is None:
        raise ShowError(crop.note or "the page could not be drawn")
    path = crop.path
    if out:
        target = Path(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
        path = target
    return Shown(doc["doc_id"], page, path)
