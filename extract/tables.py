"""Ruled tables: pdfplumber finds the cells from the page's rules; we assign the page's characters
to cells ourselves, from the characters already loaded, so each page is parsed once.

A cell's text keeps its visual lines (see `extract.lines`): a number set a few points off the
baseline of its label stays in its own cell, and a name wrapped over three lines stays one cell.
"""
from __future__ import annotations

from bisect import bisect_right

from extract.lines import build_lines
from extract.model import Cell, Table

# pdfplumber's defaults with a small snap tolerance: filings draw rules as thin rectangles or
# lines that miss each other by a point or two.
TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
EDGE_MERGE = 1.5  # rules closer than this (points) are the same rule


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > EDGE_MERGE:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    """Grid index of the interval of `edges` containing v (clamped)."""
    i = bisect_right(edges, v + EDGE_MERGE / 2) - 1
    return max(0, min(i, len(edges) - 2))


def build_table(page_number: int, bbox, cell_boxes: list[tuple], chars: list[dict]) -> Table:
    col_edges = _edges([b[0] for b in cell_boxes] + [b[2] for b in cell_boxes])
    row_edges = _edges([b[1] for b in cell_boxes] + [b[3] for b in cell_boxes])
    n_rows, n_cols = len(row_edges) - 1, len(col_edges) - 1
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    cells: list[Cell] = []
    for box in cell_boxes:
        r0, c0 = _index(row_edges, box[1]), _index(col_edges, box[0])
        r1, c1 = _index(row_edges, box[3] - EDGE_MERGE), _index(col_edges, box[2] - EDGE_MERGE)
        cell = Cell(bbox=tuple(box), lines=[], row=r0, col=c0, row_span=r1 - r0 + 1, col_span=c1 - c0 + 1)
        cells.append(cell)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                grid[r][c] = cell
    # Each character goes to the cell under its centre.
    buckets: dict[int, list[dict]] = {}
    x0, top, x1, bottom = bbox
    for ch in chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        cell = grid[_index(row_edges, cy)][_index(col_edges, cx)]
        if cell is not None:
            buckets.setdefault(id(cell), []).append(ch)
    for cell in cells:
        cell.lines = [ln.text for ln in build_lines(buckets.get(id(cell), []))]
    cells.sort(key=lambda c: (c.row, c.col))
    return Table(page=page_number, bbox=tuple(bbox), cells=cells, n_rows=n_rows, n_cols=n_cols,
                 col_edges=col_edges, row_edges=row_edges, grid=grid)


def find_tables(page, page_number: int, chars: list[dict]) -> list[Table]:
    """The ruled tables of a pdfplumber page, top to bottom."""
    found = page.find_tables(TABLE_SETTINGS)
    tables = [build_table(page_number, t.bbox, t.cells, chars) for t in found if len(t.cells) >= 2]
    tables.sort(key=lambda t: t.bbox[1])
    return tables


def inside_any(ch: dict, tables: list[Table]) -> bool:
    cx = (ch["x0"] + ch["x1"]) / 2
    cy = (ch["top"] + ch["bottom"]) / 2
    return any(t.bbox[0] <= cx <= t.bbox[2] and t.bbox[1] <= cy <= t.bbox[3] for t in tables)
