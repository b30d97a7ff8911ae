"""Boxes the reader gives a page's text and tables lie on the page, however its MediaBox is written."""
from __future__ import annotations

import pytest

from extract.reader import read_document
from tests.paths import FILINGS
from tests.variants import invert_mediabox

FINANCE = FILINGS / "上海市普陀区财政局2024年度部门决算.pdf"
PAGES = 6  # the cover, contents, the overview and the first tables


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    inverted = invert_mediabox(FINANCE, tmp_path_factory.mktemp("mediabox") / "inverted.pdf")
    return read_document(str(FINANCE), max_pages=PAGES), read_document(str(inverted), max_pages=PAGES)


def test_boxes_of_a_page_with_an_inverted_mediabox_were_off_the_page(both):
    # A MediaBox written [0 h w 0] (a 2021 西安 budget's p.64) put every box a page-height below the page
    original, inverted = both
    for a, b in zip(original.pages, inverted.pages):
        assert (b.width, b.height) == (a.width, a.height)
        assert [(ln.text, round(ln.top, 2), round(ln.x0, 2)) for ln in b.lines] == \
            [(ln.text, round(ln.top, 2), round(ln.x0, 2)) for ln in a.lines]
        assert [tuple(round(v, 2) for v in t.bbox) for t in b.tables] == \
            [tuple(round(v, 2) for v in t.bbox) for t in a.tables]
        assert all(0 <= ln.top <= b.height for ln in b.lines)
    assert any(p.tables for p in inverted.pages)
