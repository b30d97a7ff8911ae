"""The text detector run only where a page has ink: RapidOCR's own preprocessing, model and
post-processing, but the model given the part of the page (at the detector's scale) that holds ink, with a
margin of blank paper, instead of the whole page. The ink of a filing's page covers about half of it
(a table's lower half, a short text page), and the detector's cost grows with the pixels it is given.

The part is cut on the detector's own 32-pixel grid (the model's largest stride), so each pixel is seen
at the same place in the model's strided grid as in the whole page; outside it the probability map is
zero (no text), as the model finds on blank paper. Within `margin` pixels of blank around the ink the
network's view of the page is what it was (its convolutions read white paper there either way); past
the margin it sees the cut's zero padding, far from any text."""
from __future__ import annotations

import numpy as np

from extract.ocr_image import INK

GRID = 32  # the detector's input is a multiple of this, its largest stride
MARGIN = 64  # pixels at the detector's scale: blank paper kept around the ink


def ink_window(grey: np.ndarray, shape: tuple[int, int], margin: int = MARGIN) -> tuple[int, int, int, int] | None:
    """The window (top, bottom, left, right) of the detector's input of `shape` (height, width, a
    multiple of GRID) that holds the ink of `grey` (the page the input was resized from) and `margin`
    pixels around it, on the GRID; None when the page holds no ink."""
    ys, xs = np.nonzero(grey.min(axis=1) < INK)[0], np.nonzero(grey.min(axis=0) < INK)[0]
    if not len(ys) or not len(xs):
        return None
    fy, fx = shape[0] / grey.shape[0], shape[1] / grey.shape[1]

    def span(lo: float, hi: float, size: int) -> tuple[int, int]:
        a = max(0, int(np.floor((lo - margin) / GRID)) * GRID)
        b = min(size, int(np.ceil((hi + margin) / GRID)) * GRID)
        return a, b

    top, bottom = span(ys[0] * fy, (ys[-1] + 1) * fy, shape[0])
    left, right = span(xs[0] * fx, (xs[-1] + 1) * fx, shape[1])
    return top, bottom, left, right


def detect(text_det, image: np.ndarray, margin: int | None = MARGIN) -> list[np.ndarray]:
    """The boxes RapidOCR's detector (`engine().text_det`) finds on `image` (BGR), sorted as
    RapidOCR's auto_text_det sorts them; run on the ink's window only (`margin`; None: the whole
    input, as RapidOCR runs it)."""
    from rapidocr_onnxruntime.main import RapidOCR

    shape = image.shape[:2]
    x = text_det.get_preprocess(max(shape))(image)  # resized to multiples of GRID, normalised
    if x is None:
        return []
    window = None if margin is None else ink_window(image[..., 0], x.shape[2:], margin)
    if window is None and margin is not None:
        return []
    if window is None or window == (0, x.shape[2], 0, x.shape[3]):
        preds = text_det.infer(x)[0]
    else:
        top, bottom, left, right = window
        preds = np.zeros((x.shape[0], 1, x.shape[2], x.shape[3]), np.float32)
        preds[:, :, top:bottom, left:right] = text_det.infer(np.ascontiguousarray(x[:, :, top:bottom, left:right]))[0]
    boxes, _scores = text_det.postprocess_op(preds, shape)
    boxes = text_det.filter_tag_det_res(boxes, shape)
    return list(RapidOCR.sorted_boxes(boxes)) if len(boxes) else []
