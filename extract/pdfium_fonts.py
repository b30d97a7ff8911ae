"""The text-layer trust check on fonts (extract/text_layer.FontMaps) for pages read with pdfium.

FontMaps judges a font by its ToUnicode map: two glyphs sent to one digit or one Chinese character.
pdfium does not show a font's ToUnicode map, and under pdfplumber the maps come for free from
pdfminer's interpretation of the page. Here pdfminer opens the file's structure only (no content
stream is interpreted), walks the pages in step with pdfium, and parses each font's ToUnicode
stream once — what pdfminer's own PDFFont does — so the judgement is the same.

A font is named as pdfium names a character's font, by its /BaseFont (pdfminer names it by its
descriptor's /FontName, which a few producers write with a subset tag the /BaseFont lacks).
"""
from __future__ import annotations

from io import BytesIO

from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1
from pdfminer.psparser import PSLiteral

from extract.text_layer import maps_two_glyphs_to_one

_FORM_DEPTH = 8  # Form XObjects inside Form XObjects: deeper than any filing draws


def _name(value) -> str:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        value = value.decode("latin-1", "replace")
    return value if isinstance(value, str) else "unknown"


class PageFonts:
    """Walks the pages of the PDF at `path` with pdfminer, one `advance()` per page read; `flags`
    answers as FontMaps.flags does. If pdfminer cannot open or walk the file, no font is judged (the
    page-text checks of text_layer.page_flags still run)."""

    def __init__(self, path: str):
        self.doubtful: set[str] = set()
        self._judged: dict[int, bool] = {}  # id of a ToUnicode stream → doubtful
        self._fp = open(path, "rb")
        try:
            self._pages = PDFPage.create_pages(PDFDocument(PDFParser(self._fp), password=""))
        except Exception:  # noqa: BLE001 - pdfium read the file; the font check is what is lost
            self._pages = iter(())

    def advance(self) -> None:
        """Judge the fonts of the next page (they count from this page on, as pdfminer loads them)."""
        try:
            page = next(self._pages)
        except StopIteration:
            return
        except Exception:  # noqa: BLE001 - a page tree pdfminer cannot walk further: stop judging
            self._pages = iter(())
            return
        try:
            self._judge(resolve1(page.resources), 0)
        except Exception:  # noqa: BLE001 - an odd font dictionary: as pdfminer would, skip it
            pass

    def _judge(self, resources, depth: int) -> None:
        if not isinstance(resources, dict):
            return
        fonts = resolve1(resources.get("Font"))
        for spec in (fonts.values() if isinstance(fonts, dict) else ()):
            spec = resolve1(spec)
            if isinstance(spec, dict) and self._doubtful_map(spec.get("ToUnicode")):
                self.doubtful.add(_name(spec.get("BaseFont")))
        xobjects = resolve1(resources.get("XObject"))
        if depth < _FORM_DEPTH and isinstance(xobjects, dict):
            for xobj in xobjects.values():
                xobj = resolve1(xobj)
                if isinstance(xobj, PDFStream) and _name(xobj.get("Subtype")) == "Form":
                    self._judge(resolve1(xobj.get("Resources")), depth + 1)

    def _doubtful_map(self, ref) -> bool:
        key = ref.objid if isinstance(ref, PDFObjRef) else id(ref)
        if key not in self._judged:
            stream = resolve1(ref)
            verdict = False
            if isinstance(stream, PDFStream):
                umap = FileUnicodeMap()
                CMapParser(umap, BytesIO(stream.get_data())).run()
                verdict = maps_two_glyphs_to_one(umap)
            self._judged[key] = verdict
        return self._judged[key]

    def flags(self, chars: list[dict]) -> tuple[str, ...]:
        if self.doubtful and any(c.get("fontname") in self.doubtful for c in chars):
            return ("font_map",)
        return ()

    def close(self) -> None:
        self._fp.close()
