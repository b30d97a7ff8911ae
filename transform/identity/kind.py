"""Budget or final accounts, by what is printed — never by the file's name while it prints anything.

In order: the cover's words (…部门预算, …年度部门决算); the titles on the first pages; then a tally of
what the first pages print — table titles by meaning (reference/statements.py), a budget's table
numbers ("预算01表"), the words 部门预算 / 部门决算 and the columns 预算数 / 决算数. A file of tables only
that says nothing else (Beijing's 附件2: "预算01表 收支总表" …) is a budget's tables. Final-accounts
filings print 预算数 beside 决算数 (the 三公 table) and a budget's text cites 上年决算: titles weigh more
than columns, and the cover more than all.
"""
from __future__ import annotations

import re
from collections import Counter

from extract.model import Document
from reference._typing import DocKind, Phase
from reference.statements import title_phase
from transform.identity.cover import Candidate, caption_texts
from transform.text import squash

KIND_PAGES = 6  # the pages whose titles and words are tallied
_BUDGET_WORDS = re.compile(r"(?:部门|单位)(?:综合)?预算|预算(?:公开|信息公开|编制说明|情况说明)")
_FINAL_WORDS = re.compile(r"(?:部门|单位)决算|决算(?:公开|信息公开|情况说明)")
_BUDGET_NUMBER = re.compile(r"^预算\s*\d{1,2}\s*表")  # 北京: 预算01表 收支总表
_FINAL_NUMBER = re.compile(r"^决算\s*\d{1,2}\s*表")
_COLUMNS = {"预算数": "budget", "决算数": "final"}
WEIGHTS = {"title": 3, "number": 3, "words": 2, "column": 1}


def _kind(phase: Phase | None) -> DocKind:
    return "budget" if phase == "budget" else "final_accounts" if phase == "final" else "unknown"


def printed_tally(doc: Document) -> Counter:
    """budget / final → weight of what the first pages print for each."""
    tally: Counter = Counter()
    for page in doc.pages[:KIND_PAGES]:
        for _, text in caption_texts(page):
            s = squash(text)
            phase = title_phase(text)
            if phase:
                tally[phase] += WEIGHTS["title"]
            if _BUDGET_NUMBER.match(s):
                tally["budget"] += WEIGHTS["number"]
            if _FINAL_NUMBER.match(s):
                tally["final"] += WEIGHTS["number"]
            for word, ph in _COLUMNS.items():
                if word in s:
                    tally[ph] += WEIGHTS["column"]
        head = squash(page.text)
        tally["budget"] += WEIGHTS["words"] * len(_BUDGET_WORDS.findall(head))
        tally["final"] += WEIGHTS["words"] * len(_FINAL_WORDS.findall(head))
    return tally


def kind_of(doc: Document, cands: list[Candidate], tables_only: bool) -> DocKind:
    """The document's kind (see the module docstring)."""
    # the cover's title that names the unit first (a cover may cite another year's 预算 below it)
    cover = sorted((c for c in cands if c.kind and c.evidence.source == "cover"), key=lambda c: c.unit is None)
    if cover:
        return _kind(cover[0].kind)
    titled = Counter(c.kind for c in cands if c.kind and c.evidence.source in ("title", "contents"))
    if titled and len(set(titled.values())) == len(titled):  # a clear majority
        return _kind(titled.most_common(1)[0][0])
    tally = printed_tally(doc)
    if tally["budget"] != tally["final"]:
        return _kind("budget" if tally["budget"] > tally["final"] else "final")
    if tables_only:
        return "budget"
    if not any(p.lines or p.tables for p in doc.pages[:KIND_PAGES]):  # no text: the file name is all there is
        name = squash(doc.path.replace("\\", "/").rsplit("/", 1)[-1])
        if _BUDGET_WORDS.search(name) and "决算" not in name:
            return "budget"
        if _FINAL_WORDS.search(name):
            return "final_accounts"
    return "unknown"
