"""Small text helpers shared by the transform modules."""
from __future__ import annotations

import re

# Leading Chinese ordinals as printed in tables 1 and 4 ("十九、住房保障支出") or arabic ("1、", "1.").
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十百]+|\d+)[、.．]\s*")
_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Remove all whitespace: wrapped or letter-spaced Chinese names become one string."""
    return _SPACE.sub("", text)


def strip_ordinal(text: str) -> str:
    return _ORDINAL.sub("", text)


def has_ordinal(text: str) -> bool:
    return bool(_ORDINAL.match(text))


_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


def ordinal_value(label: str) -> int | None:
    """'（十二）' → 12, '五' → 5, '第三部分' → 3, '1' → 1; None for what is not a number."""
    s = label.strip("（）()第部分")
    if s.isdigit():
        return int(s)
    if not s or any(c not in _DIGIT and c != "十" for c in s):
        return None
    if "十" not in s:
        return _DIGIT[s] if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    return (_DIGIT.get(tens, 0) if tens else 1) * 10 + (_DIGIT.get(ones, 0) if ones else 0)
