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
    return Identity(unit, year, kind, scope, region, template_reason)
