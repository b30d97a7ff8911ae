"""Which table a printed title names, decided by the words that carry meaning (issue 23).

Budgets and final accounts title the same table in dozens of ways: "表1.2026年市级部门收支预算总表",
"预算01表 收支总表", "一、收支总体情况表", "上海市普陀区财政局2024年度收入支出决算总表". A title is read in
three steps:

1. Marks after the title are dropped: 续表 (remembered: the table continues), the template's number
   (公开01表), a scope note (（不含上年结转）, （含转移支付项目）).
   A classification note (（按功能分类科目）, （经济科目）) is not dropped but kept as its word, 功能分类
   or 经济分类: it tells 一般公共预算支出 by function from the same table by economic class.
2. What stands before the body is dropped: the table's number (表1. / 表01 / 公开01表 / 预算01表 /
   预算表12 / 附表1-2 / 一、 / 1. / （一）), anything up to a year (the unit's name and the year:
   "上海市普陀区财政局2024年度", "2026年市级部门"), or, with no year, a unit's name up to 部门 / 单位.
3. The body is looked up in the decision table reference/data/table_titles.csv: the first row (by
   `order`) whose `require` words all occur (a|b: either), whose `forbid` words do not, and whose body
   holds nothing beyond its required and `allow` words and the filler words below, names the table.
   "Nothing beyond" is what keeps "某某支出决算表", "其中：基本支出决算表" and a project's own
   "物业费项目绩效目标表" from being taken for a statement.

A new wording is one row (or one allowed word) of the CSV, and its case in tests/reference/test_titles.py.

Phase: a title saying 决算 is a final accounts' title, one saying 预算 a budget's — the 预算 of a fund's
name (一般公共预算, 政府性基金预算, 国有资本经营预算) does not count. A title saying neither (收支总表,
收入总体情况表, 政府采购支出表) is a budget's: the final accounts' template prints 决算 in every table's
title, budgets often print neither word.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from reference._typing import Phase

# Words any title may carry around its meaning: who files it (部门, 单位, 市级), what kind of document
# (预算, 决算, 综合, 财务), what kind of table (情况表, 明细表, 总体情况表), joiners, the classification
# words of a note (按功能分类科目). They decide nothing; a row's required words do.
FILLERS = ("部门", "单位", "本级", "市级", "预算", "决算", "综合", "财务", "本年", "年度", "情况", "总体", "总",
           "明细", "申报", "公开", "表", "的", "及", "和", "与", "、", "（", "）", "按", "功能", "分类", "科目")
# The 预算 of a fund's name says nothing about the phase.
_FUND_NAMES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算")
# Longer than this (normalised) is a sentence that mentions a table, not a title.
MAX_TITLE = 61

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans("", "", "“”\"'‘’「」")
_CONTINUED = re.compile(r"[（(]续表?[)）]$|续表$")
# A mark after the title (see step 1), stripped repeatedly. Not a 单位：万元 run into it: a title line
# joined with its unit line is no title (transform/statements.py tries joined lines before single ones).
_TRAILER = re.compile(r"(?:[（(](?:续表?|公开\d+表|附表\d+|表\d+|不?含[^（）]{0,10})[)）]|续表|公开\d+表)$")
_NOTE = re.compile(r"[（(]([^（）]{0,10}?)(功能|经济)([^（）]{0,6})[)）]$")
# A table's number (step 2): 表1. 附表1-2 预算表12 部门预算表1 公开表1 | 预算01表 公开01表 预算14表-2 |
# 一、 1. 7． | （一）. A numeral alone never is one: 一般公共预算 starts with 一.
_D = r"(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3})"
_SEP = r"[-—－：:、.．]"
_NUMBER = re.compile(
    rf"^(?:(?:部门|单位)?(?:预算|决算)?(?:公开|附)?表{_D}(?:[-—－]{_D})?表?(?:{_SEP}(?![0-9]))?"
    rf"|(?:部门|单位)?(?:预算|决算)?(?:公开)?{_D}表(?:[-—－][0-9]{{1,2}})?(?:{_SEP}(?![0-9]))?"
    rf"|{_D}[、.．:：](?![0-9])"
    rf"|[（(]{_D}[)）])")
# A number run into the year once spaces are gone ("表10   2022年…" → "表102022年…").
_GLUED = re.compile(r"^([^0-9]{0,6}表[0-9]{1,2})((?:19|20)[0-9]{2}年)")
# Anything up to a year ("上海市普陀区财政局2024年度", "2022部门综合预算…" prints no 年): the unit's name.
_UP_TO_YEAR = re.compile(r"^[^，。；]{0,30}?(?:(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])|[〇零一二三四五六七八九]{4})年?度?")
# With no year, a unit's name, up to its 部门 / 单位 if it says so ("中共上海市普陀区委社会工作部部门收支总表"):
# a name ends in what an office is called, so "详见单位的项目绩效目标表" keeps its 详见. Every such end is
# tried (the 委 of 区委 comes before the 部 of 社会工作部).
_OFFICE = re.compile(r"(?:局|委员会|委|办公室|办|院|厅|中心|部|所|站|馆|队|处|室|政府|公司|社|署)(?:部门|单位)?")
_NOT_A_NAME = re.compile(r"[0-9，。；:：、（）]")


@dataclass(frozen=True)
class TitleMatch:
    key: str
    continued: bool  # the title says the table continues (续表)
    phase: Phase = "final"  # a budget's title (收入预算总表) or a final accounts' (收入决算表)


@dataclass(frozen=True)
class Rule:
    """One row of reference/data/table_titles.csv."""

    order: int
    statement: str
    require: tuple[tuple[str, ...], ...]  # every group must occur; a group is met by any of its words
    allow: tuple[str, ...]
    forbid: tuple[str, ...]
    example: str
    residue: re.Pattern[str]  # every word the body may hold under this row, longest first

    def names(self, body: str) -> bool:
        return (all(any(w in body for w in group) for group in self.require)
                and not any(w in body for w in self.forbid)
                and self.residue.sub("", body) == "")


@lru_cache(maxsize=None)
def rules() -> tuple[Rule, ...]:
    text = resources.files("reference").joinpath("data/table_titles.csv").read_text(encoding="utf-8")
    out = []
    for r in csv.DictReader(text.splitlines()):
        require = tuple(tuple(g.split("|")) for g in r["require"].split())
        allow = tuple(r["allow"].split())
        words = sorted({*FILLERS, *allow, *(w for g in require for w in g)}, key=len, reverse=True)
        out.append(Rule(int(r["order"]), r["statement"], require, allow, tuple(r["forbid"].split()), r["example"],
                        re.compile("|".join(map(re.escape, words)))))
    return tuple(sorted(out, key=lambda rule: rule.order))


def normalise_title(text: str) -> str:
    """No whitespace, no quotes, full-width letters and digits folded ("三 公" → 三公, "表３" → 表3)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).translate(_QUOTES).replace("(", "（").replace(")", "）")


