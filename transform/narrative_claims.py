"""What the narrative says about the direction of its own figures → `narrative_claims` rows.

The template asks, for each 项 and for the totals, "决算数大于（小于）预算数的主要原因：…（如持平作持平表述）".
A filing answers "决算数小于全年预算数的主要原因：人员变动…" or "决算数与预算数基本持平。". Each such
statement is a claim (`final_vs_budget`): its direction (greater | less | equal | roughly_equal), which
budget it names (全年 → budget_full_year, 年初 → budget_initial, else budget), the subject it speaks of
(the item of the paragraph, else the total the sentence or paragraph names) and the reason given after
it, if any. The checks (expectations/checks/disclosure.py) compare the direction with the figures the
narrative states and ask for the reason where the direction is not 持平.

A template phrase left unedited — both alternatives printed, "下降（增长）", "大于（小于）", or the
template's instruction "（如持平作持平表述）" — is a claim of its own (`template_phrase`).
"""
from __future__ import annotations

import re

from transform.narrative_codes import CodeResolver, parse_path
from transform.rows import NarrativeClaimRow
from transform.sections import Paragraph, Section
from transform.statements import Block

_DIRECTION_WORDS = "增加|减少|增长|下降|大于|小于|高于|低于"
TEMPLATE_PHRASE = re.compile(rf"(?:{_DIRECTION_WORDS})\s*[（(]\s*(?:{_DIRECTION_WORDS})\s*[）)]"
                             r"|[（(]如持平作持平表述[）)]|[（(]不涉及的不列[）)]|仍保留该表格式|作下述说明|按上述格式依次说明")
_BUDGET = r"(?:全年|年初|调整后)?预算(?:数)?"
_CLAIM = re.compile(
    rf"决算数?\s*(?:(?P<rel>大于|小于|高于|低于|超过|少于|等于)\s*(?P<b2>{_BUDGET})"
    rf"|与\s*(?P<b1>{_BUDGET})\s*(?P<flat>基本持平|持平|一致|相等|相同|基本一致))")
_REASON = re.compile(r"^[的，,。\s]*(?:主要)?原因(?:是|为|主要是|在于)?\s*[:：]?")
_PLACEHOLDER_REASON = re.compile(r"^[XＸx×＊*。.…\s]*$")
_SENTENCE = re.compile(r"[^。！？]*[。！？]?")
_GREATER, _LESS = ("大于", "高于", "超过"), ("小于", "低于", "少于")
# The totals a sentence may speak of, longest first (the narrative's fact keys, transform/narrative.py).
_SUBJECTS = (("“三公”经费", "three_public"), ("三公经费", "three_public"), ("三公", "three_public"),
             ("机关运行经费", "org_running_cost"),
             ("政府性基金预算财政拨款", "government_fund"), ("国有资本经营预算财政拨款", "soe_capital"),
             ("一般公共预算财政拨款基本支出", "gpb_basic_expenditure"),
             ("一般公共预算财政拨款支出", "gpb_expenditure"))


def _budget_key(words: str | None) -> str:
    words = words or ""
    if "全年" in words or "调整后" in words:
        return "budget_full_year"
    if "年初" in words:
        return "budget_initial"
    return "budget"


def _direction(m: re.Match) -> str:
    if m.group("flat"):
        return "roughly_equal" if "基本" in m.group("flat") else "equal"
    rel = m.group("rel")
    return "greater" if rel in _GREATER else "less" if rel in _LESS else "equal"


def _reason(rest: str) -> tuple[str | None, bool]:
    """The reason printed after a claim (up to its sentence's end), and whether 主要原因 is printed."""
    m = _REASON.match(rest)
    if not m or "原因" not in m.group(0):
        return None, False
    text = rest[m.end():]
    text = text[: min((i for i in (text.find("。"), text.find("；")) if i >= 0), default=len(text))].strip()
    if not text or _PLACEHOLDER_REASON.match(text):
        return None, True
    return text, True


def _subject_of(text: str) -> str | None:
    for words, key in _SUBJECTS:
        if words in text:
            return key
    return None


