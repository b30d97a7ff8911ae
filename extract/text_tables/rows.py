"""Rows of a table without rules: a wrapped name's lines are joined first (a line that fills its column
continues on the next), then the body's boxes fall into bands separated by vertical gaps; a band holding
two boxes in one column is split between them, a band of a name fragment alone joins its neighbour."""
from __future__ import annotations

from extract.geometry import overlap
from extract.segments import Segment
from extract.text_tables.settings import Column, Item, TextTableSettings
from reference.statements import TOTAL_LABELS


def _is_total(s: Segment) -> bool:
    return s.squashed in TOTAL_LABELS


def _full_width(segs: list[Segment]) -> float:
    """Where a text column's wrapped lines end: the furthest right edge two lines reach (within a
    character), or the furthest one. A name running on into an empty cell on its right is not the
    column's width."""
    ends = sorted((s.x1, s.size) for s in segs)
    for (a, size), (b, _) in zip(reversed(ends[:-1]), reversed(ends[1:])):
        if b - a <= size:
            return b
    return ends[-1][0]


def _figures_beside(s: Segment, numbers: list[Item], tol: float) -> dict[int, int]:
    """column → the figure or code level with segment s, in the other columns."""
    return {it.col: id(it) for it in numbers if overlap(s.top, s.bottom, it.top, it.bottom) > tol}


def items(body: list[Segment], cols: list[Column], where: dict[int, int], lh: float,
           settings: TextTableSettings) -> list[Item]:
    items: list[Item] = []
    by_col: dict[int, list[Segment]] = {}
    for s in body:
        if s.is_number:
            items.append(Item(where[id(s)], [s]))
        else:
            by_col.setdefault(where[id(s)], []).append(s)
    numbers = list(items)
    tol = settings.band_tolerance * lh
    for c, segs in by_col.items():
        right = _full_width(segs)
        open_item: Item | None = None
        for s in sorted(segs, key=lambda s: (s.top, s.x0)):
            if open_item is not None:
                last = open_item.segs[-1]
                same_line = overlap(last.top, last.bottom, s.top, s.bottom) > 0.5 * lh
                wraps = (s.top - last.bottom <= settings.wrap_gap * lh
                         and last.x1 >= right - settings.full_slack * last.size
                         and s.x0 <= open_item.segs[0].x0 + last.size
                         and not s.has_ordinal and not _is_total(s)
                         and not _two_rows(_figures_beside(last, numbers, tol), _figures_beside(s, numbers, tol)))
                if same_line or wraps:
                    open_item.segs.append(s)
                    continue
            open_item = Item(c, [s])
            items.append(open_item)
    return items


def _two_rows(upper: dict[int, int], lower: dict[int, int]) -> bool:
    """Two lines are two rows when one column has a figure or code level with each of them."""
    return any(c in lower and lower[c] != i for c, i in upper.items())


def bands(items: list[Item], lh: float, h_rules: list[float], settings: TextTableSettings) -> list[list[Item]]:
    bands: list[list[Item]] = []
    bottom = None
    tol = settings.band_tolerance * lh
    for it in sorted(items, key=lambda i: (i.top, i.col)):
        ruled_apart = bottom is not None and any(bottom - tol < y < it.top + tol for y in h_rules)
        if bottom is not None and it.top < bottom - tol and not ruled_apart:
            bands[-1].append(it)
            bottom = max(bottom, it.bottom)
        else:
            bands.append([it])
            bottom = it.bottom
    out: list[list[Item]] = []
    for band in bands:
        out.extend(_split(band))
    return _join_fragments(out, lh, settings)


# Positions closer than this are the same position. Two readers' coordinates of one glyph differ in the
# fifteenth digit (pdfminer accumulates advances in double precision, pdfium computes in single and is
# rounded to the printed decimals), so a gap compared with an equal gap, or a box's middle with a cut
# exactly midway, must not turn on that digit (北京 5420417d p.48: 1,496.02 printed midway between two
# lines of a name went to the upper line under one reader and the lower under the other).
TIE_PT = 1e-6


def _split(band: list[Item]) -> list[list[Item]]:
    """A band holding two boxes in one column holds two rows: cut it in the widest gap between them (of
    equal gaps, the first in reading order)."""
    by_col: dict[int, list[Item]] = {}
    for it in band:
        by_col.setdefault(it.col, []).append(it)
    best = None
    for its in by_col.values():
        its = sorted(its, key=lambda i: i.top)
        for a, b in zip(its, its[1:]):
            gap = b.top - a.bottom
            if best is None or gap > best[0] + TIE_PT:
                best = (gap, (a.bottom + b.top) / 2)
    if best is None:
        return [band]
    cut = best[1]
    upper = [it for it in band if it.mid < cut - TIE_PT]  # a box centred on the cut goes with the lower row,
    lower = [it for it in band if it.mid >= cut - TIE_PT]  # whichever reader placed it
    if not upper or not lower:
        return [band]
    return _split(upper) + _split(lower)


def _is_fragment(band: list[Item]) -> bool:
    """A band of one name's leftover line: text in one column, no figure, no ordinal, no total."""
    if len({it.col for it in band}) != 1:
        return False
    segs = [s for it in band for s in it.segs]
    return not any(s.is_number or s.has_ordinal or _is_total(s) for s in segs)


def _join_fragments(bands: list[list[Item]], lh: float, settings: TextTableSettings) -> list[list[Item]]:
    out = list(bands)
    i = 0
    while i < len(out):
        band = out[i]
        if len(out) > 1 and _is_fragment(band):
            top, bottom = min(it.top for it in band), max(it.bottom for it in band)
            gap_up = top - max(it.bottom for it in out[i - 1]) if i > 0 else None
            gap_down = min(it.top for it in out[i + 1]) - bottom if i + 1 < len(out) else None
            near = [(g, j) for g, j in ((gap_up, i - 1), (gap_down, i + 1))
                    if g is not None and g <= settings.wrap_gap * lh]
            if near:
                _, j = min(near)
                out[j] = out[j] + band
                del out[i]
                continue
        i += 1
    return out
