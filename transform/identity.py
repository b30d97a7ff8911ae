"""Who filed this, for which year, and what kind of document it is.

The unit name comes from the cover (page 1) and, failing that, from the part titles ("第二部分 X 2024
年度部门决算表"); never from a table header, which can name the wrong unit (the city instead of the
district). Placeholders ("XX局", "。。。") mark a template, which is not a filing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.model import Document
from reference.regions import Region, region_of
from transform.text import squash

# "<unit><year>年度<部门|单位><决算|预算>"; the year may be printed apart from the rest.
_TITLE = re.compile(r"(?P<unit>[\u4e00-\u9fff（）()A-Za-z0-9]*?)(?P<year>20\d{2})年度?(?P<scope>部门|单位)?(?P<kind>决算|预算)")
_PART_TITLE = re.compile(r"第[一二三四五六]部分")
_PLACEHOLDER = re.compile(r"X{2,}|Ｘ{2,}|×{2,}|。{3,}|…{2,}|\*{3,}")
# A budget (部门预算) filing names itself so on its cover, in its contents and part titles; a final
# accounts filing says 部门决算 there (and mentions 预算 only inside table and column names).
_BUDGET_WORDS = re.compile(r"(?:部门|单位)预算|预算(?:公开|信息公开|编制说明|情况说明)")
_FINAL_WORDS = re.compile(r"(?:部门|单位)决算|决算(?:公开|信息公开|情况说明)")


@dataclass
class Identity:
    unit_name: str | None
    fiscal_year: int | None
    doc_kind: str
    scope: str
    region: Region | None
    template_reason: str | None


def _match_title(text: str):
    text = squash(text)
    text = _PART_TITLE.sub("", text)
    return _TITLE.search(text)


def _cover_text(doc: Document) -> str:
    """The cover's lines joined; the year may sit on its own line ("2024") below the name."""
    first = doc.pages[0] if doc.pages else None
    if first is None:
        return ""
    lines = [ln.text for ln in first.lines]
    text = "".join(lines)
    if not _match_title(text):
        # ONLYOFFICE covers print "X" / "年度部门决算" / "2024": put the lone year before 年度.
        years = [t for t in lines if re.fullmatch(r"\s*20\d{2}\s*", t)]
        rest = [t for t in lines if t not in years]
        if years:
            joined = "".join(rest)
            text = joined.replace("年度", years[0].strip() + "年度", 1)
    return text


def _candidates(doc: Document):
    yield _cover_text(doc)
    for page in doc.pages[1:6]:
        for ln in page.lines[:40]:
            if "部分" in ln.text or "决算" in ln.text or "预算" in ln.text:
                yield ln.text


def identify(doc: Document) -> Identity:
    unit = year = None
    kind, scope = "unknown", "unknown"
    for text in _candidates(doc):
        m = _match_title(text)
        if m and m.group("unit"):
            unit, year = m.group("unit"), int(m.group("year"))
            kind = "final_accounts" if m.group("kind") == "决算" else "budget"
            scope = {"部门": "department", "单位": "unit"}.get(m.group("scope") or "", "unknown")
            break
    head = "".join(ln.text for p in doc.pages[:3] for ln in p.lines)
    placeholder = _PLACEHOLDER.search(squash(head))
    template_reason = None
    if placeholder or (unit and _PLACEHOLDER.search(unit)):
        shown = placeholder.group(0) if placeholder else unit
        template_reason = (f"this is a template, not a filing: its cover and contents carry the placeholder "
                           f"“{shown}” where a unit name belongs")
    region = region_of(unit) if unit and not template_reason else None
    if kind != "budget" and _reads_as_budget(doc):
        kind = "budget"
    return Identity(unit, year, kind, scope, region, template_reason)


def _reads_as_budget(doc: Document) -> bool:
    """A budget filing whose title the regex above missed (or read wrongly from a sentence such as
    "比2024年决算数增加"): the cover says 预算 and not 决算, or the first pages name 部门预算 and never
    部门决算. Final-accounts tables inside a budget filing never make it final accounts."""
    cover = squash(_cover_text(doc))
    if _BUDGET_WORDS.search(cover) and "决算" not in cover:
        return True
    head = squash("".join(ln.text for p in doc.pages[:6] for ln in p.lines))
    if _BUDGET_WORDS.search(head) and not _FINAL_WORDS.search(head):
        return True
    if not cover and not head:  # no text up front: the file name is all there is
        name = squash(doc.path.replace("\\", "/").rsplit("/", 1)[-1])
        return bool(_BUDGET_WORDS.search(name)) and "决算" not in name
    return False


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


def _page_text(page) -> str:
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
        text = _page_text(page)
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
