"""Who and when each part of a filing names → `mentions` rows, for the completeness checks.

A reviewer checks that the unit named on the cover is the one the contents, every table header and the
narrative name, that no template placeholder (XX, ××, 某某, {单位}) was left where a unit belongs, that
every part speaks of the filing's year (and of the year before where it compares), and that the tables
the contents list are printed. This module records, with the line's box, what each part prints:

- cover: the unit (documents.unit_name, where the cover prints it) and the year;
- contents: the unit and year of each part title ("第二部分 X 2024 年度部门决算表"), and each statement
  listed (kind `listing`, value = the statement key);
- table: the unit and year above a table ("X 2024 年度部门决算表", "编制单位：X", "部门：X", a title with
  the unit before it) and the unit of the 注/说明 printed under it ("说明：X本年度没有…");
- narrative: the unit where a sentence names it ("X 2024 年度收入支出总计", "纳入X 2024 年度部门决算编制范围",
  "截至 2024 年 12 月 31 日，X共有车辆"), each "YYYY 年度" (kind `year`) and each year it compares
  with ("与 2023 年度相比", kind `prior_year`).

A unit is read only where the words around it say it is one (a name ending as units do — 局, 部, 中心, … —
or holding a placeholder): "本部门" and "本表反映部门" are no unit. Nothing is judged here.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from extract.geometry import between
from extract.model import Document, Line
from reference._typing import MentionKind, MentionPart
from reference.statements import PLACEHOLDER, match_title
from transform.narrative import PERFORMANCE_TABLE
from transform.rows import MentionRow
from transform.headings import TOC_LEADER, clean
from transform.sections import Paragraph, Section
from transform.statements import Block, contents_lines, contents_pages
from transform.text import squash

# How a unit's name ends (a government unit is a 局, 部, 委员会, 中心, 办公室, …).
_UNIT_END = ("局", "部", "委", "委员会", "办公室", "办", "中心", "院", "所", "站", "馆", "会", "社", "队", "团", "处",
             "厅", "署", "校", "学", "园", "室", "司", "台", "场", "库", "宫", "组", "联", "政府", "法院", "检察院",
             "医院", "机关", "总队", "支队", "大队", "中队", "科", "股", "网", "公司")
_NOT_UNIT = re.compile(r"^(?:本|该|此|各|我|贵|全|纳入|从|截至|在|经|由|根据|按照|其中)|表|部门本年度")
_YEAR = r"(?P<year>20\d{2})\s*年度?"
_PART = re.compile(r"^第[一二三四五六七八九十\d]+部分")
# Part and table titles: "第二部分 X 2024 年度部门决算表", "表1 X2024年度收入支出决算总表", "第一部分 X概况".
# a table's number before its title ("表1", "附表3", "公开05表", "3、"); a numeral alone is a name's ("五常市")
_NUMBER = re.compile(r"^(?:(?:附表|表|公开)[0-9一二三四五六七八九十]{1,3}(?:[-—－][0-9]{1,2})?表?[-—－：:、.．]?"
                     r"|[0-9一二三四五六七八九十]{1,3}[-—－：:、.．])")
_TITLE_UNIT_YEAR = re.compile(rf"^(?P<unit>.+?){_YEAR}")
_TITLE_UNIT_ONLY = re.compile(r"^(?P<unit>.+?)(?:部门|单位)?(?:概况|决算情况说明|决算表)$")
# "编制单位：X   单位：万元": the name runs to a space or to the next label
_COMPILER = re.compile(r"(?:编制单位|编报单位|编制部门|填报单位|部门名称|单位名称|部门|单位)[:：]\s*"
                       r"(?P<unit>[^\s:：]+?)(?=\s|(?:金额)?单位[:：]|$)")
_NOTE_UNIT = re.compile(r"^(?:注|说明)\s*\d?\s*[:：]\s*(?P<unit>[^，。；,;]{2,40}?)(?:本年度|本年|20\d{2}|无|没有|未)")
# The narrative names its unit at the start of a sentence, in the scope sentence and before its vehicles.
_SENTENCE_UNITS = (
    re.compile(rf"^(?P<unit>[^，。；：、,;:]{{2,40}}?)\s*{_YEAR}"),
    re.compile(rf"纳入(?P<unit>[^，。；：,;:]{{2,40}}?)\s*{_YEAR}(?:部门|单位)?决算编制范围"),
    re.compile(r"从预算单位构成看[，,](?P<unit>[^，。；：,;:]{2,40}?)(?:部门|单位)?决算包括"),
    re.compile(r"截至\s*20\d{2}\s*年\s*12\s*月\s*31\s*日[，,]\s*(?P<unit>[^，。；：,;:]{2,40}?)(?:共有|拥有|实有)"),
)
# Years: a comparison names the year before ("与 2023 年度相比", "比 2023 年度增加"); any other
# "YYYY 年度", and the balance-sheet date, name the filing's year.
_PRIOR = re.compile(r"(?:与|比|较|同)\s*(?P<year>20\d{2})\s*年度?")
_CURRENT = re.compile(r"(?P<year>20\d{2})\s*年度|截至\s*(?P<day>20\d{2})\s*年\s*12\s*月\s*31\s*日")
_SENTENCE = re.compile(r"[^。！？]*[。！？]?")


def is_unit_name(text: str) -> bool:
    """Whether `text` reads as a unit's name (or a placeholder standing for one)."""
    if PLACEHOLDER.search(text):
        return True
    return len(text) >= 3 and not _NOT_UNIT.search(text) and text.endswith(_UNIT_END)


