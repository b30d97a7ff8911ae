"""Find the statements (the nine tables and the others reference/statements.py knows) in a document
model, stitch tables that run over pages, and note where a statement is only listed or titled.

A table's identity comes from the title printed above it, matched by name (reference.statements).
A table with no text above it on its page (or a title saying 续表) continues the previous statement;
blank pages in between are skipped. A table under a title the vocabulary does not know is some other
table, never one of the nine.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.geometry import between
from extract.model import Document, Line, Page, Table
from reference._typing import CurrencyUnit
from reference.statements import currency_unit_of, match_title, normalise_title
from transform.headings import TOC_LEADER
from transform.sections import contents_pages

__all__ = ["Block", "currency_unit_of", "find_blocks", "printed_titles", "contents_listing", "contents_lines",
           "contents_pages"]

_PAGE_NUMBER = re.compile(r"^[-—\s]*\d{1,4}[-—\s]*$")
# A line that is only the table's number, printed on a line of its own beside the title.
_NUMBER_ONLY = re.compile(r"^(?:附表|表|公开)?[0-9一二三四五六七八九十]{1,3}(?:[-—－][0-9]{1,2})?表?$")
EMPTY_WORDS = ("无数据", "无此项", "无相关数据", "没有数据", "未发生", "无收支", "为空表", "空表")


@dataclass
class Block:
    """One statement as printed: its first table (with the header) and any continuation tables."""

    statement: str
    title: str
    tables: list[Table]
    currency_unit: CurrencyUnit | None
    notes: list[tuple[int, Line]] = field(default_factory=list)  # (page, line) printed under the table

    @property
    def pages(self) -> list[int]:
        return sorted({t.page for t in self.tables})


def _meaningful(lines: list[Line]) -> list[Line]:
    return [ln for ln in lines if not _PAGE_NUMBER.match(ln.text)]


def _title_in(lines: list[Line]):
    """The statement a title among `lines` names, nearest the table first; a title wrapped onto two
    lines is tried joined. Returns (match, printed title) or (None, None)."""
    for i in range(len(lines) - 1, -1, -1):
        for text in (lines[i].text, lines[i - 1].text + lines[i].text if i else None):
            if text and (m := match_title(text)):
                return m, text
    return None, None


def find_blocks(doc: Document) -> list[Block]:
    blocks: list[Block] = []
    current: Block | None = None
    for page in doc.pages:
        prev_bottom = 0.0
        for i, table in enumerate(page.tables):
            above = _meaningful(between(page.lines, prev_bottom, table.bbox[1]))
            next_top = page.tables[i + 1].bbox[1] if i + 1 < len(page.tables) else page.height
            below = _meaningful(between(page.lines, table.bbox[3], next_top))
            match, title = _title_in(above)
            units = [currency_unit_of(ln.text) for ln in above]
            unit = next((u for u in units if u), None)
            if match is None and (caption := _ruled_caption(table)) is not None:
                match, title, unit, table = caption
            bare = all(u or _NUMBER_ONLY.match(normalise_title(ln.text)) for u, ln in zip(units, above))
            if match and not (match.continued and current is not None and current.statement == match.key):
                current = Block(match.key, title, [table], unit)
                blocks.append(current)
            elif current is not None and (bare or (match and match.continued)):
                current.tables.append(table)  # continuation: nothing but a unit (or 续表) printed above it
            else:
                current = None  # some other table (unit list, performance table, an unknown statement)
            if current is not None:
                current.notes.extend((page.number, ln) for ln in below)
            prev_bottom = table.bbox[3]
    return blocks


CAPTION_ROWS = 6  # how far down a ruled table a spreadsheet's title and 单位 line may sit


def _ruled_caption(table: Table):
    """A spreadsheet printed with every cell bordered rules its title and its 单位 line into the table
    (WPS exports of budget tables do): (match, title, currency unit, the table below them), or None.
    Only rows that print nothing, the title, or a 单位 / 编制单位 line count as caption."""
    found = unit = None
    end = 0  # the rows above this are caption
    for r in range(min(CAPTION_ROWS, table.n_rows)):
        texts = list(dict.fromkeys(t for c in table.row_cells(r) if c is not None and (t := c.text.strip())))
        if not texts:
            continue
        units = [currency_unit_of(t) for t in texts]
        if found is None and len(texts) == 1 and (m := match_title(texts[0])):
            found = (m, texts[0])
        elif found is not None and (any(units) or all(_UNIT_LINE.match(normalise_title(t)) for t in texts)):
            unit = unit or next((u for u in units if u), None)
        else:
            break
        end = r + 1
    if found is None:
        return None
    return found[0], found[1], unit, table.below(end)


_UNIT_LINE = re.compile(r"^(?:编制|预算|填报)?(?:单位|部门)[:：]")


@dataclass
class PrintedTitle:
    statement: str
    page: int
    title: str
    lines_after: list[str]  # the text printed under the title on its page (up to the next title)
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # the title line's, PDF points


def printed_titles(doc: Document) -> list[PrintedTitle]:
    """Every statement title printed as a title (on its own line, outside the contents), in order."""
    out: list[PrintedTitle] = []
    for page in _outside_contents(doc):
        lines = page.lines
        for i, ln in enumerate(lines):
            m = match_title(ln.text)
            if not m:
                continue
            after = []
            for other in lines[i + 1:]:
                if match_title(other.text):
                    break
                after.append(other.text)
            out.append(PrintedTitle(m.key, page.number, ln.text.strip(), after, (ln.x0, ln.top, ln.x1, ln.bottom)))
    return out


def says_empty(texts: list[str]) -> str | None:
    """The line among `texts` that says the table holds no figures (本表无数据), if any."""
    return next((t for t in texts if any(w in normalise_title(t) for w in EMPTY_WORDS)), None)


def contents_listing(doc: Document) -> dict[str, int]:
    """statement → the contents (目录) page that lists it."""
    return {key: page for key, (page, _line) in contents_lines(doc).items()}


def contents_lines(doc: Document) -> dict[str, tuple[int, Line]]:
    """statement → (the contents (目录) page that lists it, the line listing it)."""
    listed: dict[str, tuple[int, Line]] = {}
    for page in contents_pages(doc):
        for ln in page.lines:
            m = match_title(TOC_LEADER.sub("", ln.text.strip()))
            if m:
                listed.setdefault(m.key, (page.number, ln))
    return listed




def _outside_contents(doc: Document) -> list[Page]:
    toc = {p.number for p in contents_pages(doc)}
    return [p for p in doc.pages if p.number not in toc]
