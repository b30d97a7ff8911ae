"""The heading tree of a filing's text, with the body of each section as clean paragraphs.

Headings, by level:
  1  第一部分 …            (part)
  2  一、…                  (chapter)
  3  （一）…                (section)
  4  1、… or 1.…            (item; in the narrative usually a 类/款/项 path followed by its text)

The body text is freed of page-break artefacts: a line that is only a page number is dropped, lines
are joined into paragraphs across line and page breaks (Chinese text joins without spaces); a new
paragraph starts at a heading, at an indented line, or after a line that ends short with a full stop.
The 目录 (table of contents), the pages of the nine tables (pages carrying a table title or a 注/说明
note under a ruled table) and the 名词解释 glossary are skipped; a part heading printed only in the
目录 (e.g. 第二部分 …部门决算表 whose table pages print the title without 第二部分) is placed at the
first page printing its title, with `from_toc=True`.

Paragraph text keeps, for every character offset, the page it was printed on (`Paragraph.page_at`),
so a figure found in a sentence can be cited with its own page even when the paragraph runs over a
page break.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from extract.geometry import BBox
from extract.model import Document, Line, Page
from reference.statements import looks_like_title, match_title
from transform.headings import (BRACKETED, GLOSSARY, PAGE_NUMBER, SENTENCE_END, TABLE_NOTE,
                                TABLES_PART, TOC_LEADER, clean, heading_label, heading_level)
from transform.text import ordinal_value

@dataclass
class Paragraph:
    text: str
    page: int  # the page its first character is printed on
    breaks: list[tuple[int, int]] = field(default_factory=list)  # (offset, page) where a page starts
    # (offset, page, line box) of each printed line the text was joined from, in order: where a
    # sentence is printed (`box`)
    spans: list[tuple[int, int, BBox]] = field(default_factory=list)

    def page_at(self, offset: int) -> int:
        """The page on which the character at `offset` is printed."""
        offsets = [o for o, _ in self.breaks]
        i = bisect_right(offsets, offset)
        return self.breaks[i - 1][1] if i else self.page

    def box(self, start: int, end: int, page: int) -> BBox | None:
        """The box of the lines holding characters start…end−1 that are printed on `page` (a sentence
        runs over whole lines: its box is theirs), or None when no line of it is known there."""
        boxes = []
        for i, (offset, pg, bbox) in enumerate(self.spans):
            stop = self.spans[i + 1][0] if i + 1 < len(self.spans) else len(self.text)
            if pg == page and offset < end and stop > start:
                boxes.append(bbox)
        if not boxes:
            return None
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


@dataclass
class Section:
    level: int  # 1 part, 2 chapter, 3 section, 4 item
    label: str  # 第三部分 | 五 | （一） | 1
    title: str  # the heading as printed, whitespace removed ("五、一般公共预算财政拨款支出决算情况说明")
    page: int  # first page
    paragraphs: list[Paragraph] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)
    from_toc: bool = False  # heading printed only in the 目录; placed where its title is printed

    @property
    def name(self) -> str:
        """The title without its label and its separator ('一般公共预算财政拨款支出决算情况说明')."""
        rest = self.title[len(self.label):] if self.title.startswith(self.label) else self.title
        return rest.lstrip("、．.")

    @property
    def body(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def walk(self, ancestors: tuple["Section", ...] = ()):
        """(section, ancestors) for this section and every section under it, in reading order."""
        yield self, ancestors
        for child in self.children:
            yield from child.walk(ancestors + (self,))


# --- line geometry --------------------------------------------------------------------------------

@dataclass
class _Geometry:
    left: float
    right: float
    size: float


def _page_geometry(lines: list[Line], fallback: _Geometry | None) -> _Geometry | None:
    """Left margin: the smallest x0 that at least two lines share; right edge: the largest x1."""
    if not lines:
        return fallback
    xs = Counter(round(ln.x0) for ln in lines)
    shared = [x for x, n in xs.items() if n >= 2]
    sizes = Counter(round(ln.size, 1) for ln in lines)
    size = sizes.most_common(1)[0][0] or 12.0
    if not shared:
        if fallback:
            return fallback
        shared = list(xs)
    left = float(min(shared))
    right = max(ln.x1 for ln in lines)
    if fallback and len(lines) < 4:
        right = max(right, fallback.right)
    return _Geometry(left, right, size)


def _is_table_page(page: Page) -> bool:
    """A page of tables: a table under a title or a note — or a statement's title with no table found
    under it (an empty table printed without rules is header lines and 本表无数据, not running text)."""
    for ln in page.lines:
        s = clean(ln.text)
        if match_title(s) or (page.tables and (TABLE_NOTE.match(s) or looks_like_title(s))):
            return True
    return False


def is_toc_page(page: Page) -> bool:
    return any(clean(ln.text) in ("目录", "目次") for ln in page.lines)


def toc_continues(page: Page) -> bool:
    """A page after the 目录 that still lists only headings (and wrapped tails of them)."""
    if page.tables or not page.lines:
        return False
    for ln in page.lines:
        s = clean(ln.text)
        if heading_level(s) is None and len(s) > 6 and not PAGE_NUMBER.match(s) and not BRACKETED.match(s):
            return False
    return True


def contents_pages(doc: Document) -> list[Page]:
    """The pages of the contents (目录): from a page that starts one through the pages that continue it."""
    pages, in_toc = [], False
    for page in doc.pages:
        if is_toc_page(page):
            in_toc = True
        elif in_toc and not toc_continues(page):
            in_toc = False
        if in_toc:
            pages.append(page)
    return pages


# --- building ---------------------------------------------------------------------------------------

@dataclass
class _Builder:
    roots: list[Section] = field(default_factory=list)
    stack: list[Section] = field(default_factory=list)
    para: Paragraph | None = None
    para_section: Section | None = None
    heading_para: bool = False  # the open paragraph is a heading's own paragraph
    in_glossary: bool = False
    last_ended_short: bool = True  # the last line read ended before the right edge

    def close_para(self) -> None:
        p, sec = self.para, self.para_section
        self.para = None
        if p is None or sec is None:
            return
        if self.heading_para:
            self.heading_para = False
            title, body = _split_heading(p.text)
            sec.title = title
            if body:
                cut = len(p.text) - len(body)
                breaks = [(o - cut, pg) for o, pg in p.breaks if o > cut]
                spans = _spans_after(p.spans, cut)
                if _next_sibling(sec, body):
                    # the next heading printed on this one's line ('…财务规则。（八）负责…'): a
                    # producer lost the line break; the reader of the page sees two items
                    self.open_section(sec.level, body, p.page_at(cut))
                    if self.para is not None:
                        self.para.breaks = breaks
                        self.para.spans = spans
                    self.close_para()
                    return
                sec.paragraphs.append(Paragraph(body, p.page_at(cut), breaks, spans))
            return
        if not self.in_glossary and p.text:
            sec.paragraphs.append(p)

    def open_section(self, level: int, text: str, page: int, box: BBox | None = None) -> None:
        self.close_para()
        if level == 1:
            self.in_glossary = GLOSSARY in text
        sec = Section(level, heading_label(text), text, page)
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        if self.in_glossary and level > 1:
            return  # glossary entries are not sections
        (self.stack[-1].children if self.stack else self.roots).append(sec)
        self.stack.append(sec)
        self.para = Paragraph(text, page, spans=[(0, page, box)] if box else [])
        self.para_section = sec
        self.heading_para = True

    def add_text(self, text: str, page: int, new_paragraph: bool, box: BBox | None = None) -> None:
        if not self.stack:
            return  # cover page text before the first heading
        if self.para is not None and not new_paragraph:
            if page != self._last_page():
                self.para.breaks.append((len(self.para.text), page))
            if box:
                self.para.spans.append((len(self.para.text), page, box))
            self.para.text += text
            return
        self.close_para()
        self.para = Paragraph(text, page, spans=[(0, page, box)] if box else [])
        self.para_section = self.stack[-1]

    def _last_page(self) -> int:
        p = self.para
        return p.breaks[-1][1] if p and p.breaks else (p.page if p else 0)


def _spans_after(spans: list[tuple[int, int, BBox]], cut: int) -> list[tuple[int, int, BBox]]:
    """The line spans of a paragraph's text from offset `cut` on, re-based to start at 0."""
    out = [(max(0, o - cut), pg, b) for i, (o, pg, b) in enumerate(spans)
           if (spans[i + 1][0] if i + 1 < len(spans) else cut + 1) > cut]
    return out