def _strip_trailers(t: str) -> str:
    for _ in range(4):
        s = _TRAILER.sub("", t)
        if s == t:
            break
        t = s
    note = _NOTE.search(t)
    if note and t[:note.start()].endswith("表"):  # "…支出情况表（按功能分类科目）" → "…支出情况功能分类表"
        t = t[:note.start() - 1] + note.group(2) + "分类表"
    return t


def _strip_number(t: str) -> str:
    t = _GLUED.sub(r"\1.\2", t)
    for _ in range(2):
        m = _NUMBER.match(t)
        if not m or m.end() == len(t):
            break
        t = t[m.end():]
    return t


def table_number(text: str | None) -> str | None:
    """The number printed before a table's title, as printed without spaces ("表1.2026年…" → 表1; "预算01表
    收支总表" → 预算01表; "一、收支预算总表" → 一), or None (transform/table_cells.py records it)."""
    if not text:
        return None
    m = _NUMBER.match(_GLUED.sub(r"\1.\2", normalise_title(text)))
    return (m.group(0).rstrip("-—－：:、.．") or None) if m else None


def bodies(text: str) -> list[str]:
    """The candidate bodies of a normalised title, most of the title kept first (see steps 1 and 2)."""
    t = _strip_number(_strip_trailers(text))
    out = [t]
    if (m := _UP_TO_YEAR.match(t)) and m.end() < len(t):
        out.append(_strip_number(t[m.end():]))
    else:
        out += [t[m.end():] for m in _OFFICE.finditer(t, 2)
                if m.end() < min(len(t), 31) and not _NOT_A_NAME.search(t[:m.start()])]
    return out


def decide(body: str) -> Rule | None:
    """The first row of the decision table that names `body` (a title without its number or prefix)."""
    if not body.endswith("表") or body.startswith(("）", "、")):  # a heading (国有资产占用情况), a wrapped line
        return None
    return next((r for r in rules() if r.names(body)), None)


def phase_of(text: str) -> Phase:
    """budget or final, from the words of a normalised title (see the module docstring)."""
    words = _FUND_NAMES.sub("", text)
    return "final" if "决算" in words else "budget"


@lru_cache(maxsize=8192)  # the readers ask of every line of every page, headers and footers repeat
def match_title(text: str) -> TitleMatch | None:
    """The statement a printed title names, or None (see the module docstring)."""
    if "表" not in text:  # most lines: no title, and nothing else to do
        return None
    t = normalise_title(text)
    if len(t) > MAX_TITLE:  # a sentence that mentions a table, not a title
        return None
    for body in bodies(t):
        if rule := decide(body):
            return TitleMatch(rule.statement, bool(_CONTINUED.search(t)), phase_of(t))
    return None


def title_phase(text: str) -> Phase | None:
    """budget or final for a line that is a statement's title, else None."""
    m = match_title(text)
    return m.phase if m else None


def statement_of_title(text: str) -> str | None:
    m = match_title(text)
    return m.key if m else None


def looks_like_title(text: str) -> bool:
    """A line that names *some* table (决算表, 情况表, 明细表): known or not."""
    t = normalise_title(text)
    return len(t) <= MAX_TITLE and bool(re.search(r"(?:决算|预算|情况|明细)(?:总)?表(?:[（(]续表?[)）])?$", t))
