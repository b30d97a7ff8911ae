"""Does a page's text layer hold the characters printed on it?

A font without a correct ToUnicode map gives extractors other characters than the glyphs show: glyph
codes ("(cid:123)"), private-use code points, U+FFFD — or, after a pass through Ghostscript, plain
ASCII for some glyphs of a Chinese font ("P海市普陀{" for 上海市普陀区). The first kind is plain to see;
the second hides among real text, but a Latin letter or a brace glued to Chinese characters is
something a filing never prints. A page showing either is flagged: its figures may be wrong as well
(the digits come from the same fonts), so transform/ stores them only where the filing's identities
prove them (transform/proof.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_CID = re.compile(r"\(cid:\d+\)")
_CJK = "\u4e00-\u9fff"
# ASCII letters and symbols a Chinese filing never glues to a Chinese character ("P海", "陀{").
_ODD = r"A-Za-z{}|~^`\\@#$&_<>=\[\]"
_GLUED = re.compile(rf"(?<=[{_CJK}])[{_ODD}]|[{_ODD}](?=[{_CJK}])")
# ...except where a filing does print them: a unit's placeholders (a template: XX局), well-known
# abbreviations and acronyms (PPP项目, A级, 5G, LED, ICU: two capitals or more), the procurement
# catalogue's classes ("货物 A", "工程B", "服务C"), codes in brackets before their names ("[2010301]行政运行"), and codes (A02010101), project codes standing in for
# names ("W060"), units of measure (km, m², kWh). A garbled layer swaps single characters of a Chinese
# word for single Latin letters or symbols ("P海市普陀{"), which none of these forms covers.
_ALLOWED = re.compile(r"\[\d{3,7}\]|X{2,}|×{2,}|[A-E]{1,5}级|[0-9]A级|[0-9]G|[A-Z]{2,}|(?:货物|工程|服务)\s*[A-C](?![A-Za-z])"
                      r"|[A-Z][0-9]{2,}|(?<![A-Za-z])(?:km|m²|m³|m2|m3|kg|kWh|kW|KW|MW|GB|TB|Mbps|t)(?![A-Za-z])")


@dataclass(frozen=True)
class TextLayerSettings:
    glyph_share: float = 0.30  # share of glyph codes / private-use characters that flags a page
    min_glued: int = 3  # Latin letters or symbols glued to Chinese characters that flag a page
    min_chars: int = 20  # pages with fewer characters are not judged

    def __post_init__(self):
        if not 0 < self.glyph_share <= 1 or self.min_glued < 1 or self.min_chars < 1:
            raise ValueError("glyph_share in (0, 1], min_glued and min_chars at least 1")


DEFAULT = TextLayerSettings()


def is_glyph_code(ch: str) -> bool:
    o = ord(ch)
    return 0xE000 <= o <= 0xF8FF or o >= 0xF0000 or ch == "\ufffd" or o < 0x20 or 0x7F <= o < 0xA0


def glued_letters(text: str) -> int:
    """Latin letters and symbols glued to Chinese characters, outside the allowed forms."""
    return len(_GLUED.findall(_ALLOWED.sub("", text)))


def page_flags(texts: list[str], settings: TextLayerSettings = DEFAULT) -> tuple[str, ...]:
    """Why a page's text layer is not to be trusted (empty when it looks sound). `texts`: its lines
    and the texts of its table cells, each one visual line or cell."""
    text = "".join(t.replace(" ", "") for t in texts)
    cids = len(_CID.findall(text))
    rest = _CID.sub("", text) if cids else text
    n = cids + len(rest)
    if n < settings.min_chars:
        return ()
    flags = []
    if (cids + sum(1 for ch in rest if is_glyph_code(ch))) / n >= settings.glyph_share:
        flags.append("glyph_codes")
    if sum(glued_letters(t) for t in texts) >= settings.min_glued:
        flags.append("wrong_characters")
    return tuple(flags)


def maps_two_glyphs_to_one(umap) -> bool:
    """Whether a ToUnicode map (pdfminer's FileUnicodeMap) sends two glyphs to one digit or one
    Chinese character (see FontMaps)."""
    seen: dict[str, int] = {}
    for _cid, ch in umap.cid2unichr.items():
        if len(ch) == 1 and (ch.isdigit() or "\u4e00" <= ch <= "\u9fff"):
            seen[ch] = seen.get(ch, 0) + 1
    return any(n > 1 for n in seen.values())


class FontMaps:
    """Fonts whose Unicode map (ToUnicode) sends two glyphs to one digit or one Chinese character: a
    map rewritten or made up by a converter (a real subset font maps each glyph it holds to its own
    character), so text in those fonts — figures above all — may not be what the page shows. Fonts
    are judged once per document, as pdfminer loads them."""

    def __init__(self, resources):
        self._resources = resources  # pdfminer's PDFResourceManager, which caches the fonts it loads
        self._seen: set[int] = set()
        self.doubtful: set[str] = set()

    def _update(self) -> None:
        from pdfminer.cmapdb import FileUnicodeMap  # the maps read from a ToUnicode stream

        for font in list(getattr(self._resources, "_cached_fonts", {}).values()):
            if id(font) in self._seen:
                continue
            self._seen.add(id(font))
            umap = getattr(font, "unicode_map", None)
            if not isinstance(umap, FileUnicodeMap):
                continue
            if maps_two_glyphs_to_one(umap):
                self.doubtful.add(font.fontname)

    def flags(self, chars: list[dict]) -> tuple[str, ...]:
        self._update()
        if self.doubtful and any(c.get("fontname") in self.doubtful for c in chars):
            return ("font_map",)
        return ()


def glued_sample(texts: list[str]) -> str | None:
    """A few characters around the first Latin letter or symbol glued to Chinese text, to quote."""
    for t in texts:
        t = _ALLOWED.sub("", t.replace(" ", ""))
        m = _GLUED.search(t)
        if m:
            return t[max(0, m.start() - 3): m.end() + 3]
    return None
