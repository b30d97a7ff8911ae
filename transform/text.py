"""Small text helpers shared by the transform modules."""
from __future__ import annotations

import re

# Leading Chinese ordinals as printed in tables 1 and 4 ("十九、住房保障支出") or arabic ("1、", "1.").
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十百]+|\d+)[、.．]\s*")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans("", "", "“”\"'‘’")


def squash(text: str) -> str:
    """Remove all whitespace: wrapped or letter-spaced Chinese names become one string."""
    return _SPACE.sub("", text)


def strip_ordinal(text: str) -> str:
    return _ORDINAL.sub("", text)


def has_ordinal(text: str) -> bool:
    return bool(_ORDINAL.match(text))


def normalise_title(text: str) -> str:
    return squash(text).translate(_QUOTES)
