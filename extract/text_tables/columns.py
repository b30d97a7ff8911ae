"""Columns of a table without rules: figures and codes of the body and the header's lowest labels
cluster by horizontal overlap; the body's other text joins the column it overlaps or forms text columns
of its own; boundaries lie in the gaps, placed by the columns' centred labels where they tell."""
from __future__ import annotations

from extract.geometry import overlap
from extract.segments import Segment
from extract.text_tables.settings import Column
from reference.statements import NUMBERING_ROW


def _leaves(header: list[Segment]) -> list[Segment]:
    """Header segments with nothing printed under them: the lowest label of each column (a group label
    over columns that lies over none of their labels is a leaf too, and joins the body's column under
    it, or stands for no column at all: see _figure_columns)."""
    # 栏次 labels the row that numbers the columns: it heads no column (it is printed across the code and
    # name columns, or in the label column of a two-sided table).
    return [s for s in header if s.squashed != NUMBERING_ROW
            and not any(t is not s and t.top >= s.bottom - 1 and overlap(s.x0, s.x1, t.x0, t.x1) > 0 for t in header)]


def _cluster(segs: list[Segment]) -> list[Column]:
    cols: list[Column] = []
    for s in sorted(segs, key=lambda s: s.x0):
        if cols and s.x0 <= cols[-1].x1 + 0.5:
            cols[-1].segs.append(s)
            cols[-1].numeric = cols[-1].numeric or s.is_number
        else:
            cols.append(Column([s], s.is_number))
    return cols


def _figure_columns(figures: list[Column], header: list[Segment], body: list[Segment], pad: float) -> list[Column]:
    """Columns of figures joined with the header's lowest labels ("leaves").

    A leaf with lower labels beside it within its own width is a group label (收入 over 项目 | 行次 |
    决算数, 支出 over 合计 | 一般公共预算…) lying over none of its columns' own labels: it heads no
    column by itself. Any other leaf over a column of figures heads it. A column of figures still
    without one (right-aligned figures under a centred 栏次 number or a short label) takes the nearest
    leaf whose cell — as wide on each side of the label's centre as the figures' aligned edge makes
    it — holds the figures and nothing else of the body. The leaves left over (group labels aside) are
    the columns that print no figure."""
    leaves = _leaves(header)
    header_top = min((s.top for s in header), default=0.0)

    def grouping(leaf: Segment) -> bool:
        lower = [t for t in header if t is not leaf and t.top >= leaf.bottom - 1]
        if any(overlap(2 * leaf.x0 - leaf.x1, 2 * leaf.x1 - leaf.x0, t.x0, t.x1) > 0 for t in lower):
            return True  # lower labels within its own width beside it
        # In the header's top row, with lower labels on either side of it (收入 over 项目 | 行次 | 决算数)
        return (leaf.top <= header_top + 0.5 * leaf.height and any(t.center < leaf.x0 for t in lower)
                and any(t.center > leaf.x1 for t in lower))

    def holds_only(c: Column, x0: float, x1: float) -> bool:
        # (2 points of slack: the padding of a cell is a guess; a name running on from the cell on the
        # left, into an empty cell, is no content of this one)
        return x0 <= c.x0 and c.x1 <= x1 and not any(
            t not in c.segs and overlap(x0, x1, t.x0, t.x1) > 2 and (t.is_number or t.x0 > x0 - 2) for t in body)

    def fits(leaf: Segment, c: Column) -> bool:
        return (overlap(leaf.x0, leaf.x1, c.x0, c.x1) > 0
                or holds_only(c, 2 * leaf.center - c.x1 - pad, c.x1 + pad)  # figures right-aligned
                or holds_only(c, c.x0 - pad, 2 * leaf.center - c.x0 + pad))  # or left-aligned

    groups = {id(leaf) for leaf in leaves if grouping(leaf)}
    free = list(leaves)
    headed: set[int] = set()
    for leaf in sorted(leaves, key=lambda s: s.x0):
        hit = [c for c in figures if overlap(leaf.x0, leaf.x1, c.x0, c.x1) > 0]
        if id(leaf) not in groups and len(hit) == 1 and id(hit[0]) not in headed:
            hit[0].segs.append(leaf)
            headed.add(id(hit[0]))
            free.remove(leaf)
    for c in figures:
        if id(c) in headed:
            continue
        near = [leaf for leaf in free if fits(leaf, c)]
        if near:
            leaf = min(near, key=lambda leaf: (id(leaf) in groups, abs(leaf.center - (c.x0 + c.x1) / 2)))
            c.segs.append(leaf)
            free.remove(leaf)
    return sorted(figures + _cluster([leaf for leaf in free if id(leaf) not in groups]), key=lambda c: c.x0)