class _Claims:
    def __init__(self, doc_id: str, fiscal_year: int | None, resolver: CodeResolver):
        self.doc_id, self.year, self.resolver = doc_id, fiscal_year, resolver
        self.rows: list[NarrativeClaimRow] = []

    def paragraph(self, para: Paragraph, item_title: str | None) -> None:
        text = para.text
        path_text = item_title
        subject = None
        for sm in _SENTENCE.finditer(text):
            sentence, start = sm.group(0), sm.start()
            if not sentence.strip():
                continue
            paths = re.findall(r"[\u4e00-\u9fff]+[（(]类[）)].*?[（(]项[）)]", sentence)
            if paths:
                path_text = paths[-1]
            subject = _subject_of(sentence) or subject
            for m in TEMPLATE_PHRASE.finditer(sentence):
                self._add(para, start, sentence, m, "template_phrase", subject, path_text, None,
                          re.sub(r"\s", "", m.group(0)), None, False)
            for m in _CLAIM.finditer(sentence):
                before = sentence[max(0, m.start() - 8):m.end() + 6]
                if TEMPLATE_PHRASE.search(before):
                    continue  # "决算数大于（小于）预算数": no direction stated
                rest = text[start + m.end():]
                reason, marker = _reason(rest)
                budget = _budget_key(m.group("b1") or m.group("b2"))
                self._add(para, start, sentence, m, "final_vs_budget", subject, path_text, budget,
                          _direction(m), reason, marker)

    def _add(self, para: Paragraph, start: int, sentence: str, m: re.Match, claim, subject, path_text,
             budget, direction, reason, marker) -> None:
        code = item = None
        key = subject
        # An item's paragraph speaks of its item, whatever total a sentence of it also names; a total's
        # paragraph ("一般公共预算财政拨款支出年初预算为…") names no 项.
        if path_text:
            path = parse_path(path_text)
            if path is not None:
                key, item = "item", path.printed
                code = self.resolver.resolve(path).code
        if claim == "final_vs_budget" and key is None:
            return  # a direction with nothing to compare it with
        page = para.page_at(start + m.start())
        box = para.box(start, start + len(sentence), page)
        x0, top, x1, bottom = (round(float(v), 2) for v in box) if box else (None, None, None, None)
        self.rows.append(NarrativeClaimRow(self.doc_id, self.year, claim, key, code, item, budget, direction,
                                           re.sub(r"\s", "", m.group(0)), reason, marker, page, sentence.strip(),
                                           x0, top, x1, bottom))


def narrative_claims(sections: list[Section], doc_id: str, fiscal_year: int | None,
                     line_items=()) -> list[NarrativeClaimRow]:
    """Every direction claim and unedited template phrase of the narrative, in reading order."""
    out = _Claims(doc_id, fiscal_year, CodeResolver(line_items, fiscal_year))
    for root in sections:
        if root.from_toc or "名词解释" in root.title:
            continue
        for sec, _ in root.walk():
            item_title = sec.title if sec.level >= 3 and "（项）" in sec.title.replace("(", "（").replace(")", "）") \
                else None
            for para in sec.paragraphs:
                out.paragraph(para, item_title)
    return out.rows


def table_note_phrases(blocks: list[Block], doc_id: str, fiscal_year: int | None) -> list[NarrativeClaimRow]:
    """The template's instructions left under a table ("无…的，仍保留该表格式，并在本表下方作下述说明："),
    as `template_phrase` claims whose subject is the table's statement key."""
    rows = []
    for block in blocks:
        for page, ln in block.notes:
            text = re.sub(r"\s", "", ln.text)
            m = TEMPLATE_PHRASE.search(text)
            if m:
                rows.append(NarrativeClaimRow(doc_id, fiscal_year, "template_phrase", block.statement, None, None,
                                              None, m.group(0), m.group(0), None, False, page, ln.text.strip(),
                                              round(ln.x0, 2), round(ln.top, 2), round(ln.x1, 2),
                                              round(ln.bottom, 2)))
    return rows
