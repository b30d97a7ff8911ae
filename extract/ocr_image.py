"""What a page image shows besides its words: the rules drawn on it (as pdfplumber edges), how far it
was turned on the scanner (and turned back), and where a word's box overruns a rule."""
from __future__ import annotations

import numpy as np

from extract.model import Word

INK = 180  # a pixel darker than this (0–255 grey) is ink, for the rules
H_RULE_MIN = 15.0  # a horizontal rule is a dark run at least this long (points): longer than a Chinese character
V_RULE_MIN = 14.0  # a vertical one: longer than a character's strokes (12 pt type), shorter than a row
SOLID = 3.0  # a run thicker than this (points) is a filled box: its two sides are rules



def rule_masks(image: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """The pixels of the horizontal and of the vertical rules drawn on a page image (uint8 masks):
    runs of ink at least H_RULE_MIN or V_RULE_MIN points long, kept by a morphological opening."""
    import cv2

    ink = (image < INK).astype(np.uint8)
    out = []
    for orientation, min_pt in (("h", H_RULE_MIN), ("v", V_RULE_MIN)):
        n = max(3, int(round(min_pt / scale)))
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (n, 1) if orientation == "h" else (1, n))
        out.append(cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel))
    return out[0], out[1]


def find_rules(image: np.ndarray, scale: float, masks: tuple[np.ndarray, np.ndarray] | None = None) -> list[dict]:
    """The rules drawn on a page image (`masks`: its rule_masks, if known), as pdfplumber edges in
    points: one edge along the middle of each thin run, two along the sides of a thick one (a filled
    box)."""
    import cv2

    edges: list[dict] = []
    for orientation, mask in zip(("h", "v"), masks or rule_masks(image, scale)):
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        for x, y, w, h, _area in stats[1:count]:
            x0, top, x1, bottom = float(x * scale), float(y * scale), float((x + w) * scale), float((y + h) * scale)
            if orientation == "h":
                ys = [(top + bottom) / 2] if bottom - top <= SOLID else [top, bottom]
                edges += [_edge("h", x0, y_, x1, y_) for y_ in ys]
            else:
                xs = [(x0 + x1) / 2] if x1 - x0 <= SOLID else [x0, x1]
                edges += [_edge("v", x_, top, x_, bottom) for x_ in xs]
    return edges


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
            "height": bottom - top, "orientation": orientation, "object_type": "line"}


def skew_angle(image: np.ndarray, limit: float = 3.0) -> float:
    """The angle (degrees, counter-clockwise positive as cv2 rotates) by which a scanned page is
    turned: the rotation that makes its rows of ink sharpest (the largest variance of the ink per pixel
    row), searched in 0.1° steps up to ±limit and then in 0.02° steps, on a copy ~1000 px wide.

    Each angle's rows are counted from the ink pixels' coordinates, turned (each pixel's ink shared
    between the two rows it falls between, as a bilinear warp of the image shares it): the same angles
    as turning the whole copy by cv2.warpAffine 72 times, at a sixth of the cost."""
    import cv2

    ink = (image < INK).astype(np.float32)
    shrink = min(1.0, 1000 / ink.shape[1])
    if shrink < 1:
        ink = np.asarray(cv2.resize(ink, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA), np.float32)
    if ink.sum() < 50:
        return 0.0
    h, w = ink.shape
    ys, xs = np.nonzero(ink)
    weights = ink[ys, xs].astype(np.float64)
    dx, dy = xs - w / 2, ys - h / 2  # about the centre, as cv2.getRotationMatrix2D turns

    def sharpness(angle: float) -> float:
        r = np.deg2rad(angle)
        y = -np.sin(r) * dx + np.cos(r) * dy + h / 2  # the row each pixel lands on
        row = np.floor(y)
        below = y - row
        row = row.astype(np.int64)
        inside = (row >= 0) & (row < h - 1)
        row, below, wt = row[inside], below[inside], weights[inside]
        rows = np.bincount(row, wt * (1 - below), minlength=h) + np.bincount(row + 1, wt * below, minlength=h)
        return float(rows[:h].var())

    coarse = max(np.arange(-limit, limit + 1e-9, 0.1), key=sharpness)
    return float(max(np.arange(coarse - 0.1, coarse + 0.1 + 1e-9, 0.02), key=sharpness))


def deskew(image: np.ndarray) -> tuple[np.ndarray, float]:
    """The page turned upright (about its centre, white filling the corners) and the angle it was
    turned by; a page within 0.05° of upright is returned as it is."""
    import cv2

    angle = skew_angle(image)
    if abs(angle) < 0.05:
        return image, 0.0
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255), angle


STROKE_MARGIN = 0.25  # of a line's height: how far past its line of text a character's stroke may reach


def drop_strokes(edges: list[dict], words: list[Word]) -> list[dict]:
    """The rules without the vertical strokes of large characters (a 16 pt title's strokes are longer
    than V_RULE_MIN): a vertical run across a recognised word, no taller than the word's line, is part of
    a character. A table's rule runs the height of its row or more, past the line of text."""
    def stroke(e: dict) -> bool:
        return e["orientation"] == "v" and any(
            w.x0 < e["x0"] < w.x1 and e["top"] >= w.top - STROKE_MARGIN * (w.bottom - w.top)
            and e["bottom"] <= w.bottom + STROKE_MARGIN * (w.bottom - w.top) for w in words)
    return [e for e in edges if not stroke(e)]


CLIP_SHARE = 0.3  # a word reaching less than this share of its width past a rule is cut back to the rule


def clip_to_rules(words: list[Word], v_edges: list[dict]) -> list[Word]:
    """Words cut back to the vertical rule they overrun by a little: the detector's box of a figure
    printed against a rule can reach past it, and the characters spread over the box would put its last
    digit in the next cell. A word reaching far past a rule (two cells' text read as one) is left whole:
    its characters fall on either side."""
    out = []
    for w in words:
        middle = (w.top + w.bottom) / 2
        width = w.x1 - w.x0
        x0, x1 = w.x0, w.x1
        for e in v_edges:
            if not (e["top"] <= middle <= e["bottom"] and x0 < e["x0"] < x1):
                continue
            if e["x0"] - x0 < CLIP_SHARE * width:
                x0 = e["x0"]
            elif x1 - e["x0"] < CLIP_SHARE * width:
                x1 = e["x0"]
        out.append(w if (x0, x1) == (w.x0, w.x1) else Word(w.text, x0, w.top, x1, w.bottom, w.conf))
    return out
