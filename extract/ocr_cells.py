"""A recognised box that holds two cells' text (a table without vertical rules, read by the detector as
one line): its text shared among the stretches of ink it covers (extract.ocr_ink.ink_pieces), or, where
dust in the blank left the ink whole, split where the text shows two cells."""
from __future__ import annotations

import re
from collections.abc import Sequence

from extract.model import Word
from extract.ocr_text import AMOUNT, AMOUNT_2, IDEOGRAPHS, weight

_AT_FIGURE = frozenset("0123456789.,-%")
SAME_KIND_CUT = 1.0  # what a cut between two digits or two Chinese characters costs, in half-em units
_FIGURE = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|-?\d+\.\d{1,2}")


def _cuts(text: str) -> list[int]:
    """Where two cells' texts may meet in `text` (before text[j]): at a space, where a figure or code
    begins or ends, between two Chinese characters (two header labels: 公务用车购置|公务用车运行; such a
    cut costs SAME_KIND_CUT, as one between digits). The blank a mark prints beside it (after 、, inside
    （境）) never parts a label, nor is anything inside a figure parted (603.14, 2,940.05: a figure's two
    decimals end it, 641.58|302)."""
    inside = {k for m in _FIGURE.finditer(text) for k in range(m.start() + 1, m.end())}
    return [j for j in range(1, len(text)) if j not in inside and (
        text[j - 1].isspace() or text[j].isspace() or text[j - 1] in _AT_FIGURE or text[j] in _AT_FIGURE
        or (_IDEOGRAPH.match(text[j - 1]) and _IDEOGRAPH.match(text[j])))]


_IDEOGRAPH = re.compile(f"[{IDEOGRAPHS}]")


# Marks whose glyph prints a blank beside its ink: before an opening one, after a closing one.
_OPENING = frozenset("（(“‘《〈【[")
_CLOSING = frozenset("）)”’》〉】]、，。：；！？")


def share_text(text: str, pieces: Sequence[tuple[float, float]]) -> list[tuple[str, float, float]]:
    """A box's text shared among the stretches of ink it covers (extract.ocr_ink.ink_pieces), left to
    right: each run of characters takes a run of pieces whose extent best matches the characters'
    widths (`weight`), cut only at _cuts; spaces at a cut dropped; [(text, x0, x1)]. Pieces
    no cut falls between (the blank after 、) stay one word."""
    text = text.strip()
    if len(pieces) < 2 or not text:
        return [(text, pieces[0][0], pieces[-1][1])] if pieces and text else []
    cum = [0.0]
    for ch in text:
        cum.append(cum[-1] + weight(ch))
    unit = sum(b - a for a, b in pieces) / sum(weight(ch) for ch in text if not ch.isspace())  # ink only
    n, m = len(text), len(pieces)
    inf = float("inf")
    # A blank between pieces is evidence of a cell's end, unless a mark beside it prints it (the blank
    # after 、, outside （境）): where the text lies at each blank, by the widths of the ink before it.
    evidence = []
    for q in range(m - 1):
        w = sum(b - a for a, b in pieces[:q + 1]) / unit
        t = max(1, min(n - 1, next((t for t in range(1, n) if cum[t + 1] > w), n - 1)))  # text[:t] ≤ w < text[:t+1]
        marked = any(text[u - 1] in _CLOSING or text[u] in _OPENING for u in (t, t + 1) if u < n)
        evidence.append(0.0 if marked else pieces[q + 1][0] - pieces[q][1])

    def cost(i: int, j: int, k: int, kk: int) -> float:  # text[i:j] over pieces k … kk-1
        part = text[i:j]
        if not part.strip():
            return inf
        lead, trail = len(part) - len(part.lstrip()), len(part) - len(part.rstrip())
        # (a blank joined into one word counts twice: in the width, and as evidence against it)
        return abs((cum[j - trail] - cum[i + lead]) * unit - (pieces[kk - 1][1] - pieces[k][0])) + sum(evidence[k:kk - 1])

    cuts = _cuts(text) + [n]

    def penalty(j: int) -> float:
        # A cut inside a run of digits (a figure against a code: "641.58302") or of Chinese characters
        # only where the widths say so clearly; where digits meet Chinese or a space, the text changes.
        if j == n or text[j - 1].isspace() or text[j].isspace() or (text[j - 1] in _AT_FIGURE) != (text[j] in _AT_FIGURE):
            return 0.0
        return SAME_KIND_CUT * unit

    best: dict[tuple[int, int], tuple[float, int, int]] = {(0, 0): (0.0, -1, -1)}  # (chars, pieces) -> cost, from
    for k in range(m):
        for i in [0] + cuts:
            if (i, k) not in best:
                continue
            for kk in range(k + 1, m + 1):
                for j in (c for c in cuts if c > i) if kk < m else (n,):
                    c = best[(i, k)][0] + cost(i, j, k, kk) + penalty(j)
                    if c < best.get((j, kk), (inf, -1, -1))[0]:
                        best[(j, kk)] = (c, i, k)
    if best.get((n, m), (inf,))[0] == inf:
        return [(text, pieces[0][0], pieces[-1][1])]
    out, state = [], (n, m)
    while state != (0, 0):
        _c, i, k = best[state]
        out.append((text[i:state[0]].strip(), pieces[k][0], pieces[state[1] - 1][1]))
        state = (i, k)
    return out[::-1]


# Two cells of a table without vertical rules read as one word where the ink shows no blank between them
# (extract.ocr_ink.ink_pieces: a speck of dust in the blank): a figure and the enumerated label of the
# next column ("19261822.52一、一般公共服务支出"), a label and its figure ("八、其他收入2.64"), a figure of
# two decimals and the next column's code, the speck perhaps read as a mark ("44.48~30211",
# "320367.04.30301").
_FIGURE_THEN_LABEL = re.compile(rf"^({AMOUNT})([一二三四五六七八九十]+、.+)$")
_LABEL_THEN_FIGURE = re.compile(rf"^([一二三四五六七八九十]+、[^\d]+)({AMOUNT_2})$")
_FIGURE_THEN_CODE = re.compile(rf"^({AMOUNT_2})[~～_·.]?(\d{{3}}|\d{{5}}|\d{{7}})$")


def split_cells(words: list[Word]) -> list[Word]:
    """Words holding two cells' text split in two, each its share of the box, half a character apart
    (the rule-less table reader then sees two columns)."""
    out = []
    for w in words:
        m = _FIGURE_THEN_LABEL.match(w.text) or _LABEL_THEN_FIGURE.match(w.text) or _FIGURE_THEN_CODE.match(w.text)
        if not m:
            out.append(w)
            continue
        left, right = m.group(1), m.group(2)
        wl, wr = sum(map(weight, left)), sum(map(weight, right))
        unit = (w.x1 - w.x0) / (wl + wr + 1)
        out.append(Word(left, w.x0, w.top, w.x0 + wl * unit, w.bottom, w.conf))
        out.append(Word(right, w.x1 - wr * unit, w.top, w.x1, w.bottom, w.conf))
    return out