def _next_sibling(sec: Section, text: str) -> bool:
    """Whether `text` starts with the heading that follows `sec` at its level (（七） → （八）)."""
    if heading_level(text) != sec.level:
        return False
    this, that = ordinal_value(sec.label), ordinal_value(heading_label(text))
    return this is not None and that == this + 1


def _split_heading(text: str) -> tuple[str, str]:
    """A heading paragraph → (title, body). Short headings are all title; an item heading runs on
    into its text ('1、…（项）。主要用于：…'): the title ends at the first full stop or colon."""
    m = re.search(r"[。：:；]", text)
    if m and m.start() <= 90:
        title = text[:m.start()]
        body = text[m.end():] if text[m.start()] in "。；" else text[m.start() + 1:]
        return title, body.strip()
    if len(text) <= 60 or not m:
        return text, ""
    return text, ""


def section_tree(doc: Document) -> list[Section]:
    """The heading tree of the filing (see the module docstring)."""
    b = _Builder()
    toc_parts: list[str] = []
    toc = {p.number for p in contents_pages(doc)}
    geometry: _Geometry | None = None
    skipped_title_lines: list[tuple[str, int]] = []
    table_pages: list[int] = []
    for page in doc.pages:
        if page.number in toc:
            _read_toc_lines(page.lines, toc_parts)
            continue
        table_page = _is_table_page(page)
        if table_page:
            table_pages.append(page.number)
        lines = [ln for ln in page.lines if clean(ln.text) and not PAGE_NUMBER.match(clean(ln.text))]
        if page.number - 1 in toc and toc_parts:
            lines = _after_toc_tail(lines, toc_parts)
        geometry = _page_geometry(lines, geometry) if not table_page else geometry
        for ln in lines:
            s = clean(ln.text)
            level = heading_level(s)
            if table_page:
                if level == 1:
                    b.open_section(1, s, page.number)
                    b.close_para()
                else:
                    skipped_title_lines.append((s, page.number))
                continue
            box = (ln.x0, ln.top, ln.x1, ln.bottom)
            if _continues_part_title(b, s) and b.para is not None:
                b.para.text += s  # '…部门决算情况' + '说明' (a centred tail of a part title)
            elif level is not None:
                b.open_section(level, s, page.number, box)
            else:
                b.add_text(s, page.number, _starts_paragraph(ln, geometry, b), box)
            b.last_ended_short = geometry is None or ln.x1 < geometry.right - 5 * geometry.size
    b.close_para()
    _place_toc_parts(b.roots, toc_parts, skipped_title_lines, doc, table_pages)
    return b.roots


