"""The recogniser run on crops of a page as this reader needs it: each crop scaled to the model's 48
pixels of height and to its own width, padded (blank) to `min_width` rather than to RapidOCR's 320 (its
batches start from that width, PaddleOCR's "parameter alignment"): a figure's crop is ~150 pixels wide
at that height, and the model's cost grows with the width it is given (docs/benchmarks.md, issue 25:
~6 ms at 64 pixels, ~27 ms at 320). Some blank to the right of the text matters, though: with none,
"一般公共预" (a header cell of 社会工作部 p.10) lost its first stroke. Crops are read in batches of
equal-ish width (sorted by width), each padded to its widest."""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

HEIGHT = 48  # the recognition model's input height (PP-OCRv4 rec: 3 × 48 × width)
MIN_WIDTH = 16  # pixels: the model reads one step of text per 8 pixels of width; a crop narrower is padded


def crop_width(shape: tuple[int, ...], height: int = HEIGHT) -> int:
    """The width a crop of `shape` (height, width, …) takes when scaled to `height` pixels high."""
    h, w = shape[:2]
    return max(MIN_WIDTH, int(math.ceil(height * w / max(h, 1))))


def normalise(crop: np.ndarray, width: int, height: int = HEIGHT) -> np.ndarray:
    """A crop (BGR uint8) as the model takes it: scaled to `height` × `width`, channels first, grey levels
    mapped to [-1, 1] as RapidOCR maps them."""
    import cv2

    scaled = cv2.resize(crop, (width, height)).astype(np.float32)
    return (scaled.transpose((2, 0, 1)) / 255 - 0.5) / 0.5


def read_crops(recogniser, crops: Sequence[np.ndarray], batch: int = 1, min_width: int = 320) -> list[tuple[str, float]]:
    """What RapidOCR's recogniser (`engine().text_rec`: its ONNX session and CTC decoder) reads on
    each crop, in the crops' order: [(text, confidence)]. `batch` crops at a time, sorted by width, each
    batch padded (zeros, as RapidOCR pads) to its widest and to at least `min_width` pixels."""
    widths = [crop_width(c.shape) for c in crops]
    order = np.argsort(widths, kind="stable")
    out: list[tuple[str, float]] = [("", 0.0)] * len(crops)
    for start in range(0, len(crops), batch):
        ids = order[start:start + batch]
        widest = max(min_width, *(widths[i] for i in ids))
        inputs = np.zeros((len(ids), 3, HEIGHT, widest), np.float32)
        for k, i in enumerate(ids):
            inputs[k, :, :, :widths[i]] = normalise(crops[i], widths[i])
        preds = recogniser.session(inputs)[0]
        ratio = widest / HEIGHT
        decoded = recogniser.postprocess_op(preds, False, wh_ratio_list=[widths[i] / HEIGHT for i in ids],
                                            max_wh_ratio=ratio)
        for k, i in enumerate(ids):
            text, conf = decoded[k][0], decoded[k][1]
            out[i] = (text, float(conf))
    return out
