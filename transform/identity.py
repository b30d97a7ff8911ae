"""Who filed this, for which year, and what kind of document it is.

The unit name of final accounts comes from the cover (page 1) and, failing that, from the part titles
("第二部分 X 2024年度部门决算表"); never from a table header, which can name the wrong unit (the city
instead of the district). Placeholders ("XX局", "。。。") mark a template, which is not a filing.

Budgets (部门预算 / 单位预算) name their unit on the cover after a role ("预算主管部门：X", "预算单位：X",
"部门：X") under a title naming the year; files of tables only name it in each table's header
("编制部门：X  单位：元") under a title naming the year; the file name is the last resort.
`Identity.source` says which was read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.model import Document
from reference._typing import DocKind, IdentitySource, Scope
from reference.regions import Region, region_of
from reference.statements import title_phase
from transform.text import squash

# "<unit><year>年度<部门|单位><决算|预算>"; the year may be printed apart from the rest.
_TITLE = re.compile(r"(?P<unit>[\u4e00-\u9fff（）()A-Za-z0-9]*?)(?P<year>20\d{2})年度?(?P<scope>部门|单位)?(?P<kind>决算|预算)")
_PART_TITLE = re.compile(r"第[一二三四五六]部分")
_LEADER = re.compile(r"\s*[.．…·]{2,}\s*\d{0,3}\s*$|^[.．…·\s]+$")
_PLACEHOLDER = re.compile(r"X{2,}|Ｘ{2,}|×{2,}|。{3,}|…{2,}|\*{3,}")
# A budget (部门预算) filing names itself so on its cover, in its contents and part titles; a final
# accounts filing says 部门决算 there (and mentions 预算 only inside table and column names).
_BUDGET_WORDS = re.compile(r"(?:部门|单位)预算|预算(?:公开|信息公开|编制说明|情况说明)")
_FINAL_WORDS = re.compile(r"(?:部门|单位)决算|决算(?:公开|信息公开|情况说明)")


@dataclass
class Identity:
    unit_name: str | None
    fiscal_year: int | None
    doc_kind: DocKind
    scope: Scope
    region: Region | None
    template_reason: str | None
    source: IdentitySource | None = None


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
    kind: DocKind = "unknown"
    scope: Scope = "unknown"
    source: IdentitySource | None = None
    for i, text in enumerate(_candidates(doc)):
        m = _match_title(text)
        if m and m.group("unit"):
            unit, year = m.group("unit"), int(m.group("year"))
            kind = "final_accounts" if m.group("kind") == "决算" else "budget"
            scope = "department" if m.group("scope") == "部门" else "unit" if m.group("scope") == "单位" else "unknown"
            source = "cover" if i == 0 else "title"
            break
    if kind != "final_accounts" and (kind == "budget" or _reads_as_budget(doc) or _budget_tables_up_front(doc)):
        kind = "budget"
        found = budget_identity(doc)
        if found.unit_name:
            unit, year, source = found.unit_name, found.fiscal_year or year, found.source
            scope = found.scope if found.scope != "unknown" else scope
    # Line by line, without a contents line's leader dots ("一、部门主要职能 ……… 3", or a line of them
    # alone): those are no placeholder.
    head = [squash(_LEADER.sub("", ln.text)) for p in doc.pages[:3] for ln in p.lines]
    placeholder = next((m for t in head if (m := _PLACEHOLDER.search(t))), None)
    template_reason = None
    if placeholder or (unit and _PLACEHOLDER.search(unit)):
        shown = placeholder.group(0) if placeholder else unit
        template_reason = (f"this is a template, not a filing: its cover and contents carry the placeholder "
                           f"“{shown}” where a unit name belongs")
    region = region_of(unit) if unit and not template_reason else None
    return Identity(unit, year, kind, scope, region, template_reason, source)


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


# --- budgets -------------------------------------------------------------------------------------
# "预算主管部门：X", "预算单位：X", "部门：X", a table header's "编制部门：X  单位：元".
_HOLDER = re.compile(r"(?P<role>预算主管部门|主管部门|预算单位|预算部门|编制部门|编制单位|填报单位|部门名称|单位名称|部门|单位)"
                     r"[:：]\s*(?P<unit>[\u4e00-\u9fff（）()A-Za-z0-9]{2,60})")
_CURRENCY = ("元", "万元", "亿元", "千元")
_YEAR = re.compile(r"(20\d{2})\s*年")
_NAMED_SCOPE = re.compile(r"(部门|单位)预算")
_FILE_TITLE = re.compile(r"(?P<unit>[\u4e00-\u9fff（）()]{2,60}?)(?P<year>20\d{2})年度?(?:区级|县级|市级)?(?P<scope>部门|单位)?预算")
_DEPARTMENT_ROLES = ("预算主管部门", "主管部门", "预算部门", "编制部门", "部门", "部门名称")
BUDGET_PAGES = 12  # how far into a file of tables only its first table header is looked for


def _holder(text: str) -> tuple[str, str] | None:
    """(role, unit) of a line naming who files ("预算单位：X"), or None (a 单位：元 line is no holder)."""
    m = _HOLDER.search(squash(text))
    if not m:
        return None
    unit = re.sub(r"(?:金额)?单位$", "", m.group("unit"))
    if len(unit) < 2 or unit in _CURRENCY or unit.startswith(_CURRENCY):
        return None
    return m.group("role"), unit


def _scope_of(role: str | None, text: str) -> Scope:
    named = _NAMED_SCOPE.search(text)
    if named:
        return "department" if named.group(1) == "部门" else "unit"
    if role:
        return "department" if role in _DEPARTMENT_ROLES else "unit"
    return "unknown"


def _caption_texts(page) -> list[str]:
    """The page's text lines, then the first rows of its ruled tables (a spreadsheet bordered its
    title and 单位 line into the table)."""
    texts = [ln.text for ln in page.lines]
    for t in page.tables:
        for r in range(min(4, t.n_rows)):
            texts.extend(dict.fromkeys(c.text for c in t.row_cells(r) if c is not None and c.text.strip()))
    return texts


def _budget_tables_up_front(doc: Document) -> bool:
    """A file of tables only: its first pages print budget table titles (…预算总表, …预算表)."""
    return any(title_phase(t) == "budget" for p in doc.pages[:3] for t in _caption_texts(p))


def budget_identity(doc: Document) -> Identity:
    """Unit, year and scope of a budget filing, and where they were read (see the module docstring)."""
    cover = [ln.text for ln in doc.pages[0].lines] if doc.pages else []
    joined = squash("".join(cover))
    held = next((h for t in cover if (h := _holder(t))), None)
    year = _YEAR.search(joined)
    if held and year and not any(title_phase(t) for t in cover):
        return Identity(held[1], int(year.group(1)), "budget", _scope_of(held[0], joined), None, None, "cover")
    for page in doc.pages[:BUDGET_PAGES]:
        texts = _caption_texts(page)
        titles = [squash(t) for t in texts if title_phase(t) == "budget"]
        held = next((h for t in texts if (h := _holder(t))), None)
        if titles and held:
            year = _YEAR.search(titles[0])
            scope = _scope_of(held[0], "") if not re.search(r"(?:\d年)(?:预算)?(部门|单位)", titles[0]) else (
                "department" if re.search(r"\d年(?:预算)?部门", titles[0]) else "unit")
            return Identity(held[1], int(year.group(1)) if year else None, "budget", scope, None, None,
                            "table_header")
    name = squash(doc.path.replace("\\", "/").rsplit("/", 1)[-1])
    m = _FILE_TITLE.search(name)
    if m:
        named: Scope = "department" if m.group("scope") == "部门" else "unit" if m.group("scope") == "单位" else "unknown"
        return Identity(m.group("unit"), int(m.group("year")), "budget", named, None, None, "file_name")
    return Identity(None, None, "budget", "unknown", None, None, None)


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
