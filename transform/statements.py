"""Find the nine standard tables in a document model and stitch tables that run over pages.

A table's identity comes from the title printed above it ("收入决算表"). A ruled table with no text
above it on its page continues the previous statement (filings do not repeat titles or headers on
continuation pages); blank pages in between are skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.model import Document, Line, Table
from transform.text import normalise_title

# statement key, table number, the title as printed (normalised: no spaces, no quotes).
# Order matters: more specific titles first, since "收入决算表" is inside "收入支出决算总表"'s family.
STATEMENTS: list[tuple[str, int, str]] = [
    ("income_expenditure_summary", 1, "收入支出决算总表"),
    ("income", 2, "收入决算表"),
    ("expenditure", 3, "支出决算表"),
    ("fiscal_summary", 4, "财政拨款收入支出决算总表"),
    ("gpb_expenditure", 5, "一般公共预算财政拨款支出决算表"),
    ("gpb_basic_expenditure", 6, "一般公共预算财政拨款基本支出决算表"),
    ("three_public", 7, "财政拨款三公经费支出决算表"),
    ("government_fund", 8, "政府性基金预算财政拨款收入支出决算表"),
    ("soe_capital", 9, "国有资本经营预算财政拨款收入支出决算表"),
]
TITLES = {key: title for key, _, title in STATEMENTS}
NUMBERS = {key: n for key, n, _ in STATEMENTS}

_UNIT = re.compile(r"单位[:：]\s*(万元|元)")
_PAGE_NUMBER = re.compile(r"^[-—\s]*\d{1,4}[-—\s]*$")


def currency_unit_of(text: str) -> str | None:
    """"单位：万元" → "万元"; None for a line that states no unit."""
    m = _UNIT.search(text.replace(" ", ""))
    return m.group(1) if m else None


def statement_of_title(line: str) -> str | None:
    """The statement a printed title names, or None. Matching is exact on the title's ending so
    that "收入支出决算总表" is not taken for "财政拨款收入支出决算总表" and vice versa."""
    t = normalise_title(line)
    t = re.sub(r"^[（(]?\d+[)）]?|^(附表|表)\s*\d+[-—：:、.]?", "", t)
    for key, _, title in sorted(STATEMENTS, key=lambda s: -len(s[2])):
        if t.endswith(title) and len(t) - len(title) <= 30:
            # "财政拨款收入支出决算总表" also ends with "收入支出决算总表": the longer title wins first.
            return key
    return None


@dataclass
class Block:
    """One statement as printed: its first table (with the header) and any continuation tables."""

    statement: str
    title: str
    tables: list[Table]
    currency_unit: str | None
    notes: list[tuple[int, str]] = field(default_factory=list)  # (page, text) under the table

    @property
    def pages(self) -> list[int]:
        return sorted({t.page for t in self.tables})


def _lines_between(lines: list[Line], top: float, bottom: float) -> list[Line]:
    return [ln for ln in lines if ln.bottom <= bottom + 1 and ln.top >= top - 1]


def _meaningful(lines: list[Line]) -> list[Line]:
    return [ln for ln in lines if not _PAGE_NUMBER.match(ln.text)]


def find_blocks(doc: Document) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    for page in doc.pages:
        prev_bottom = 0.0
        for i, table in enumerate(page.tables):
            above = _meaningful(_lines_between(page.lines, prev_bottom, table.bbox[1]))
            next_top = page.tables[i + 1].bbox[1] if i + 1 < len(page.tables) else page.height
            below = _meaningful(_lines_between(page.lines, table.bbox[3], next_top))
            key, title = None, None
            for ln in reversed(above):
                key = statement_of_title(ln.text)
                if key:
                    title = ln.text
                    break
            units = [currency_unit_of(ln.text) for ln in above]
            unit = next((u for u in units if u), None)
            if key:
                current = Block(key, title, [table], unit)
                blocks.append(current)
            elif current is not None and all(units):
                current.tables.append(table)  # continuation: nothing printed above it
            else:
                current = None  # some other table (unit list, performance table): not one of the nine
            if current is not None:
                current.notes.extend((page.number, ln.text) for ln in below)
            prev_bottom = table.bbox[3]
    return blocks


def empty_table_notes(doc: Document) -> dict[str, tuple[int, str]]:
    """Titles printed with no ruled table under them (some filings print only the title and
    "本表无数据"): statement → (page, note)."""
    found: dict[str, tuple[int, str]] = {}
    for page in doc.pages:
        if page.tables:
            continue
        for i, ln in enumerate(page.lines):
            key = statement_of_title(ln.text)
            if key:
                for other in page.lines[i + 1 : i + 12]:
                    if "无数据" in other.text or "无此项" in other.text:
                        found.setdefault(key, (page.number, other.text))
                        break
    return found