def _box(lines: Iterable[Line]) -> tuple[float, float, float, float] | None:
    ls = list(lines)
    if not ls:
        return None
    return (round(min(ln.x0 for ln in ls), 2), round(min(ln.top for ln in ls), 2),
            round(max(ln.x1 for ln in ls), 2), round(max(ln.bottom for ln in ls), 2))


class _Out:
    def __init__(self, doc_id: str, year: int | None):
        self.doc_id, self.year = doc_id, year
        self.rows: list[MentionRow] = []
        self._seen: set[tuple] = set()

    def add(self, part: MentionPart, kind: MentionKind, value: str, text: str, page: int, box,
            statement: str | None = None) -> None:
        if box is None:
            return
        box = tuple(round(float(v), 2) for v in box)
        key = (part, kind, value, page, statement, box)
        if key in self._seen:
            return
        self._seen.add(key)
        self.rows.append(MentionRow(self.doc_id, self.year, part, kind, statement, value, text, page, *box))

    def unit_and_year(self, part: MentionPart, text: str, page: int, box, statement: str | None = None) -> None:
        """The unit and the year of a title line ("X 2024 年度部门决算表", "第一部分 X概况")."""
        s = _NUMBER.sub("", _PART.sub("", squash(text)))
        m = _TITLE_UNIT_YEAR.search(s) or _TITLE_UNIT_ONLY.search(s)
        if m and is_unit_name(m.group("unit")):
            self.add(part, "unit", m.group("unit"), text, page, box, statement)
        if m and "year" in m.groupdict() and m.group("year"):
            self.add(part, "year", m.group("year"), text, page, box, statement)


def mentions(doc: Document, doc_id: str, fiscal_year: int | None, unit_name: str | None,
             blocks: list[Block], sections: list[Section]) -> list[MentionRow]:
    """Every unit, year and contents listing the filing prints, with its page and box."""
    out = _Out(doc_id, fiscal_year)
    _cover(doc, unit_name, fiscal_year, out)
    _contents(doc, out)
    _tables(doc, blocks, out)
    _narrative(sections, out)
    return out.rows


