"""The words and marks a filing's text is structured by: heading numbers by level (第一部分, 一、,
（一）, 1、), page numbers, contents leaders, the notes under a table, and `clean` (a line's whitespace
as the text layer prints it). Read by transform/sections.py and the modules that read its sections."""
from __future__ import annotations

import re

from transform.text import squash

CN_NUM = "一二三四五六七八九十百零〇"
_PART = re.compile(rf"^第[{CN_NUM}\d]+部分")
_CHAPTER = re.compile(rf"^[{CN_NUM}]+[、．.]")
_SECTION = re.compile(rf"^[（(][{CN_NUM}\d]+[）)]")
_ITEM = re.compile(r"^\d{1,2}(?:[、．]|\.(?!\d))")
PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,3}(?:\s*页)?[-—–\s]*$|^\d{1,3}\s*/\s*\d{1,3}$")
TOC_LEADER = re.compile(r"[.．…·\s]{2,}\d{0,3}$|\s+\d{1,3}$")
SENTENCE_END = "。！？；;!?"  # where a line ends a sentence
GLOSSARY = "名词解释"
TABLE_NOTE = re.compile(r"^(注[:：]|说明[:：]|单位[:：])")
# A contents line wrapped in brackets under its entry: "第四部分 公开报表" / "（具体部门预算公开报表）"
BRACKETED = re.compile(r"^[（(][^（()）]+[)）]$")
# A contents entry that names a part of tables (第二部分 2026年部门预算表; 第四部分 公开报表): such a part
# is often printed as its tables alone, without its heading.
TABLES_PART = re.compile(r"表[）)]?$|报表|附表")


def heading_level(text: str) -> int | None:
    """The heading level a line starts with, or None for body text."""
    s = squash(text)
    if not s:
        return None
    if _PART.match(s):
        return 1
    if _CHAPTER.match(s):
        return 2
    if _SECTION.match(s):
        return 3
    if _ITEM.match(s):
        return 4
    return None


def heading_label(text: str) -> str:
    """'第三部分…' → '第三部分', '五、…' → '五', '（一）…' → '（一）', '1、…' → '1'."""
    s = squash(text)
    for rx in (_PART, _SECTION):
        m = rx.match(s)
        if m:
            return m.group(0).replace("(", "（").replace(")", "）")
    m = _CHAPTER.match(s) or _ITEM.match(s)
    return m.group(0)[:-1] if m else ""


def _is_ascii_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".,%")


def clean(text: str) -> str:
    """Whitespace removed except a single space between two ASCII words ('2024 2995.39' stays two
    numbers; '与 2023 年度' becomes '与2023年度')."""
    out: list[str] = []
    pending_space = False
    for ch in text:
        if ch.isspace():
            pending_space = True
            continue
        if pending_space and out and _is_ascii_word(out[-1]) and _is_ascii_word(ch):
            out.append(" ")
        pending_space = False
        out.append(ch)
    return "".join(out)
