"""Small geometry helpers on page boxes, in one place (each has a unit test in tests/extract/).

Coordinates are PDF points, origin at the page's top-left: a box is (x0, top, x1, bottom), and an
interval is (start, end) on one axis. Characters are pdfplumber dicts with x0/x1/top/bottom.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom
Interval = tuple[float, float]


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Length of the intersection of [a0, a1] and [b0, b1] (negative: the gap between them)."""
    return min(a1, b1) - max(a0, b0)


def overlap_share(a0: float, a1: float, b0: float, b1: float) -> float:
    """The intersection as a share of the shorter interval (1.0: one holds the other)."""
    shorter = min(a1 - a0, b1 - b0) or 1.0
    return overlap(a0, a1, b0, b1) / shorter


def center(a0: float, a1: float) -> float:
    return (a0 + a1) / 2


def char_center(ch: dict) -> tuple[float, float]:
    return (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2


def contains(box: BBox, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def inside_any(ch: dict, boxes: Iterable[BBox]) -> bool:
    """Whether a character's centre lies in one of the boxes."""
    cx, cy = char_center(ch)
    return any(contains(b, cx, cy) for b in boxes)


def union(boxes: Iterable[BBox]) -> BBox:
    """The smallest box holding all the boxes (at least one)."""
    x0s, tops, x1s, bottoms = zip(*boxes)
    return min(x0s), min(tops), max(x1s), max(bottoms)


def chars_bbox(chars: list[dict]) -> BBox:
    return (min(c["x0"] for c in chars), min(c["top"] for c in chars),
            max(c["x1"] for c in chars), max(c["bottom"] for c in chars))


def merge_close(values: Iterable[float], tolerance: float) -> list[float]:
    """Sorted values with those closer than `tolerance` to the previous kept one dropped (rules a point
    apart are one rule)."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def interval_index(edges: list[float], v: float, slack: float = 0.0) -> int:
    """Index of the interval [edges[i], edges[i+1]] holding v, clamped to the first and last."""
    i = bisect_right(edges, v + slack) - 1
    return max(0, min(i, len(edges) - 2))


def interval_at(edges: list[float], v: float, slack: float = 0.5) -> int | None:
    """Index of the first interval of `edges` holding v (within `slack` of its ends), or None."""
    for k in range(len(edges) - 1):
        if edges[k] - slack <= v <= edges[k + 1] + slack:
            return k
    return None


def between(boxes: Iterable, top: float, bottom: float, slack: float = 1.0) -> list:
    """The objects with top/bottom (lines, tables) that lie between `top` and `bottom`."""
    return [b for b in boxes if b.top >= top - slack and b.bottom <= bottom + slack]


def best_overlap(interval: Interval, edges: list[float]) -> tuple[int | None, float]:
    """The interval of `edges` that overlaps `interval` most, and by how much (None, 0 if none does)."""
    best, best_len = None, 0.0
    for k in range(len(edges) - 1):
        ov = overlap(interval[0], interval[1], edges[k], edges[k + 1])
        if ov > best_len:
            best, best_len = k, ov
    return best, best_len


def boundaries(extents: list[Interval], lo: float, hi: float) -> list[float]:
    """Edges between consecutive, non-overlapping extents (sorted by start): the midpoints of the gaps,
    with `lo` and `hi` outside. The columns of a table without rules get their edges this way."""
    edges = [lo]
    for (_a0, a1), (b0, _b1) in zip(extents, extents[1:]):
        edges.append((a1 + b0) / 2)
    edges.append(hi)
    return edges