def columns(header: list[Segment], body: list[Segment], pad: float) -> tuple[list[Column], dict[int, int]]:
    """The table's columns, left to right, and the column of every body segment (by id)."""
    cols = _figure_columns(_cluster([s for s in body if s.is_number]), header, body, pad)
    spanning: list[Segment] = []
    pending: list[Segment] = []
    for s in body:
        if s.is_number:
            continue
        hit = [c for c in cols if overlap(s.x0, s.x1, c.x0, c.x1) > 0]
        if len(hit) == 1 and not hit[0].numeric:
            hit[0].segs.append(s)
        elif hit:  # text over a column of figures or codes (a centred 合计) never widens that column
            spanning.append(s)
        else:
            pending.append(s)
    cols = sorted(cols + _cluster(pending), key=lambda c: c.x0)
    # Names run through the pieces of their column (short names under one label, long ones across the
    # next): text that bridges columns holding no figures joins them. Text over a column of figures is
    # a centred 合计 or a name overflowing into an empty cell: it stays where it starts.
    for s in spanning:
        hit = [c for c in cols if overlap(s.x0, s.x1, c.x0, c.x1) > 0]
        if len(hit) > 1 and not any(c.numeric for c in hit):
            keep = hit[0]
            for c in hit[1:]:
                keep.segs.extend(c.segs)
                cols.remove(c)
            keep.segs.append(s)
    spanning = [s for s in spanning if not any(s is t for c in cols for t in c.segs)]
    merged: list[Column] = []
    for c in sorted(cols, key=lambda c: c.x0):
        # (a column of codes and the names beside it may touch: one column only where they truly overlap)
        if merged and not (c.numeric and merged[-1].numeric) and (
                overlap(c.x0, c.x1, merged[-1].x0, merged[-1].x1) > 0.3 * min(c.x1 - c.x0, merged[-1].x1 - merged[-1].x0)
                if c.numeric or merged[-1].numeric else c.x0 <= merged[-1].x1 + 0.5):
            merged[-1].segs.extend(c.segs)
            merged[-1].numeric = merged[-1].numeric or c.numeric
        else:
            merged.append(c)
    body_ids = {id(s) for s in body}
    for c in merged:
        c.body = any(id(s) in body_ids for s in c.segs)
    where = {id(s): i for i, c in enumerate(merged) for s in c.segs}
    for s in spanning:  # where it starts
        where[id(s)] = next((i for i, c in enumerate(merged) if s.x0 < c.x1), len(merged) - 1)
    return merged, where


def edges(cols: list[Column], labels: list[list[Segment]], rough: list[float], pad: float) -> list[float]:
    """Column boundaries. Between a name (left-aligned) and figures (right-aligned) the boundary can lie
    anywhere in the gap; a column's own centred label tells where its cell ends: a figures column ends
    just right of its figures, so it starts as far left of its label's centre; a name column starts just
    left of its names, so it ends as far right of its label's centre. The middle of the gap otherwise."""
    n = len(cols)
    left = [c.x0 - pad for c in cols]
    right = [c.x1 + pad for c in cols]
    known_left, known_right = [False] * n, [False] * n
    for k, c in enumerate(cols):
        if not c.body:
            continue  # a column only its label shows: nothing fixes either side of its cell
        inside = [lab for lab in labels if rough[k] - 1 <= min(s.x0 for s in lab)
                  and max(s.x1 for s in lab) <= rough[k + 1] + 1]
        if not inside:
            continue
        lab = max(inside, key=lambda lab: max(s.bottom for s in lab))
        mid = (min(s.x0 for s in lab) + max(s.x1 for s in lab)) / 2
        if c.numeric:
            left[k], known_left[k] = 2 * mid - right[k], True
        else:
            right[k], known_right[k] = 2 * mid - left[k], True
    # The outermost boundaries too: a first column of figures under a centred label starts left of its
    # content (the table's left edge is not where its first figure begins).
    edges = [min(rough[0], left[0]) if known_left[0] else rough[0]]
    for k in range(n - 1):
        guesses = [g for g, known in ((right[k], known_right[k]), (left[k + 1], known_left[k + 1])) if known]
        b = sum(guesses) / len(guesses) if guesses else rough[k + 1]
        edges.append(min(max(b, cols[k].x1), cols[k + 1].x0))
    edges.append(max(rough[-1], right[-1]) if known_right[-1] else rough[-1])
    return edges
