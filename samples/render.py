"""reportlab drawing: pages, wrapped paragraphs and ruled tables.

Everything is drawn with the built-in CID font STSong-Light (no font file; pdfplumber extracts clean
Unicode from it). The canvas is created with invariant=1 so the same input gives the same bytes.

Facts (line items, narrative facts, performance rows) are plain dicts owned by the caller; the renderer
writes the 1-based page number into each one where its figure lands, which is how the truth JSON learns
pages without a second pass.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

MARGIN_X = 45.0
MARGIN_TOP = 50.0
MARGIN_BOTTOM = 50.0
PAD = 3.0  # cell padding


def width(s: str, size: float) -> float:
    return pdfmetrics.stringWidth(s, FONT, size)


# Runs of ASCII letters/digits (figures like "2,940.05" or "45.50%") are never broken across lines.
_TOKEN = re.compile(r"[A-Za-z0-9.,%\-]+|\s|.")


def wrap_spans(text: str, max_w: float, size: float) -> list[tuple[int, int]]:
    """Greedy wrap by measured width; returns (start, end) offsets into `text` per line."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for part in text.split("\n"):
        start = end = pos
        cur_w = 0.0
        for m in _TOKEN.finditer(part):
            tok = m.group()
            tw = width(tok, size)
            a, b = pos + m.start(), pos + m.end()
            if start == end and tok.isspace():   # no leading blanks on a line
                start = end = b
                continue
            if end > start and cur_w + tw > max_w:
                spans.append((start, end))
                if tok.isspace():
                    start = end = b
                    cur_w = 0.0
                    continue
                start, cur_w = a, 0.0
            end = b
            cur_w += tw
        spans.append((start, end))
        pos += len(part) + 1
    return spans


def wrap(text: str, max_w: float, size: float) -> list[str]:
    return [text[a:b] for a, b in wrap_spans(text, max_w, size)] if text else []


class Pager:
    """A canvas plus the current page and vertical position."""

    def __init__(self, out, page_numbers: bool = False):
        self.c = canvas.Canvas(out, pagesize=A4, invariant=1)
        # The stamp transform/origin.py reads: documents.sample, kept out of compare and export (issue 26)
        self.c.setAuthor("juesuan samples")
        self.c.setCreator("juesuan samples")
        self.c.setTitle("sample filing")
        self.page = 0
        self.is_landscape = False
        self.page_numbers = page_numbers
        self.y = 0.0
        self.fresh = True   # nothing drawn yet on the current page

    @property
    def size(self):
        return landscape(A4) if self.is_landscape else A4

    @property
    def top(self) -> float:
        return self.size[1] - MARGIN_TOP

    @property
    def usable_width(self) -> float:
        return self.size[0] - 2 * MARGIN_X

    def _footer(self):
        if self.page_numbers and self.page:
            self.c.setFont(FONT, 9)
            self.c.drawCentredString(self.size[0] / 2, 25, str(self.page))

    def new_page(self, is_landscape: bool = False):
        if self.page:
            self._footer()
            self.c.showPage()
        self.is_landscape = is_landscape
        self.c.setPageSize(self.size)
        self.page += 1
        self.y = self.top
        self.fresh = True

    def blank_page(self):
        """A page with nothing on it (some filings have one inside the table part)."""
        was = self.page_numbers
        self.page_numbers = False
        self.new_page(self.is_landscape)
        self.page_numbers = was
        self.fresh = False   # the next new_page must not reuse it

    def ensure(self, h: float):
        if self.y - h < MARGIN_BOTTOM and not self.fresh:
            self.new_page(self.is_landscape)

    def text(self, s: str, size: float, align: str = "left", x: float | None = None, gap: float = 1.5):
        """One line of text at the current position, then move down."""
        self.ensure(size * gap)
        base = self.y - size
        self.c.setFont(FONT, size)
        if align == "center":
            self.c.drawCentredString(self.size[0] / 2, base, s)
        elif align == "right":
            self.c.drawRightString(self.size[0] - MARGIN_X, base, s)
        else:
            self.c.drawString(MARGIN_X if x is None else x, base, s)
        self.y -= size * gap
        self.fresh = False

    def finish(self):
        self._footer()
        self.c.save()


