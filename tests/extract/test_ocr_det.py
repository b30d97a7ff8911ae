"""The detector run on the ink's window of a page (extract/ocr_det.py): the window on the detector's grid,
and the boxes it finds on a page of the 普陀区财政局 filing rendered as the reader renders a scan."""
from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium
import pytest

from extract.ocr_det import GRID, detect, ink_window
from tests.conftest import FILINGS

FILING = FILINGS / "上海市普陀区财政局2024年度部门决算.pdf"


def test_the_window_holds_the_ink_and_its_margin_on_the_grid():
    grey = np.full((400, 300), 255, np.uint8)
    grey[100:120, 50:90] = 0
    # the detector's input is the page at 0.8 (320 × 240): ink at rows 80–96, columns 40–72
    assert ink_window(grey, (320, 240), margin=16) == (64, 128, 0, 96)
    assert ink_window(grey, (320, 240), margin=200) == (0, 320, 0, 240)  # clipped to the input
    top, bottom, left, right = ink_window(grey, (320, 240), margin=0)
    assert top % GRID == bottom % GRID == left % GRID == right % GRID == 0
    assert ink_window(np.full((40, 30), 255, np.uint8), (32, 32)) is None


@pytest.fixture(scope="module")
def page():
    """Page 18 (a short table: ink on the top third of the page) at 200 dpi shrunk as
    extract.ocr.recognise shrinks it for the detector, as BGR, and the engine."""
    import cv2

    from extract.ocr import use_models

    doc = pdfium.PdfDocument(str(FILING))
    bitmap = doc[17].render(scale=200 / 72, grayscale=True)
    grey = np.array(bitmap.to_numpy(), copy=True)
    doc.close()
    shrink = 1280 / max(grey.shape)
    small = cv2.resize(cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR), None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA)
    return small, use_models(True)


def test_on_the_whole_page_it_finds_what_rapidocr_finds(page):
    small, eng = page
    found, _ = eng.auto_text_det(small)
    mine = detect(eng.text_det, small, None)
    assert len(mine) == len(found) > 10
    assert all(np.array_equal(a, b) for a, b in zip(mine, found))


def test_on_the_inks_window_it_finds_the_same_boxes_within_three_pixels(page):
    """The model's squeeze-and-excitation blocks average over the whole input, so the probability map
    moves a little when the blank paper around the ink is not given; the boxes' corners by up to three
    pixels of the detector's copy (~1.3 points)."""
    small, eng = page
    whole = detect(eng.text_det, small, None)
    window = detect(eng.text_det, small, 64)
    assert len(window) == len(whole)
    near = [min(np.abs(a - b).max() for b in window) for a in whole]  # each box's nearest, corner by corner
    assert max(near) <= 3
