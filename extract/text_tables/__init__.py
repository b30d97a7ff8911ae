"""Tables without rules, read from the positions of their text alone.

Excel prints only the borders a cell was given, and a Word or WPS table may have none: a borderless
table is a layout to expect. This reader finds such tables among the page's text lines (those outside
ruled tables) and builds the same `Table` of cells the ruled reader builds, so `transform/` does not
care which reader found a table. Built on our own geometry rather than pdfplumber's text strategy or
camelot's stream mode: both infer columns from runs of aligned words and rows from baselines, so they
split a wrapped name into two rows, cannot tell a header's group label from a column, and lose columns
that print no figure on the page; a budget table's header names every column, and that is what fixes
the grid here.

1. Regions (regions.py): runs of lines holding figures, codes or numbered labels in
   several segments (extract/segments.py), with the header lines right above them.
2. Columns (columns.py): the figures and codes of the body and the lowest labels of the header ("leaves") cluster
   by horizontal overlap; the body's other text joins the column it overlaps, or forms text columns of
   its own. A column's boundaries are the middles of the gaps between columns.
3. Rows (rows.py): the lines of a wrapped name are joined first (a line that fills its column continues on the
   next); then the body's boxes fall into bands separated by vertical gaps; a band holding two boxes
   in one column is split between them, a band of a name fragment alone joins its neighbour.
4. Header (header.py): wrapped header lines are joined into labels; each label spans the run of columns it is
   centred over (group labels such as 收入 over 项目|决算数), never a column a sibling label holds.
"""
from __future__ import annotations

from extract.geometry import Interval, boundaries, overlap
from extract.lines import group_lines, line_text
from extract.model import Cell, Table
from extract.segments import Segment
from extract.text_tables import columns as col, header as head, rows as row
from extract.text_tables.regions import Region, find_regions, header_word
from extract.text_tables.settings import DEFAULT, TextTableSettings

__all__ = ["find_text_tables", "TextTableSettings", "DEFAULT"]


def find_text_tables(page_number: int, lines: list[list[dict]], width: float, height: float,
                     h_rules: list[tuple[float, float, float]] | None = None,
                     settings: TextTableSettings = DEFAULT) -> tuple[list[Table], set[int]]:
    """The rule-less tables among a page's visual lines (extract.lines.group_lines), and the indexes
    of the lines they took. h_rules: horizontal rules on the page (x0, x1, y), used to split rows."""
    regions = find_regions(lines, width, height, settings.regions)
    h_rules = h_rules or []
    tables, used = [], set()
    for region in regions:
        table = build(page_number, region, h_rules, settings)
        if table is not None:
            tables.append(table)
            used.update(region.line_indexes)
    return tables, used


def _cell_lines(segs: list[Segment]) -> list[str]:
    return [line_text(g) for g in group_lines([ch for s in segs for ch in s.chars])]


def first_name_line(header: list[Segment], body: list[Segment], lh: float, settings: TextTableSettings) -> list[Segment]:
    """Lines at the foot of the header that are the first line of the first row's wrapped name (its
    code and figures sit on the next line): no header word, aligned with the names below, close."""
    if not header or not body:
        return []
    foot = max(s.bottom for s in header)
    starts = [s.x0 for s in body if not s.is_number]
    top = min(s.top for s in body)
    return [s for s in header if s.bottom >= foot - 1 and not header_word(s) and not s.is_number
            and sum(1 for x in starts if abs(x - s.x0) <= 1.5) >= 2 and top - s.bottom <= settings.wrap_gap * lh]


def build(page_number: int, region: Region, h_rules, settings: TextTableSettings) -> Table | None:
    header, body = region.header, region.body
    lh = sorted(s.height for s in body)[len(body) // 2]
    moved = first_name_line(header, body, lh, settings)
    if moved:
        header = [s for s in header if s not in moved]
        body = moved + body
    cols, where = col.columns(header, body, settings.pad)
    if len(cols) < 2:
        return None
    lo = min(s.x0 for s in header + body) - settings.pad
    hi = max(s.x1 for s in header + body) + settings.pad
    rough = boundaries([(c.x0, c.x1) for c in cols], lo, hi)
    header = head.split_touching(header, rough, settings)
    labels = head.labels(header, rough, lh, settings)
    edges = col.edges(cols, labels, rough, settings.pad)
    width = hi - lo
    rules = [y for x0, x1, y in h_rules if overlap(x0, x1, lo, hi) >= 0.5 * width]
    bands = row.bands(row.items(body, cols, where, lh, settings), lh, rules, settings)
    spans = head.spans(labels, edges, settings) if labels else []
    levels = head.levels(labels, lh) if labels else []
    n_header = max(levels) + 1 if levels else 0
    n_cols = len(cols)
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_header + len(bands))]
    cells: list[Cell] = []
    row_tops = [min(min(s.top for s in lab) for lab, r2 in zip(labels, levels) if r2 == r) for r in range(n_header)]
    label_segs: dict[int, list[Segment]] = {}
    for lab, (a, z), r in zip(labels, spans, levels):
        existing = grid[r][a]
        if existing is not None and existing.col == a and existing.col_span == z - a + 1:
            label_segs[id(existing)] += lab  # two labels over the same columns in one row: one cell
            existing.lines = _cell_lines(label_segs[id(existing)])
            continue
        cell = Cell(bbox=(edges[a], min(s.top for s in lab), edges[z + 1], max(s.bottom for s in lab)),
                    lines=_cell_lines(lab), row=r, col=a, row_span=1, col_span=z - a + 1)
        label_segs[id(cell)] = list(lab)
        cells.append(cell)
        for c in range(a, z + 1):
            grid[r][c] = cell
    band_tops = []
    for bi, band in enumerate(bands):
        r = n_header + bi
        top, bottom = min(it.top for it in band), max(it.bottom for it in band)
        band_tops.append(top)
        by_col: dict[int, list[Segment]] = {}
        for it in band:
            by_col.setdefault(it.col, []).extend(it.segs)
        for c, segs in sorted(by_col.items()):
            cell = Cell(bbox=(edges[c], top, edges[c + 1], bottom), lines=_cell_lines(segs), row=r, col=c)
            cells.append(cell)
            grid[r][c] = cell
    bottom = max(s.bottom for s in body) + settings.pad
    row_edges = row_tops + band_tops + [bottom]
    cells.sort(key=lambda c: (c.row, c.col))
    content: list[Interval] = [(c.x0, c.x1) for c in cols]
    return Table(page=page_number, bbox=(lo, row_edges[0], hi, bottom), cells=cells, n_rows=len(grid),
                 n_cols=n_cols, col_edges=edges, row_edges=row_edges, grid=grid, source="text",
                 header_rows=n_header, col_content=content)
