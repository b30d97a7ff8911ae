"""The text as data: the heading tree of transform/sections.py → `sections` rows, and the list of
the units a filing's accounts cover (部门决算单位构成 / 编制范围 / 机构设置) → `covered_units` rows.

`section_id` is the section's place in the tree: "s" and the 1-based positions of it and of its
ancestors among their siblings, in reading order ("s3.5.2": the second subsection of the fifth
chapter of the third part). It depends only on the filing, not on the printed ordinals, which repeat
across parts and are sometimes skipped or doubled; `parent_id` is the id without its last position.

Tables are not text. The cells of a table are never in a page's text lines (extract/), and the
pages of the nine tables are skipped by the tree; a section records instead the statement keys of
the tables printed in it (`statements`) — a table goes to the section whose heading names it ("一、
《收入支出决算总表》" in a list of 附表), else to the section being read on the table's first page —
and the projects of its 绩效自评表 (`performance_projects`). Some text of tables reaches the tree all
the same and is taken out of `text` here: what is read on a table's page that holds no heading (the
title, unit and 说明 of a statement whose grid, printed without rules, was not read as a table; the
title lines above each 绩效自评表), and a unit list printed without rules ("序号 单位名称 备注" and
its rows).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.model import Document, Table
from reference.statements import match_title
from transform.rows import CoveredUnitRow, ParsedDocument, PerformanceProject, SectionRow, StatementRow
from transform.headings import clean
from transform.sections import Paragraph, Section

# the heading of the part that lists the units (概况 → 二、部门决算单位构成 / 机构设置)
_SCOPE_HEADING = re.compile(r"单位构成|编制范围|机构设置|单位范围")
# the sentence that opens the list ("纳入…编制范围的单位包括：", "…的二级预算单位为")
_LIST_INTRO = re.compile(r"编制范围的?[^，。：:；]{0,12}?(?:包括|为|有)[:：]?")
# the words that say a unit is merged into the department's own accounts
_MERGED = ("不单列", "并入本级", "并入", "不单独编制", "未单独编制", "不单独核算", "不独立编制")
_NONE = ("无", "没有", "不含")  # "…本级，无下属预算单位": not a unit
_HEADER_LINE = re.compile(r"^序号\s*单位名称")
_ROW_LINE = re.compile(r"^(\d{1,3})[、.．]?\s+(\S+)(?:\s+(.*\S))?\s*$")
_NUMBERED = re.compile(r"^(?:\d{1,3}[、.．]?|[（(]\d{1,3}[）)])\s*")


@dataclass
class _Node:
    sec: Section
    id: str
    parent: _Node | None
    path: str


def _flatten(roots: list[Section]) -> list[_Node]:
    out: list[_Node] = []

    def visit(secs: list[Section], parent: _Node | None) -> None:
        for i, sec in enumerate(secs, start=1):
            heading = heading_of(sec)
            node = _Node(sec, f"{parent.id}.{i}" if parent else f"s{i}", parent,
                         f"{parent.path} / {heading}" if parent else heading)
            out.append(node)
            visit(sec.children, node)

    visit(roots, None)
    return out


def ordinal_of(sec: Section) -> str:
    """The ordinal as printed, with its separator: '第三部分', '二、', '（三）', '(三)', '1、', '1.'."""
    n = len(sec.label)
    if sec.level in (2, 4) and sec.title[n:n + 1] in ("、", "．", "."):
        n += 1
    return sec.title[:n]


def heading_of(sec: Section) -> str:
    return sec.title[len(ordinal_of(sec)):].lstrip("、．. ")


def _pages_of(p: Paragraph) -> set[int]:
    return {p.page, *(pg for _, pg in p.breaks)}


def _last_page(p: Paragraph) -> int:
    return p.breaks[-1][1] if p.breaks else p.page


def _homes(nodes: list[_Node], statements: list[StatementRow]) -> dict[int, list[StatementRow]]:
    """node index → the statements printed in that section (see the module docstring)."""
    homes: dict[int, list[StatementRow]] = {}
    named: dict[str, int] = {}
    for i, n in enumerate(nodes):
        m = match_title(heading_of(n.sec).strip("《》")) if n.sec.level > 1 else None
        if m and not m.continued:
            named.setdefault(m.key, i)
    for st in sorted((s for s in statements if s.first_page is not None), key=lambda s: s.first_page or 0):
        home = named.get(st.statement)
        if home is None:
            before = [k for k, n in enumerate(nodes) if n.sec.page <= (st.first_page or 0)]
            if not before:
                continue  # printed before the first heading: no section to hold it
            home = before[-1]
        homes.setdefault(home, []).append(st)
    return homes


def section_rows(roots: list[Section], doc: Document, parsed: ParsedDocument,
                 table_lines: set[str] | frozenset[str] = frozenset()) -> list[SectionRow]:
    """The `sections` rows of a parsed filing, from its heading tree. `table_lines`: the cleaned text
    of lines that belong to a table printed without rules (the covered units' list)."""
    nodes = _flatten(roots)
    statements = parsed.statements
    homes = _homes(nodes, statements)
    projects = _project_homes(nodes, parsed.performance_projects)
    heading_pages = {n.sec.page for n in nodes}
    # A page holding a table and no heading holds the table and what is printed around it (its title,
    # unit, 说明), nothing else: text read there is the table's, e.g. a grid without rules that was not
    # read as a table, or the title lines of each 绩效自评表.
    table_pages = {pg for s in statements if s.first_page is not None
                   for pg in range(s.first_page, (s.last_page or s.first_page) + 1)}
    table_pages |= {r.page for r in parsed.performance_projects} | {r.page for r in parsed.performance_indicators}
    table_pages -= heading_pages
    untrusted = {p.number for p in doc.pages if p.text_flags}
    project_end: dict[str, int] = {}  # a 绩效自评表's indicators run on over the pages after its first
    for pr in parsed.performance_projects:
        project_end[pr.project] = max(project_end.get(pr.project, 0), pr.page)
    for ind in parsed.performance_indicators:
        project_end[ind.project] = max(project_end.get(ind.project, 0), ind.page)
    rows: list[SectionRow] = []
    last: dict[str, int] = {}
    for i, n in enumerate(nodes):
        paras = [p for p in n.sec.paragraphs if not _pages_of(p) <= table_pages]
        texts = [t for t in (_without(p.text, table_lines) for p in paras) if t]
        text = "\n".join(texts)
        pages = {n.sec.page} | {pg for p in paras for pg in _pages_of(p)}
        last[n.id] = max([n.sec.page] + [_last_page(p) for p in paras]
                         + [st.last_page or st.first_page or 0 for st in homes.get(i, [])]
                         + [project_end[pr.project] for pr in projects.get(i, [])])
        rows.append(SectionRow(parsed.document.doc_id, parsed.document.fiscal_year, parsed.document.phase, n.id,
                               n.parent.id if n.parent else None, n.sec.level, ordinal_of(n.sec), heading_of(n.sec),
                               n.path, n.sec.page, 0, text, len(text), [st.statement for st in homes.get(i, [])],
                               [pr.project for pr in projects.get(i, [])], n.sec.from_toc, not (pages & untrusted)))
    # a section ends where the last of its subsections ends: children come after their parent
    for row in reversed(rows):
        row.last_page = max(row.last_page, last[row.section_id])
        if row.parent_id is not None:
            last[row.parent_id] = max(last[row.parent_id], row.last_page)
    return rows


def _project_homes(nodes: list[_Node], projects: list[PerformanceProject]) -> dict[int, list[PerformanceProject]]:
    """node index → the 绩效自评表 printed in that section: the section being read on its page."""
    homes: dict[int, list[PerformanceProject]] = {}
    for pr in projects:
        before = [k for k, n in enumerate(nodes) if n.sec.page <= pr.page]
        if before:
            homes.setdefault(before[-1], []).append(pr)
    return homes


def _without(text: str, lines: set[str] | frozenset[str]) -> str:
    for line in lines:
        if line and line in text:
            text = text.replace(line, "")
    return text


# --- covered units -------------------------------------------------------------------------------------

def covered_units(roots: list[Section], doc: Document, doc_id: str, fiscal_year: int | None
                  ) -> tuple[list[CoveredUnitRow], set[str]]:
    """The units the filing's 编制范围 list names, from the first section that lists any: a table
    with a 单位名称 column, else lines "1 单位名称 备注" under a "序号 单位名称" line (a table printed
    without rules), else a sentence ("…编制范围的单位为X本级，无下属预算单位。"). Also returns the
    cleaned lines a rule-less list was read from (they are a table's, not text). Units on a page
    whose text layer is not trusted are left out (their names may show the wrong characters)."""
    nodes = _flatten(roots)
    untrusted = {p.number for p in doc.pages if p.text_flags}
    for i, n in enumerate(nodes):
        if n.sec.level < 2 or not _SCOPE_HEADING.search(heading_of(n.sec)):
            continue
        end = nodes[i + 1].sec.page if i + 1 < len(nodes) else n.sec.page + 1
        pages = [p for p in doc.pages if n.sec.page <= p.number <= end]
        found: list[tuple[int, str, str | None, int]] = []
        consumed: set[str] = set()
        for page in pages:
            for t in page.tables:
                found.extend(_from_table(t))
        if not found:
            found, consumed = _from_lines(pages)
        if not found:
            found = _from_sentences(n.sec.paragraphs)
        if found:
            rows = [CoveredUnitRow(doc_id, fiscal_year, k, name, not _merged(note), note, page)
                    for k, name, note, page in found if page not in untrusted]
            return rows, consumed
    return [], set()


def _merged(note: str | None) -> bool:
    return bool(note) and any(w in (note or "") for w in _MERGED)


def _from_table(t: Table) -> list[tuple[int, str, str | None, int]]:
    """A unit list printed as a table: a header row naming 单位名称 (序号 and 备注 where printed)."""
    header = next((r for r in range(min(2, t.n_rows)) if any("单位名称" in clean(c.text) for c in t.row_cells(r) if c)),
                  None)
    if header is None:
        return []
    cells = t.row_cells(header)
    labels = [clean(c.text) if c else "" for c in cells]
    name_col = next(k for k, s in enumerate(labels) if "单位名称" in s)
    number_col = next((k for k, s in enumerate(labels) if s in ("序号", "编号")), None)
    note_col = next((k for k, s in enumerate(labels) if k != name_col and ("备注" in s or "说明" in s or "编制" in s)),
                    None)
    out: list[tuple[int, str, str | None, int]] = []
    for r in range(header + 1, t.n_rows):
        row = t.row_cells(r)
        if len(row) != len(cells):
            continue  # a row merged across the columns (a note under the list)
        texts = [clean(c.text) if c else "" for c in row]
        name = texts[name_col]
        if not name:
            continue
        number = texts[number_col] if number_col is not None else ""
        ordinal = int(number) if number.isdigit() else len(out) + 1
        out.append((ordinal, name, (texts[note_col] or None) if note_col is not None else None, t.page))
    return out


def _from_lines(pages) -> tuple[list[tuple[int, str, str | None, int]], set[str]]:
    out: list[tuple[int, str, str | None, int]] = []
    consumed: set[str] = set()
    for page in pages:
        in_list = False
        for ln in page.lines:
            text = ln.text.strip()
            if _HEADER_LINE.match(clean(text)):
                in_list = True
                consumed.add(clean(text))
                continue
            m = _ROW_LINE.match(text) if in_list else None
            if m is None:
                in_list = False
                continue
            consumed.add(clean(text))
            out.append((int(m.group(1)), clean(m.group(2)), clean(m.group(3) or "") or None, page.number))
    return out, consumed


def _from_sentences(paragraphs: list[Paragraph]) -> list[tuple[int, str, str | None, int]]:
    for p in paragraphs:
        m = _LIST_INTRO.search(p.text)
        if m is None:
            continue
        stop = p.text.find("。", m.end())
        body = p.text[m.end():stop if stop >= 0 else len(p.text)]
        out: list[tuple[int, str, str | None, int]] = []
        for part in _split_outside_brackets(body):
            part = _NUMBERED.sub("", part).strip()
            if not part or part.startswith(_NONE):
                continue
            note = None
            bracket = re.search(r"[（(]([^（）()]*)[）)]$", part)
            if bracket and _merged(bracket.group(1)):
                note, part = bracket.group(1), part[:bracket.start()]
            out.append((len(out) + 1, part.rstrip("等"), note, p.page_at(m.end())))
        if out:
            return out
    return []


def _split_outside_brackets(text: str) -> list[str]:
    """'A（预算不单列，并入本级）；B、C' → ['A（预算不单列，并入本级）', 'B', 'C']."""
    parts, depth, start = [], 0, 0
    for k, ch in enumerate(text):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        elif ch in "，,；;、" and depth == 0:
            parts.append(text[start:k])
            start = k + 1
    parts.append(text[start:])
    return parts
