"""The header of a table without rules: wrapped header lines are joined into labels; each label heads
the run of columns it is centred over, inside its parent label's run and beside its own row's labels."""
from __future__ import annotations

from extract.geometry import overlap
from extract.segments import Segment, SegmentSettings, split_line
from extract.text_tables.settings import TextTableSettings


def split_touching(header: list[Segment], edges: list[float], settings: TextTableSettings) -> list[Segment]:
    """Two wrapped header cells that fill their narrow columns edge to edge print their first lines as
    one run ("政府性基金预算财政拨国有资本经营预算财政"): a header segment over two or more columns with
    the wrapped lines of two labels right under it, in different columns, is cut at the column edges
    between them."""
    out: list[Segment] = []
    for s in header:
        under = [t for t in header if t is not s and 0 <= t.top - s.bottom <= settings.label_gap * s.height + 0.5
                 and s.x0 - 1 <= t.x0 and t.x1 <= s.x1 + 1]
        by_col: dict[int, list[Segment]] = {}
        for t in under:
            by_col.setdefault(next((k for k in range(len(edges) - 1) if t.center <= edges[k + 1]), len(edges) - 2),
                              []).append(t)
        if len(by_col) < 2:
            out.append(s)
            continue
        # Each label's lines are centred alike: cut halfway between the centres of the lines under it.
        centres = [sum(t.center for t in ts) / len(ts) for _, ts in sorted(by_col.items())]
        cuts = [(a + b) / 2 for a, b in zip(centres, centres[1:])]
        pieces: list[list[dict]] = [[] for _ in range(len(cuts) + 1)]
        for ch in s.chars:
            pieces[sum(1 for x in cuts if (ch["x0"] + ch["x1"]) / 2 > x)].append(ch)
        out.extend(split_line(p, s.line, SegmentSettings(segment_gap=3.0))[0] for p in pieces if p)
    return out


def labels(header: list[Segment], edges: list[float], lh: float, settings: TextTableSettings) -> list[list[Segment]]:
    """Header segments joined into labels: the wrapped lines of one cell (over the same columns, close,
    aligned) and the pieces of one line over the same columns."""
    n = len(edges) - 1

    def under(x0: float, x1: float) -> tuple[int, ...]:
        """The columns whose middle the text covers, or the one under its centre."""
        cols = tuple(k for k in range(n) if x0 <= (edges[k] + edges[k + 1]) / 2 <= x1)
        if cols:
            return cols
        c = (x0 + x1) / 2
        return (next((k for k in range(n) if c <= edges[k + 1]), n - 1),)

    labels: list[list[Segment]] = []
    for s in sorted(header, key=lambda s: (s.top, s.x0)):
        cols = under(s.x0, s.x1)
        for lab in labels:
            x0, x1 = min(t.x0 for t in lab), max(t.x1 for t in lab)
            last = max(lab, key=lambda t: t.bottom)
            if under(x0, x1) != cols and not (s.x1 - s.x0 < x1 - x0 and set(cols) <= set(under(x0, x1))):
                continue  # (the last line of a wrapped label may be shorter: over fewer columns)
            same_line = overlap(last.top, last.bottom, s.top, s.bottom) > 0.5 * lh
            aligned = abs((x0 + x1) / 2 - s.center) <= 2.5 or abs(x0 - s.x0) <= 2 or (x0 - 1 <= s.x0 and s.x1 <= x1 + 1)
            if same_line or (0 <= s.top - last.bottom + 0.5 <= settings.label_gap * s.height + 0.5 and aligned):
                lab.append(s)
                break
        else:
            labels.append([s])
    return labels


def spans(labels: list[list[Segment]], edges: list[float], settings: TextTableSettings) -> list[tuple[int, int]]:
    """The run of columns each label heads. Labels are placed top-down; a label heads a run inside the
    run of the label above it (its parent: the whole table for the top row) and beside, never across,
    the labels of its own row. Of those runs it takes the widest it is centred over (a group label,
    收入 over 项目 | 决算数, is centred over its group and over its middle columns alike), or, centred
    over none, the one whose middle is nearest its centre."""
    boxes = [(min(s.x0 for s in lab), min(s.top for s in lab), max(s.x1 for s in lab), max(s.bottom for s in lab))
             for lab in labels]
    n = len(edges) - 1

    def minimal(b) -> tuple[int, int]:
        """The columns whose middle the label covers, or the one under its centre."""
        hit = [k for k in range(n) if b[0] <= (edges[k] + edges[k + 1]) / 2 <= b[2]]
        if not hit:
            c = (b[0] + b[2]) / 2
            hit = [next((k for k in range(n) if c <= edges[k + 1]), n - 1)]
        return hit[0], hit[-1]

    mins = [minimal(b) for b in boxes]
    placed: dict[int, tuple[int, int]] = {}
    for i in sorted(range(len(labels)), key=lambda i: (boxes[i][1], boxes[i][0])):
        b, (m0, m1) = boxes[i], mins[i]
        beside = [j for j in range(len(labels)) if j != i and overlap(b[1], b[3], boxes[j][1], boxes[j][3]) > 0]
        above = [placed[j] for j in placed if j not in beside]
        parents = [r for r in above if r[0] <= m0 and m1 <= r[1]]
        lo, hi = min(parents, key=lambda r: r[1] - r[0]) if parents else (0, n - 1)
        for j in beside:  # the columns a label of this row holds (or will hold) are not this label's
            o0, o1 = placed.get(j, mins[j])
            if o1 < m0:
                lo = max(lo, o1 + 1)
            elif o0 > m1:
                hi = min(hi, o0 - 1)
        c = (b[0] + b[2]) / 2
        runs = [(abs((edges[a] + edges[z + 1]) / 2 - c), edges[z + 1] - edges[a], (a, z))
                for a in range(lo, min(m0, hi) + 1) for z in range(max(m1, lo), hi + 1)
                if a <= z and _nests((a, z), above)]
        centred = [r for r in runs if r[0] <= max(settings.centre_slack, settings.centre_share * r[1])]
        if centred:
            placed[i] = max(centred, key=lambda r: r[1])[2]
        elif runs:
            placed[i] = min(runs)[2]
        else:
            placed[i] = (m0, m1)
    return [placed[i] for i in range(len(labels))]


def _nests(run: tuple[int, int], above: list[tuple[int, int]]) -> bool:
    """A run lies inside or beside every run above it, never across one."""
    a, z = run
    return all((o0 <= a and z <= o1) or z < o0 or a > o1 for o0, o1 in above)


def levels(labels: list[list[Segment]], lh: float) -> list[int]:
    """Header row of each label: labels whose tops lie within half a line height share a row."""
    tops = sorted({round(min(s.top for s in lab), 1) for lab in labels})
    rows: list[float] = []
    for t in tops:
        if not rows or t - rows[-1] > 0.5 * lh:
            rows.append(t)
    return [max(i for i, r in enumerate(rows) if r <= round(min(s.top for s in lab), 1)) for lab in labels]