# ---------------------------------------------------------------- paragraphs

def draw_paragraph(pg: Pager, text: str, size: float, facts: list[tuple[int, dict]],
                   indent: float = 2.0, align: str = "left", leading: float = 1.8):
    """Wrap `text` (first line indented by `indent` characters) and record each fact's page.

    `facts` pairs a character offset in `text` with the fact dict it belongs to.
    """
    lead = size * leading
    first_indent = indent * size
    w = pg.usable_width
    # Wrap the first line narrower by prefixing a placeholder of the indent's width.
    pad = "\u3000" * int(indent)
    spans = wrap_spans(pad + text, w, size)
    for a, b in spans:
        pg.ensure(lead)
        line = (pad + text)[a:b]
        pg.c.setFont(FONT, size)
        base = pg.y - size
        if align == "center":
            pg.c.drawCentredString(pg.size[0] / 2, base, line.strip("\u3000"))
        else:
            x = MARGIN_X
            if line.startswith("\u3000"):
                x += first_indent
                line = line.lstrip("\u3000")
            pg.c.drawString(x, base, line)
        lo, hi = a - len(pad), b - len(pad)
        for off, fact in facts:
            if lo <= off < hi:
                fact["page"] = pg.page
        pg.y -= lead
        pg.fresh = False


# ---------------------------------------------------------------- tables

@dataclass
class Cell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    align: str = "center"     # left | center | right
    valign: str = "middle"    # middle (true centre) | grid (snap to the row's line grid) | top
    fact: dict | None = field(default=None, repr=False, compare=False)   # the truth of a figure cell


SPAN = None  # placeholder for a column covered by a row-spanning cell from a row above


@dataclass
class Row:
    cells: list
    facts: list = field(default_factory=list)   # dicts that get "page" when the row is drawn


def _layout(widths, rows, size):
    """Place cells, wrap their text and compute row heights (rowspans stretch the last row)."""
    xs = [0.0]
    for w in widths:
        xs.append(xs[-1] + w)
    lead = size * 1.22
    placed = []   # (row, col, cell, lines)
    heights = []
    gridlines = []
    for r, row in enumerate(rows):
        col = 0
        h = PAD * 2 + lead
        n_max = 1
        for cell in row.cells:
            if cell is SPAN:
                col += 1
                continue
            w = xs[col + cell.colspan] - xs[col]
            lines = wrap(cell.text, w - 2 * PAD, size)
            placed.append((r, col, cell, lines))
            if cell.rowspan == 1:
                h = max(h, PAD * 2 + max(1, len(lines)) * lead)
                n_max = max(n_max, len(lines))
            col += cell.colspan
        if col != len(widths):
            raise ValueError(f"row {r} covers {col} of {len(widths)} columns: {[c.text if c else None for c in row.cells]}")
        heights.append(h)
        gridlines.append(n_max)
    for r, _col, cell, lines in placed:
        if cell.rowspan > 1:
            need = PAD * 2 + max(1, len(lines)) * lead
            have = sum(heights[r:r + cell.rowspan])
            if need > have:
                heights[r + cell.rowspan - 1] += need - have
    # Rows joined by a rowspan form a group that is never split across pages.
    group_end = list(range(len(rows)))
    for r, _col, cell, _l in placed:
        group_end[r] = max(group_end[r], r + cell.rowspan - 1)
    return xs, placed, heights, gridlines, group_end, lead


RULES = ("grid", "horizontal", "three_line", "frame", "none")


