"""Where an organisation's name begins and ends in the text around it.

A candidate read from a cover or a title is cut at the end of an organisation's name — a suffix such as
局, 委员会, 办公室, 中心 (a bracketed 本级 / 汇总 after it stays with it) — where what follows is nothing,
or one of the words a title puts after a name (部门, 部门预算, 年度 …). A candidate that starts with a
word of the sentence around it (纳入, 列入, 比 …) or holds one is no name at all: a wrong key files every
figure under another unit, which is worse than none. The words are data (reference/data/unit_name_words.csv).
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from transform.text import squash

WORDS_CSV = Path(__file__).resolve().parents[2] / "reference" / "data" / "unit_name_words.csv"
MIN_NAME = 4  # 数据局 alone names no one: a name carries its place ("苏州市数据局"); central ministries
# (教育部) are listed as standalone names
_BRACKETS = re.compile(r"[（(][^（()）]{1,8}[）)]")
_YEAR = re.compile(r"20\d{2}")


@lru_cache(maxsize=1)
def words() -> dict[str, tuple[str, ...]]:
    """kind → words (suffix, after, start, inside, standalone), longest first."""
    out: dict[str, list[str]] = {}
    with open(WORDS_CSV, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["kind"], []).append(row["word"])
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _name_ends(s: str) -> list[int]:
    """Offsets where an organisation's name can end in `s`: after a suffix, and after a bracketed
    remark right behind it ("西安市财政局（汇总）")."""
    suffixes = words()["suffix"]
    ends = []
    for i in range(1, len(s) + 1):
        if s[:i].endswith(suffixes):
            ends.append(i)
            m = _BRACKETS.match(s, i)
            if m:
                ends.append(m.end())
    return ends


def _may_follow(rest: str) -> bool:
    """What may follow a name in a title: nothing, a year, a 单位：万元 or one of the after-words."""
    return not rest or bool(_YEAR.match(rest)) or rest.startswith(words()["after"]) or rest[0] in "：:，,。（("


def plausible(name: str) -> bool:
    """A name, not a piece of the sentence around one."""
    w = words()
    if name in w["standalone"]:
        return True
    if len(name) < MIN_NAME or any(ch.isdigit() for ch in name):
        return False
    if name.startswith(w["start"]) or any(word in name for word in w["inside"]):
        return False
    return len(name) in _name_ends(name)


def cut_name(raw: str) -> str | None:
    """The organisation's name `raw` starts with, cut where it ends (the longest cut after which only a
    word a title puts after a name follows), or None when `raw` holds no plausible name."""
    s = squash(raw).strip("：:，,。；;、 ")
    for end in sorted(set(_name_ends(s)), reverse=True):
        if _may_follow(s[end:]) and plausible(s[:end]):
            return s[:end]
    return None


def normal(name: str | None) -> str:
    """A name for comparing: brackets (本级, 汇总) and spaces dropped, 中国共产党 read as 中共."""
    return _BRACKETS.sub("", squash(name or "")).replace("中国共产党", "中共")