def _read_toc_lines(lines: list[Line], toc_parts: list[str]) -> None:
    """The parts a contents page lists (第X部分 …, with a short wrapped tail joined)."""
    for ln in lines:
        s = TOC_LEADER.sub("", clean(ln.text))
        if heading_level(s) == 1:
            toc_parts.append(s)
        elif toc_parts and heading_level(s) is None and len(s) <= 6:
            toc_parts[-1] += s


def _after_toc_tail(lines: list[Line], toc_parts: list[str]) -> list[Line]:
    """The lines of the page after the contents from where the body starts: the contents may run on at
    the top of the next page (its last entries), the body's first part heading below them on the same
    page (西安 2020–2022). The body starts at the first heading of a part the contents already listed."""
    listed = {heading_label(t) for t in toc_parts}
    for i, ln in enumerate(lines):
        s = clean(ln.text)
        if heading_level(s) == 1 and heading_label(s) in listed and i > 0:
            head = [clean(x.text) for x in lines[:i]]
            if all(heading_level(t) is not None or len(t) <= 6 or BRACKETED.match(t) for t in head):
                _read_toc_lines(lines[:i], toc_parts)
                return lines[i:]
            return lines
        if heading_level(s) is None and len(s) > 6 and not BRACKETED.match(s):
            return lines  # body text before any repeated part heading: no contents here
    return lines