def _cover(doc: Document, unit_name: str | None, fiscal_year: int | None, out: _Out) -> None:
    if not doc.pages:
        return
    lines = doc.pages[0].lines
    joined = squash("".join(ln.text for ln in lines))
    if unit_name and unit_name in joined:
        # the lines the name is printed over (a long name wraps: "中共上海市普陀区委" / "社会工作部 2024 年度")
        parts = [ln for ln in lines if (t := squash(ln.text)) and (t in unit_name or unit_name in t
                                                                    or t[:3] in unit_name)]
        out.add("cover", "unit", unit_name, joined, 1, _box(parts))
    if fiscal_year:
        year_lines = [ln for ln in lines if str(fiscal_year) in squash(ln.text)]
        out.add("cover", "year", str(fiscal_year), joined, 1, _box(year_lines[:1]))


def _contents(doc: Document, out: _Out) -> None:
    for page in contents_pages(doc):
        for ln in page.lines:
            s = TOC_LEADER.sub("", clean(ln.text))
            if _PART.match(s):
                out.unit_and_year("contents", s, page.number, _box([ln]))
    for key, (page_no, ln) in contents_lines(doc).items():
        out.add("contents", "listing", key, ln.text.strip(), page_no, _box([ln]), key)


def _tables(doc: Document, blocks: list[Block], out: _Out) -> None:
    pages = {p.number: p for p in doc.pages}
    seen: set[str] = set()
    for block in blocks:
        if block.statement in seen:
            continue  # a statement printed twice: its first print is the one read
        seen.add(block.statement)
        first = block.tables[0]
        page = pages[first.page]
        above_from = max((t.bbox[3] for t in page.tables if t.bbox[3] <= first.bbox[1] + 1), default=0.0)
        for ln in between(page.lines, above_from, first.bbox[1]):
            text = squash(ln.text)
            for m in _COMPILER.finditer(ln.text):
                if is_unit_name(m.group("unit")):
                    out.add("table", "unit", m.group("unit"), ln.text.strip(), page.number, _box([ln]),
                            block.statement)
            if "决算" in text and (_PART.match(text) or "部门决算表" in text or "单位决算表" in text
                                   or match_title(text)):
                out.unit_and_year("table", text, page.number, _box([ln]), block.statement)
        for page_no, ln in block.notes:
            note = _NOTE_UNIT.match(squash(ln.text))
            if note and is_unit_name(note.group("unit")):
                out.add("table", "unit", note.group("unit"), ln.text.strip(), page_no, _box([ln]), block.statement)


def _narrative(sections: list[Section], out: _Out) -> None:
    for root in sections:
        if root.from_toc or "名词解释" in root.title:
            continue
        for sec, _ in root.walk():
            for para in sec.paragraphs:
                if PERFORMANCE_TABLE.search(para.text):
                    break  # a 绩效自评表 read as text: the rest of the section is tables, as the narrative reader has it
                _paragraph(para, out)


def _paragraph(para: Paragraph, out: _Out) -> None:
    for sm in _SENTENCE.finditer(para.text):
        sentence = sm.group(0)
        if not sentence.strip():
            continue
        found: list[tuple[MentionKind, str, int]] = []  # (kind, value, offset in the sentence)
        for rx in _SENTENCE_UNITS:
            m = rx.search(sentence)
            if m and is_unit_name(squash(m.group("unit"))):
                found.append(("unit", squash(m.group("unit")), m.start("unit")))
        priors = set()
        for m in _PRIOR.finditer(sentence):
            priors.add(m.start("year"))
            found.append(("prior_year", m.group("year"), m.start("year")))
        for m in _CURRENT.finditer(sentence):
            at = m.start("year") if m.group("year") else m.start("day")
            if at not in priors:
                found.append(("year", m.group("year") or m.group("day"), at))
        for kind, value, offset in found:
            page = para.page_at(sm.start() + offset)
            out.add("narrative", kind, value, sentence.strip(), page, para.box(sm.start(), sm.end(), page))