class _Rules:
    """The rules of one table, per page it runs over (see samples.spec.Layout.rules). grid strokes every
    cell as its own rectangle, so each row and column rule exists and pdfplumber's default "lines"
    strategy finds the cells; the others draw only what a borderless producer leaves (text is placed
    identically in every mode)."""

    def __init__(self, c, mode: str, x0: float, x1: float):
        if mode not in RULES:
            raise ValueError(f"rules must be one of {RULES}, not {mode!r}")
        self.c, self.mode, self.x0, self.x1 = c, mode, x0, x1
        self.top = None   # top of the part of the table on the current page

    def cell(self, x, top, w, h, first_on_page: bool):
        if self.mode == "grid":
            self.c.rect(x, top - h, w, h, stroke=1, fill=0)
        elif self.mode == "horizontal":
            self.c.line(x, top - h, x + w, top - h)
            if first_on_page:
                self.c.line(x, top, x + w, top)

    def start(self, y: float):
        self.top = y

    def header_end(self, y: float):
        if self.mode == "three_line":
            self.c.line(self.x0, y, self.x1, y)

    def end(self, y: float):
        """The part on this page ends at y: the 三线表's top and bottom rules, or the frame."""
        if self.top is None:
            return
        if self.mode == "three_line":
            self.c.setLineWidth(1.0)
            self.c.line(self.x0, self.top, self.x1, self.top)
            self.c.line(self.x0, y, self.x1, y)
            self.c.setLineWidth(0.5)
        elif self.mode == "frame":
            self.c.rect(self.x0, y, self.x1 - self.x0, self.top - y, stroke=1, fill=0)
        self.top = None


def draw_table(pg: Pager, widths, header: list[Row], body: list[Row], size: float = 9.0,
               x0: float | None = None, rules: str = "grid") -> list[int]:
    """Draw a table; the header is drawn once (never repeated after a page break). Returns the pages
    the table touched."""
    rows = header + body
    xs, placed, heights, gridlines, group_end, lead = _layout(widths, rows, size)
    if x0 is None:
        x0 = (pg.size[0] - xs[-1]) / 2
    by_row: dict[int, list] = {}
    for p in placed:
        by_row.setdefault(p[0], []).append(p)
    c = pg.c
    c.setLineWidth(0.5)
    ruler = _Rules(c, rules, x0, x0 + xs[-1])
    pages = []
    nh = len(header)
    r = 0
    while r < len(rows):
        end = r
        while True:   # close the group over nested rowspans
            new_end = max(group_end[k] for k in range(r, end + 1))
            if new_end == end:
                break
            end = new_end
        block_h = sum(heights[r:end + 1])
        if r == 0 and body:   # keep the header with the first body group
            first_end = nh
            while first_end < len(rows) and group_end[first_end] > first_end:
                first_end = group_end[first_end]
            block_h_check = sum(heights[0:min(first_end, len(rows) - 1) + 1])
        else:
            block_h_check = block_h
        if pg.y - block_h_check < MARGIN_BOTTOM and not pg.fresh:
            ruler.end(pg.y)
            pg.new_page(pg.is_landscape)
        if ruler.top is None:
            ruler.start(pg.y)
        first_on_page = ruler.top == pg.y
        y_top = {}
        y = pg.y
        for k in range(r, end + 1):
            y_top[k] = y
            y -= heights[k]
        for k in range(r, end + 1):
            for _r, col, cell, lines in by_row.get(k, []):
                x = x0 + xs[col]
                w = xs[col + cell.colspan] - xs[col]
                h = sum(heights[k:k + cell.rowspan])
                top = y_top[k]
                ruler.cell(x, top, w, h, first_on_page and k == r)
                _draw_cell_text(c, cell, lines, x, top, w, h, size, lead, gridlines[k])
            if k >= nh:
                for fact in rows[k].facts:
                    fact["page"] = pg.page
            if k == nh - 1:
                ruler.header_end(y_top[k] - heights[k])
        pg.y = y
        pg.fresh = False
        if pg.page not in pages:
            pages.append(pg.page)
        r = end + 1
    ruler.end(pg.y)
    return pages


def _draw_cell_text(c, cell, lines, x, top, w, h, size, lead, grid_n):
    if not lines:
        return
    n = len(lines)
    if cell.valign == "grid" and cell.rowspan == 1:
        off = PAD + ((grid_n - n) // 2) * lead
    elif cell.valign == "top":
        off = PAD
    else:
        off = (h - n * lead) / 2
    c.setFont(FONT, size)
    for i, line in enumerate(lines):
        base = top - off - i * lead - size * 0.95
        if cell.align == "right":
            c.drawRightString(x + w - PAD, base, line)
        elif cell.align == "left":
            c.drawString(x + PAD, base, line)
        else:
            c.drawCentredString(x + w / 2, base, line)