def _continues_part_title(b: _Builder, s: str) -> bool:
    return (b.heading_para and b.para_section is not None and b.para_section.level == 1
            and heading_level(s) is None and len(s) <= 6 and b.para is not None
            and b.para.text[-1:] not in SENTENCE_END)


def _starts_paragraph(ln: Line, g: _Geometry | None, b: _Builder) -> bool:
    """Whether a body line starts a new paragraph. Page breaks do not: the first line of a page at
    the margin continues the paragraph the last page ended with."""
    at_margin = g is None or ln.x0 <= g.left + 0.5 * g.size
    if b.heading_para:
        # a heading's own paragraph runs on only while its lines reach the right edge
        return not at_margin or b.last_ended_short
    if not at_margin:
        return True  # indented (a line ends short when it stops 5 em before the right edge: lines
        # with many digits are narrower than full lines of Chinese)
    last = b.para.text[-1:] if b.para else ""
    return b.last_ended_short and last in SENTENCE_END


def _place_toc_parts(roots: list[Section], toc_parts: list[str], title_lines: list[tuple[str, int]],
                     doc: Document, table_pages: tuple[int, ...] | list[int] = ()) -> None:
    """Insert the parts the 目录 lists but the body prints without their 第X部分 heading: where their
    title is printed, or — a part of tables printed as its tables alone — at its first table page after
    the part before it; the chapters that follow such a part up to the next part become its own."""
    have = {heading_label(r.title) for r in roots}
    for entry in toc_parts:
        label = heading_label(entry)
        if label in have:
            continue
        rest = entry[len(label):]
        page = next((pg for s, pg in title_lines if rest and s == rest), None)
        if page is None:
            for p in doc.pages:
                if any(clean(ln.text) == rest for ln in p.lines) and not is_toc_page(p):
                    page = p.number
                    break
        if page is None and TABLES_PART.search(rest):
            page = _first_table_page(roots, label, table_pages)
        if page is None:
            continue
        sec = Section(1, label, entry, page, from_toc=True)
        # before the chapters printed on its page: its title is printed above them
        i = next((k for k, r in enumerate(roots) if r.page > page or (r.page == page and r.level > 1)), len(roots))
        roots.insert(i, sec)
        have.add(label)
        while i + 1 < len(roots) and roots[i + 1].level > 1:  # its chapters, printed without the part heading
            sec.children.append(roots.pop(i + 1))


def _first_table_page(roots: list[Section], label: str, table_pages: tuple[int, ...] | list[int]) -> int | None:
    """The first table page after the part before `label` begins, and before the part after it."""
    n = ordinal_value(label)
    if n is None:
        return None
    parts = [(ordinal_value(r.label), r.page) for r in roots if r.level == 1]
    after = max((pg for k, pg in parts if k is not None and k < n), default=0)
    before = min((pg for k, pg in parts if k is not None and k > n), default=10**6)
    return next((pg for pg in table_pages if after < pg < before), None)
