"""The document model that `extract/` produces and `transform/` consumes.

Coordinates are PDF points with the origin at the page's top-left (pdfplumber's `top`/`bottom`).
Page numbers are 1-based, as a reader of the filing would cite them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extract.geometry import BBox, Interval
from reference._typing import TableSource


@dataclass(slots=True)
class Line:
    """One visual line of text: characters whose vertical extents overlap, read left to right."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # median font size, used to tell titles from body text


@dataclass(slots=True)
class Cell:
    """A ruled cell. `lines` are the text lines inside it, top to bottom (wrapped names stay apart
    here; transform/ decides how to join them)."""

    bbox: BBox
    lines: list[str]
    row: int  # index of the first grid row the cell covers
    col: int  # index of the first grid column the cell covers
    row_span: int = 1
    col_span: int = 1

    @property
    def text(self) -> str:
        return "".join(self.lines)


@dataclass(slots=True)
class Table:
    """A table found on one page, as a grid. `grid[r][c]` is the Cell covering that grid position (a
    merged cell appears at every position it covers). The ruled and the rule-less reader both build
    these; `source` says which one did, for the log and the benchmarks only."""

    page: int
    bbox: BBox
    cells: list[Cell]
    n_rows: int
    n_cols: int
    col_edges: list[float]  # x of the n_cols + 1 column boundaries (rules, or the gaps between columns)
    row_edges: list[float]  # top of the n_rows + 1 row boundaries
    grid: list[list[Cell | None]] = field(repr=False, default_factory=list)
    source: TableSource = "ruled"
    # Rows of the header, where the reader knows them (the rule-less reader does; a ruled grid leaves it
    # to transform/, which finds the first data row by its content).
    header_rows: int | None = None
    # Where each column's text actually lies (x0, x1); a rule-less continuation page is matched to the
    # first page's columns by these, since its column boundaries are only estimates.
    col_content: list[Interval] = field(repr=False, default_factory=list)

    def below(self, k: int) -> "Table":
        """The table without its first k grid rows (a caption a spreadsheet ruled into the table: its
        title and 单位 line). Cells reaching into the kept rows are cut at row k."""
        top = self.row_edges[k]
        cells: list[Cell] = []
        moved: dict[int, Cell] = {}
        for cell in self.cells:
            if cell.row + cell.row_span <= k:
                continue
            if cell.row >= k:
                new = Cell(cell.bbox, cell.lines, cell.row - k, cell.col, cell.row_span, cell.col_span)
            else:
                x0, _, x1, bottom = cell.bbox
                new = Cell((x0, top, x1, bottom), cell.lines, 0, cell.col, cell.row_span - (k - cell.row), cell.col_span)
            moved[id(cell)] = new
            cells.append(new)
        grid = [[moved[id(c)] if c is not None else None for c in row] for row in self.grid[k:]]
        x0, _, x1, bottom = self.bbox
        return Table(self.page, (x0, top, x1, bottom), cells, self.n_rows - k, self.n_cols, self.col_edges,
                     self.row_edges[k:], grid, self.source, None if self.header_rows is None else
                     max(0, self.header_rows - k), self.col_content)

    def row_cells(self, r: int) -> list[Cell | None]:
        """The cells of grid row r, each merged cell once, left to right."""
        seen: list[Cell | None] = []
        for cell in self.grid[r]:
            if cell is None or not seen or seen[-1] is not cell:
                seen.append(cell)
        return seen


@dataclass(frozen=True, slots=True)
class Word:
    """One word an OCR engine recognised, its box in PDF points (top-left origin) and the engine's
    confidence (0–1): what a figure read from a scanned page is traced back to."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float


@dataclass(slots=True)
class Page:
    number: int
    width: float
    height: float
    char_count: int
    lines: list[Line]  # text outside tables, in reading order
    tables: list[Table]
    # Signs that the text layer does not hold the characters printed (extract/text_layer.py): empty
    # when it looks trustworthy.
    text_flags: tuple[str, ...] = ()
    # The words OCR read on a page without a text layer (extract/ocr.py; text_flags then starts with
    # "ocr"); empty for a page read from its text layer.
    words: list[Word] = field(default_factory=list)

    @property
    def ocr(self) -> bool:
        return bool(self.text_flags) and self.text_flags[0] == "ocr"

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass(slots=True)
class Document:
    path: str
    pages: list[Page]
    metadata: dict

    @property
    def page_count(self) -> int:
        return len(self.pages)
