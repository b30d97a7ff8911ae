"""The narrative (决算情况说明, 概况) → `narrative_facts` rows.

Sentence-level extraction. Each paragraph of the section tree (transform/sections.py) is cut into
sentences at 。; each sentence is read left to right as a stream of tokens:
- a subject: a known phrase (收入支出总计, 本年收入合计, 基本支出, 机关运行经费, 政府采购金额, 车辆, …) or
  a 类/款/项 path;
- a figure: a number with its unit (万元 / 元 / % / 人 / 辆 / 个 / 台（套）);
- a reason marker (主要原因：…): the rest of the clause is the stated reason, not read for figures.
The words between the subject (or the previous figure) and a figure say what the figure is: 增加/
减少 + amount → `_change` (signed), 增长/下降 + % → `_change_pct` (signed), 占 → `_share_pct`, 年初预算 →
`_budget_initial`, 全年预算 → `_budget_full_year`, 完成…预算 → `_completion_pct`, 决算 or nothing → the
value itself. A figure preceded by words that are neither a known subject nor one of these is not
stored: it is logged with the reason (nothing is invented). A sentence without a subject takes the
last subject of its paragraph; the paragraphs of an item section (1、…（类）…（款）…（项）) take the item.
"持平 with the prior year" is a stated change of zero.

Item facts carry the code resolved by transform/narrative_codes.py (table → catalog → unresolved).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from extract.model import Document
from transform.narrative_codes import CodeResolver, ItemPath, parse_path
from transform.narrative_subjects import SUBJECTS
from transform.rows import NarrativeFact
from transform.sections import Paragraph, Section, section_tree

WAN = Decimal(10000)
CENT = Decimal("0.01")


_SUBJECT_FAMILY = {key: fam for _, key, fam in SUBJECTS}

_PATH_NAME = r"(?:(?![（(][类款项][）)])[^，。；：,;:\d])*?"  # a 款/项 name: may hold 项 (专项业务) or （室）
_ITEM_PATH = rf"[\u4e00-\u9fff]+[（(]类[）)](?:{_PATH_NAME}[（(]款[）)])?(?:{_PATH_NAME}[（(]项[）)])?"
_NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>万元|元|%|％|人次|人|辆|个|台[（(]套[）)]|台|套|批次|次|分|平方米)?"
_REASON = r"(?P<reason>(?:主要)?原因(?:是|为|主要是)?[:：]?)|(?P<desc>主要用于[:：]|主要包括[:：]?|开支内容包括|具体包括[:：]?)"
_TOKEN = re.compile("|".join([
    _REASON,
    f"(?P<path>{_ITEM_PATH})",
    *(f"(?P<s{i}>{p})" for i, (p, _, _) in enumerate(SUBJECTS)),
    _NUMBER,
]))

# words allowed between a subject (or the previous figure) and a figure
_FILLER = re.compile(
    r"与(?:年初|全年)?预算(?:数)?相比|与上年度?相比|与\d{4}年度?相比|与上年|与\d{4}年度?|较上年|比上年度?|比\d{4}年度?|上年决算|同比|相比|"
    r"其中|分别|共计|共有|合计|总额|金额|以合同签订为准|"
    r"增加|增长|减少|下降|占|完成|年初预算|全年预算|调整后预算|预算|支出决算|决算|预决算差异率|差异率|"
    r"本年支出合计|本年收入合计|政府采购支出总额|总支出|支出|数|为|是|的|达|约|涉及|平均得|"
    r"\d{4}年度?|[，,、：:；;\s（）()“”\"]")

_CLAUSE_START = re.compile(r"\s*(?:其中[:：]?)?\s*")
_TEMPLATE_PAIR = re.compile(r"(增加|减少|增长|下降)\s*[（(]\s*(?:增加|减少|增长|下降)\s*[）)]")
_CHANGE_UP = ("增加", "增长", "上升", "提高")
_CHANGE_DOWN = ("减少", "下降", "降低")
_FLAT = re.compile(r"持平")
_PRIOR_YEAR = re.compile(r"上年|上一年|\d{4}年度?")
_YEAR_AFTER = re.compile(r"^\s*(?:年|月|日|号)")


@dataclass
class _Subject:
    key: str | None  # contract key (None for an item)
    family: str
    item: ItemPath | None = None

    @property
    def name(self) -> str:
        return self.item.printed if self.item else str(self.key)


@dataclass
class _Sentence:
    text: str
    start: int  # offset in the paragraph


def _sentences(text: str) -> list[_Sentence]:
    out, start = [], 0
    for m in re.finditer(r"[。！？]", text):
        out.append(_Sentence(text[start:m.end()], start))
        start = m.end()
    if text[start:].strip():
        out.append(_Sentence(text[start:], start))
    return out


def _decimal(num: str) -> Decimal | None:
    try:
        return Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None


class _Reader:
    def __init__(self, doc_id, fiscal_year, unit_name, resolver: CodeResolver):
        self.doc_id, self.year, self.unit = doc_id, fiscal_year, unit_name
        self.resolver = resolver
        self.facts: list[NarrativeFact] = []
        self.log: list[str] = []
        self._codes: dict[ItemPath, tuple[str | None, str]] = {}
        self._where: tuple[Paragraph, int, int] | None = None  # the sentence being read: its box
        self._change_sign: Decimal | None = None  # set per sentence (sentence())

    # --- output ---
    def _code(self, path: ItemPath) -> tuple[str | None, str]:
        if path not in self._codes:
            r = self.resolver.resolve(path)
            self._codes[path] = (r.code, r.how)
            if r.how == "unresolved":
                self.log.append(f"unresolved classification: {path.printed} — {r.note}; its facts are stored "
                                "with code None")
        return self._codes[path]

    def emit(self, fact: str, subject: _Subject, value: Decimal, unit: str, page: int, evidence: str):
        code = resolution = None
        if subject.item:
            code, resolution = self._code(subject.item)
        box = self._where[0].box(self._where[1], self._where[2], page) if self._where else None
        x0, top, x1, bottom = (round(float(v), 2) for v in box) if box else (None, None, None, None)
        self.facts.append(NarrativeFact(self.doc_id, self.year, self.unit, fact, code,
                                        subject.item.printed if subject.item else None, value, unit, page,
                                        evidence.strip(), None, resolution, x0, top, x1, bottom))
        return self.facts[-1]

    def skip(self, page: int, sentence: str, figure: str, why: str):
        self.log.append(f"page {page}: “{figure}” in “{sentence.strip()}” was not stored: {why}")

    # --- reading ---
    def paragraph(self, para: Paragraph, default: _Subject | None):
        current = default
        previous: list[NarrativeFact] = []
        for sent in _sentences(para.text):
            current, new, leading_reason = self.sentence(sent, para, current, default)
            if leading_reason:  # '…下降1.87%。主要原因：…。': the reason of the sentence before
                for f in previous:
                    if f.reason is None:
                        f.reason = leading_reason
            previous = new

    def sentence(self, sent: _Sentence, para: Paragraph, current: _Subject | None, default: _Subject | None):
        text = sent.text
        self._where = (para, sent.start, sent.start + len(text))
        self._change_sign = None  # the sign of the change amount this sentence states
        new: list[NarrativeFact] = []
        subject = current
        last_end = 0  # where the words describing the next figure begin
        in_reason = False
        saw_subject_here = False
        group: list[NarrativeFact] = []  # facts since the last reason
        leading_reason = None
        marker: re.Match | None = None

        def close_reason(end: int):
            nonlocal leading_reason, group
            if marker is None or marker.lastgroup != "reason":
                return
            reason = text[marker.end():end].strip("，,；;。 ") or None
            if reason is None:
                return
            targets = [f for f in group if f.reason is None]
            if targets:
                for f in targets:
                    f.reason = reason
            elif not new:
                leading_reason = reason
            group = []

        for m in _TOKEN.finditer(text):
            kind = "num" if m.group("num") is not None else m.lastgroup
            if in_reason:
                # a reason (or a 主要用于/主要包括 list) runs up to a ； directly followed by a new subject
                semi = text.rfind("；", last_end, m.start())
                if kind in ("num", "reason", "desc") or semi < 0 \
                        or not _CLAUSE_START.fullmatch(text[semi + 1:m.start()]):
                    continue
                in_reason = False
                close_reason(semi)
                last_end = semi + 1
            if kind in ("reason", "desc"):
                in_reason = True
                marker = m
                last_end = m.end()
                continue
            if kind == "path":
                path = parse_path(m.group(0))
                if path:
                    subject = _Subject(None, "item", path)
                    saw_subject_here = True
                last_end = m.end()
                continue
            if kind and kind.startswith("s"):
                if text[last_end:m.start()].endswith("占"):
                    continue  # '占本年支出合计的 x%': the whole, not a new subject
                _, key, fam = SUBJECTS[int(kind[1:])]
                subject = _Subject(key, fam)
                saw_subject_here = True
                last_end = m.end()
                continue
            # a figure
            num, unit = m.group("num"), m.group("unit")
            after = text[m.end():m.end() + 2]
            before = text[max(0, m.start() - 1):m.start()]
            if not unit and (_YEAR_AFTER.match(after) or before in ("第",) or re.match(r"^[.．、]", after)):
                continue  # a year, a date or an ordinal: part of the words before the next figure
            if unit and unit.startswith("年"):
                continue
            gap = text[last_end:m.start()]
            last_end = m.end()
            page = para.page_at(sent.start + m.start())
            figure = m.group(0)
            if subject is None:
                self.skip(page, text, figure, "no subject (nothing the figure could be a value of)")
                continue
            leftover = _FILLER.sub("", gap)
            if leftover:
                self.skip(page, text, figure, f"the words before it (“{gap.strip('，,')}”) are not a known "
                          f"subject or measure (last subject: {subject.name})")
                continue
            fact = self.figure(subject, gap, num, unit, page, text)
            if fact is None and unit == "分":
                self.skip(page, text, figure, "a score in 分 (the contract has no unit for scores)")
            elif fact is None:
                self.skip(page, text, figure, f"{unit or 'a bare number'} after “{gap}” is not a measure of "
                          f"{subject.name}")
            else:
                new.append(fact)
                group.append(fact)
        if in_reason:
            close_reason(len(text))
        flat = self._flat(sent, para, subject if saw_subject_here else (subject or default), new)
        if flat is not None and leading_reason is None and marker is not None and marker.lastgroup == "reason":
            flat.reason = text[marker.end():].strip("，,；;。 ") or None
        return subject, new, leading_reason

    def figure(self, subject: _Subject, gap: str, num: str, unit: str | None, page: int, evidence: str):
        value = _decimal(num)
        if value is None:
            return None
        fam = subject.family
        pct = unit in ("%", "％")
        up, down = any(w in gap for w in _CHANGE_UP), any(w in gap for w in _CHANGE_DOWN)
        if unit is None and (up or down):
            pct = True  # "增长 13.95" with the % lost
        elif unit is None:
            return None
        if unit in ("分", "平方米", "次", "批次", "人次"):
            return None
        count = unit in ("人", "辆", "个", "台（套）", "台(套)", "台", "套")
        if fam == "item":
            base = "item"
        else:  # a named subject: its key is its contract key
            base = subject.key or ""
        sign = Decimal(-1) if down and not up else Decimal(1)
        if down and up and (pair := _TEMPLATE_PAIR.search(gap)):
            # "减少 0.15 万元，下降（增长）27.78%": the template's alternatives left unedited. The change
            # amount just stated says which way it went; else the word outside the brackets.
            if pct and self._change_sign is not None:
                sign = self._change_sign
            else:
                sign = Decimal(-1) if pair.group(1) in _CHANGE_DOWN else Decimal(1)
        elif down and up:
            sign = Decimal(-1) if _last_of(gap, _CHANGE_DOWN) > _last_of(gap, _CHANGE_UP) else Decimal(1)

        if count:
            if fam == "perf":
                return self.emit(f"{base}_projects", subject, value, "count", page, evidence)
            if fam in ("count",) and not (up or down):
                return self.emit(base, subject, value, "count", page, evidence)
            if fam == "count" and (up or down):
                return self.emit(f"{base}_change", subject, sign * value, "count", page, evidence)
            return None
        if fam == "count":
            return None  # a count subject with an amount: not attributable
        if pct:
            if up or down:
                key = _with_suffix(subject, "change_pct")
                return self.emit(key, subject, sign * value, "percent", page, evidence)
            if "完成" in gap:
                return self.emit(_with_suffix(subject, "completion_pct"), subject, value, "percent", page, evidence)
            if "差异率" in gap:
                return self.emit(_with_suffix(subject, "budget_variance_pct"), subject, value, "percent", page, evidence)
            if "占" in gap:
                if fam == "item":
                    key = "class_share_pct" if subject.item is not None and subject.item.level == 1 else "item_share_pct"
                else:
                    key = f"{base}_share_pct"
                return self.emit(key, subject, value, "percent", page, evidence)
            return None
        yuan = (value * WAN if unit == "万元" else value).quantize(CENT)
        if up or down:
            self._change_sign = sign
            return self.emit(_with_suffix(subject, "change"), subject, sign * yuan, "yuan", page, evidence)
        if fam == "perf":
            return self.emit(f"{base}_budget", subject, yuan, "yuan", page, evidence)
        if "年初预算" in gap:
            return self.emit(_with_suffix(subject, "budget_initial"), subject, yuan, "yuan", page, evidence)
        if "全年预算" in gap or "调整后预算" in gap:
            return self.emit(_with_suffix(subject, "budget_full_year"), subject, yuan, "yuan", page, evidence)
        if "预算" in gap and "决算" not in gap:
            return self.emit(_with_suffix(subject, "budget"), subject, yuan, "yuan", page, evidence)
        return self.emit(_with_suffix(subject, "final"), subject, yuan, "yuan", page, evidence)

    def _flat(self, sent: _Sentence, para: Paragraph, subject: _Subject | None, new: list):
        """'…与2023年度相比，X持平' / 'X决算数与2023年度持平': a stated change of zero."""
        text = sent.text
        if subject is None or not _FLAT.search(text) or not _PRIOR_YEAR.search(text):
            return None
        if any(f.fact.endswith("_change") for f in new):
            return None
        m = _FLAT.search(text)
        if m is None:
            return None
        before = text[:m.start()]
        if "预算" in before[before.rfind("与"):] if "与" in before else False:
            return None  # 决算数与预算数持平: budget against final, not year on year
        clause = re.split(r"[；;]", text)[0]
        if not _FLAT.search(clause):
            return None
        key = _with_suffix(subject, "change")
        page = para.page_at(sent.start + m.start())
        fact = self.emit(key, subject, Decimal(0), "yuan", page, text)
        new.append(fact)
        return fact


def _last_of(text: str, words) -> int:
    return max(text.rfind(w) for w in words)


def _with_suffix(subject: _Subject, suffix: str) -> str:
    """The contract key for a measure of a subject."""
    if subject.family == "item":
        return {"final": "item_final", "change": "item_change", "change_pct": "item_change_pct",
                "budget_initial": "item_budget_initial", "budget_full_year": "item_budget_full_year",
                "budget": "item_budget", "completion_pct": "item_completion_pct",
                "budget_variance_pct": "item_budget_variance_pct"}[suffix]
    if subject.family == "three":
        if suffix == "final":
            return f"{subject.key}_final"
        if suffix.startswith("budget") and suffix != "budget_variance_pct":
            return f"{subject.key}_budget"
        if suffix in ("change", "change_pct"):
            return f"{subject.key}_final_{suffix}"
        return f"{subject.key}_{suffix}"
    if suffix == "final":
        return subject.key or ""
    return f"{subject.key}_{suffix}"


_PERFORMANCE_TABLE = re.compile(r"^.{0,12}(?:绩效目标自评表|绩效自评表|一级指标二级指标)")
PERFORMANCE_TABLE = _PERFORMANCE_TABLE  # a 绩效自评表 read as text: what follows in its section is tables


def _item_subject(sec: Section) -> _Subject | None:
    if sec.level < 3 or "类" not in sec.title:
        return None
    path = parse_path(sec.title)
    if path is None or "万元" in sec.title:
        return None
    return _Subject(None, "item", path)


def narrative_facts_from_sections(sections: list[Section], doc_id: str, fiscal_year: int | None,
                                  unit_name: str | None, line_items=()) -> tuple[list[NarrativeFact], list[str]]:
    reader = _Reader(doc_id, fiscal_year, unit_name, CodeResolver(line_items, fiscal_year))
    for root in sections:
        if root.from_toc or "名词解释" in root.title:
            continue
        skip_level = None
        for sec, _ in root.walk():
            if skip_level is not None and sec.level > skip_level:
                continue
            skip_level = None
            default = _item_subject(sec)
            if sec.level >= 3 and re.search(r"\d", sec.title) and ("万元" in sec.title or "%" in sec.title):
                # a heading that carries figures ('1.社会保障和就业支出(类)425.24 万元,占 72.54%')
                reader.paragraph(Paragraph(sec.title[len(sec.label):].lstrip("、.．"), sec.page), None)
            for para in sec.paragraphs:
                if _PERFORMANCE_TABLE.search(para.text):
                    # a 绩效自评表 read as text (no ruled table): the rest of the section is tables
                    reader.log.append(f"page {para.page}: a performance self-evaluation table printed as text "
                                      f"(“{para.text[:30]}…”); the rest of “{sec.title}” was not read for facts")
                    skip_level = sec.level
                    break
                reader.paragraph(para, default)
    return reader.facts, reader.log


def narrative_facts(doc: Document, doc_id: str, fiscal_year: int | None, unit_name: str | None,
                    line_items=()) -> tuple[list[NarrativeFact], list[str]]:
    """Facts the narrative states, and a log of sentences whose figures could not be attributed or
    whose classification could not be resolved (each with the reason)."""
    return narrative_facts_from_sections(section_tree(doc), doc_id, fiscal_year, unit_name, line_items)
