"""Ruled tables: pdfplumber finds the cells from the page's rules; we assign the page's characters
to cells ourselves, from the characters already loaded, so each page is parsed once.

A cell's text keeps its visual lines (see `extract.lines`): a number set a few points off the
baseline of its label stays in its own cell, and a name wrapped over three lines stays one cell.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from pdfplumber.table import TableFinder, TableSettings, cells_to_tables, edges_to_intersections
from pdfplumber.utils import obj_to_bbox

from extract.geometry import interval_index, merge_close, union
from extract.lines import group_lines, line_text
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
    return merge_close(values, EDGE_MERGE)


def _index(edges: list[float], v: float) -> int:
    """Grid index of the interval of `edges` containing v (clamped)."""
    return interval_index(edges, v, EDGE_MERGE / 2)


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
    last_row, last_col = len(row_edges) - 2, len(col_edges) - 2
    half = EDGE_MERGE / 2
    for ch in chars:
        cx = (ch["x0"] + ch["x1"]) / 2
        cy = (ch["top"] + ch["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        # _index, inlined: this loop runs for every character of every table page
        r = max(0, min(bisect_right(row_edges, cy + half) - 1, last_row))
        c = max(0, min(bisect_right(col_edges, cx + half) - 1, last_col))
        hit = grid[r][c]
        if hit is not None:
            buckets.setdefault(id(hit), []).append(ch)
    for cell in cells:
        cell.lines = [line_text(g) for g in group_lines(buckets.get(id(cell), []))]
    cells.sort(key=lambda c: (c.row, c.col))
    return Table(page=page_number, bbox=tuple(bbox), cells=cells, n_rows=n_rows, n_cols=n_cols,
                 col_edges=col_edges, row_edges=row_edges, grid=grid)


def cells_from_intersections(intersections: dict) -> list[tuple]:
    """The cells pdfplumber's `intersections_to_cells` finds, in the same order, computed faster.

    For each rule crossing (top-left corner), the smallest rectangle whose corners are crossings joined
    by rules. pdfplumber rescans every crossing for each crossing and rebuilds edge sets at every
    test; a filing's table page has hundreds of crossings, which made it a sixth of the parse. Here
    each crossing's rules are collected once and the crossings below and to the right are read off
    its column and row.
    """
    v_rules = {p: {obj_to_bbox(e) for e in d["v"]} for p, d in intersections.items()}
    h_rules = {p: {obj_to_bbox(e) for e in d["h"]} for p, d in intersections.items()}
    points = sorted(intersections)
    columns: dict[float, list] = defaultdict(list)  # x → crossings top to bottom
    rows: dict[float, list] = defaultdict(list)  # y → crossings left to right
    for p in points:  # sorted by (x, y): columns fill top to bottom, rows left to right
        columns[p[0]].append(p)
        rows[p[1]].append(p)
    place_in_column = {p: i for col in columns.values() for i, p in enumerate(col)}
    place_in_row = {p: i for row in rows.values() for i, p in enumerate(row)}
    cells = []
    for pt in points:
        below = columns[pt[0]][place_in_column[pt] + 1:]
        right = [r for r in rows[pt[1]][place_in_row[pt] + 1:] if not h_rules[pt].isdisjoint(h_rules[r])]
        cell = None
        for b in below:
            if v_rules[pt].isdisjoint(v_rules[b]):
                continue
            for r in right:
                corner = (r[0], b[1])
                if (corner in intersections and not v_rules[corner].isdisjoint(v_rules[r])
                        and not h_rules[corner].isdisjoint(h_rules[b])):
                    cell = (pt[0], pt[1], corner[0], corner[1])
                    break
            if cell:
                break
        if cell:
            cells.append(cell)
    return cells


class RuledTableFinder(TableFinder):
    """pdfplumber's TableFinder (its edges, crossings and grouping of cells into tables) with the cell
    step replaced by `cells_from_intersections`, which gives the same cells."""

    def __init__(self, page, settings=None):  # no super().__init__: it would run the slow cell step
        self.page = page
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(self.edges, self.settings.intersection_x_tolerance,
                                                    self.settings.intersection_y_tolerance)
        self.cells = cells_from_intersections(self.intersections)
        self.tables = cells_to_tables(self.cells)  # cell groups; pdfplumber's Table objects are not needed


def find_tables(page, page_number: int, chars: list[dict]) -> list[Table]:
    """The ruled tables of a pdfplumber page, top to bottom."""
    groups: list[list[tuple]] = RuledTableFinder(page, TABLE_SETTINGS).tables  # type: ignore[assignment]
    tables = [build_table(page_number, union(g), g, chars) for g in groups if len(g) >= 2]
    # Rules of one column only are a frame or a box around text (a table's outer border and a line
    # under its header, a contents page in a box), not a grid: their text is read as text — by the
    # rule-less reader where it is a table.
    tables = [t for t in tables if t.n_cols >= 2]
    tables.sort(key=lambda t: t.bbox[1])
    return tables

