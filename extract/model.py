"""The document model that `extract/` produces and `transform/` consumes.

Coordinates are PDF points with the origin at the page's top-left (pdfplumber's `top`/`bottom`).
Page numbers are 1-based, as a reader of the filing would cite them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom


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
    """A ruled table found on one page, as a grid. `grid[r][c]` is the Cell covering that grid
    position (a merged cell appears at every position it covers)."""

    page: int
    bbox: BBox
    cells: list[Cell]
    n_rows: int
    n_cols: int
    col_edges: list[float]  # x of the n_cols + 1 vertical rules
    row_edges: list[float]  # top of the n_rows + 1 horizontal rules
    grid: list[list[Cell | None]] = field(repr=False, default_factory=list)

    def row_cells(self, r: int) -> list[Cell | None]:
        """The cells of grid row r, each merged cell once, left to right."""
        seen: list[Cell | None] = []
        for cell in self.grid[r]:
            if cell is None or not seen or seen[-1] is not cell:
                seen.append(cell)
        return seen


@dataclass(slots=True)
class Page:
    number: int
    width: float
    height: float
    char_count: int
    lines: list[Line]  # text outside tables, in reading order
    tables: list[Table]

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
