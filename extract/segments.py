"""Text lines cut into segments: the runs of characters a table's cells print.

A table without rules still prints each cell's text apart from its neighbours' by a gap wider than the
spacing inside a word; a line of running text has no such gaps. A segment is a run of characters of one
visual line (extract.lines) with no gap wider than `segment_gap` font sizes, and knows whether it reads
as a number, so that columns of figures can be found before anything else.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.lines import line_text

# What a figure looks like in a cell: 2,940.05  -12.30  (12.30)  （12.30）  7594010  0.00  -  —
_NUMBER = re.compile(r"^[-−－]?[(（]?[-−－]?\d[\d,，]*(?:[.．]\d+)?[)）]?$")
_DECIMAL = re.compile(r"[.．]\d|,\d{3}|^[(（]")
_DASH = re.compile(r"^[-—－―]{1,2}$")
_CODE = re.compile(r"^\d{3}(?:\s?\d{2}){0,2}$")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+|\d{1,2})[、.．]")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．（）－", "0123456789,.()-")


@dataclass(frozen=True)
class SegmentSettings:
    # A gap wider than this many font sizes ends a segment. Cells are padded by a few points on each side
    # (two cells 6 pt apart in 9 pt type: 0.67);
    # the letter spacing of justified text and the space in "201 06 01" stay well under it.
    segment_gap: float = 0.5

    def __post_init__(self):
        if not 0.2 <= self.segment_gap <= 3:
            raise ValueError(f"segment_gap must lie between 0.2 and 3 font sizes, not {self.segment_gap}")


@dataclass(eq=False)
class Segment:
    chars: list[dict] = field(repr=False)
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    line: int  # index of its visual line on the page

    @property
    def squashed(self) -> str:
        return self.text.replace(" ", "").translate(_FULL_WIDTH)

    @property
    def is_number(self) -> bool:
        """A figure, a code, a row number or a dash: text that stands in a column of its own."""
        s = self.squashed
        return bool(_NUMBER.match(s) or _DASH.match(s))

    @property
    def is_amount(self) -> bool:
        """A figure that can only be an amount: decimals, thousands separators or brackets."""
        s = self.squashed
        return bool(_NUMBER.match(s) and _DECIMAL.search(s))

    @property
    def is_code(self) -> bool:
        return bool(_CODE.match(self.text.strip()))

    @property
    def has_ordinal(self) -> bool:
        return bool(_ORDINAL.match(self.squashed))

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


class Segments:
    """Something made of segments (a line, a column, a body box): its extent on the page. Subclasses
    hold a `segs` list."""

    segs: list[Segment]

    @property
    def x0(self) -> float:
        return min(s.x0 for s in self.segs)

    @property
    def x1(self) -> float:
        return max(s.x1 for s in self.segs)

    @property
    def top(self) -> float:
        return min(s.top for s in self.segs)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segs)

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        """The median height of its segments (a line's height, whatever its tallest character)."""
        return sorted(s.height for s in self.segs)[len(self.segs) // 2]


def split_line(chars: list[dict], line: int, settings: SegmentSettings) -> list[Segment]:
    """The segments of one visual line (its characters sorted left to right)."""
    runs: list[list[dict]] = []
    for ch in chars:
        if runs and ch["x0"] - runs[-1][-1]["x1"] <= settings.segment_gap * max(ch["size"], 1.0):
            runs[-1].append(ch)
        else:
            runs.append([ch])
    return [Segment(run, line_text(run), run[0]["x0"], max(c["x1"] for c in run), min(c["top"] for c in run),
                    max(c["bottom"] for c in run), max(c["size"] for c in run), line) for run in runs]
