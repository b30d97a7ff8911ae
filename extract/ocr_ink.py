"""Where the text's ink lies on a page image, to put OCR words where the text layer would put them:
the ink inside a recognised box (its padding trimmed, two cells read as one box parted), and ink no box
covers (a lone column number the detector passed over)."""
from __future__ import annotations

import numpy as np

from extract.ocr_image import INK

FRINGE = 2  # pixels either side of a rule taken as the rule: its anti-aliased edge
# Ink in a box smaller than SPECK_AREA of its height's square, apart from the ink on either side by more
# than SPECK_GAP of that height, is dust, not a character: a minus sign is as small, but lies close to its
# digits (1–4 px at 200 dpi; a box is ~40 px high); a decimal point or a comma is as small and may lie
# as far from them in a wide font, but sits on the line's foot (below BASELINE_SHARE of the text's height).
SPECK_GAP = 0.15
SPECK_AREA = 0.03
BASELINE_SHARE = 0.6
TEXT_ROW_GAP = 0.05  # blank pixel rows inside a line of text, as a share of its box's height
# A blank inside a box wider than this share of the height of its ink (0.9 of a font size for Chinese,
# 0.7 for digits: 0.35–0.45 of a font size, about extract.segments' segment_gap) may part two cells' text
# read as one; extract.ocr_text.share_text decides, from the text, whether it does.
CELL_GAP = 0.5
# The detector's box of a line runs ~1.7 font sizes high: a font size is this share of the median box.
EM_PER_BOX = 0.6
# Ink no box covers is text when it stands between these heights (font sizes: a digit 0.7, a Chinese
# character 0.9; a seal or a drawing is taller) and holds at least this much ink (square font sizes: a
# "1" in 9 pt type holds 0.07; a speck of dust 0.01–0.02).
UNREAD_HEIGHT = (0.4, 1.6)
UNREAD_INK = 0.04
UNREAD_JOIN = 0.5  # font sizes: characters of one word lie closer than this


def text_ink(image: np.ndarray, masks: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """The page's ink (a boolean mask) without its rules (extract.ocr_image.rule_masks) and their
    fringes."""
    import cv2

    rules = cv2.dilate(masks[0] | masks[1], np.ones((2 * FRINGE + 1, 2 * FRINGE + 1), np.uint8))
    return (image < INK) & (rules == 0)


def ink_pieces(ink: np.ndarray, x0: int, top: int, x1: int, bottom: int, speck_before: bool = False,
               speck_after: bool = False) -> tuple[list[tuple[int, int]], tuple[int, int]]:
    """Where the ink (text_ink) lies inside a detected box: the horizontal extents (pixels, end
    exclusive) of its runs of ink, left to right, runs closer than CELL_GAP of the ink's height joined,
    dust at its ends left out ([] if the box holds no ink); and the rows of the line's font size
    (top, bottom): centred on its ink, a font size high (EM_PER_BOX of the box, or the ink's height if
    taller), where the text layer's characters lie (a vertical gap between two lines, a header's label
    and the label under it, is then the gap the text layer shows). `speck_before`, `speck_after`: the engine read
    a speck touching the box's first or last character as a mark (extract.ocr_text.strip_specks), so a
    small first or last run goes too.

    The detector pads its boxes by a fraction of their height on each side (2–4 points at 9 pt type)
    and may take two cells of a table without vertical rules as one box ("641.58" and the next
    column's code "302"); the rule-less table reader needs a word's edges where the text layer would
    put them: a right-aligned figure's box must not reach into the next column."""
    x0, top = max(x0, 0), max(top, 0)
    crop = ink[top:max(bottom, top), x0:max(x1, x0)]
    # The text's rows: the tallest run of inked pixel rows (a speck above it lies apart from it; a blank
    # row or two inside a character does not part it)
    rows = np.flatnonzero(crop.any(axis=1))
    if not len(rows):
        return [], (top, bottom)
    h = bottom - top
    text = max(np.split(rows, np.flatnonzero(np.diff(rows) > 1 + TEXT_ROW_GAP * h) + 1), key=lambda r: r[-1] - r[0])
    ink_h = int(text[-1] - text[0]) + 1
    em = max(ink_h, EM_PER_BOX * h)
    middle = top + (text[0] + text[-1] + 1) / 2
    rows_em = (int(round(middle - em / 2)), int(round(middle + em / 2)))
    lines = crop[text[0]:text[-1] + 1]
    counts = lines.sum(axis=0)
    cols = np.flatnonzero(counts)
    runs = np.split(cols, np.flatnonzero(np.diff(cols) > 1) + 1)  # runs of inked columns

    def dust(k: int) -> bool:
        if counts[runs[k]].sum() >= SPECK_AREA * h * h:
            return False
        if (k == 0 and speck_before) or (k == len(runs) - 1 and speck_after):
            return True  # the engine read it as a mark (it may touch the character beside it)
        left = h if k == 0 else runs[k][0] - runs[k - 1][-1]
        right = h if k == len(runs) - 1 else runs[k + 1][0] - runs[k][-1]
        inked = np.flatnonzero(lines[:, runs[k][0]:runs[k][-1] + 1].any(axis=1))
        on_foot = 0 < k < len(runs) - 1 and inked[0] >= BASELINE_SHARE * ink_h  # a point or a comma
        return min(left, right) > SPECK_GAP * h and not on_foot

    if len(runs) > 1:
        runs = [r for k, r in enumerate(runs) if not dust(k)] or runs
    pieces = [[int(runs[0][0]), int(runs[0][-1]) + 1]]
    for run in runs[1:]:
        if run[0] - pieces[-1][1] > CELL_GAP * ink_h:
            pieces.append([int(run[0]), int(run[-1]) + 1])
        else:
            pieces[-1][1] = int(run[-1]) + 1
    return [(x0 + a, x0 + b) for a, b in pieces], rows_em


def unread_ink(ink: np.ndarray, boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Stretches of text ink no detected box (x0, top, x1, bottom, pixels) covers, as boxes padded as
    the detector pads its own: what the detector passed over (a lone column number "6", a short
    figure), for the recogniser to read. The font size is taken from the boxes (EM_PER_BOX)."""
    import cv2

    if not boxes:
        return []
    em = EM_PER_BOX * float(np.median([b - t for _x0, t, _x1, b in boxes]))
    rest = ink.astype(np.uint8)
    for x0, top, x1, bottom in boxes:
        rest[max(top, 0):max(bottom, 0), max(x0, 0):max(x1, 0)] = 0
    join = max(1, int(UNREAD_JOIN * em))
    joined = cv2.dilate(rest, np.ones((1, join), np.uint8))
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    out = []
    pad = int(round(0.35 * em))
    for x, y, w, h, _area in stats[1:count]:
        inked = int(rest[y:y + h, x:x + w].sum())
        if not UNREAD_HEIGHT[0] * em <= h <= UNREAD_HEIGHT[1] * em or inked < UNREAD_INK * em * em:
            continue
        x0, x1 = x + join // 2, x + w - (join - join // 2)  # the dilation undone (it grows to the right and left)
        out.append((max(x0 - pad, 0), max(y - pad, 0), x1 + pad, y + h + pad))
    return out
