"""Candidates for who filed a document and for which year, each with the line it was read from.

Where they are read (`Evidence.source`):
  cover         the cover's lines read as one block (page 1, up to its contents or first heading): the
                year and the unit on separate lines, a name over two lines, a role before it (部门名称：X)
  title         a title on a later page (an explanation's title, a part title), short lines read as a block
  contents      the title printed above a contents page (目录) after the cover
  table_header  a table's header naming the unit (部门（单位）：X, 编制单位：X, 单位名称：X)
  narrative     the sentence that opens the unit's own description ("X主要职责包括：")
  file_name     the file's name, when nothing printed names the unit (crawlers name files by content)

The layouts are data (reference/data/cover_patterns.csv: one row per layout seen, with an example and
what it must give; tests/transform/test_identity_patterns.py reads every row). Every unit is cut at the
boundaries of an organisation's name (transform/identity/names.py), so a word of the sentence around it
is never taken for it.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.geometry import BBox
from extract.model import Document, Line, Page
from reference._typing import IdentitySource, Phase, Scope
from reference.statements import looks_like_title, title_phase
from transform.identity.names import cut_name
from transform.text import squash

PATTERNS_CSV = Path(__file__).resolve().parents[2] / "reference" / "data" / "cover_patterns.csv"
IDENTITY_PAGES = 24  # identity reads no further (benchmarks/identity_wild.py reads as many pages)
COVER_LINES = 12  # a cover's block: its first lines, up to its contents or first heading
TITLE_CHARS = 40  # a longer line, or one with a full stop or comma, is a sentence, not a title
_STOP = re.compile(r"^(?:目录|目次|第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)")
_SENTENCE = re.compile(r"[。，；,;]")
_TABLE_NUMBER = re.compile(r"^(?:预算|决算)\d{1,2}表|^(?:公开)?表\d|^附表")
_PART_TITLE = re.compile(r"第[一二三四五六七八九十]+部分")
_YEAR = re.compile(r"(20\d{2})\s*年")
_DEPARTMENT_ROLES = ("预算主管部门", "主管部门", "预算部门", "编制部门", "部门", "部门名称", "部门（单位）", "部门(单位)")
# "X主要职责包括：" opens the explanation's 部门职责 section of a file whose cover names no one.
_NARRATIVE = re.compile(r"^(?P<unit>[\u4e00-\u9fff（）()]{4,40}?)(?:的)?主要职责(?:包括|是|为)?[:：]")
_FILE_TITLE = re.compile(r"(?P<unit>[\u4e00-\u9fff（）()]{2,60}?)(?P<year>20\d{2})年度?(?:区级|县级|市级)?"
                         r"(?P<scope>部门|单位)?(?P<kind>预算|决算)")


@dataclass(frozen=True)
class Layout:
    name: str
    applies_to: str  # block: lines joined; line: one line (or table cell) at a time
    rx: re.Pattern
    example: str  # the printed lines, " | " between lines
    unit: str
    year: int | None
    note: str


@lru_cache(maxsize=1)
def layouts() -> tuple[Layout, ...]:
    """The rows of cover_patterns.csv; a row without a pattern is one more example of the row above."""
    out: list[Layout] = []
    with open(PATTERNS_CSV, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rx = re.compile(row["pattern"]) if row["pattern"] else out[-1].rx
            out.append(Layout(row["layout"], row["applies_to"], rx, row["example"], row["unit"],
                              int(row["year"]) if row["year"] else None, row["note"]))
    return tuple(out)


def _patterns(applies_to: str) -> list[tuple[str, re.Pattern]]:
    return list({(la.name, la.rx.pattern): (la.name, la.rx) for la in layouts() if la.applies_to == applies_to}.values())


@dataclass(frozen=True)
class Evidence:
    source: IdentitySource
    page: int | None
    box: BBox | None
    line: str  # the line(s) as printed, " / " between lines
    layout: str = ""


@dataclass(frozen=True)
class Candidate:
    unit: str | None
    year: int | None
    scope: Scope
    kind: Phase | None  # the 预算 / 决算 printed with it
    evidence: Evidence


def _box(lines: list[Line]) -> BBox | None:
    if not lines:
        return None
    return (min(ln.x0 for ln in lines), min(ln.top for ln in lines), max(ln.x1 for ln in lines),
            max(ln.bottom for ln in lines))


def _scope(text: str | None, role: str | None = None) -> Scope:
    if text in ("部门", "单位"):
        return "department" if text == "部门" else "unit"
    if role:
        return "department" if role in _DEPARTMENT_ROLES else "unit"
    return "unknown"


def _block(lines: list[Line], page: int, source: IdentitySource) -> list[Candidate]:
    """Candidates of the block layouts in lines read as one text (the line breaks dropped)."""
    parts = [squash(ln.text) for ln in lines]
    text = "".join(parts)
    starts, n = [], 0
    for p in parts:
        starts.append(n)
        n += len(p)
    text = _PART_TITLE.sub(lambda m: "#" * len(m.group()), text)  # keep offsets: a part title is no name
    out = []
    for layout, rx in _patterns("block"):
        for m in rx.finditer(text):
            unit = cut_name(m.group("unit"))
            used = [ln for ln, s, p in zip(lines, starts, parts) if s < m.end() and s + len(p) > m.start()]
            kind: Phase = "final" if m.group("kind") == "决算" else "budget"
            ev = Evidence(source, page, _box(used), " / ".join(ln.text.strip() for ln in used), layout)
            out.append(Candidate(unit, int(m.group("year")), _scope(m.group("scope")), kind, ev))
    return out


def holder_candidates(box: BBox | None, text: str, page: int, source: IdentitySource,
                      year: int | None) -> list[Candidate]:
    """A line (or table cell) naming who files after a role: 部门（单位）：X, 编制单位：X  单位：万元; on a
    cover also 预算主管部门：X (in a table, 主管部门 names the unit's parent)."""
    out = []
    s = squash(text)
    for layout, rx in _patterns("line") + (_patterns("cover_line") if source == "cover" else []):
        m = rx.search(s)
        if not m:
            continue
        unit = cut_name(re.split(r"(?:金额)?单位[:：]", m.group("unit"))[0])
        if unit:
            out.append(Candidate(unit, year, _scope(None, m.group("role")), None,
                                 Evidence(source, page, box, text.strip(), layout)))
            break
    return out


def is_table_title(text: str) -> bool:
    """A statement's title (by meaning, reference/statements.py) or a table's number (预算01表, 表1)."""
    return bool(title_phase(text) or looks_like_title(text) or _TABLE_NUMBER.match(squash(text)))


def cover_lines(page: Page) -> list[Line]:
    """The cover's block: page 1's first lines, up to its contents, its first heading or a sentence."""
    out = []
    for ln in page.lines[:COVER_LINES]:
        s = squash(ln.text)
        if not s:
            continue
        if _STOP.match(s) or (len(s) > TITLE_CHARS and _SENTENCE.search(s)) or is_table_title(s):
            break  # a file of tables only has no cover: its first line is a table's title
        out.append(ln)
    return out


def _title_runs(page: Page, skip: int = 0) -> list[list[Line]]:
    """Runs of up to three consecutive short lines without a full stop or comma: titles, read as blocks."""
    runs: list[list[Line]] = []
    run: list[Line] = []
    for ln in page.lines[skip:]:
        s = squash(ln.text)
        if s and len(s) <= TITLE_CHARS and not _SENTENCE.search(s) and len(run) < 3:
            run.append(ln)
            continue
        if run:
            runs.append(run)
        run = [ln] if s and len(s) <= TITLE_CHARS and not _SENTENCE.search(s) else []
    if run:
        runs.append(run)
    return runs


def page_year(page: Page) -> int | None:
    """The year of a page's title ("2026年部门收入预算总表"): a title line naming 预算 or 决算."""
    for _, text in caption_texts(page)[:12]:
        s = squash(text)
        m = _YEAR.search(s)
        if m and ("预算" in s or "决算" in s) and len(s) <= TITLE_CHARS + 20:
            return int(m.group(1))
    return None


def caption_texts(page: Page) -> list[tuple[BBox | None, str]]:
    """The page's lines, then the first rows of its ruled tables (a spreadsheet rules its title and
    单位 line into the table), each with its box."""
    texts: list[tuple[BBox | None, str]] = [((ln.x0, ln.top, ln.x1, ln.bottom), ln.text) for ln in page.lines]
    for t in page.tables:
        for r in range(min(4, t.n_rows)):
            cells = list({c.text: c for c in t.row_cells(r) if c is not None and c.text.strip()}.values())
            texts.extend((c.bbox, c.text) for c in cells)
            if len(cells) > 1:  # "部门名称 | 广州市生态环境局": the role and the name in two cells
                row_box = (cells[0].bbox[0], min(c.bbox[1] for c in cells), cells[-1].bbox[2],
                           max(c.bbox[3] for c in cells))
                texts.append((row_box, "".join(c.text for c in cells)))
    return texts


def candidates(doc: Document, is_toc_page) -> list[Candidate]:
    """Every candidate the first IDENTITY_PAGES pages print, cover first."""
    out: list[Candidate] = []
    pages = doc.pages[:IDENTITY_PAGES]
    if not pages:
        return out
    cover = cover_lines(pages[0])
    out.extend(_block(cover, 1, "cover"))
    cover_year = next((c.year for c in out if c.year), None)
    if cover_year is None:
        m = _YEAR.search("".join(squash(ln.text) for ln in cover))
        cover_year = int(m.group(1)) if m else None
    for ln in cover:
        out.extend(holder_candidates((ln.x0, ln.top, ln.x1, ln.bottom), ln.text, 1, "cover", cover_year))
    for page in pages:
        toc = is_toc_page(page)
        skip = len(cover) if page.number == 1 else 0
        for run in _title_runs(page, skip):
            out.extend(_block(run, page.number, "contents" if toc else "title"))
        year = page_year(page)
        cover_boxes = {(ln.x0, ln.top, ln.x1, ln.bottom) for ln in cover} if page.number == 1 else set()
        for box, text in caption_texts(page):
            if box not in cover_boxes:
                out.extend(holder_candidates(box, text, page.number, "table_header", year))
        for ln in page.lines:
            m = _NARRATIVE.match(squash(ln.text))
            unit = cut_name(m.group("unit")) if m else None
            if unit:
                ev = Evidence("narrative", page.number, (ln.x0, ln.top, ln.x1, ln.bottom), ln.text.strip(), "duties")
                out.append(Candidate(unit, None, "unknown", None, ev))
    return out


def file_name_candidate(doc: Document) -> Candidate | None:
    """The last resort: a file named <unit><year>年部门预算.pdf (a crawler's bud_…_015554f2.pdf names no one)."""
    name = squash(doc.path.replace("\\", "/").rsplit("/", 1)[-1])
    m = _FILE_TITLE.search(name)
    unit = cut_name(m.group("unit")) if m else None
    if not m or not unit:
        return None
    kind: Phase = "final" if m.group("kind") == "决算" else "budget"
    return Candidate(unit, int(m.group("year")), _scope(m.group("scope")), kind,
                     Evidence("file_name", None, None, name, "file_name"))
