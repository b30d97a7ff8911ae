"""Is the text layer text? Glyph codes, private-use characters and mojibake are not the characters
printed (moved here unchanged from transform/identity.py when identity became a package)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.model import Document

# --- is the text layer text? ---------------------------------------------------------------------
# Fonts without a ToUnicode map give extractors glyph ids ("(cid:123)"), private-use code points or
# U+FFFD; GBK bytes read as Latin-1 give "²¿ÃÅ¾öËã". Either way the characters are not the ones printed.
_CID = re.compile(r"\(cid:\d+\)")
_WS = re.compile(r"\s+")
GARBLED_FAIL = 0.20  # share of garbled characters in the whole document that makes it unreadable
GARBLED_PAGE = 0.30  # share on one page that makes that page's figures untrustworthy


def _is_garbled_char(ch: str) -> bool:
    o = ord(ch)
    return 0xE000 <= o <= 0xF8FF or o >= 0xF0000 or ch == "\ufffd" or o < 0x20 or 0x7F <= o < 0xA0


def page_text(page) -> str:
    """A page's text, its lines and its tables' cells, whitespace removed."""
    parts = [ln.text for ln in page.lines]
    for t in page.tables:
        parts.extend(c.text for c in t.cells)
    return _WS.sub("", "".join(parts))


@dataclass
class TextLayer:
    chars: int  # characters (a "(cid:N)" counts as one)
    garbled: int
    cjk: int
    latin1: int  # U+00A0–U+00FF: GBK bytes decoded as Latin-1 land here
    garbled_pages: list[int]  # pages where the garbled share reaches GARBLED_PAGE

    @property
    def share(self) -> float:
        return self.garbled / self.chars if self.chars else 0.0


def text_layer(doc: Document) -> TextLayer:
    total = garbled = cjk = latin1 = 0
    pages = []
    for page in doc.pages:
        text = page_text(page)
        cids = len(_CID.findall(text))
        rest = _CID.sub("", text) if cids else text
        n = cids + len(rest)
        bad = cids + sum(1 for ch in rest if _is_garbled_char(ch))
        cjk += sum(1 for ch in rest if "\u4e00" <= ch <= "\u9fff")
        latin1 += sum(1 for ch in rest if "\u00a0" <= ch <= "\u00ff")
        total, garbled = total + n, garbled + bad
        if n >= 20 and bad / n >= GARBLED_PAGE:
            pages.append(page.number)
    return TextLayer(total, garbled, cjk, latin1, pages)


def _pages_list(pages: list[int]) -> str:
    shown = ", ".join(str(p) for p in pages[:8])
    return shown + (f" and {len(pages) - 8} more" if len(pages) > 8 else "")


def garbled_text_reason(doc: Document) -> tuple[str, str] | None:
    """("failed" | "partial", sentence) when the text layer is mojibake, else None."""
    tl = text_layer(doc)
    if tl.chars < 20:
        return None
    if tl.share >= GARBLED_FAIL:
        return "failed", (f"the text layer is garbled: {tl.share:.0%} of its characters are glyph codes such as "
                          f"“(cid:123)” or private-use characters, because the fonts carry no Unicode map (ToUnicode); "
                          f"the figures cannot be read from it — OCR the pages, or ask the publisher for a PDF "
                          f"exported with Unicode text")
    if tl.cjk == 0 and tl.latin1 >= 0.3 * tl.chars:
        return "failed", ("the text layer is mojibake: Chinese text decoded with the wrong code page (it reads like "
                          "“²¿ÃÅ¾öËã”); the figures cannot be read from it — OCR the pages, or ask the publisher "
                          "for a PDF exported with Unicode text")
    if tl.garbled_pages:
        return "partial", (f"the text on page{'s' if len(tl.garbled_pages) > 1 else ''} "
                           f"{_pages_list(tl.garbled_pages)} is garbled (glyph codes without a Unicode map); "
                           f"figures printed there may be missing — check those pages by hand or OCR them")
    return None
