"""The recogniser run on crops as the OCR reader runs it (extract/ocr_rec.py): the widths it gives a crop,
what a crop becomes for the model, and what it reads on crops cut from page 15 of the 普陀区财政局 filing
(一般公共预算财政拨款支出决算表), rendered at 200 dpi as the reader renders a scan. The texts are typed from
that page as printed."""
from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pytest

from extract.ocr_rec import HEIGHT, MIN_WIDTH, crop_width, normalise, read_crops
from tests.conftest import FILINGS

FILING = FILINGS / "上海市普陀区财政局2024年度部门决算.pdf"
PAGE = 15


def test_a_crop_takes_the_width_its_shape_gives_at_the_models_height():
    assert crop_width((40, 100, 3)) == 120  # 100 × 48 / 40
    assert crop_width((41, 100, 3)) == 118  # 117.07…, rounded up as RapidOCR rounds
    assert crop_width((40, 5, 3)) == MIN_WIDTH  # a sliver: the model's least width


def test_a_crop_is_scaled_channels_first_to_minus_one_and_one():
    crop = np.full((24, 50, 3), 255, np.uint8)
    crop[:, :10] = 0
    x = normalise(crop, 100)
    assert x.shape == (3, HEIGHT, 100)
    assert x.dtype == np.float32
    assert x[:, :, :18].max() == -1.0  # black: the first fifth of the crop, doubled in width
    assert x[:, :, 22:].min() == 1.0  # white


@pytest.fixture(scope="module")
def page15():
    """Page 15 rendered at 200 dpi, as BGR, and the engine (loaded once)."""
    from extract.ocr import engine

    doc = pdfium.PdfDocument(str(FILING))
    bitmap = doc[PAGE - 1].render(scale=200 / 72, grayscale=True)
    grey = np.array(bitmap.to_numpy(), copy=True)
    doc.close()
    return np.repeat(grey[:, :, None], 3, axis=2), engine()


def _crop(image: np.ndarray, x0: float, top: float, x1: float, bottom: float) -> np.ndarray:
    """The crop of a box given in points, padded by 3 points as the detector pads its boxes."""
    s = 200 / 72
    return np.ascontiguousarray(image[int((top - 3) * s):int((bottom + 3) * s), int((x0 - 3) * s):int((x1 + 3) * s)])


def _boxes(words: list[str]) -> list[tuple[float, float, float, float]]:
    import pdfplumber

    with pdfplumber.open(FILING) as pdf:
        found = pdf.pages[PAGE - 1].extract_words()
    return [next((w["x0"], w["top"], w["x1"], w["bottom"]) for w in found if w["text"] == text) for text in words]


@pytest.mark.parametrize("batch", [1, 3])
def test_the_figures_and_labels_of_page_15_are_read_in_their_order(page15, batch):
    image, eng = page15
    texts = ["1,511.89", "2,940.05", "行政运行", "603.14", "购房补贴"]
    crops = [_crop(image, *box) for box in _boxes(texts)]
    read = read_crops(eng.text_rec, crops, batch=batch, min_width=240)
    assert [t.strip() for t, _conf in read] == texts  # (a rule at a crop's edge may read as a space: normalize_text strips it)
    assert all(conf > 0.9 for _t, conf in read)
