"""The text-layer trust check on fonts (extract/text_layer.FontMaps) for pages read with pdfium.

FontMaps judges a font by its ToUnicode map: two glyphs sent to one digit or one Chinese character.
pdfium does not show a font's ToUnicode map, and under pdfplumber the maps come for free from
pdfminer's interpretation of the page. Here pdfminer opens the file's structure only (no content
stream is interpreted), walks the pages in step with pdfium, and parses each font's ToUnicode
stream once — what pdfminer's own PDFFont does — so the judgement is the same.

It also tells the pages pdfium cannot read right, which pdfplumber then reads (extract/pdfium_reader.py):
those whose resources hold a CID font with the Identity ordering that is not embedded. Its codes are
glyph numbers of a font the file does not carry, so pdfium has no glyphs for them: it drops the
characters from its text page (a Beijing budget's cover title, 北京市审计局…, in a non-embedded
FZXiaoBiaoSong), or, without a ToUnicode map, passes the codes off as Unicode (Hebrew and Arabic letters
out of a Chinese font) where pdfminer writes glyph codes, "(cid:123)". pdfminer reads the first kind
through the ToUnicode map and flags the second as garbled.

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


def _identity_not_embedded(spec: dict) -> bool:
    """A Type0 font with the Identity ordering (codes are glyph numbers) whose font is not embedded."""
    if _name(spec.get("Subtype")) != "Type0":
        return False
    descendants = resolve1(spec.get("DescendantFonts"))
    cid_font = resolve1(descendants[0]) if isinstance(descendants, list) and descendants else None
    if not isinstance(cid_font, dict):
        return False
    info = resolve1(cid_font.get("CIDSystemInfo"))
    info = info if isinstance(info, dict) else {}
    descriptor = resolve1(cid_font.get("FontDescriptor"))
    embedded = isinstance(descriptor, dict) and any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3"))
    return _text(info.get("Ordering")) == "Identity" and not embedded


def _text(value) -> str:
    value = resolve1(value)
    return value.decode("latin-1", "replace").strip() if isinstance(value, bytes) else str(value or "").strip()


class PageFonts:
    """Walks the pages of the PDF at `path` with pdfminer, one `advance()` per page read; `flags`
    answers as FontMaps.flags does. If pdfminer cannot open or walk the file, no font is judged (the
    page-text checks of text_layer.page_flags still run)."""

    def __init__(self, path: str, pages: int | None = None):
        """`pages`: pdfium's count. When pdfminer's walk of a damaged page tree finds another number of
        pages (`pdfminer_pages`), its page i is not pdfium's, and no font is judged (nor is a page handed
        to pdfplumber: extract/pdfium_reader._Plumber)."""
        self.doubtful: set[str] = set()
        self.blind = False  # the page pdfium cannot read right (see the module's docstring)
        self._judged: dict[int, bool] = {}  # id of a ToUnicode stream → doubtful
        self._fp = open(path, "rb")
        found: list = []
        walked = True
        try:
            for page in PDFPage.create_pages(PDFDocument(PDFParser(self._fp), password="")):
                found.append(page)
        except Exception:  # noqa: BLE001 - pdfium read the file; the font check is what is lost
            walked = False
        self.pdfminer_pages = len(found)  # as far as pdfminer could walk
        self._pages = iter(found if walked and (pages is None or len(found) == pages) else ())

    def advance(self) -> None:
        """Judge the fonts of the next page (they count from this page on, as pdfminer loads them)."""
        page = next(self._pages, None)
        if page is None:
            return
        self.blind = False
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
            if not isinstance(spec, dict):
                continue
            if _identity_not_embedded(spec):
                self.blind = True
            if "ToUnicode" in spec and self._doubtful_map(spec.get("ToUnicode")):
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
