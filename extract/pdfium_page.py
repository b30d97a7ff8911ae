"""A page read with pdfium that looks, to `extract.reader.read_page` and the table finders, like the
pdfplumber page they were written for: `chars`, `edges`, `width`, `height`, `bbox`, and the drawn
objects (`lines`, `rects`, `curves`, `images`) that say what a page without text holds.

Only what `extract/` reads is built: the characters and the edges in pdfplumber's dict shapes
(extract/pdfium_chars.py, extract/pdfium_paths.py), the edges by pdfplumber's own functions from them.
"""
from __future__ import annotations

from functools import cached_property
from itertools import chain

from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

from extract.pdfium_chars import page_chars
from extract.pdfium_paths import page_graphics


class PdfiumPage:
    """One page of a pypdfium2 PdfDocument. `fonts`: the document's cache of font names and descents."""

    def __init__(self, page, page_number: int, doctop: float, fonts: dict):
        self._page = page
        self.page_number = page_number
        self.initial_doctop = doctop
        self._fonts = fonts
        left, bottom, right, top = page.get_mediabox()
        # a MediaBox written corner to corner the other way ([0 595 842 0], 西安 2021) is the same box,
        # as pdfplumber reads it (its _normalize_box)
        x0, y0, x1, y1 = min(left, right), min(bottom, top), max(left, right), max(bottom, top)
        # pdfplumber's page box is the MediaBox, its top-left corner at (x0, 0) in top-down coordinates
        self.width, self.height = x1 - x0, y1 - y0
        self.bbox = (x0, 0.0, x1, self.height)
        self.rotation = page.get_rotation()

    @cached_property
    def chars(self) -> list[dict]:
        textpage = self._page.get_textpage()
        try:
            return page_chars(textpage.raw, self.height, self.page_number, self.initial_doctop, self._fonts)
        finally:
            textpage.close()

    @cached_property
    def _graphics(self) -> tuple[list, list, list, int]:
        return page_graphics(self._page.raw, self.height, self.page_number, self.initial_doctop)

    @property
    def lines(self) -> list[dict]:
        return self._graphics[0]

    @property
    def rects(self) -> list[dict]:
        return self._graphics[1]

    @property
    def curves(self) -> list[dict]:
        return self._graphics[2]

    @property
    def images(self) -> list[int]:
        """Not pdfplumber's image dicts: only whether there are any is read (extract/reader.py)."""
        return [1] * self._graphics[3]

    @cached_property
    def edges(self) -> list[dict]:
        # pdfplumber's order: lines, then the rectangles' sides, then the curves' segments
        return (list(map(line_to_edge, self.lines)) + list(chain(*map(rect_to_edges, self.rects)))
                + list(chain(*map(curve_to_edges, self.curves))))

    def close(self) -> None:
        self.__dict__.pop("chars", None)
        self.__dict__.pop("_graphics", None)
        self.__dict__.pop("edges", None)
        self._page.close()
