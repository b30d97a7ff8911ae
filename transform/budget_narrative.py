"""The figures a budget's explanation (编制说明, 其他相关情况说明) states → `narrative_facts` (phase budget).

Keys are the final accounts' where the meaning is the same (item_budget with its code, the 三公 parts'
*_budget, org_running_cost_budget), and budget-only ones where not:
- income_budget / fiscal_income_budget, expenditure_budget / fiscal_expenditure_budget and the
  general-public, fund and state-capital parts ("收入预算X万元，其中：财政拨款收入X万元");
- income_budget_change / fiscal_expenditure_budget_change …: the change against last year's budget
  ("比2024年预算增加Y万元", signed; 持平 is 0), or *_change_vs_executed where the filing compares with
  last year's executed budget ("比2024年预算执行数增加…");
- per item (a 项 by its code: "公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元", or a path
  of names resolved against the filing's own tables): item_budget, prior_year_executed ("2025年当年预算
  执行数为1690.69万元") and item_budget_change_pct ("比2025年预算执行数减少1.07%", signed);
- procurement_total_budget (and _goods/_works/_services), performance_target_projects (count) and
  performance_target_budget ("编报绩效目标的项目共19个，涉及项目预算资金6484.05万元").
Amounts in yuan (万元 × 10,000), percentages as numbers. A sentence whose subject is not one of these
is not read: a missing fact is better than one under a wrong key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extract.model import Document
from reference.statements import UNIT_FACTORS
from transform.narrative_codes import CodeResolver, ItemPath, norm_name, parse_path
from transform.rows import NarrativeFact
from transform.sections import Paragraph, Section
from transform.text import squash, strip_ordinal

_NUM = r"(?P<v>\d[\d,]*(?:\.\d+)?)"
_WAN = rf"{_NUM}\s*万元"
_CHANGE = r"(?:，|,)?\s*(?:比|较|与)(?P<year>\d{4})年(?:度)?(?:年初)?预算(?P<exec>执行数)?(?:数)?\s*(?P<dir>增加|减少|增长|下降|持平)"
# (pattern, key); the first pattern that matches a sentence at a place wins there.
_TOTALS = (
    (re.compile(rf"(?<![拨款本目])收入预算(?:为|共计|合计)?\s*{_WAN}"), "income_budget"),
    (re.compile(rf"财政拨款收入(?:预算)?(?:为)?\s*{_WAN}"), "fiscal_income_budget"),
    (re.compile(rf"(?<![拨款本目金])支出预算(?:为|共计|合计)?\s*{_WAN}"), "expenditure_budget"),
    (re.compile(rf"(?<!公共预算)(?<!基金)(?<!经营预算)财政拨款支出预算(?:为)?\s*{_WAN}"), "fiscal_expenditure_budget"),
    (re.compile(rf"一般公共预算(?:财政)?拨款支出预算(?:为)?\s*{_WAN}"), "gpb_expenditure_budget"),
    (re.compile(rf"政府性基金(?:预算)?(?:财政)?拨款支出预算(?:为)?\s*{_WAN}"), "government_fund_expenditure_budget"),
    (re.compile(rf"国有资本经营预算(?:财政)?拨款支出预算(?:为)?\s*{_WAN}"), "soe_capital_expenditure_budget"),
    (re.compile(rf"{chr(8220)}?三公{chr(8221)}?经费(?:财政拨款)?预算(?:数)?(?:为|安排)?\s*{_WAN}"), "three_public_budget"),
    (re.compile(rf"因公出国[（(]境[）)](?:费用|费)(?:预算(?:数)?)?(?:为)?\s*{_WAN}"), "three_public_overseas_budget"),
    (re.compile(rf"公务用车购置及运行(?:维护)?费(?:预算(?:数)?)?(?:为)?\s*{_WAN}"), "three_public_vehicle_budget"),
    (re.compile(rf"公务用车购置费(?:预算(?:数)?)?(?:为)?\s*{_WAN}"), "three_public_vehicle_purchase_budget"),
    (re.compile(rf"公务用车运行(?:维护)?费(?:预算(?:数)?)?(?:为)?\s*{_WAN}"), "three_public_vehicle_operation_budget"),
    (re.compile(rf"公务接待费(?:预算(?:数)?)?(?:为)?\s*{_WAN}"), "three_public_reception_budget"),
    (re.compile(rf"机关运行经费(?:预算)?(?:为|安排)?\s*{_WAN}"), "org_running_cost_budget"),
    (re.compile(rf"政府采购预算(?:为|共计)?\s*{_WAN}"), "procurement_total_budget"),
    (re.compile(rf"政府采购货物预算\s*{_WAN}"), "procurement_goods_budget"),
    (re.compile(rf"政府采购工程预算\s*{_WAN}"), "procurement_works_budget"),
    (re.compile(rf"政府采购服务预算\s*{_WAN}"), "procurement_services_budget"),
    (re.compile(rf"涉及项目预算资金\s*{_WAN}"), "performance_target_budget"),
)
_TARGET_PROJECTS = re.compile(r"编报绩效目标的项目(?:共|数)?\s*(?P<v>\d+)\s*个")
_CHANGE_AFTER = re.compile(rf"^{_CHANGE}(?:\s*{_WAN})?")
_CHANGEABLE = {"income_budget", "fiscal_income_budget", "expenditure_budget", "fiscal_expenditure_budget",
               "gpb_expenditure_budget", "government_fund_expenditure_budget", "soe_capital_expenditure_budget",
               "three_public_budget"}
# An item: codes printed ("（204类）…（06款）…（01项）"), a path of names ("X（类）Y（款）Z（项）"), or a
# dashed path in quotes ("“一般公共服务支出-商贸事务-行政运行”科目").
# (a name may hold brackets itself: 政府办公厅（室）及相关机构事务)
_CODED = re.compile(r"（(?P<c1>\d{3})类）(?:[^。；]*?（(?P<c2>\d{2})款）)?(?:[^。；]*?（(?P<c3>\d{2})项）)?")
_DASHED = re.compile(r"^[“\"]?(?P<path>[^“”\"\-－—]+(?:[\-－—][^“”\"\-－—]+){1,2})[”\"]")
_ITEM_AMOUNT = re.compile(rf"^[^，。；]*?[”\"]?(?:科目)?\s*{_WAN}")
_EXECUTED = re.compile(rf"(?P<year>\d{{4}})年(?:当年)?预算执行数(?:为|是)?\s*{_WAN}")
_PCT_VS_EXECUTED = re.compile(r"比(?P<year>\d{4})年(?:当年)?预算执行数(?P<dir>增加|减少|增长|下降)\s*(?P<v>\d+(?:\.\d+)?)\s*%")
_WAN_FACTOR = UNIT_FACTORS["万元"]


def _yuan(text: str) -> Decimal:
    return Decimal(text.replace(",", "")) * _WAN_FACTOR


def _step(text: str) -> Decimal:
    """The rounding step in yuan of a figure printed in 万元 ("9,101.68" → 100, "4,614" → 10,000)."""
    decimals = len(text.split(".")[1]) if "." in text else 0
    return _WAN_FACTOR.scaleb(-decimals)


def _sign(direction: str) -> int:
    return -1 if direction in ("减少", "下降") else 0 if direction == "持平" else 1


class _Reader:
    def __init__(self, doc_id: str, year: int | None, unit: str | None, resolver: CodeResolver):
        self.doc_id, self.year, self.unit, self.resolver = doc_id, year, unit, resolver
        self.facts: list[NarrativeFact] = []
        self.seen: set[tuple[str, str | None]] = set()

    def emit(self, key: str, code: str | None, item: str | None, value: Decimal, unit: str, para: Paragraph,
             start: int, end: int, how: str | None = None, printed: str | None = None) -> None:
        if (key, code) in self.seen and code is None:
            return  # a total is stated once; a repeat (a summary paragraph) adds nothing
        self.seen.add((key, code))
        page = para.page_at(start)
        box = para.box(start, end, page)
        x0, top, x1, bottom = (round(float(v), 2) for v in box) if box else (None, None, None, None)
        sentence = _sentence_around(para.text, start)
        self.facts.append(NarrativeFact(self.doc_id, self.year, self.unit, key, code, item, value, unit, page,
                                        sentence, None, how, x0, top, x1, bottom,
                                        rounding_yuan=_step(printed) if printed else None, phase="budget"))

    def totals(self, para: Paragraph) -> None:
        text = para.text
        taken: list[tuple[int, int]] = []
        for pattern, key in _TOTALS:
            for m in pattern.finditer(text):
                if any(a <= m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                self.emit(key, None, None, _yuan(m.group("v")), "yuan", para, m.start(), m.end(), printed=m.group("v"))
                change = _CHANGE_AFTER.match(text[m.end():])
                if key in _CHANGEABLE and change:
                    sign = _sign(change.group("dir"))
                    value = _yuan(change.group("v")) * sign if change.group("v") else Decimal(0)
                    if sign and not change.group("v"):
                        continue  # 增加 without an amount: a percentage follows, not read here
                    base = key.removesuffix("_budget") + "_budget_change" + ("_vs_executed" if change.group("exec") else "")
                    self.emit(base, None, None, value, "yuan", para, m.end(), m.end() + change.end(),
                              printed=change.group("v"))
        for m in _TARGET_PROJECTS.finditer(text):
            self.emit("performance_target_projects", None, None, Decimal(m.group("v")), "count", para, m.start(), m.end())

    def item(self, para: Paragraph, inherited: "_Item | None") -> "_Item | None":
        """An item paragraph's facts; a paragraph naming no item continues `inherited` (its heading's).
        Returns the item the paragraph is about."""
        text = para.text
        found = self._subject(text)
        subject = found or inherited
        if subject is None:
            return None
        if found is not None:
            amount = _ITEM_AMOUNT.match(text[found.end:])
            if amount:
                end = found.end + amount.end()
                self.emit("item_budget", found.code, found.item, _yuan(amount.group("v")), "yuan", para, 0, end, found.how,
                          amount.group("v"))
        for m in _EXECUTED.finditer(text):
            self.emit("prior_year_executed", subject.code, subject.item, _yuan(m.group("v")), "yuan", para, m.start(),
                      m.end(), subject.how, m.group("v"))
        for m in _PCT_VS_EXECUTED.finditer(text):
            value = Decimal(m.group("v")) * _sign(m.group("dir"))
            self.emit("item_budget_change_pct", subject.code, subject.item, value, "percent", para, m.start(), m.end(),
                      subject.how)
        return subject

    def _subject(self, text: str) -> "_Item | None":
        """The item a paragraph opens with: its code, its path as printed, how the code was found."""
        body = strip_ordinal(text.strip())
        lead = len(text) - len(text.lstrip()) + (len(text.strip()) - len(body))
        coded = _CODED.search(body[:120])
        if coded and coded.start() < 40:
            code = "".join(g for g in (coded.group("c1"), coded.group("c2"), coded.group("c3")) if g)
            return _Item(code, norm_name(body[:coded.end()]), "printed", lead + coded.end())
        named = parse_path(body[:120])
        if named and named.xiang and "（项）" in body[:120]:
            r = self.resolver.resolve(named)
            return _Item(r.code, named.printed, r.how, lead + body.index("（项）") + 3)
        dashed = _DASHED.match(body)
        if dashed:
            names = [norm_name(n) for n in re.split(r"[\-－—]", dashed.group("path"))]
            path = ItemPath(*names)  # type: ignore[arg-type]
            r = self.resolver.resolve(path)
            return _Item(r.code, "-".join(names), r.how, lead + dashed.end())
        return None


@dataclass(frozen=True)
class _Item:
    code: str | None
    item: str  # as printed (quotes and the ordinal off)
    how: str | None  # printed (codes in the text) | table | catalog_exact | catalog_fuzzy | unresolved
    end: int  # where the item's name ends in the paragraph


def _sentence_around(text: str, at: int) -> str:
    start = max(text.rfind("。", 0, at), text.rfind("；", 0, at)) + 1
    end = text.find("。", at)
    return text[start:end + 1 if end >= 0 else len(text)].strip()


def _page_texts(doc: Document) -> list[Paragraph]:
    """Each page without a table as one paragraph of its lines: a budget's 编制说明 is often printed
    under a heading without an ordinal, whose text the section tree does not hold."""
    out = []
    for page in doc.pages:
        if page.tables:
            continue
        text, spans = "", []
        for ln in page.lines:
            spans.append((len(text), page.number, (ln.x0, ln.top, ln.x1, ln.bottom)))
            text += squash(ln.text)
        if text:
            out.append(Paragraph(text, page.number, spans=spans))
    return out


def budget_facts(sections: list[Section], doc: Document, doc_id: str, fiscal_year: int | None,
                 unit_name: str | None, line_items=()) -> list[NarrativeFact]:
    """The facts a budget's explanations state (see the module docstring): totals from the text of
    each page, items from the section tree (a paragraph continues its heading's item)."""
    reader = _Reader(doc_id, fiscal_year, unit_name, CodeResolver(line_items, fiscal_year))
    for para in _page_texts(doc):
        reader.totals(para)
    for root in sections:
        if root.from_toc or "名词解释" in root.title:
            continue
        for sec, _ in root.walk():
            subject = reader.item(Paragraph(sec.title, sec.page), None)
            for para in sec.paragraphs:
                reader.item(para, subject)
    return reader.facts
