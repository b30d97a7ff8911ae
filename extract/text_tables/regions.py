"""Where on a page a table without rules stands: the body (lines of figures, codes and numbered labels
cut into several segments) and the header lines right above it.

Conservative on purpose: text taken into a table is gone from the page's running text, so a region
needs lines of three or more segments, and captions (the 单位 line, titles, notes, page numbers) and
paragraphs end it. A contents page (a title and its page number: two segments) is never a table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.segments import Segment, Segments, SegmentSettings, split_line
from reference.statements import TOTAL_LABELS, looks_like_title, match_title

# Words only a header prints (a row label never says 科目编码 or 决算数); a block of lines above the
# first figures with none of them is a table's first rows on a continuation page, not its header.
HEADER_WORDS = ("项目", "科目", "编码", "名称", "决算数", "预算数", "金额", "栏次", "行次", "本年收入", "本年支出",
                "经济分类", "功能分类")
HEADER_CELLS = frozenset({"类", "款", "项", "合计", "小计"})

# Lines that belong to the page, not to a table's grid.
_CAPTION = re.compile(r"(?:金额)?单位[:：]|编制单位|编制部门|填报单位|^部门[:：]|^单位名称|^(?:注|说明|备注|附注|填表说明)"
                      r"(?:[:：\d一二三四五六七八九（(]|$)")
_PAGE_NUMBER = re.compile(r"^(?:[-—－]\s*)?\d{1,4}(?:\s*[-—－])?$|^第\d{1,4}页(?:共\d{1,4}页)?$|^\d{1,4}/\d{1,4}$")


@dataclass(frozen=True)
class RegionSettings:
    segments: SegmentSettings = field(default_factory=SegmentSettings)
    min_segments: int = 3  # a body needs a line of at least this many segments
    max_row_gap: float = 3.5  # line heights: a wider vertical gap ends a table
    header_gap: float = 2.5  # line heights between header lines (tall header cells centre their text)
    max_header_lines: int = 12
    paragraph_chars: int = 24  # a one-segment line of this many characters is running text, not a cell
    title_size: float = 1.25  # a line set this much larger than the table's first row is a heading

    def __post_init__(self):
        if self.min_segments < 2:
            raise ValueError("min_segments must be at least 2: a line of one segment is running text")
        if self.max_row_gap <= 0 or self.header_gap <= 0 or self.max_header_lines < 0:
            raise ValueError("max_row_gap and header_gap must be positive, max_header_lines not negative")


@dataclass
class Region:
    header: list[Segment]
    body: list[Segment]
    line_indexes: set[int]


@dataclass
class _Line(Segments):
    index: int
    segs: list[Segment]
    kind: str  # caption | data | multi | single


def _kind(segs: list[Segment], width: float, height: float) -> str:
    text = "".join(s.squashed for s in segs)
    if _CAPTION.search(text) or match_title(text) or (len(segs) == 1 and looks_like_title(text)):
        return "caption"
    lead = segs[0]
    total = lead.squashed in TOTAL_LABELS and any(s.is_number for s in segs)
    if len(segs) >= 2 and (any(s.is_amount for s in segs) or lead.is_code or lead.has_ordinal or total
                           or (len(segs) > 2 and segs[1].is_code)):
        return "data"
    return "multi" if len(segs) >= 2 else "single"


def find_regions(lines: list[list[dict]], width: float, height: float, settings: RegionSettings) -> list[Region]:
    rows = [_Line(i, segs, _kind(segs, width, height))
            for i, chars in enumerate(lines) if (segs := split_line(chars, i, settings.segments))]
    for r in rows[:1] + rows[-1:]:  # a page number: a lone number first or last on the page, in its margin
        if (len(r.segs) == 1 and _PAGE_NUMBER.match(r.segs[0].squashed)
                and (r.top > 0.85 * height or r.bottom < 0.12 * height)):
            r.kind = "caption"
    if sum(1 for r in rows if len(r.segs) >= settings.min_segments) == 0:
        return []
    regions: list[Region] = []
    i = 0
    while i < len(rows):
        if rows[i].kind != "data":
            i += 1
            continue
        above = _extend_header(rows, i, rows[i:i + 1], settings, stop=regions[-1] if regions else None)
        end = _extend_body(rows, i, settings, _extent(rows[above:i + 1]))
        start = _extend_header(rows, i, rows[i:end + 1], settings, stop=regions[-1] if regions else None)
        header, body = rows[start:i], rows[i:end + 1]
        if header and not any(header_word(s) for r in header for s in r.segs):
            header, body = [], header + body  # rows above the first figures, not a header (a continuation)
        if _is_table(header, body, settings):
            regions.append(Region([s for r in header for s in r.segs], [s for r in body for s in r.segs],
                                  {r.index for r in header + body}))
            i = end + 1
        else:
            i += 1
    return regions


def _extent(rows: list[_Line]) -> tuple[float, float]:
    return min(s.x0 for r in rows for s in r.segs), max(s.x1 for r in rows for s in r.segs)


def _paragraph(row: _Line, settings: RegionSettings) -> bool:
    return len(row.segs) == 1 and len(row.segs[0].squashed) >= settings.paragraph_chars


def header_word(s: Segment) -> bool:
    if s.has_ordinal:  # "一、一般公共预算财政拨款收入" is a row's label
        return False
    t = s.squashed
    return t in HEADER_CELLS or any(w in t for w in HEADER_WORDS)


def _extend_body(rows: list[_Line], i: int, settings: RegionSettings, extent: tuple[float, float]) -> int:
    """The last line of the body that starts at rows[i]; `extent`: where the table's lines seen so far
    (the first row and the header above it) lie, since the first row may print nothing in its first
    columns."""
    end = i
    x0, x1 = extent
    lh = rows[i].height
    for k in range(i + 1, len(rows)):
        r = rows[k]
        if r.kind == "caption" or r.top - rows[end].bottom > settings.max_row_gap * lh:
            break
        a, b = min(s.x0 for s in r.segs), max(s.x1 for s in r.segs)
        if r.kind != "data" and (_paragraph(r, settings) or b < x0 - 2 * lh or a > x1 + 2 * lh):
            break
        end = k
        x0, x1 = min(x0, a), max(x1, b)
    # A body ends on a line of figures or labels, not on a stray line after its last row.
    while end > i and rows[end].kind == "multi" and not any(s.is_number for s in rows[end].segs):
        end -= 1
    return end


def _is_table(header: list[_Line], body: list[_Line], settings: RegionSettings) -> bool:
    data = [r for r in body if r.kind == "data"]
    if not any(len(r.segs) >= settings.min_segments for r in header + body):
        return False
    if len(data) >= 2:
        return True
    # One row alone (a 合计 row carried onto the next page): only with several figures in it.
    return sum(1 for s in data[0].segs if s.is_amount) >= 2


def _extend_header(rows: list[_Line], i: int, body: list[_Line], settings: RegionSettings, stop) -> int:
    """The first header line above the body that starts at rows[i]."""
    lh = sorted(r.height for r in body)[len(body) // 2]
    floor = max(stop.line_indexes) if stop is not None else -1
    start = i
    for k in range(i - 1, -1, -1):
        r = rows[k]
        if r.index <= floor or i - k > settings.max_header_lines:
            break
        if r.kind == "caption" or rows[start].top - r.bottom > settings.header_gap * lh:
            break
        # Header lines may reach past the body's figures (columns that print none on this page), but
        # a heading set larger than the table (a title, a cover line) is not one of them.
        if _paragraph(r, settings) or _size(r) > settings.title_size * _size(rows[i]):
            break
        start = k
    return start


def _size(row: _Line) -> float:
    return sorted(s.size for s in row.segs)[len(row.segs) // 2]
